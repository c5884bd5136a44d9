/**
 * Binary relations over events 0..n-1 as bit matrices: row `i` holds the
 * successors of `i`. The words are stored at an offset in a shared word
 * array (see alloc.ts), followed by a *row mask*, the set of the events
 * whose row is not empty: the relations of models are sparse (a few rows
 * out of tens), so operations visit the rows of the mask only.
 *
 * Immutable by convention: every operation returns a new relation (the few
 * `...InPlace` methods are for a relation its creator has not shared yet).
 * Graph algorithms (acyclicity, cycles, orders) live in `graph.ts`.
 */
import { reserve, reserved } from './alloc.js';
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
  /** Row `i` occupies `bits[off + i*w .. off + i*w + w)`; the row mask `bits[rows .. rows + w)`. */
  readonly bits: Uint32Array;
  /** Where the relation's rows start in `bits`. */
  readonly off: number;
  /** Where its row mask starts in `bits`: bit `i` is set when row `i` is not empty. */
  readonly rows: number;

  private constructor(n: number, w: number, bits: Uint32Array, off: number) {
    this.n = n;
    this.w = w;
    this.bits = bits;
    this.off = off;
    this.rows = off + n * w;
  }

  static empty(n: number): Relation {
    const w = wordsFor(n), off = reserve((n + 1) * w);
    return new Relation(n, w, reserved(), off);
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

  isEmpty(): boolean {
    const { w, bits, rows } = this;
    for (let k = 0; k < w; k++) if (bits[rows + k] !== 0) return false;
    return true;
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
        let x = bits[row + k];
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
      const x = bits[rows + q];
      if (x === 0) continue;
      const i = (q << 5) + lowestBit(x);
      for (let k = 0; k < w; k++) {
        const y = bits[off + i * w + k];
        if (y !== 0) return [i, (k << 5) + lowestBit(y)];
      }
    }
    return undefined;
  }

  union(o: Relation): Relation {
    return this.copy().orInPlace(o);
  }

  inter(o: Relation): Relation {
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
    const r = Relation.empty(this.n), { w } = this, a = this.bits, b = o.bits, c = r.bits;
    const ao = this.off, bo = o.off, co = r.off, ar = this.rows, br = o.rows, cr = r.rows;
    for (let q = 0; q < w; q++) {
      let x = a[ar + q], m = 0;
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

  /** Sequential composition `this ; o`. */
  seq(o: Relation): Relation {
    const { n, w } = this, a = this.bits, ao = this.off, ar = this.rows, b = o.bits, bo = o.off, br = o.rows;
    const r = Relation.empty(n), c = r.bits, co = r.off, cr = r.rows;
    for (let q = 0; q < w; q++) {
      let x = a[ar + q], m = 0;
      while (x !== 0) {
        const low = x & -x, i = (q << 5) + 31 - Math.clz32(low);
        x ^= low;
        const ci = co + i * w;
        let any = 0;
        for (let k = 0; k < w; k++) {
          // Successors j of i whose own row is not empty.
          let y = a[ao + i * w + k] & b[br + k];
          while (y !== 0) {
            const j = bo + ((k << 5) + lowestBit(y)) * w;
            y &= y - 1;
            for (let h = 0; h < w; h++) any |= c[ci + h] |= b[j + h];
          }
        }
        if (any !== 0) m |= low;
      }
      c[cr + q] = m;
    }
    return r;
  }

  inverse(): Relation {
    const { w, bits } = this, r = Relation.empty(this.n), c = r.bits, co = r.off, cr = r.rows;
    this.forEachRow((row, i) => {
      const iw = i >>> 5, ib = 1 << (i & 31);
      for (let k = 0; k < w; k++) {
        let x = bits[row + k];
        while (x !== 0) {
          const j = (k << 5) + lowestBit(x);
          x &= x - 1;
          c[co + j * w + iw] |= ib;
          c[cr + (j >>> 5)] |= 1 << (j & 31);
        }
      }
    }, this.off);
    return r;
  }

  /** Transitive closure `this^+`. */
  plus(): Relation {
    const r = this.copy();
    closeInPlace(r);
    return r;
  }

  /** Reflexive-transitive closure `this^*` (over all n events). */
  star(): Relation {
    const r = this.copy();
    closeInPlace(r);
    return r.identityInPlace();
  }

  /** `this?`: union with the identity on all events. */
  opt(): Relation {
    return this.copy().identityInPlace();
  }

  /** Sources of pairs. */
  domain(): EventSet {
    const s = EventSet.empty(this.n);
    for (let k = 0; k < this.w; k++) s.words[s.off + k] = this.bits[this.rows + k];
    return s;
  }

  /** Targets of pairs. */
  range(): EventSet {
    const { w, bits } = this, s = EventSet.empty(this.n), out = s.words, so = s.off;
    this.forEachRow((row) => {
      for (let k = 0; k < w; k++) out[so + k] |= bits[row + k];
    }, this.off);
    return s;
  }

  /** `[dom] ; this ; [rng]`, either side optional. */
  restrict(dom: EventSet | undefined, rng: EventSet | undefined): Relation {
    const { w } = this, a = this.bits, ao = this.off, ar = this.rows, r = Relation.empty(this.n), c = r.bits, co = r.off, cr = r.rows;
    for (let q = 0; q < w; q++) {
      let x = dom === undefined ? a[ar + q] : a[ar + q] & dom.word(q), m = 0;
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
      let x = a[ar + q];
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
    const r = Relation.empty(this.n), { w } = this, a = this.bits, c = r.bits, ao = this.off, ar = this.rows, co = r.off, cr = r.rows;
    for (let q = 0; q < w; q++) {
      let x = (c[cr + q] = a[ar + q]);
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
    for (let q = 0; q < w; q++) {
      let x = b[br + q];
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
    const { w, bits, off, rows } = this;
    for (let q = 0; q < w; q++) {
      let x = bits[rows + q], m = 0;
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

  /** Adds the identity on all events to this (unshared) relation; returns it. */
  private identityInPlace(): Relation {
    for (let i = 0; i < this.n; i++) this.add(i, i);
    return this;
  }

  /** Calls `f` with the position in `bits` (from `base`) and the index of each non-empty row, in order. */
  private forEachRow(f: (row: number, i: number) => void, base = this.off): void {
    const { w, bits, rows } = this;
    for (let q = 0; q < w; q++) {
      let x = bits[rows + q];
      while (x !== 0) {
        const i = (q << 5) + lowestBit(x);
        x &= x - 1;
        f(base + i * w, i);
      }
    }
  }
}

/**
 * Warshall's transitive closure of an unshared relation, in place: only
 * events with both predecessors and successors can extend paths, and only
 * non-empty rows can gain pairs (the row mask does not change).
 */
function closeInPlace(rel: Relation): void {
  const { n, w, bits: r, off, rows } = rel;
  const hasPred = rel.range();
  for (let k = 0; k < n; k++) {
    const word = k >>> 5, bit = 1 << (k & 31);
    if ((hasPred.word(word) & bit) === 0 || (r[rows + word] & bit) === 0) continue;
    const kw = off + k * w;
    for (let q = 0; q < w; q++) {
      let x = r[rows + q];
      while (x !== 0) {
        const i = (q << 5) + lowestBit(x);
        x &= x - 1;
        const iw = off + i * w;
        if ((r[iw + word] & bit) !== 0) for (let m = 0; m < w; m++) r[iw + m] |= r[kw + m];
      }
    }
  }
}
