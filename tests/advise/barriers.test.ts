/** Redundancy and pairing of the barriers of a forbidden outcome. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barrierReport, explainTest } from '../../src/advise/index.js';
import { C, checker, mp, mpAddr } from './support.js';

function report(text: string) {
  const x = explainTest(text, 't.litmus', checker, C);
  assert.equal(x.verdict, 'forbidden');
  return barrierReport('t.litmus', checker, C, C.prepare(text, 't.litmus'), x.rejections.map((g) => g.facts));
}

test('smp_wmb() pairs with smp_rmb(); neither is redundant', () => {
  const b = report(mp('mp', 'smp_wmb();', 'smp_rmb();'));
  const [w, r] = b.items;
  assert.equal(w?.redundant, false);
  assert.equal(r?.redundant, false);
  assert.deepEqual(w?.pairsWith, ['smp_rmb() at P1 line 18']);
  assert.deepEqual(r?.pairsWith, ['smp_wmb() at P0 line 8']);
  assert.deepEqual(b.minimalSets, [[0, 1]]);
});

test('two writer barriers: each redundant alone, and two minimal sets', () => {
  const b = report(mp('mp2', 'smp_wmb();\n\tsmp_mb();', 'smp_rmb();'));
  assert.deepEqual(b.items.map((i) => [i.item.tool, i.redundant]), [['smp_wmb', true], ['smp_mb', true], ['smp_rmb', false]]);
  assert.deepEqual(b.minimalSets, [[0, 2], [1, 2]]);
});

test('an acquire pairs with a release; a spare full barrier on the reader is redundant', () => {
  const b = report(mp('mp3', '', 'smp_mb();', { writeFlag: 'smp_store_release(flag, 1);', readFlag: 'smp_load_acquire(flag)' }));
  const byTool = new Map(b.items.map((i) => [i.item.tool, i]));
  assert.equal(byTool.get('smp_mb')?.redundant, true);
  assert.equal(byTool.get('smp_store_release')?.redundant, false);
  assert.ok(byTool.get('smp_store_release')?.pairsWith.some((p) => p.startsWith('smp_load_acquire(flag)')));
});

test('a dependency on the other side is named as the pair', () => {
  const t = mpAddr('mp-addr', 'smp_wmb();\n\tWRITE_ONCE(*p, b);');
  const b = report(t);
  assert.match(b.items[0]?.pairsWith[0] ?? '', /address dependency/);
});
