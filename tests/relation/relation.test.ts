import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EventSet, Relation, isAcyclic, linearExtensions, linearOrders, reachClasses, shortestCycle } from '../../src/relation/index.js';

// Naive reference: relations as sorted arrays of pairs, sets as sorted arrays.
type Pairs = [number, number][];
const norm = (p: Pairs): Pairs => {
  const seen = new Map<string, [number, number]>();
  for (const [a, b] of p) seen.set(`${a},${b}`, [a, b]);
  return [...seen.values()].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
};
const has = (p: Pairs, a: number, b: number): boolean => p.some(([x, y]) => x === a && y === b);
const nUnion = (p: Pairs, q: Pairs): Pairs => norm([...p, ...q]);
const nInter = (p: Pairs, q: Pairs): Pairs => norm(p.filter(([a, b]) => has(q, a, b)));
const nDiff = (p: Pairs, q: Pairs): Pairs => norm(p.filter(([a, b]) => !has(q, a, b)));
const nSeq = (p: Pairs, q: Pairs): Pairs => norm(p.flatMap(([a, b]) => q.filter(([c]) => c === b).map(([, d]) => [a, d] as [number, number])));
const nInv = (p: Pairs): Pairs => norm(p.map(([a, b]) => [b, a]));
const nPlus = (p: Pairs): Pairs => {
  let r = norm(p);
  for (;;) {
    const next = nUnion(r, nSeq(r, p));
    if (next.length === r.length) return r;
    r = next;
  }
};
const nId = (n: number): Pairs => Array.from({ length: n }, (_, i) => [i, i] as [number, number]);
const nAcyclic = (p: Pairs): boolean => nPlus(p).every(([a, b]) => a !== b);

const arbRel = (n: number): fc.Arbitrary<Pairs> =>
  fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: n * 3 }).map(norm);
const arbSet = (n: number): fc.Arbitrary<number[]> => fc.uniqueArray(fc.nat(n - 1), { maxLength: n }).map((a) => a.sort((x, y) => x - y));
// Universe sizes straddling the 32-bit word boundary.
const arbN = fc.constantFrom(1, 3, 7, 31, 32, 33, 40, 64, 65, 70, 96, 100);
const withRels = <T>(k: (n: number) => fc.Arbitrary<T>): fc.Arbitrary<[number, T]> => arbN.chain((n) => k(n).map((x) => [n, x] as [number, T]));
const rel = (n: number, p: Pairs): Relation => Relation.fromEdges(n, p);
const opts = { numRuns: 150 };

test('relation binary operations agree with the set-of-pairs reference', () => {
  fc.assert(
    fc.property(withRels((n) => fc.tuple(arbRel(n), arbRel(n))), ([n, [p, q]]) => {
      const a = rel(n, p), b = rel(n, q);
      assert.deepEqual(a.union(b).edges(), nUnion(p, q));
      assert.deepEqual(a.inter(b).edges(), nInter(p, q));
      assert.deepEqual(a.diff(b).edges(), nDiff(p, q));
      assert.deepEqual(a.seq(b).edges(), nSeq(p, q));
      assert.equal(a.subsetOf(b), nDiff(p, q).length === 0);
      assert.equal(a.equals(b), nDiff(p, q).length === 0 && nDiff(q, p).length === 0);
      assert.equal(a.key() === b.key(), a.equals(b));
    }),
    opts,
  );
});

