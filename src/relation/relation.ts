/**
 * Binary relations over events 0..n-1 as bit matrices: row `i` holds the
 * successors of `i`. The words are stored at an offset in a shared word
 * array (see alloc.ts), followed by a *row mask*, the set of the events
 * whose row is not empty: the relations of models are sparse (a few rows
 * out of tens), so operations visit the rows of the mask only.
 *
 * Immutable by convention: operations return a new relation, or one of
 * their operands when the result equals it (the few `...InPlace` methods
 * are for a relation from `empty` or `copy` its creator has not shared).
 * Graph algorithms (acyclicity, cycles, orders) live in `graph.ts`.
 */
import { reserve, reserved } from './alloc.js';
import { closeInPlace, maskRows3, orRows3, seqRows1, seqRows2, seqRows3 } from './kernels.js';
import { EventSet, lastWordMask, lowestBit, popcount, wordsFor, wordsKey } from './event-set.js';

/** Above this many rows, a relation is copied as one block of words. */
const BLOCK_COPY_ROWS = 12;

/** The number of non-empty rows, from the row mask at `rows` (`w` words). */
function rowCount(bits: Uint32Array, rows: number, w: number): number {
  let c = 0;
  for (let k = 0; k < w; k++) c += popcount(bits[rows + k]);
  return c;
}

/** A pair (source, target) of event ids. */
export type Edge = readonly [number, number];

export class Relation {
  /** Discriminant, so that relations can stand in tagged unions of values. */
  readonly kind = 'rel' as const;
  /** Universe size. */
  readonly n: number;
  /** Words per row. */
  readonly w: number;
  /** Row `i` occupies `bits[off + i*w .. off + i*w + w)`; the row mask `bits[rows .. rows + w)`. */
  readonly bits: Uint32Array;
  /** Where the relation's rows start in `bits`. */
  readonly off: number;
  /** Where its row mask starts in `bits`: bit `i` is set when row `i` is not empty. */
  readonly rows: number;
  /**
   * For a relation known to hold every pair (i, i) (the result of `*` or
   * `?`): where the mask of the rows holding more than their own pair
   * starts in `bits` (composition skips the others); -1 otherwise.
   */
  private readonly strict: number;

  private constructor(n: number, w: number, bits: Uint32Array, off: number, reflexive: boolean) {
    this.n = n;
    this.w = w;
    this.bits = bits;
    this.off = off;
    this.rows = off + n * w;
    this.strict = reflexive ? this.rows + w : -1;
  }

  static empty(n: number): Relation {
    return Relation.alloc(n, false);
  }

  /** A fresh empty relation, with room for the mask of strict rows when `reflexive`. */
  private static alloc(n: number, reflexive: boolean): Relation {
    const w = wordsFor(n), off = reserve((n + (reflexive ? 2 : 1)) * w);
    return new Relation(n, w, reserved(), off, reflexive);
  }

  /** All pairs of events. */
  static universe(n: number): Relation {
    return Relation.cartesian(EventSet.full(n), EventSet.full(n));
  }

  /** The identity on all events, as a reflexive relation with no other pair (see `isIdentity`). */
  static identity(n: number): Relation {
    return Relation.alloc(n, true).identityInPlace();
  }

  /** `[s]`: the identity restricted to `s`. */
  static identityOn(s: EventSet): Relation {
    const r = Relation.empty(s.n);
    s.forEach((i) => r.add(i, i));
    return r;
  }

  /** `a * b`: every pair with source in `a` and target in `b`. */
  static cartesian(a: EventSet, c: EventSet): Relation {
    const r = Relation.empty(a.n);
    if (c.isEmpty()) return r;
    const { w, bits, off, rows } = r;
    a.forEach((i) => {
      for (let k = 0; k < w; k++) bits[off + i * w + k] = c.word(k);
      bits[rows + (i >>> 5)] |= 1 << (i & 31);
    });
    return r;
  }

  static fromEdges(n: number, edges: Iterable<Edge>): Relation {
    const r = Relation.empty(n);
    for (const [i, j] of edges) r.add(i, j);
    return r;
  }

  /** The equivalence relation whose classes are `classes` (disjoint sets of events). */
  static fromClasses(n: number, classes: Iterable<readonly number[]>): Relation {
    const r = Relation.empty(n);
    for (const c of classes) for (const i of c) for (const j of c) r.add(i, j);
    return r;
  }

