/** `fix`: cheapest verified pairings, redundant barriers and moves, costs, and the cases no barrier can fix. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCosts, fixTest, type FixReport } from '../../src/advise/index.js';
import { C, checker, forbidden, mp } from './support.js';

const examples = join(import.meta.dirname, '..', '..', 'examples');

function fix(text: string, costs: ReadonlyMap<string, number> = defaultCosts(C)): FixReport {
  return fixTest(text, 'test.litmus', { checker, toolkit: C, costs });
}

const tools = (r: FixReport): string[] => r.proposals.map((p) => p.fixes.map((f) => `P${f.thread}:${f.tool}`).join('+')).sort();

test('no barriers: the minimal pairings, a write-side device with a read-side one, never one full barrier', () => {
  const r = fix(mp('mp', '', ''));
  assert.equal(r.status, 'fixed');
  assert.deepEqual(tools(r), [
    'P0:smp_store_release+P1:smp_load_acquire',
    'P0:smp_store_release+P1:smp_rmb',
    'P0:smp_wmb+P1:smp_load_acquire',
    'P0:smp_wmb+P1:smp_rmb',
  ]);
  for (const p of r.proposals) {
    assert.equal(p.cost, 4);
    assert.ok(forbidden(p.patched), p.diff);
    assert.match(p.diff, /^--- a\/test\.litmus\n\+\+\+ b\/test\.litmus\n@@ /);
  }
});

test('every proposal, applied, is forbidden when checked again', () => {
  const r = fix(readFileSync(join(examples, 'vcpu-kick-chain+o+o+o+o.litmus'), 'utf8'));
  assert.equal(r.status, 'fixed');
  assert.ok(r.proposals.length > 0);
  for (const p of r.proposals) assert.ok(forbidden(p.patched), p.diff);
});

test('a barrier after the flag store is reported idle and moved before it', () => {
  const text = mp('mp-late', '', 'smp_rmb();').replace('WRITE_ONCE(*flag, 1);\n', 'WRITE_ONCE(*flag, 1);\n\tsmp_wmb();\n');
  const r = fix(text);
  assert.equal(r.status, 'fixed');
  assert.deepEqual(r.idle.map((e) => e.tool), ['smp_wmb']);
  const move = r.proposals.find((p) => p.moves.length > 0);
  assert.ok(move !== undefined, 'a move is proposed');
  assert.equal(move.moves[0]!.kind, 'move');
  assert.equal(move.moves[0]!.from.line, 9);
  assert.match(move.patched, /WRITE_ONCE\(\*data, 1\);\n\tsmp_wmb\(\);\n\tWRITE_ONCE\(\*flag, 1\);\n\}/);
  assert.ok(forbidden(move.patched));
  // The other cheapest fix (a release) leaves the late barrier redundant.
  const release = r.proposals.find((p) => p.fixes.some((f) => f.tool === 'smp_store_release'));
  assert.deepEqual(release?.redundant.map((e) => e.line), [9]);
});

test('independent reads: smp_rmb() is replaced by smp_mb() on both readers', () => {
  const iriw = `C iriw
{}
P0(int *x) { WRITE_ONCE(*x, 1); }
P1(int *y) { WRITE_ONCE(*y, 1); }
P2(int *x, int *y)
{
	int r0;
	int r1;
	r0 = READ_ONCE(*x);
	smp_rmb();
	r1 = READ_ONCE(*y);
}
P3(int *x, int *y)
{
	int r2;
	int r3;
	r2 = READ_ONCE(*y);
	smp_rmb();
	r3 = READ_ONCE(*x);
}
exists (2:r0=1 /\\ 2:r1=0 /\\ 3:r2=1 /\\ 3:r3=0)
`;
  const r = fix(iriw);
  assert.deepEqual(tools(r), ['P2:smp_mb+P3:smp_mb']);
  assert.deepEqual(r.proposals[0]!.moves.map((m) => m.kind), ['replace', 'replace']);
  assert.ok(forbidden(r.proposals[0]!.patched));
  assert.ok(!r.proposals[0]!.patched.includes('smp_rmb'));
});

test('costs change the answer: cheap acquires win', () => {
  const costs = new Map(defaultCosts(C));
  costs.set('smp_load_acquire', 1);
  costs.set('smp_store_release', 1);
  assert.deepEqual(tools(fix(mp('mp', '', ''), costs)), ['P0:smp_store_release+P1:smp_load_acquire']);
});

test('an outcome already forbidden: nothing to fix, the barrier report instead', () => {
  const r = fix(mp('mp-ok', 'smp_wmb();', 'smp_rmb();'));
  assert.equal(r.status, 'already-forbidden');
  assert.deepEqual(r.barriers?.items.map((i) => [i.item.tool, i.redundant]), [['smp_wmb', false], ['smp_rmb', false]]);
});

test('an outcome sequential consistency reaches cannot be fixed', () => {
  const r = fix(mp('mp-sc', '', '').replace('1:r0=1 /\\ 1:r1=0', '1:r0=0 /\\ 1:r1=0'));
  assert.equal(r.status, 'no-fix');
  assert.match(r.reason ?? '', /sequential consistency/);
  assert.equal(r.proposals.length, 0);
});