test('relation unary operations agree with the reference', () => {
  fc.assert(
    fc.property(withRels(arbRel), ([n, p]) => {
      const a = rel(n, p);
      assert.deepEqual(a.edges(), p);
      assert.equal(a.size, p.length);
      assert.equal(a.isEmpty(), p.length === 0);
      assert.deepEqual(a.inverse().edges(), nInv(p));
      assert.deepEqual(a.plus().edges(), nPlus(p));
      assert.deepEqual(a.star().edges(), nUnion(nPlus(p), nId(n)));
      assert.deepEqual(a.opt().edges(), nUnion(p, nId(n)));
      const all: Pairs = [];
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) all.push([i, j]);
      assert.deepEqual(a.complement().edges(), nDiff(all, p));
      assert.deepEqual(a.domain().toArray(), [...new Set(p.map(([x]) => x))].sort((x, y) => x - y));
      assert.deepEqual(a.range().toArray(), [...new Set(p.map(([, y]) => y))].sort((x, y) => x - y));
      assert.equal(a.isIrreflexive(), p.every(([x, y]) => x !== y));
      for (const [x, y] of p) assert.ok(a.has(x, y));
    }),
    opts,
  );
});

test('acyclicity and shortest cycles agree with the reference', () => {
  fc.assert(
    fc.property(withRels(arbRel), ([n, p]) => {
      const a = rel(n, p);
      const acyclic = nAcyclic(p);
      assert.equal(isAcyclic(a), acyclic);
      const cy = shortestCycle(a);
      assert.equal(cy === undefined, acyclic);
      if (cy !== undefined) {
        for (let k = 0; k < cy.length; k++) assert.ok(a.has(cy[k], cy[(k + 1) % cy.length]));
        assert.equal(new Set(cy).size, cy.length);
        // No shorter cycle: no event reaches itself in fewer steps.
        let power = p;
        for (let len = 1; len < cy.length; len++) {
          assert.ok(power.every(([x, y]) => x !== y), `cycle of length ${len} missed`);
          power = nSeq(power, p);
        }
      }
    }),
    opts,
  );
});

test('sets: operations agree with the reference, cartesian and identity build the expected pairs', () => {
  fc.assert(
    fc.property(withRels((n) => fc.tuple(arbSet(n), arbSet(n), arbRel(n))), ([n, [s, t, p]]) => {
      const a = EventSet.of(n, s), b = EventSet.of(n, t);
      assert.deepEqual(a.toArray(), s);
      assert.equal(a.size, s.length);
      assert.deepEqual(a.union(b).toArray(), [...new Set([...s, ...t])].sort((x, y) => x - y));
      assert.deepEqual(a.inter(b).toArray(), s.filter((x) => t.includes(x)));
      assert.deepEqual(a.diff(b).toArray(), s.filter((x) => !t.includes(x)));
      assert.deepEqual(a.complement().toArray(), Array.from({ length: n }, (_, i) => i).filter((x) => !s.includes(x)));
      assert.equal(a.subsetOf(b), s.every((x) => t.includes(x)));
      assert.equal(a.first(), s.length > 0 ? s[0] : -1);
      assert.deepEqual(Relation.cartesian(a, b).edges(), norm(s.flatMap((x) => t.map((y) => [x, y] as [number, number]))));
      assert.deepEqual(Relation.identityOn(a).edges(), s.map((x) => [x, x]));
      const r = rel(n, p);
      assert.deepEqual(r.restrict(a, b).edges(), p.filter(([x, y]) => s.includes(x) && t.includes(y)));
      assert.deepEqual(r.restrict(a, b).edges(), Relation.identityOn(a).seq(r).seq(Relation.identityOn(b)).edges());
      // Restrictions that remove nothing (full sets, a domain covering the relation's).
      const full = EventSet.full(n);
      assert.equal(a.isFull(), s.length === n);
      assert.ok(full.isFull());
      assert.equal(a.containsWords(r.bits, r.rows), p.every(([x]) => s.includes(x)));
      assert.deepEqual(r.restrict(full, full).edges(), p);
      assert.deepEqual(r.restrict(r.domain(), undefined).edges(), p);
      assert.deepEqual(r.copy().maskColumnsInPlace(full).edges(), p);
    }),
    opts,
  );
});

