/**
 * Binary relations over events 0..n-1 as bit matrices: row `i` holds the
 * successors of `i`. Immutable by convention: every operation returns a new
 * relation. Graph algorithms (acyclicity, cycles, orders) live in `graph.ts`.
 */
import { allocWords, copyWords } from './alloc.js';
import { EventSet, lastWordMask, lowestBit, popcount, wordsFor, wordsKey } from './event-set.js';

/** A pair (source, target) of event ids. */
export type Edge = readonly [number, number];

export class Relation {
  /** Discriminant, so that relations can stand in tagged unions of values. */
  readonly kind = 'rel' as const;
  /** Universe size. */
  readonly n: number;
  /** Words per row. */
  readonly w: number;
  /** Row `i` occupies `bits[i*w .. i*w+w)`. */
  readonly bits: Uint32Array;

  constructor(n: number, bits: Uint32Array) {
    this.n = n;
    this.w = wordsFor(n);
    this.bits = bits;
  }

  static empty(n: number): Relation {
    return new Relation(n, allocWords(n * wordsFor(n)));
  }

  /** All pairs of events. */
  static universe(n: number): Relation {
    return Relation.cartesian(EventSet.full(n), EventSet.full(n));
  }

  static identity(n: number): Relation {
    return Relation.identityOn(EventSet.full(n));
  }

  /** `[s]`: the identity restricted to `s`. */
  static identityOn(s: EventSet): Relation {
    const n = s.n, w = wordsFor(n), b = allocWords(n * w);
    s.forEach((i) => {
      b[i * w + (i >>> 5)] |= 1 << (i & 31);
    });
    return new Relation(n, b);
  }

  /** `a * b`: every pair with source in `a` and target in `b`. */
  static cartesian(a: EventSet, c: EventSet): Relation {
    const n = a.n, w = wordsFor(n), b = allocWords(n * w), aw = a.words, cw = c.words;
    for (let i = 0; i < n; i++) {
      if ((aw[i >>> 5] & (1 << (i & 31))) === 0) continue;
      for (let k = 0; k < w; k++) b[i * w + k] = cw[k];
    }
    return new Relation(n, b);
  }

  static fromEdges(n: number, edges: Iterable<Edge>): Relation {
    const w = wordsFor(n), b = allocWords(n * w);
    for (const [i, j] of edges) b[i * w + (j >>> 5)] |= 1 << (j & 31);
    return new Relation(n, b);
  }

  /** The pairs (i, j) with `pred(i, j)`. */
  static filter(n: number, pred: (i: number, j: number) => boolean): Relation {
    const w = wordsFor(n), b = allocWords(n * w);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (pred(i, j)) b[i * w + (j >>> 5)] |= 1 << (j & 31);
    return new Relation(n, b);
  }

  has(i: number, j: number): boolean {
    return (this.bits[i * this.w + (j >>> 5)] & (1 << (j & 31))) !== 0;
  }

  /** Successors of `i`. */
  row(i: number): EventSet {
    return new EventSet(this.n, copyWords(this.bits.subarray(i * this.w, i * this.w + this.w)));
  }

  isEmpty(): boolean {
    for (const x of this.bits) if (x !== 0) return false;
    return true;
  }

  get size(): number {
    let c = 0;
    for (const x of this.bits) c += popcount(x);
    return c;
  }

