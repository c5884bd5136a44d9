/** `explain`: the check and cycle of forbidden outcomes, the witness and unordered pairs of allowed ones. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainTest } from '../../src/advise/index.js';
import { C, checker, mp, mpAddr, sb } from './support.js';

const labels = (steps: readonly { label: string }[]): string[] => steps.map((s) => s.label);

test('MP with smp_wmb() and smp_rmb(): happens-before, cycle wmb rfe rmb fre with source lines', () => {
  const x = explainTest(mp('mp', 'smp_wmb();', 'smp_rmb();'), 'mp.litmus', checker, C);
  assert.equal(x.verdict, 'forbidden');
  assert.equal(x.rejections.length, 1);
  const g = x.rejections[0]!;
  assert.equal(g.check, 'happens-before');
  assert.equal(g.shape, 'cycle');
  assert.deepEqual(labels(g.steps), ['wmb', 'rfe', 'rmb', 'fre']);
  assert.equal(g.steps[0]!.from.words, 'P0 line 7 WRITE_ONCE(*data, 1)');
  assert.equal(g.steps[1]!.from.words, 'P0 line 9 WRITE_ONCE(*flag, 1)');
  assert.equal(g.steps[2]!.from.words, 'P1 line 17 r0 = READ_ONCE(*flag)');
  assert.equal(g.steps[3]!.to.words, 'P0 line 7 WRITE_ONCE(*data, 1)');
});

test('release and acquire: the cycle goes through po-rel and acq-po', () => {
  const x = explainTest(mp('mp-ra', '', '', { writeFlag: 'smp_store_release(flag, 1);', readFlag: 'smp_load_acquire(flag)' }), 'ra.litmus', checker, C);
  assert.equal(x.rejections[0]?.check, 'happens-before');
  assert.deepEqual(labels(x.rejections[0]!.steps), ['po-rel', 'rfe', 'acq-po', 'fre']);
});

test('store buffering with full barriers: propagation, cycle mb fre mb fre', () => {
  const x = explainTest(sb('sb', 'smp_mb();', 'smp_mb();'), 'sb.litmus', checker, C);
  assert.equal(x.rejections[0]?.check, 'propagation');
  assert.deepEqual(labels(x.rejections[0]!.steps), ['mb', 'fre', 'mb', 'fre']);
});

test('an address dependency on the reader: the cycle names it', () => {
  const t = mpAddr('mp-addr', 'smp_store_release(p, b);');
  const x = explainTest(t, 'addr.litmus', checker, C);
  assert.equal(x.verdict, 'forbidden');
  assert.ok(labels(x.rejections[0]!.steps).includes('addr'), labels(x.rejections[0]!.steps).join(' '));
});

test('an allowed outcome: witness reads, coherence, and the unordered pair of loads with its reason', () => {
  const x = explainTest(mp('mp-wmb', 'smp_wmb();', ''), 'mp.litmus', checker, C);
  assert.equal(x.verdict, 'allowed');
  const w = x.witness!;
  assert.equal(w.reads.length, 2);
  assert.equal(w.reads[0]!.from.words, 'P0 line 9 WRITE_ONCE(*flag, 1)');
  assert.equal(w.reads[1]!.from.words, 'the initial value of data');
  assert.deepEqual(labels(w.cycle!), ['wmb', 'rfe', 'po', 'fre']);
  assert.equal(w.unordered.length, 1);
  assert.equal(w.unordered[0]!.from.line, 17);
  assert.equal(w.unordered[0]!.to.line, 18);
  assert.match(w.unordered[0]!.reason, /two loads/);
});

test('a control dependency does not order two loads: the reason says so', () => {
  const t = `C ctrl
{}
P0(int *data, int *flag)
{
	WRITE_ONCE(*data, 1);
	smp_wmb();
	WRITE_ONCE(*flag, 1);
}
P1(int *data, int *flag)
{
	int r0;
	int r1 = -1;
	r0 = READ_ONCE(*flag);
	if (r0)
		r1 = READ_ONCE(*data);
}
exists (1:r0=1 /\\ 1:r1=0)
`;
  const x = explainTest(t, 'ctrl.litmus', checker, C);
  assert.equal(x.verdict, 'allowed');
  assert.match(x.witness!.unordered[0]!.reason, /control dependency/);
});

test('store then load: only a full barrier orders them', () => {
  const x = explainTest(sb('sb-wmb', 'smp_wmb();', 'smp_mb();'), 'sbw.litmus', checker, C);
  assert.equal(x.verdict, 'allowed');
  assert.equal(x.witness!.unordered.length, 1);
  assert.equal(x.witness!.unordered[0]!.from.thread, 0);
  assert.match(x.witness!.unordered[0]!.reason, /smp_mb\(\)/);
});

test('coherence: a check on the coherence order names the reads-from chain', () => {
  const t = `C corr
{}
P0(int *x)
{
	WRITE_ONCE(*x, 1);
}
P1(int *x)
{
	int r0;
	int r1;
	r0 = READ_ONCE(*x);
	r1 = READ_ONCE(*x);
}
exists (1:r0=1 /\\ 1:r1=0)
`;
  const x = explainTest(t, 'corr.litmus', checker, C);
  assert.equal(x.verdict, 'forbidden');
  const l = labels(x.rejections[0]!.steps);
  assert.ok(l.includes('po-loc') && l.includes('rfe'), l.join(' '));
});

test('an outcome no candidate reaches is unreachable, with no rejection', () => {
  const t = `C none
{}
P0(int *x)
{
	WRITE_ONCE(*x, 1);
}
P1(int *x)
{
	int r0;
	r0 = READ_ONCE(*x);
}
exists (1:r0=2)
`;
  assert.equal(explainTest(t, 'none.litmus', checker, C).verdict, 'unreachable');
});

test('an outcome sequential consistency allows: no cycle, an interleaving instead', () => {
  const x = explainTest(mp('mp-sc', '', '').replace('1:r0=1 /\\ 1:r1=0', '1:r0=1 /\\ 1:r1=1'), 'sc.litmus', checker, C);
  assert.equal(x.verdict, 'allowed');
  assert.equal(x.witness!.cycle, undefined);
  assert.equal(x.witness!.interleaving?.length, 4);
});