test('linear extensions are exactly the total orders containing the relation', () => {
  fc.assert(
    fc.property(
      withRels((n) => fc.tuple(arbSet(Math.min(n, 6)), arbRel(Math.min(n, 6)))),
      ([n, [s, p]]) => {
        const m = Math.min(n, 6);
        const nodes = EventSet.of(m, s);
        const orders = linearExtensions(nodes, rel(m, p));
        const inside = p.filter(([x, y]) => s.includes(x) && s.includes(y));
        const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
        if (!nAcyclic(inside)) {
          assert.equal(orders.length, 0);
          return;
        }
        const keys = new Set(orders.map((o) => o.key()));
        assert.equal(keys.size, orders.length);
        for (const o of orders) {
          assert.equal(o.size, s.length < 2 ? 0 : (s.length * (s.length - 1)) / 2);
          assert.ok(isAcyclic(o));
          assert.deepEqual(o.plus().edges(), o.edges());
          for (const [x, y] of inside) assert.ok(o.has(x, y));
        }
        if (inside.length === 0) assert.equal(orders.length, fact(s.length));
      },
    ),
    opts,
  );
});

test('reachClasses partitions an equivalence relation into its classes', () => {
  const n = 6;
  const classes = [[0, 2], [1, 3, 5], [4]];
  const p: Pairs = classes.flatMap((c) => c.flatMap((x) => c.map((y) => [x, y] as [number, number])));
  const got = reachClasses(rel(n, p)).map((s) => s.toArray());
  assert.deepEqual(got, classes);
});

test('results of every operation know their non-empty rows (domain, emptiness) exactly', () => {
  const domainOf = (p: Pairs): number[] => [...new Set(p.map(([x]) => x))].sort((x, y) => x - y);
  const exact = (r: Relation): void => {
    const p = r.edges();
    assert.deepEqual(r.domain().toArray(), domainOf(p));
    assert.equal(r.isEmpty(), p.length === 0);
    assert.equal(r.size, p.length);
    assert.deepEqual(r.first(), p[0]);
  };
  fc.assert(
    fc.property(withRels((n) => fc.tuple(arbRel(n), arbRel(n), arbSet(n), arbSet(n))), ([n, [p, q, s, t]]) => {
      const a = rel(n, p), b = rel(n, q), x = EventSet.of(n, s), y = EventSet.of(n, t);
      for (const r of [a.union(b), a.inter(b), a.diff(b), a.seq(b), a.inverse(), a.plus(), a.star(), a.opt(), a.complement(),
        a.restrict(x, y), a.restrict(undefined, y), a.restrict(x, undefined), a.filter((i, j) => (i + j) % 2 === 0),
        a.copy().maskColumnsInPlace(y), a.copy().orInPlace(b), Relation.cartesian(x, y), Relation.identityOn(x)]) {
        exact(r);
      }
      assert.deepEqual(a.copy().maskColumnsInPlace(y).edges(), p.filter(([, j]) => t.includes(j)));
      assert.deepEqual(a.copy().orInPlace(b).edges(), nUnion(p, q));
      // Composition reusing the left operand's words (or not, when it is reflexive).
      for (const [r, want] of [
        [a.copy().seqOwned(b), nSeq(p, q)], [a.copy().seqOwned(b.opt()), nSeq(p, nUnion(q, nId(n)))],
        [a.copy().seqOwned(b.star()), nSeq(p, nUnion(nPlus(q), nId(n)))], [a.opt().seqOwned(b), nSeq(nUnion(p, nId(n)), q)],
        [a.copy().seqOwned(b).seqOwned(a), nSeq(nSeq(p, q), p)],
        [a.copy().seqOwned(Relation.identity(n)), p], [Relation.identity(n).seq(a), p], [a.seq(Relation.empty(n).star()), p],
      ] as const) {
        assert.deepEqual(r.edges(), want);
        exact(r);
      }
      assert.deepEqual(a.interInverse(b).edges(), nInter(p, nInv(q)));
      assert.deepEqual(a.diffInverse(b).edges(), nDiff(p, nInv(q)));
      exact(a.interInverse(b));
      exact(a.diffInverse(b));
      // Composition with reflexive operands (results of * and ?), which skips their identity rows.
      const star = nUnion(nPlus(p), nId(n)), opt = nUnion(q, nId(n));
      for (const [r, want] of [
        [a.star().seq(b), nSeq(star, q)], [b.seq(a.star()), nSeq(q, star)], [a.seq(b.opt()), nSeq(p, opt)],
        [b.opt().seq(a), nSeq(opt, p)], [a.star().seq(b.opt()), nSeq(star, opt)], [b.opt().seq(a.star()), nSeq(opt, star)],
        [b.opt().seq(a.star()).seq(b), nSeq(nSeq(opt, star), q)], [a.seq(b.opt().seq(a.star())), nSeq(p, nSeq(opt, star))],
      ] as const) {
        assert.deepEqual(r.edges(), want);
        exact(r);
      }
      assert.ok(a.copy().equals(a));
      assert.equal(a.star().isIdentity(), p.length === 0);
      assert.equal(a.opt().isIdentity(), p.length === 0);
      assert.ok(Relation.identity(n).isIdentity() && !a.isIdentity());
      assert.deepEqual(Relation.identity(n).edges(), nId(n));
      if (p.length > 0) {
        const [i, j] = p[0];
        assert.deepEqual(a.without(i, j).edges(), p.slice(1));
        exact(a.without(i, j));
        assert.deepEqual(a.without(i, j).with(i, j).edges(), p);
      }
    }),
    opts,
  );
});