  /** Calls `f` on each pair, in row-major order. */
  forEach(f: (i: number, j: number) => void): void {
    const { n, w, bits } = this;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < w; k++) {
        let x = bits[i * w + k];
        while (x !== 0) {
          f(i, (k << 5) + lowestBit(x));
          x &= x - 1;
        }
      }
    }
  }

  edges(): [number, number][] {
    const out: [number, number][] = [];
    this.forEach((i, j) => out.push([i, j]));
    return out;
  }

  /** First pair in row-major order, or undefined when empty. */
  first(): Edge | undefined {
    const { n, w, bits } = this;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < w; k++) {
        const x = bits[i * w + k];
        if (x !== 0) return [i, (k << 5) + lowestBit(x)];
      }
    }
    return undefined;
  }

  union(o: Relation): Relation {
    const a = this.bits, b = o.bits, r = allocWords(a.length);
    for (let k = 0; k < a.length; k++) r[k] = a[k] | b[k];
    return new Relation(this.n, r);
  }

  inter(o: Relation): Relation {
    const a = this.bits, b = o.bits, r = allocWords(a.length);
    for (let k = 0; k < a.length; k++) r[k] = a[k] & b[k];
    return new Relation(this.n, r);
  }

  diff(o: Relation): Relation {
    const a = this.bits, b = o.bits, r = allocWords(a.length);
    for (let k = 0; k < a.length; k++) r[k] = a[k] & ~b[k];
    return new Relation(this.n, r);
  }

  /** Complement with respect to all pairs of events. */
  complement(): Relation {
    const { n, w } = this, a = this.bits, r = allocWords(a.length), last = lastWordMask(n);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < w; k++) r[i * w + k] = ~a[i * w + k] & (k === w - 1 ? last : 0xffffffff);
    }
    return new Relation(n, r);
  }

  with(i: number, j: number): Relation {
    const r = copyWords(this.bits);
    r[i * this.w + (j >>> 5)] |= 1 << (j & 31);
    return new Relation(this.n, r);
  }

  without(i: number, j: number): Relation {
    const r = copyWords(this.bits);
    r[i * this.w + (j >>> 5)] &= ~(1 << (j & 31));
    return new Relation(this.n, r);
  }

  /** Sequential composition `this ; o`. */
  seq(o: Relation): Relation {
    const { n, w } = this, a = this.bits, b = o.bits, r = allocWords(a.length);
    if (w === 1) {
      for (let i = 0; i < n; i++) {
        let x = a[i], acc = 0;
        while (x !== 0) {
          acc |= b[31 - Math.clz32(x & -x)];
          x &= x - 1;
        }
        r[i] = acc;
      }
      return new Relation(n, r);
    }
    if (w === 2) {
      for (let i = 0; i < n; i++) {
        let lo = 0, hi = 0;
        for (let k = 0; k < 2; k++) {
          let x = a[2 * i + k];
          while (x !== 0) {
            const j = (k << 5) + 31 - Math.clz32(x & -x);
            x &= x - 1;
            lo |= b[2 * j];
            hi |= b[2 * j + 1];
          }
        }
        r[2 * i] = lo;
        r[2 * i + 1] = hi;
      }
      return new Relation(n, r);
    }
    for (let i = 0; i < n; i++) {
      const ri = i * w;
      for (let k = 0; k < w; k++) {
        let x = a[ri + k];
        while (x !== 0) {
          const j = ((k << 5) + lowestBit(x)) * w;
          for (let m = 0; m < w; m++) r[ri + m] |= b[j + m];
          x &= x - 1;
        }
      }
    }
    return new Relation(n, r);
  }

  inverse(): Relation {
    const { n, w, bits } = this, r = allocWords(bits.length);
    for (let i = 0; i < n; i++) {
      const iw = i >>> 5, ib = 1 << (i & 31);
      for (let k = 0; k < w; k++) {
        let x = bits[i * w + k];
        while (x !== 0) {
          const j = (k << 5) + lowestBit(x);
          x &= x - 1;
          r[j * w + iw] |= ib;
        }
      }
    }
    return new Relation(n, r);
  }

  /** Transitive closure `this^+` (Warshall on bit rows). */
  plus(): Relation {
    const r = copyWords(this.bits);
    closeInPlace(this.n, this.w, r);
    return new Relation(this.n, r);
  }

  /** Reflexive-transitive closure `this^*` (over all n events). */
  star(): Relation {
    const { n, w } = this, r = copyWords(this.bits);
    closeInPlace(n, w, r);
    for (let i = 0; i < n; i++) r[i * w + (i >>> 5)] |= 1 << (i & 31);
    return new Relation(n, r);
  }

  /** `this?`: union with the identity on all events. */
  opt(): Relation {
    const { n, w } = this, r = copyWords(this.bits);
    for (let i = 0; i < n; i++) r[i * w + (i >>> 5)] |= 1 << (i & 31);
    return new Relation(n, r);
  }

  /** Sources of pairs. */
  domain(): EventSet {
    const { n, w, bits } = this, out = allocWords(w);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < w; k++) {
        if (bits[i * w + k] !== 0) {
          out[i >>> 5] |= 1 << (i & 31);
          break;
        }
      }
    }
    return new EventSet(n, out);
  }

  /** Targets of pairs. */
  range(): EventSet {
    const { n, w, bits } = this, out = allocWords(w);
    for (let i = 0; i < n; i++) for (let k = 0; k < w; k++) out[k] |= bits[i * w + k];
    return new EventSet(n, out);
  }

  /** `[dom] ; this ; [rng]`, either side optional. */
  restrict(dom: EventSet | undefined, rng: EventSet | undefined): Relation {
    const { n, w } = this, a = this.bits, r = allocWords(a.length);
    for (let i = 0; i < n; i++) {
      if (dom !== undefined && !dom.has(i)) continue;
      for (let k = 0; k < w; k++) r[i * w + k] = rng === undefined ? a[i * w + k] : a[i * w + k] & rng.words[k];
    }
    return new Relation(n, r);
  }

  /** The pairs of this relation satisfying `pred`. */
  filter(pred: (i: number, j: number) => boolean): Relation {
    const { n, w } = this, r = allocWords(this.bits.length);
    this.forEach((i, j) => {
      if (pred(i, j)) r[i * w + (j >>> 5)] |= 1 << (j & 31);
    });
    return new Relation(n, r);
  }

  isIrreflexive(): boolean {
    const { n, w, bits } = this;
    for (let i = 0; i < n; i++) if ((bits[i * w + (i >>> 5)] & (1 << (i & 31))) !== 0) return false;
    return true;
  }

  subsetOf(o: Relation): boolean {
    const a = this.bits, b = o.bits;
    for (let k = 0; k < a.length; k++) if ((a[k] & ~b[k]) !== 0) return false;
    return true;
  }

  equals(o: Relation): boolean {
    if (this.n !== o.n) return false;
    const a = this.bits, b = o.bits;
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
    return true;
  }

  /** A string equal for equal relations of the same universe (for use as a Map key). */
  key(): string {
    return wordsKey(this.bits, 0, this.bits.length);
  }
}

