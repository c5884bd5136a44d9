/**
 * The word-level loops behind composition and transitive closure of
 * relations (see relation.ts for the layout: rows at an offset, then the
 * mask of non-empty rows).
 */
import { reserve, reserved } from './alloc.js';
import { lowestBit } from './event-set.js';
import type { Relation } from './relation.js';

/** `seqRows2` for relations of one word per row (up to 32 events). */
export function seqRows1(a: Uint32Array, ao: number, a0: number, b: Uint32Array, bo: number, b0: number, bReflexive: boolean, c: Uint32Array, co: number, cr: number): void {
  let x = a0, m = 0;
  while (x !== 0) {
    const low = x & -x, i = 31 - Math.clz32(low);
    x ^= low;
    const row = a[ao + i] | 0;
    let acc = bReflexive ? row : 0;
    for (let y = row & b0; y !== 0; y &= y - 1) acc |= b[bo + 31 - Math.clz32(y & -y)];
    c[co + i] = acc;
    if (acc !== 0) m |= low;
  }
  c[cr] |= m;
}

/**
 * The rows of `a ; b` for relations of two words per row (33 to 64
 * events), in locals: rows `a0`, `a1` (mask words) of `a` at `ao`, gathering
 * the rows `b0`, `b1` of `b` at `bo` (`bReflexive`: every row of `b` also
 * holds its own pair), into `c` at `co`, row mask at `cr`.
 */
export function seqRows2(
  a: Uint32Array, ao: number, a0: number, a1: number,
  b: Uint32Array, bo: number, b0: number, b1: number, bReflexive: boolean,
  c: Uint32Array, co: number, cr: number,
): void {
  for (let q = 0; q < 2; q++) {
    let x = q === 0 ? a0 : a1, m = 0;
    while (x !== 0) {
      const low = x & -x, i = 2 * ((q << 5) + 31 - Math.clz32(low));
      x ^= low;
      const lo0 = a[ao + i] | 0, hi0 = a[ao + i + 1] | 0;
      let lo = bReflexive ? lo0 : 0, hi = bReflexive ? hi0 : 0;
      for (let y = lo0 & b0; y !== 0; y &= y - 1) {
        const j = bo + 2 * (31 - Math.clz32(y & -y));
        lo |= b[j];
        hi |= b[j + 1];
      }
      for (let y = hi0 & b1; y !== 0; y &= y - 1) {
        const j = bo + 2 * (63 - Math.clz32(y & -y));
        lo |= b[j];
        hi |= b[j + 1];
      }
      c[co + i] = lo;
      c[co + i + 1] = hi;
      if ((lo | hi) !== 0) m |= low;
    }
    c[cr + q] |= m;
  }
}

/** `seqRows2` for relations of three words per row (65 to 96 events): mask words `a0..a2` of `a`, `b0..b2` of `b`. */
export function seqRows3(
  a: Uint32Array, ao: number, a0: number, a1: number, a2: number,
  b: Uint32Array, bo: number, b0: number, b1: number, b2: number, bReflexive: boolean,
  c: Uint32Array, co: number, cr: number,
): void {
  for (let q = 0; q < 3; q++) {
    let x = q === 0 ? a0 : q === 1 ? a1 : a2, m = 0;
    while (x !== 0) {
      const low = x & -x, i = 3 * ((q << 5) + 31 - Math.clz32(low));
      x ^= low;
      const r0 = a[ao + i] | 0, r1 = a[ao + i + 1] | 0, r2 = a[ao + i + 2] | 0;
      let w0 = bReflexive ? r0 : 0, w1 = bReflexive ? r1 : 0, w2 = bReflexive ? r2 : 0;
      for (let y = r0 & b0; y !== 0; y &= y - 1) {
        const j = bo + 3 * (31 - Math.clz32(y & -y));
        w0 |= b[j];
        w1 |= b[j + 1];
        w2 |= b[j + 2];
      }
      for (let y = r1 & b1; y !== 0; y &= y - 1) {
        const j = bo + 3 * (63 - Math.clz32(y & -y));
        w0 |= b[j];
        w1 |= b[j + 1];
        w2 |= b[j + 2];
      }
      for (let y = r2 & b2; y !== 0; y &= y - 1) {
        const j = bo + 3 * (95 - Math.clz32(y & -y));
        w0 |= b[j];
        w1 |= b[j + 1];
        w2 |= b[j + 2];
      }
      c[co + i] = w0;
      c[co + i + 1] = w1;
      c[co + i + 2] = w2;
      if ((w0 | w1 | w2) !== 0) m |= low;
    }
    c[cr + q] |= m;
  }
}