test('fromClasses relates exactly the events of each class', () => {
  const r = Relation.fromClasses(40, [[0, 33], [5], [7, 8, 39]]);
  assert.deepEqual(r.edges(), [[0, 0], [0, 33], [5, 5], [7, 7], [7, 8], [7, 39], [8, 7], [8, 8], [8, 39], [33, 0], [33, 33], [39, 7], [39, 8], [39, 39]]);
});

test('linear orders come in search order: earlier events placed first when free', () => {
  const two = EventSet.of(40, [3, 35]);
  assert.deepEqual(linearOrders(two, Relation.empty(40)), [[3, 35], [35, 3]]);
  assert.deepEqual(linearOrders(two, Relation.fromEdges(40, [[3, 35]])), [[3, 35]]);
  assert.deepEqual(linearOrders(two, Relation.fromEdges(40, [[35, 3]])), [[35, 3]]);
  assert.deepEqual(linearOrders(two, Relation.fromEdges(40, [[35, 35]])), []);
  assert.deepEqual(linearOrders(EventSet.of(40, [7]), Relation.empty(40)), [[7]]);
  assert.deepEqual(linearOrders(EventSet.of(40, []), Relation.empty(40)), [[]]);
  const near = EventSet.of(40, [4, 5]);
  assert.deepEqual(linearOrders(near, Relation.fromEdges(40, [[4, 5], [5, 4]])), []);
  assert.deepEqual(linearOrders(near, Relation.fromEdges(40, [[4, 4]])), []);
  assert.deepEqual(linearOrders(near, Relation.fromEdges(40, [[5, 4], [4, 9]])), [[5, 4]]);
  assert.deepEqual(linearOrders(EventSet.of(40, [31, 32]), Relation.empty(40)), [[31, 32], [32, 31]]);
  const three = EventSet.of(40, [1, 2, 3]);
  assert.deepEqual(linearOrders(three, Relation.fromEdges(40, [[3, 1]])), [[2, 3, 1], [3, 1, 2], [3, 2, 1]]);
  assert.deepEqual(linearExtensions(three, Relation.fromEdges(40, [[1, 2], [2, 3]])).map((r) => r.edges()), [[[1, 2], [1, 3], [2, 3]]]);
});