/** Warshall's transitive closure of bit rows, in place; only events with both predecessors and successors can extend paths. */
function closeInPlace(n: number, w: number, r: Uint32Array): void {
  if (w === 1) {
    let hasPred = 0;
    for (let i = 0; i < n; i++) hasPred |= r[i];
    for (let k = 0; k < n; k++) {
      const bit = 1 << k, rk = r[k];
      if ((hasPred & bit) === 0 || rk === 0) continue;
      for (let i = 0; i < n; i++) if ((r[i] & bit) !== 0) r[i] |= rk;
    }
    return;
  }
  if (w === 2) {
    let p0 = 0, p1 = 0;
    for (let i = 0; i < n; i++) {
      p0 |= r[2 * i];
      p1 |= r[2 * i + 1];
    }
    for (let k = 0; k < n; k++) {
      const word = k >>> 5, bit = 1 << (k & 31);
      const lo = r[2 * k], hi = r[2 * k + 1];
      if (((word === 0 ? p0 : p1) & bit) === 0 || (lo | hi) === 0) continue;
      for (let i = 0; i < n; i++) {
        if ((r[2 * i + word] & bit) !== 0) {
          r[2 * i] |= lo;
          r[2 * i + 1] |= hi;
        }
      }
    }
    return;
  }
  const hasPred = allocWords(w);
  for (let k = 0; k < r.length; k++) hasPred[k % w] |= r[k];
  for (let k = 0; k < n; k++) {
    const word = k >>> 5, bit = 1 << (k & 31);
    if ((hasPred[word] & bit) === 0) continue;
    const kw = k * w;
    let any = 0;
    for (let m = 0; m < w; m++) any |= r[kw + m];
    if (any === 0) continue;
    for (let i = 0; i < n; i++) {
      const iw = i * w;
      if ((r[iw + word] & bit) !== 0) for (let m = 0; m < w; m++) r[iw + m] |= r[kw + m];
    }
  }
}
