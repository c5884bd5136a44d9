/**
 * Sets of events 0..n-1 as bit vectors (one Uint32 word per 32 events).
 * Values are immutable by convention: every operation returns a new set.
 */
import { allocWords, copyWords } from './alloc.js';

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
  /** Bit `i` of word `i >>> 5` is set when event `i` is in the set. */
  readonly words: Uint32Array;

  constructor(n: number, words: Uint32Array) {
    this.n = n;
    this.words = words;
  }

  static empty(n: number): EventSet {
    return new EventSet(n, allocWords(wordsFor(n)));
  }

  /** All events 0..n-1. */
  static full(n: number): EventSet {
    const w = allocWords(wordsFor(n)).fill(0xffffffff);
    if (w.length > 0) w[w.length - 1] = lastWordMask(n);
    return new EventSet(n, w);
  }

  static of(n: number, ids: Iterable<number>): EventSet {
    const w = allocWords(wordsFor(n));
    for (const i of ids) w[i >>> 5] |= 1 << (i & 31);
    return new EventSet(n, w);
  }

  /** The events `i` with `pred(i)`. */
  static filter(n: number, pred: (i: number) => boolean): EventSet {
    const w = allocWords(wordsFor(n));
    for (let i = 0; i < n; i++) if (pred(i)) w[i >>> 5] |= 1 << (i & 31);
    return new EventSet(n, w);
  }

  has(i: number): boolean {
    return (this.words[i >>> 5] & (1 << (i & 31))) !== 0;
  }

  get size(): number {
    let c = 0;
    for (const x of this.words) c += popcount(x);
    return c;
  }

  isEmpty(): boolean {
    for (const x of this.words) if (x !== 0) return false;
    return true;
  }

  /** Smallest element, or -1 when empty. */
  first(): number {
    const w = this.words;
    for (let k = 0; k < w.length; k++) if (w[k] !== 0) return (k << 5) + lowestBit(w[k]);
    return -1;
  }

  union(o: EventSet): EventSet {
    const a = this.words, b = o.words, r = allocWords(a.length);
    for (let k = 0; k < a.length; k++) r[k] = a[k] | b[k];
    return new EventSet(this.n, r);
  }

  inter(o: EventSet): EventSet {
    const a = this.words, b = o.words, r = allocWords(a.length);
    for (let k = 0; k < a.length; k++) r[k] = a[k] & b[k];
    return new EventSet(this.n, r);
  }

  diff(o: EventSet): EventSet {
    const a = this.words, b = o.words, r = allocWords(a.length);
    for (let k = 0; k < a.length; k++) r[k] = a[k] & ~b[k];
    return new EventSet(this.n, r);
  }

  /** Complement with respect to the universe 0..n-1. */
  complement(): EventSet {
    return EventSet.full(this.n).diff(this);
  }

  with(i: number): EventSet {
    const r = copyWords(this.words);
    r[i >>> 5] |= 1 << (i & 31);
    return new EventSet(this.n, r);
  }

  without(i: number): EventSet {
    const r = copyWords(this.words);
    r[i >>> 5] &= ~(1 << (i & 31));
    return new EventSet(this.n, r);
  }

  subsetOf(o: EventSet): boolean {
    const a = this.words, b = o.words;
    for (let k = 0; k < a.length; k++) if ((a[k] & ~b[k]) !== 0) return false;
    return true;
  }

  equals(o: EventSet): boolean {
    const a = this.words, b = o.words;
    if (this.n !== o.n) return false;
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
    return true;
  }

  /** Calls `f` on each element in increasing order. */
  forEach(f: (i: number) => void): void {
    const w = this.words;
    for (let k = 0; k < w.length; k++) {
      let x = w[k];
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
    return wordsKey(this.words, 0, this.words.length);
  }
}

/** Hex key of a range of words. */
export function wordsKey(w: Uint32Array, from: number, to: number): string {
  let s = '';
  for (let k = from; k < to; k++) s += w[k].toString(36) + '.';
  return s;
}
