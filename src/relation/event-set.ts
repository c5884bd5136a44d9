/**
 * Sets of events 0..n-1 as bit vectors (one Uint32 word per 32 events),
 * stored at an offset in a shared word array (see alloc.ts). Values are
 * immutable by convention: every operation returns a new set.
 */
import { reserve, reserved } from './alloc.js';

/** Number of 32-bit words needed for `n` bits. */
export function wordsFor(n: number): number {
  return (n + 31) >>> 5;
}

/** Population count of a 32-bit word. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Index of the lowest set bit of a non-zero word. */
export function lowestBit(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/** Mask of the valid bits of the last word of an `n`-bit vector. */
export function lastWordMask(n: number): number {
  const r = n & 31;
  return r === 0 ? 0xffffffff : (1 << r) - 1;
}

/** A set of events of a universe of `n` events. */
export class EventSet {
  /** Discriminant, so that sets can stand in tagged unions of values. */
  readonly kind = 'set' as const;
  /** Universe size. */
  readonly n: number;
  /** Number of words. */
  readonly w: number;
  /** Bit `i` of word `off + (i >>> 5)` is set when event `i` is in the set. */
  readonly words: Uint32Array;
  /** Where the set's words start in `words`. */
  readonly off: number;

  constructor(n: number, words: Uint32Array, off: number) {
    this.n = n;
    this.w = wordsFor(n);
    this.words = words;
    this.off = off;
  }

  static empty(n: number): EventSet {
    const off = reserve(wordsFor(n));
    return new EventSet(n, reserved(), off);
  }

  /** All events 0..n-1. */
  static full(n: number): EventSet {
    const s = EventSet.empty(n), { w, words, off } = s;
    for (let k = 0; k < w; k++) words[off + k] = k === w - 1 ? lastWordMask(n) : 0xffffffff;
    return s;
  }

  static of(n: number, ids: Iterable<number>): EventSet {
    const s = EventSet.empty(n), { words, off } = s;
    for (const i of ids) words[off + (i >>> 5)] |= 1 << (i & 31);
    return s;
  }

  /** The events `i` with `pred(i)`. */
  static filter(n: number, pred: (i: number) => boolean): EventSet {
    const s = EventSet.empty(n), { words, off } = s;
    for (let i = 0; i < n; i++) if (pred(i)) words[off + (i >>> 5)] |= 1 << (i & 31);
    return s;
  }

  has(i: number): boolean {
    return (this.words[this.off + (i >>> 5)] & (1 << (i & 31))) !== 0;
  }

  /** Word `k` of the set. */
  word(k: number): number {
    return this.words[this.off + k];
  }

  get size(): number {
    let c = 0;
    for (let k = 0; k < this.w; k++) c += popcount(this.words[this.off + k]);
    return c;
  }

  /** True when every event of the universe is in the set. */
  isFull(): boolean {
    const { n, w, words, off } = this;
    for (let k = 0; k < w - 1; k++) if (~words[off + k] !== 0) return false;
    return w === 0 || (~words[off + w - 1] & lastWordMask(n)) === 0;
  }

  /** True when the set holds every event of the bit vector of `w` words at `from` in `bits`. */
  containsWords(bits: Uint32Array, from: number): boolean {
    const { w, words, off } = this;
    for (let k = 0; k < w; k++) if ((bits[from + k] & ~words[off + k]) !== 0) return false;
    return true;
  }

  isEmpty(): boolean {
    const { w, words, off } = this;
    for (let k = 0; k < w; k++) if (words[off + k] !== 0) return false;
    return true;
  }

  /** Smallest element, or -1 when empty. */
  first(): number {
    const { w, words, off } = this;
    for (let k = 0; k < w; k++) if (words[off + k] !== 0) return (k << 5) + lowestBit(words[off + k]);
    return -1;
  }

  union(o: EventSet): EventSet {
    const r = EventSet.empty(this.n), a = this.words, b = o.words, c = r.words, ao = this.off, bo = o.off, co = r.off;
    for (let k = 0; k < this.w; k++) c[co + k] = a[ao + k] | b[bo + k];
    return r;
  }

  inter(o: EventSet): EventSet {
    const r = EventSet.empty(this.n), a = this.words, b = o.words, c = r.words, ao = this.off, bo = o.off, co = r.off;
    for (let k = 0; k < this.w; k++) c[co + k] = a[ao + k] & b[bo + k];
    return r;
  }

  diff(o: EventSet): EventSet {
    const r = EventSet.empty(this.n), a = this.words, b = o.words, c = r.words, ao = this.off, bo = o.off, co = r.off;
    for (let k = 0; k < this.w; k++) c[co + k] = a[ao + k] & ~b[bo + k];
    return r;
  }

  /** Complement with respect to the universe 0..n-1. */
  complement(): EventSet {
    return EventSet.full(this.n).diff(this);
  }

  with(i: number): EventSet {
    const r = this.copy();
    r.words[r.off + (i >>> 5)] |= 1 << (i & 31);
    return r;
  }

  without(i: number): EventSet {
    const r = this.copy();
    r.words[r.off + (i >>> 5)] &= ~(1 << (i & 31));
    return r;
  }

  subsetOf(o: EventSet): boolean {
    const a = this.words, b = o.words, ao = this.off, bo = o.off;
    for (let k = 0; k < this.w; k++) if ((a[ao + k] & ~b[bo + k]) !== 0) return false;
    return true;
  }

  equals(o: EventSet): boolean {
    if (this.n !== o.n) return false;
    const a = this.words, b = o.words, ao = this.off, bo = o.off;
    for (let k = 0; k < this.w; k++) if (a[ao + k] !== b[bo + k]) return false;
    return true;
  }

  /** Calls `f` on each element in increasing order. */
  forEach(f: (i: number) => void): void {
    const { w, words, off } = this;
    for (let k = 0; k < w; k++) {
      let x = words[off + k] | 0;
      while (x !== 0) {
        const b = lowestBit(x);
        f((k << 5) + b);
        x &= x - 1;
      }
    }
  }

  toArray(): number[] {
    const out: number[] = [];
    this.forEach((i) => out.push(i));
    return out;
  }

  /** A string equal for equal sets of the same universe (for use as a Map key). */
  key(): string {
    return wordsKey(this.words, this.off, this.off + this.w);
  }

  /** A fresh copy. */
  copy(): EventSet {
    const r = EventSet.empty(this.n), a = this.words, c = r.words, ao = this.off, co = r.off;
    for (let k = 0; k < this.w; k++) c[co + k] = a[ao + k];
    return r;
  }
}

/**
 * A key of a range of words, equal for equal contents: each word as two
 * UTF-16 code units (the words' own bytes, read as 16-bit units), made in
 * chunks by `String.fromCharCode`.
 */
export function wordsKey(w: Uint32Array, from: number, to: number): string {
  const units = new Uint16Array(w.buffer, w.byteOffset + from * 4, (to - from) * 2);
  let s = '';
  for (let k = 0; k < units.length; k += KEY_CHUNK) s += String.fromCharCode.apply(null, units.subarray(k, k + KEY_CHUNK) as unknown as number[]);
  return s;
}

/** Code units per `String.fromCharCode` call (well below engines' argument limits). */
const KEY_CHUNK = 4096;
