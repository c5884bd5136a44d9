/**
 * Word storage for relations and sets. Creating a typed array costs far
 * more than the operations on the few words a relation of tens of events
 * has (a view, `subarray`, included), so relations and sets keep their
 * words at an offset in shared chunks: reserving words moves an index.
 *
 * Fresh memory is itself costly (a candidate execution's evaluation uses
 * tens of kilobytes), so memory can also be reused: while a *scratch
 * scope* is open, words come from chunks that are zeroed and handed out
 * again when the scope closes. Whatever is reserved in a scope must be
 * dropped when it closes; `lasting` runs a computation whose results
 * outlive the scope (they get fresh chunks, which the garbage collector
 * reclaims once unused).
 *
 * This pool is the module's only state, and it is not observable outside
 * scratch scopes: every reservation is zeroed and in no other use.
 */

/** Words per chunk. */
const CHUNK = 1 << 14;
/** Reservations larger than this get an array of their own. */
const LARGE = CHUNK >>> 3;

let chunk: Uint32Array = new Uint32Array(CHUNK);
let used = 0;
let last: Uint32Array = chunk;

/** Scratch chunks (reused), the one in use, the words used in it, and whether reservations come from them. */
const scratch: Uint32Array[] = [new Uint32Array(CHUNK)];
let scratchIndex = 0;
let scratchUsed = 0;
let inScratch = false;

/**
 * Reserves `len` zeroed words and returns their offset in the array
 * `reserved()` returns (read it right after, before reserving again).
 */
export function reserve(len: number): number {
  if (len > LARGE) {
    last = new Uint32Array(len);
    return 0;
  }
  if (inScratch) {
    if (scratchUsed + len > CHUNK) {
      if (++scratchIndex === scratch.length) scratch.push(new Uint32Array(CHUNK));
      scratchUsed = 0;
    }
    const off = scratchUsed;
    scratchUsed += len;
    last = scratch[scratchIndex];
    return off;
  }
  if (used + len > CHUNK) {
    chunk = new Uint32Array(CHUNK);
    used = 0;
  }
  const off = used;
  used += len;
  last = chunk;
  return off;
}

/** The array of the last reservation. */
export function reserved(): Uint32Array {
  return last;
}

/** Where a scratch scope started. */
export interface ScratchMark {
  readonly index: number;
  readonly used: number;
  readonly inScratch: boolean;
}

/** Opens a scratch scope (scopes nest). */
export function openScratch(): ScratchMark {
  const mark = { index: scratchIndex, used: scratchUsed, inScratch };
  inScratch = true;
  return mark;
}

/** Closes the scratch scope opened at `mark`: its words are zeroed, to be reserved again. */
export function closeScratch(mark: ScratchMark): void {
  for (let k = mark.index; k <= scratchIndex; k++) {
    scratch[k].fill(0, k === mark.index ? mark.used : 0, k === scratchIndex ? scratchUsed : CHUNK);
  }
  scratchIndex = mark.index;
  scratchUsed = mark.used;
  inScratch = mark.inScratch;
}

/** Runs `f` with reservations that outlive any scratch scope open now. */
export function lasting<T>(f: () => T): T {
  if (!inScratch) return f();
  inScratch = false;
  try {
    return f();
  } finally {
    inScratch = true;
  }
}