/**
 * For relations of three words per row: the rows of `a` (at `ao`) in the
 * row mask `x0..x2`, their columns restricted to `k0..k2`, into `c` (at
 * `co`, row mask at `cr`, which this sets); `c` may be `a` (in place).
 */
export function maskRows3(
  a: Uint32Array, ao: number, x0: number, x1: number, x2: number, k0: number, k1: number, k2: number,
  c: Uint32Array, co: number, cr: number,
): void {
  for (let q = 0; q < 3; q++) {
    let x = q === 0 ? x0 : q === 1 ? x1 : x2, m = 0;
    while (x !== 0) {
      const low = x & -x, i = ((q << 5) + 31 - Math.clz32(low)) * 3;
      x ^= low;
      const y0 = (c[co + i] = a[ao + i] & k0), y1 = (c[co + i + 1] = a[ao + i + 1] & k1), y2 = (c[co + i + 2] = a[ao + i + 2] & k2);
      if ((y0 | y1 | y2) !== 0) m |= low;
    }
    c[cr + q] = m;
  }
}

/** For relations of three words per row: adds the rows of `b` (at `bo`, row mask at `br`) to `a` (at `ao`, row mask at `ar`). */
export function orRows3(a: Uint32Array, ao: number, ar: number, b: Uint32Array, bo: number, br: number): void {
  for (let q = 0; q < 3; q++) {
    let x = b[br + q] | 0;
    a[ar + q] |= x;
    while (x !== 0) {
      const i = ((q << 5) + 31 - Math.clz32(x & -x)) * 3;
      x &= x - 1;
      a[ao + i] |= b[bo + i];
      a[ao + i + 1] |= b[bo + i + 1];
      a[ao + i + 2] |= b[bo + i + 2];
    }
  }
}

/**
 * Warshall's transitive closure of an unshared relation, in place: only
 * events with both predecessors and successors can extend paths, and only
 * non-empty rows can gain pairs (the row mask does not change, nor do the
 * events with predecessors).
 */
export function closeInPlace(rel: Relation): void {
  const { w, bits: r, off, rows } = rel;
  // The events with predecessors and successors, in scratch words.
  const via = reserve(w), v = reserved();
  for (let q = 0; q < w; q++) {
    let x = r[rows + q] | 0;
    while (x !== 0) {
      const i = off + ((q << 5) + lowestBit(x)) * w;
      x &= x - 1;
      for (let k = 0; k < w; k++) v[via + k] |= r[i + k];
    }
  }
  for (let q = 0; q < w; q++) v[via + q] &= r[rows + q];
  if (w === 3) {
    closeRows3(r, off, r[rows] | 0, r[rows + 1] | 0, r[rows + 2] | 0, v[via] | 0, v[via + 1] | 0, v[via + 2] | 0);
    return;
  }
  for (let p = 0; p < w; p++) {
    // Events k in increasing order.
    let ks = v[via + p] | 0;
    while (ks !== 0) {
      const bit = ks & -ks;
      ks ^= bit;
      const kw = off + ((p << 5) + 31 - Math.clz32(bit)) * w;
      for (let q = 0; q < w; q++) {
        let x = r[rows + q] | 0;
        while (x !== 0) {
          const iw = off + ((q << 5) + lowestBit(x)) * w;
          x &= x - 1;
          if ((r[iw + p] & bit) !== 0) for (let m = 0; m < w; m++) r[iw + m] |= r[kw + m];
        }
      }
    }
  }
}

/** `closeInPlace` for three words per row: rows at `off`, row mask `m0..m2`, the events `v0..v2` that can extend paths. */
function closeRows3(r: Uint32Array, off: number, m0: number, m1: number, m2: number, v0: number, v1: number, v2: number): void {
  for (let p = 0; p < 3; p++) {
    let ks = p === 0 ? v0 : p === 1 ? v1 : v2;
    while (ks !== 0) {
      const bit = ks & -ks;
      ks ^= bit;
      const kw = off + ((p << 5) + 31 - Math.clz32(bit)) * 3;
      const k0 = r[kw] | 0, k1 = r[kw + 1] | 0, k2 = r[kw + 2] | 0;
      for (let q = 0; q < 3; q++) {
        let x = q === 0 ? m0 : q === 1 ? m1 : m2;
        while (x !== 0) {
          const iw = off + ((q << 5) + 31 - Math.clz32(x & -x)) * 3;
          x &= x - 1;
          if ((r[iw + p] & bit) !== 0) {
            r[iw] |= k0;
            r[iw + 1] |= k1;
            r[iw + 2] |= k2;
          }
        }
      }
    }
  }
}
