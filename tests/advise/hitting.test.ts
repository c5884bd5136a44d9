/** The cheapest-sets solver against brute force over all subsets, on random requirement systems. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cheapestSets, simplify, type Requirement } from '../../src/advise/hitting.js';

const FIXES = 7;

function meets(set: ReadonlySet<number>, reqs: readonly Requirement[]): boolean {
  return reqs.every((r) => r.alternatives.some((a) => a.every((seg) => seg.some((x) => set.has(x)))));
}

function bruteForce(reqs: readonly Requirement[], cost: (x: number) => number): { cost: number; sets: string[] } {
  let best = Infinity;
  let sets: string[] = [];
  for (let mask = 0; mask < 1 << FIXES; mask++) {
    const set = new Set<number>();
    for (let i = 0; i < FIXES; i++) if (mask & (1 << i)) set.add(i);
    if (!meets(set, reqs)) continue;
    const c = [...set].reduce((k, x) => k + cost(x), 0);
    if (c < best) {
      best = c;
      sets = [];
    }
    if (c === best) sets.push([...set].sort((a, b) => a - b).join(','));
  }
  return { cost: best, sets: sets.sort() };
}

const segment = fc.uniqueArray(fc.integer({ min: 0, max: FIXES - 1 }), { minLength: 1, maxLength: 3 });
const alternative = fc.array(segment, { minLength: 1, maxLength: 3 });
const requirement = fc.record({ alternatives: fc.array(alternative, { minLength: 1, maxLength: 3 }) });

test('cheapestSets finds exactly the cheapest sets brute force finds', () => {
  fc.assert(
    fc.property(fc.array(requirement, { minLength: 1, maxLength: 5 }), fc.array(fc.integer({ min: 1, max: 4 }), { minLength: FIXES, maxLength: FIXES }), (reqs, costs) => {
      const cost = (x: number): number => costs[x] as number;
      const want = bruteForce(reqs, cost);
      const got = cheapestSets(simplify(reqs), { cost });
      assert.equal(got.cost, want.cost);
      assert.deepEqual(got.sets.map((s) => s.join(',')).sort(), want.sets);
    }),
    { numRuns: 300 },
  );
});

test('a requirement with no alternative has no solution', () => {
  const got = cheapestSets([{ alternatives: [] }], { cost: () => 1 });
  assert.equal(got.sets.length, 0);
});

test('conflicting fixes are never chosen together', () => {
  const reqs: Requirement[] = [{ alternatives: [[[0, 1]]] }, { alternatives: [[[0, 2]]] }];
  const got = cheapestSets(reqs, { cost: (x) => (x === 0 ? 3 : 1), conflict: (a, b) => a + b === 3 });
  // {0} costs 3; {1,2} costs 2 but 1 and 2 conflict.
  assert.deepEqual(got.sets, [[0]]);
});
