/**
 * Word storage for relations and sets. Creating a typed array costs far
 * more than the operations on the few words a relation of tens of events
 * has (a view, `subarray`, included), so relations and sets keep their
 * words at an offset in shared chunks: reserving words moves an index, and
 * a chunk is reclaimed by the garbage collector once no relation or set
 * uses it. This pool is the module's only state and is not observable:
 * every reservation is fresh and zeroed.
 */

/** Words per chunk. */
const CHUNK = 1 << 14;
/** Reservations larger than this get an array of their own. */
const LARGE = CHUNK >>> 3;

let chunk = new Uint32Array(CHUNK);
let used = 0;
let last = chunk;

/**
 * Reserves `len` zeroed words and returns their offset in the array
 * `reserved()` returns (read it right after, before reserving again).
 */
export function reserve(len: number): number {
  if (len > LARGE) {
    last = new Uint32Array(len);
    return 0;
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