  /** The union of the strict total orders of `chains` (each a sequence of events, earlier before later). */
  static fromChains(n: number, chains: Iterable<readonly number[]>): Relation {
    const r = Relation.empty(n);
    for (const c of chains) for (let a = 0; a < c.length; a++) for (let b = a + 1; b < c.length; b++) r.add(c[a], c[b]);
    return r;
  }

  /** The pairs (i, j) with `pred(i, j)`. */
  static filter(n: number, pred: (i: number, j: number) => boolean): Relation {
    const r = Relation.empty(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (pred(i, j)) r.add(i, j);
    return r;
  }

  has(i: number, j: number): boolean {
    return (this.bits[this.off + i * this.w + (j >>> 5)] & (1 << (j & 31))) !== 0;
  }

  /** Successors of `i`. */
  row(i: number): EventSet {
    const s = EventSet.empty(this.n), base = this.off + i * this.w;
    for (let k = 0; k < this.w; k++) s.words[s.off + k] = this.bits[base + k];
    return s;
  }

  /** True for a relation known to be the identity on all events (built by `identity`, or `*` or `?` of an empty relation). */
  isIdentity(): boolean {
    if (this.strict < 0) return false;
    const { w, bits, strict } = this;
    for (let k = 0; k < w; k++) if (bits[strict + k] !== 0) return false;
    return true;
  }

  isEmpty(): boolean {
    const { w, bits, rows } = this;
    for (let k = 0; k < w; k++) if (bits[rows + k] !== 0) return false;
    return true;
  }

  /** The number of non-empty rows. */
  get rowCount(): number {
    return rowCount(this.bits, this.rows, this.w);
  }

  get size(): number {
    let c = 0;
    this.forEachRow((row) => {
      for (let k = 0; k < this.w; k++) c += popcount(this.bits[row + k]);
    });
    return c;
  }

  /** Calls `f` on each pair, in row-major order. */
  forEach(f: (i: number, j: number) => void): void {
    const { w, bits, off } = this;
    this.forEachRow((row, i) => {
      for (let k = 0; k < w; k++) {
        let x = bits[row + k] | 0;
        while (x !== 0) {
          f(i, (k << 5) + lowestBit(x));
          x &= x - 1;
        }
      }
    }, off);
  }

  edges(): [number, number][] {
    const out: [number, number][] = [];
    this.forEach((i, j) => out.push([i, j]));
    return out;
  }

  /** First pair in row-major order, or undefined when empty. */
  first(): Edge | undefined {
    const { w, bits, off, rows } = this;
    for (let q = 0; q < w; q++) {
      const x = bits[rows + q] | 0;
      if (x === 0) continue;
      const i = (q << 5) + lowestBit(x);
      for (let k = 0; k < w; k++) {
        const y = bits[off + i * w + k] | 0;
        if (y !== 0) return [i, (k << 5) + lowestBit(y)];
      }
    }
    return undefined;
  }

  union(o: Relation): Relation {
    if (o.isEmpty()) return this;
    return this.isEmpty() ? o : this.copy().orInPlace(o);
  }

  inter(o: Relation): Relation {
    if (this.isEmpty()) return this;
    if (o.isEmpty()) return o;
    const r = Relation.empty(this.n), { w } = this, a = this.bits, b = o.bits, c = r.bits;
    const ao = this.off, bo = o.off, co = r.off, ar = this.rows, br = o.rows, cr = r.rows;
    for (let q = 0; q < w; q++) {
      let x = a[ar + q] & b[br + q], m = 0;
      while (x !== 0) {
        const low = x & -x, i = (q << 5) + 31 - Math.clz32(low);
        x ^= low;
        let any = 0;
        for (let k = 0; k < w; k++) any |= c[co + i * w + k] = a[ao + i * w + k] & b[bo + i * w + k];
        if (any !== 0) m |= low;
      }
      c[cr + q] = m;
    }
    return r;
  }

  diff(o: Relation): Relation {
    if (this.isEmpty() || o.isEmpty()) return this;
    const r = Relation.empty(this.n), { w } = this, a = this.bits, b = o.bits, c = r.bits;
    const ao = this.off, bo = o.off, co = r.off, ar = this.rows, br = o.rows, cr = r.rows;
    for (let q = 0; q < w; q++) {
      let x = a[ar + q] | 0, m = 0;
      const skip = ~b[br + q];
      while (x !== 0) {
        const low = x & -x, i = (q << 5) + 31 - Math.clz32(low);
        x ^= low;
        if ((skip & low) !== 0) {
          for (let k = 0; k < w; k++) c[co + i * w + k] = a[ao + i * w + k];
          m |= low;
          continue;
        }
        let any = 0;
        for (let k = 0; k < w; k++) any |= c[co + i * w + k] = a[ao + i * w + k] & ~b[bo + i * w + k];
        if (any !== 0) m |= low;
      }
      c[cr + q] = m;
    }
    return r;
  }

  /** `this & o^-1`, without building `o^-1`. */
  interInverse(o: Relation): Relation {
    return this.isEmpty() ? this : o.isEmpty() ? o : this.byReverse(o, true);
  }

  /** `this \ o^-1`, without building `o^-1`. */
  diffInverse(o: Relation): Relation {
    return this.isEmpty() || o.isEmpty() ? this : this.byReverse(o, false);
  }

  /** The pairs (i, j) of this relation with (j, i) in `o` (`inO`), or not in `o`. */
  private byReverse(o: Relation, inO: boolean): Relation {
    const { w, bits, off, rows } = this, r = Relation.empty(this.n);
    for (let q = 0; q < w; q++) {
      let x = bits[rows + q] | 0;
      while (x !== 0) {
        const i = (q << 5) + lowestBit(x);
        x &= x - 1;
        for (let k = 0; k < w; k++) {
          for (let y = bits[off + i * w + k] | 0; y !== 0; y &= y - 1) {
            const j = (k << 5) + lowestBit(y);
            if (o.has(j, i) === inO) r.add(i, j);
          }
        }
      }
    }
    return r;
  }

  /** Complement with respect to all pairs of events. */
  complement(): Relation {
    const { n, w, bits, off } = this, r = Relation.empty(n), c = r.bits, co = r.off, last = lastWordMask(n);
    for (let i = 0; i < n; i++) {
      let any = 0;
      for (let k = 0; k < w; k++) any |= c[co + i * w + k] = ~bits[off + i * w + k] & (k === w - 1 ? last : 0xffffffff);
      if (any !== 0) c[r.rows + (i >>> 5)] |= 1 << (i & 31);
    }
    return r;
  }

  with(i: number, j: number): Relation {
    const r = this.copy();
    r.add(i, j);
    return r;
  }

  without(i: number, j: number): Relation {
    const r = this.copy(), { w, bits, off, rows } = r;
    bits[off + i * w + (j >>> 5)] &= ~(1 << (j & 31));
    let any = 0;
    for (let k = 0; k < w; k++) any |= bits[off + i * w + k];
    if (any === 0) bits[rows + (i >>> 5)] &= ~(1 << (i & 31));
    return r;
  }

  /**
   * Sequential composition `this ; o`: each row of `this` gathers the rows
   * of `o` its pairs lead to. A reflexive operand's rows that hold only
   * their own pair need no gathering: such a row of `this` gives the row
   * of `o`, and such a row of `o` adds nothing to a row that leads to it.
   */
  seq(o: Relation): Relation {
    if (this.isEmpty()) return this;
    if (o.isEmpty()) return o;
    if (o.isIdentity()) return this;
    if (this.isIdentity()) return o;
    const { n, w } = this, a = this.bits, ao = this.off, b = o.bits, bo = o.off;
    // Composing two reflexive relations gives a reflexive one, whose rows hold only their own pair where both operands' do.
    const reflexive = this.strict >= 0 && o.strict >= 0;
    const r = Relation.alloc(n, reflexive), c = r.bits, co = r.off, cr = r.rows;
    if (reflexive) for (let k = 0; k < w; k++) c[r.strict + k] = a[this.strict + k] | b[o.strict + k];
    const am = this.strict >= 0 ? this.strict : this.rows;
    const bm = o.strict >= 0 ? o.strict : o.rows, bReflexive = o.strict >= 0;
    if (this.strict >= 0) {
      for (let q = 0; q < w; q++) {
        let x = (c[cr + q] = b[o.rows + q] & ~a[am + q]);
        while (x !== 0) {
          const i = ((q << 5) + lowestBit(x)) * w;
          x &= x - 1;
          for (let k = 0; k < w; k++) c[co + i + k] = b[bo + i + k];
        }
      }
    }
    if (w === 1) {
      seqRows1(a, ao, a[am] | 0, b, bo, b[bm] | 0, bReflexive, c, co, cr);
      return r;
    }
    if (w === 2) {
      seqRows2(a, ao, a[am] | 0, a[am + 1] | 0, b, bo, b[bm] | 0, b[bm + 1] | 0, bReflexive, c, co, cr);
      return r;
    }
    if (w === 3) {
      seqRows3(a, ao, a[am] | 0, a[am + 1] | 0, a[am + 2] | 0, b, bo, b[bm] | 0, b[bm + 1] | 0, b[bm + 2] | 0, bReflexive, c, co, cr);
      return r;
    }
    for (let q = 0; q < w; q++) {
      let x = a[am + q] | 0, m = 0;
      while (x !== 0) {
        const low = x & -x, i = (q << 5) + 31 - Math.clz32(low);
        x ^= low;
        const ai = ao + i * w, ci = co + i * w;
        let any = 0;
        if (bReflexive) for (let k = 0; k < w; k++) any |= c[ci + k] = a[ai + k];
        for (let k = 0; k < w; k++) {
          let y = a[ai + k] & b[bm + k];
          while (y !== 0) {
            const j = bo + ((k << 5) + lowestBit(y)) * w;
            y &= y - 1;
            for (let h = 0; h < w; h++) any |= c[ci + h] |= b[j + h];
          }
        }
        if (any !== 0) m |= low;
      }
      c[cr + q] |= m;
    }
    return r;
  }

  /**
   * `this ; o` for a relation its owner has not shared: its own words are
   * reused (each row is replaced by the rows of `o` it leads to) when rows
   * have at most three words and it is not reflexive (see `strict`);
   * otherwise, or when either is empty, as `seq`.
   */
  seqOwned(o: Relation): Relation {
    const { w, bits, off, rows } = this;
    if (w > 3 || this.strict >= 0 || this.isEmpty() || o.isEmpty() || o.isIdentity()) return this.seq(o);
    const b = o.bits, bo = o.off, bReflexive = o.strict >= 0, bm = bReflexive ? o.strict : o.rows;
    // The kernels add the rows they fill to the row mask: it starts empty.
    const a0 = bits[rows] | 0, a1 = w > 1 ? bits[rows + 1] | 0 : 0, a2 = w > 2 ? bits[rows + 2] | 0 : 0;
    for (let k = 0; k < w; k++) bits[rows + k] = 0;
    if (w === 1) seqRows1(bits, off, a0, b, bo, b[bm] | 0, bReflexive, bits, off, rows);
    else if (w === 2) seqRows2(bits, off, a0, a1, b, bo, b[bm] | 0, b[bm + 1] | 0, bReflexive, bits, off, rows);
    else seqRows3(bits, off, a0, a1, a2, b, bo, b[bm] | 0, b[bm + 1] | 0, b[bm + 2] | 0, bReflexive, bits, off, rows);
    return this;
  }

  inverse(): Relation {
    const { w, bits, off, rows } = this, r = Relation.empty(this.n), c = r.bits, co = r.off, cr = r.rows;
    for (let q = 0; q < w; q++) {
      let x = bits[rows + q] | 0;
      while (x !== 0) {
        const i = (q << 5) + lowestBit(x);
        x &= x - 1;
        const iw = i >>> 5, ib = 1 << (i & 31), row = off + i * w;
        for (let k = 0; k < w; k++) {
          let y = bits[row + k] | 0;
          c[cr + k] |= y;
          while (y !== 0) {
            const j = (k << 5) + lowestBit(y);
            y &= y - 1;
            c[co + j * w + iw] |= ib;
          }
        }
      }
    }
    return r;
  }

  /** Transitive closure `this^+`. */
  plus(): Relation {
    if (this.isEmpty()) return this;
    const r = this.copy();
    closeInPlace(r);
    return r;
  }

  /** Reflexive-transitive closure `this^*` (over all n events). */
  star(): Relation {
    const r = this.copyInto(Relation.alloc(this.n, true));
    closeInPlace(r);
    return r.identityInPlace();
  }

  /** `this?`: union with the identity on all events. */
  opt(): Relation {
    return this.copyInto(Relation.alloc(this.n, true)).identityInPlace();
  }

  /** Sources of pairs. */
  domain(): EventSet {
    const s = EventSet.empty(this.n);
    for (let k = 0; k < this.w; k++) s.words[s.off + k] = this.bits[this.rows + k];
    return s;
  }

  /** Targets of pairs. */
  range(): EventSet {
    const { w, bits, off, rows } = this, s = EventSet.empty(this.n), out = s.words, so = s.off;
    for (let q = 0; q < w; q++) {
      let x = bits[rows + q] | 0;
      while (x !== 0) {
        const row = off + ((q << 5) + lowestBit(x)) * w;
        x &= x - 1;
        for (let k = 0; k < w; k++) out[so + k] |= bits[row + k];
      }
    }
    return s;
  }

  /** `[dom] ; this ; [rng]`, either side optional: this relation itself when neither removes a pair. */
  restrict(dom: EventSet | undefined, rng: EventSet | undefined): Relation {
    if (this.isEmpty()) return this;
    const { w } = this, a = this.bits, ao = this.off, ar = this.rows;
    if ((dom === undefined || dom.containsWords(a, ar)) && (rng === undefined || rng.isFull())) return this;
    const r = Relation.empty(this.n), c = r.bits, co = r.off, cr = r.rows;
    if (w === 3) {
      const d0 = dom === undefined ? -1 : dom.word(0), d1 = dom === undefined ? -1 : dom.word(1), d2 = dom === undefined ? -1 : dom.word(2);
      const k0 = rng === undefined ? -1 : rng.word(0) | 0, k1 = rng === undefined ? -1 : rng.word(1) | 0, k2 = rng === undefined ? -1 : rng.word(2) | 0;
      maskRows3(a, ao, a[ar] & d0, a[ar + 1] & d1, a[ar + 2] & d2, k0, k1, k2, c, co, cr);
      return r;
    }
    for (let q = 0; q < w; q++) {
      let x = (dom === undefined ? a[ar + q] : a[ar + q] & dom.word(q)) | 0, m = 0;
      while (x !== 0) {
        const low = x & -x, i = (q << 5) + 31 - Math.clz32(low);
        x ^= low;
        let any = 0;
        for (let k = 0; k < w; k++) any |= c[co + i * w + k] = rng === undefined ? a[ao + i * w + k] : a[ao + i * w + k] & rng.word(k);
        if (any !== 0) m |= low;
      }
      c[cr + q] = m;
    }
    return r;
  }

  /** The pairs of this relation satisfying `pred`. */
  filter(pred: (i: number, j: number) => boolean): Relation {
    const r = Relation.empty(this.n);
    this.forEach((i, j) => {
      if (pred(i, j)) r.add(i, j);
    });
    return r;
  }

  isIrreflexive(): boolean {
    let ok = true;
    this.forEachRow((row, i) => {
      if ((this.bits[row + (i >>> 5)] & (1 << (i & 31))) !== 0) ok = false;
    }, this.off);
    return ok;
  }

  subsetOf(o: Relation): boolean {
    const { w } = this, a = this.bits, b = o.bits, ao = this.off, bo = o.off, ar = this.rows, br = o.rows;
    for (let q = 0; q < w; q++) {
      let x = a[ar + q] | 0;
      if ((x & ~b[br + q]) !== 0) return false;
      while (x !== 0) {
        const i = (q << 5) + lowestBit(x);
        x &= x - 1;
        for (let k = 0; k < w; k++) if ((a[ao + i * w + k] & ~b[bo + i * w + k]) !== 0) return false;
      }
    }
    return true;
  }

  equals(o: Relation): boolean {
    return this.n === o.n && this.subsetOf(o) && o.subsetOf(this);
  }

  /** A string equal for equal relations of the same universe (for use as a Map key). */
  key(): string {
    return wordsKey(this.bits, this.off, this.rows);
  }

  /** A fresh copy, which its caller may update in place before sharing it. */
  copy(): Relation {
    return this.copyInto(Relation.empty(this.n));
  }

  /** Copies the pairs of this relation into the fresh empty relation `r`; returns it. */
  private copyInto(r: Relation): Relation {
    const { w } = this, a = this.bits, c = r.bits, ao = this.off, ar = this.rows, co = r.off, cr = r.rows;
    // Many rows in the same word array: one block copy (rows and row mask) beats a copy row by row.
    if (a === c && rowCount(a, ar, w) > BLOCK_COPY_ROWS) {
      c.copyWithin(co, ao, ar + w);
      return r;
    }
    if (w === 3) {
      maskRows3(a, ao, a[ar] | 0, a[ar + 1] | 0, a[ar + 2] | 0, -1, -1, -1, c, co, cr);
      return r;
    }
    for (let q = 0; q < w; q++) {
      let x = (c[cr + q] = a[ar + q]) | 0;
      while (x !== 0) {
        const i = ((q << 5) + lowestBit(x)) * w;
        x &= x - 1;
        for (let k = 0; k < w; k++) c[co + i + k] = a[ao + i + k];
      }
    }
    return r;
  }

  /** Adds the pairs of `o` to this (unshared) relation; returns it. */
  orInPlace(o: Relation): Relation {
    const { w } = this, a = this.bits, b = o.bits, ao = this.off, ar = this.rows, bo = o.off, br = o.rows;
    if (w === 3) {
      orRows3(a, ao, ar, b, bo, br);
      return this;
    }
    for (let q = 0; q < w; q++) {
      let x = b[br + q] | 0;
      a[ar + q] |= x;
      while (x !== 0) {
        const i = ((q << 5) + lowestBit(x)) * w;
        x &= x - 1;
        for (let k = 0; k < w; k++) a[ao + i + k] |= b[bo + i + k];
      }
    }
    return this;
  }

  /** Keeps the pairs of this (unshared) relation whose target is in `s`; returns it. */
  maskColumnsInPlace(s: EventSet): Relation {
    if (s.isFull()) return this;
    const { w, bits, off, rows } = this;
    if (w === 3) {
      maskRows3(bits, off, bits[rows] | 0, bits[rows + 1] | 0, bits[rows + 2] | 0, s.word(0) | 0, s.word(1) | 0, s.word(2) | 0, bits, off, rows);
      return this;
    }
    for (let q = 0; q < w; q++) {
      let x = bits[rows + q] | 0, m = 0;
      while (x !== 0) {
        const low = x & -x, i = (q << 5) + 31 - Math.clz32(low);
        x ^= low;
        let any = 0;
        for (let k = 0; k < w; k++) any |= bits[off + i * w + k] &= s.word(k);
        if (any !== 0) m |= low;
      }
      bits[rows + q] = m;
    }
    return this;
  }

  /** Adds the pair (i, j) to this (unshared) relation. */
  private add(i: number, j: number): void {
    this.bits[this.off + i * this.w + (j >>> 5)] |= 1 << (j & 31);
    this.bits[this.rows + (i >>> 5)] |= 1 << (i & 31);
  }

  /**
   * Adds the identity on all events to this (unshared) relation; returns
   * it. The rows not empty before are those that may hold more than their
   * own pair: they are the strict rows of a relation that has room for them.
   */
  private identityInPlace(): Relation {
    const { n, w, bits, off, rows, strict } = this;
    if (strict >= 0) for (let k = 0; k < w; k++) bits[strict + k] = bits[rows + k];
    for (let i = 0, p = off; i < n; i++, p += w) bits[p + (i >>> 5)] |= 1 << (i & 31);
    for (let k = 0; k < w; k++) bits[rows + k] = k === w - 1 ? lastWordMask(n) : 0xffffffff;
    return this;
  }

  /** Calls `f` with the position in `bits` (from `base`) and the index of each non-empty row, in order. */
  private forEachRow(f: (row: number, i: number) => void, base = this.off): void {
    const { w, bits, rows } = this;
    for (let q = 0; q < w; q++) {
      let x = bits[rows + q] | 0;
      while (x !== 0) {
        const i = (q << 5) + lowestBit(x);
        x &= x - 1;
        f(base + i * w, i);
      }
    }
  }
}
