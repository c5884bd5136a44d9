/**
 * The AArch64 toolkit: program points and candidates, text edits that keep
 * the columns, costs, explanations in Arm's words, and fixes verified by
 * checking the patched test again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCosts, explainTest, fixTest, toolkitFor, type FixReport, type OrderingToolkit } from '../../src/advise/index.js';
import { costTable } from '../../src/cli/fix.js';
import { checker, forbidden } from './support.js';

const A = toolkitFor('AArch64') as OrderingToolkit;
const examples = join(import.meta.dirname, '..', '..', 'examples');
const example = (name: string): string => readFileSync(join(examples, `${name}.litmus`), 'utf8');

/** Message passing in AArch64: `w` rows between the writer's stores, `r` rows between the reader's loads. */
function mp(name: string, w: readonly string[] = [], r: readonly string[] = [], flag = 'STR W2,[X3]', read = 'LDR W0,[X1]'): string {
  const cell = (s: string): string => ` ${s.padEnd(13)}`;
  const p0 = ['MOV W0,#1', 'STR W0,[X1]', ...w, 'MOV W2,#1', flag];
  const p1 = [read, ...r, 'LDR W2,[X3]'];
  const rows = Array.from({ length: Math.max(p0.length, p1.length) }, (_, i) => `${cell(p0[i] ?? '')}|${cell(p1[i] ?? '')};`);
  return `AArch64 ${name}\n{\n0:X1=x; 0:X3=y;\n1:X1=y; 1:X3=x;\n}\n${cell('P0')}|${cell('P1')};\n${rows.join('\n')}\nexists (1:X0=1 /\\ 1:X2=0)\n`;
}

/** The code rows of a test (between the initial state and the condition). */
function codeRows(text: string): string[] {
  return text.slice(text.indexOf('}') + 2, text.indexOf('exists')).split('\n').filter((l) => l.trim() !== '');
}

/** Every code row has its `|` and `;` at the same columns. */
function assertAligned(text: string): void {
  const rows = codeRows(text);
  const cols = (l: string): number[] => [...l].flatMap((c, i) => (c === '|' || c === ';' ? [i] : []));
  for (const r of rows) assert.deepEqual(cols(r), cols(rows[0] as string), `misaligned row '${r}' in\n${text}`);
}

function fix(text: string, costs: ReadonlyMap<string, number> = defaultCosts(A)): FixReport {
  return fixTest(text, 'test.litmus', { checker, toolkit: A, costs });
}

const tools = (r: FixReport): string[] => r.proposals.map((p) => p.fixes.map((f) => `P${f.thread}:${f.tool}`).join('+')).sort();

test('the tools and their default costs', () => {
  assert.deepEqual(Object.fromEntries(defaultCosts(A)), { 'DMB.ISH': 4, 'DMB.ISHST': 2, 'DMB.ISHLD': 2, STLR: 2, LDAR: 2, LDAPR: 3, ISB: 3 });
  assert.equal(A.fullBarrier, 'DMB ISH');
});

test('--cost: AArch64 names in either spelling; C names are left to C tests; unknown names are errors', () => {
  const c = costTable(A, ['dmb.ish=8', 'DMB ISHLD=1', 'smp_mb=9', 'LDAPR=1']);
  assert.equal(c.get('DMB.ISH'), 8);
  assert.equal(c.get('DMB.ISHLD'), 1);
  assert.equal(c.get('LDAPR'), 1);
  assert.equal(c.has('smp_mb'), false);
  assert.throws(() => costTable(A, ['DMB.FOO=1']), /no tool 'DMB.FOO'/);
  assert.throws(() => costTable(A, ['STLR=0']), /must be positive/);
});

test('program points: before each access but the first of its thread, moved up past the MOV that sets it up', () => {
  const t = A.prepare(mp('mp'), 'mp.litmus');
  const words = t.candidates.map((c) => c.words);
  assert.deepEqual(words, [
    'DMB ISH after P0 line 8 STR W0,[X1]',
    'DMB ISHST after P0 line 8 STR W0,[X1]',
    'DMB ISHLD after P0 line 8 STR W0,[X1]',
    'DMB ISH after P1 line 7 LDR W0,[X1]',
    'DMB ISHST after P1 line 7 LDR W0,[X1]',
    'DMB ISHLD after P1 line 7 LDR W0,[X1]',
    'STLR W0,[X1] for STR W0,[X1] at P0 line 8',
    'STLR W2,[X3] for STR W2,[X3] at P0 line 10',
    'LDAR W0,[X1] for LDR W0,[X1] at P1 line 7',
    'LDAPR W0,[X1] for LDR W0,[X1] at P1 line 7',
    'LDAR W2,[X3] for LDR W2,[X3] at P1 line 8',
    'LDAPR W2,[X3] for LDR W2,[X3] at P1 line 8',
  ]);
  // The barrier goes before the MOV: the row after the first store.
  const dmb = t.candidates.findIndex((c) => c.words === 'DMB ISHST after P0 line 8 STR W0,[X1]');
  const rows = codeRows(t.patch([dmb], []));
  assert.equal(rows[3], ' DMB ISHST    |              ;');
  assert.match(rows[4] as string, /^ MOV W2,#1 /);
  assert.equal(t.existing.length, 0);
});

test('accesses with an offset or a register index get no STLR or LDAR; LDAPR can become LDAR', () => {
  const text = mp('mp-off', [], [], 'STR W2,[X3,#4]', 'LDAPR W0,[X1]');
  const t = A.prepare(text, 'off.litmus');
  assert.ok(!t.candidates.some((c) => c.words.includes('STR W2,[X3,#4] at')));
  assert.ok(t.candidates.some((c) => c.words === 'LDAR W0,[X1] for LDAPR W0,[X1] at P1 line 7'));
  assert.deepEqual(t.existing.map((e) => `${e.tool}: ${e.removal}`), ['LDAPR: write LDR W0,[X1] instead']);
});

test('an ISB is offered only after a conditional branch on a load', () => {
  const t = A.prepare(example('vcpu-up-a64+dmb.ishst+ctrl'), 'ctrl.litmus');
  assert.deepEqual(t.candidates.filter((c) => c.tool === 'ISB').map((c) => c.words), ['ISB after P1 line 11 CBZ W0,Lout']);
  assert.ok(!A.prepare(mp('mp'), 'mp.litmus').candidates.some((c) => c.tool === 'ISB'));
});

test('patching keeps the columns: new rows blank in other threads, too-long text widens its column everywhere', () => {
  const text = mp('mp');
  const t = A.prepare(text, 'mp.litmus');
  const id = (w: string): number => t.candidates.findIndex((c) => c.words === w);
  // Two threads' insertions, a rewrite that fits and one that needs a wider column.
  const patched = t.patch([id('DMB ISHST after P0 line 8 STR W0,[X1]'), id('DMB ISHLD after P1 line 7 LDR W0,[X1]'), id('LDAPR W2,[X3] for LDR W2,[X3] at P1 line 8')], []);
  assertAligned(patched);
  assert.deepEqual(codeRows(patched), [
    ' P0           | P1            ;',
    ' MOV W0,#1    | LDR W0,[X1]   ;',
    '              | DMB ISHLD     ;',
    ' STR W0,[X1]  | LDAPR W2,[X3] ;',
    ' DMB ISHST    |               ;',
    ' MOV W2,#1    |               ;',
    ' STR W2,[X3]  |               ;',
  ]);
  // The rest of the text is untouched.
  assert.equal(patched.slice(0, patched.indexOf(' P0')), text.slice(0, text.indexOf(' P0')));
  assert.equal(patched.slice(patched.indexOf('exists')), text.slice(text.indexOf('exists')));
});

test('patching narrow columns (herd layout) and removing devices: a row of its own goes, a shared cell is blanked', () => {
  const text = `AArch64 t
{
0:X1=x; 0:X3=y;
1:X1=y; 1:X3=x;
}
 P0          | P1           ;
 MOV W0,#1   | LDAR W0,[X1] ;
 STR W0,[X1] | DMB ISHLD    ;
 DMB ISHST   |              ;
 MOV W2,#1   | LDR W2,[X3]  ;
 STR W2,[X3] |              ;
exists (1:X0=1 /\\ 1:X2=0)
`;
  const t = A.prepare(text, 't.litmus');
  assert.deepEqual(t.existing.map((e) => e.words), ['DMB ISHST at P0 line 9', 'LDAR W0,[X1] at P1 line 7', 'DMB ISHLD at P1 line 8']);
  const stlr = t.candidates.findIndex((c) => c.tool === 'STLR' && c.line === 11);
  const patched = t.patch([stlr], [0, 1, 2]);
  assert.deepEqual(codeRows(patched), [
    ' P0           | P1           ;',
    ' MOV W0,#1    | LDR W0,[X1]  ;',
    ' STR W0,[X1]  |              ;',
    ' MOV W2,#1    | LDR W2,[X3]  ;',
    ' STLR W2,[X3] |              ;',
  ]);
});

test('a label on the instruction a barrier goes before moves up with it, so a branch to it runs the barrier', () => {
  const text = `AArch64 lbl
{
0:X1=x; 0:X3=y;
}
 P0              ;
 LDR W0,[X1]     ;
 CBZ W0,L0       ;
 L0: LDR W2,[X3] ;
exists (0:X0=1 /\\ 0:X2=0)
`;
  const t = A.prepare(text, 'lbl.litmus');
  const isb = t.candidates.find((c) => c.tool === 'ISB');
  assert.equal(isb?.words, 'ISB after P0 line 7 CBZ W0,L0');
  assert.deepEqual(codeRows(t.patch([isb!.id], [])), [' P0              ;', ' LDR W0,[X1]     ;', ' CBZ W0,L0       ;', ' L0: ISB         ;', ' LDR W2,[X3]     ;']);
});

test('explain names DMB kinds, release/acquire and ctrl+ISB on the cycle, with each event\'s instruction and thread', () => {
  const steps = (name: string): string[] => {
    const x = explainTest(example(name), `${name}.litmus`, checker, A);
    assert.equal(x.verdict, 'forbidden', name);
    return x.rejections[0]!.steps.map((s) => `${s.from.words} --${s.label}-->`);
  };
  assert.deepEqual(steps('vcpu-up-a64+dmb.ishst+dmb.ishld'), [
    'P0 line 11 STR W0,[X1] --dmb.st-->',
    'P0 line 14 STR W2,[X3] --rfe-->',
    'P1 line 10 LDR W0,[X1] --dmb.ld-->',
    'P1 line 12 LDR W2,[X3] --fre-->',
  ]);
  assert.deepEqual(steps('vcpu-up-a64+stlr+ldar').map((s) => /--(.*)-->/.exec(s)?.[1]), ['po-rel', 'rfe', 'acq-po', 'fre']);
  assert.deepEqual(steps('vcpu-up-a64+dmb.ishst+ctrlisb').map((s) => /--(.*)-->/.exec(s)?.[1]), ['dmb.st', 'rfe', 'ctrlisb', 'fre']);
});

test('explain says why a pair is unordered in Arm terms', () => {
  const why = (name: string): string[] => explainTest(example(name), `${name}.litmus`, checker, A).witness!.unordered.map((u) => u.reason);
  assert.match(why('vcpu-up-a64+dmb.ishst+ctrl')[0]!, /^a control dependency orders a load only before later stores, not before later loads: an ISB after the branch/);
  assert.deepEqual(why('vcpu-up-a64+o+o').map((r) => r.split(':')[0]), ['no barrier between these two stores', 'no barrier between these two loads']);
  assert.match(why('vcpu-up-a64+dmb.ishst-after+dmb.ishld')[0]!, /\(the DMB ISHST at line 14 is after both, not between them\)$/);
  const onlySt = mp('mp-st', [], ['DMB ISHST']);
  const r = explainTest(onlySt, 'st.litmus', checker, A).witness!.unordered.find((u) => u.from.thread === 1);
  assert.match(r?.reason ?? '', /^DMB ISHST between them, and it orders stores only, not loads/);
});

test('no barriers: the minimal pairings, a write-side device with a read-side one, never one full barrier', () => {
  const r = fix(example('vcpu-up-a64+o+o'));
  assert.equal(r.status, 'fixed');
  assert.deepEqual(tools(r), ['P0:DMB.ISHST+P1:DMB.ISHLD', 'P0:DMB.ISHST+P1:LDAR', 'P0:STLR+P1:DMB.ISHLD', 'P0:STLR+P1:LDAR']);
  for (const p of r.proposals) {
    assert.equal(p.cost, 4);
    assert.ok(forbidden(p.patched), p.diff);
    assertAligned(p.patched);
  }
});

test('a full barrier on the writer only leaves the reader to fix: DMB ISHLD or LDAR', () => {
  assert.deepEqual(tools(fix(example('vcpu-up-a64+dmb.ish+o'))), ['P1:DMB.ISHLD', 'P1:LDAR']);
});

test('the barrier after the flag store: reported idle, moved before the flag store, or made redundant by STLR', () => {
  const r = fix(example('vcpu-up-a64+dmb.ishst-after+dmb.ishld'));
  assert.equal(r.status, 'fixed');
  assert.deepEqual(r.idle.map((e) => e.words), ['DMB ISHST at P0 line 14']);
  const move = r.proposals.find((p) => p.moves.length > 0);
  assert.equal(move?.moves[0]?.kind, 'move');
  assert.equal(move?.moves[0]?.fix.where, 'after P0 line 11 STR W0,[X1]');
  assert.match(move!.patched, / STR W0,\[X1\] {5}\| DMB ISHLD {7};\n DMB ISHST {7}\| {17};\n MOV W2,#1 /);
  assert.doesNotMatch(move!.patched.slice(move!.patched.indexOf(' STR W2')), /DMB ISHST/);
  const stlr = r.proposals.find((p) => p.fixes.some((f) => f.tool === 'STLR'));
  assert.deepEqual(stlr?.redundant.map((e) => e.line), [14]);
  for (const p of r.proposals) assert.ok(forbidden(p.patched), p.diff);
});

test('a control dependency: ISB after the branch when it is cheap enough, each fix verified', () => {
  const costs = new Map(defaultCosts(A));
  costs.set('ISB', 1);
  const r = fix(example('vcpu-up-a64+dmb.ishst+ctrl'), costs);
  assert.deepEqual(tools(r), ['P1:ISB']);
  assert.ok(forbidden(r.proposals[0]!.patched));
  assert.deepEqual(tools(fix(example('vcpu-up-a64+dmb.ishst+ctrl'))), ['P1:DMB.ISHLD', 'P1:LDAR']);
});

test('store buffering: DMB ISH on both sides; after STLR, LDAR for the load (LDAPR becomes LDAR)', () => {
  const sb = (st: string, ld: string): string => `AArch64 sb
{
0:X1=x; 0:X3=y;
1:X1=y; 1:X3=x;
}
 P0            | P1            ;
 MOV W0,#1     | MOV W0,#1     ;
 ${st} W0,[X1]  | ${st} W0,[X1]  ;
 ${ld} W2,[X3] | ${ld} W2,[X3] ;
exists (0:X2=0 /\\ 1:X2=0)
`;
  assert.deepEqual(tools(fix(sb('STR ', 'LDR  '))), ['P0:DMB.ISH+P1:DMB.ISH']);
  assert.deepEqual(tools(fix(sb('STLR', 'LDR  '))), ['P0:LDAR+P1:LDAR']);
  const r = fix(sb('STLR', 'LDAPR'));
  assert.deepEqual(tools(r), ['P0:LDAR+P1:LDAR']);
  assert.deepEqual(r.proposals[0]!.moves.map((m) => `${m.kind} ${m.from.text} by ${m.fix.device}`), ['replace LDAPR W2,[X3] by LDAR W2,[X3]', 'replace LDAPR W2,[X3] by LDAR W2,[X3]']);
  assert.deepEqual(r.proposals[0]!.redundant, []);
  assert.ok(forbidden(r.proposals[0]!.patched));
});

test('every proposal on every AArch64 example, applied, is forbidden when checked again', () => {
  for (const name of ['vcpu-up-a64+o+o', 'vcpu-up-a64+dmb.ishst+o', 'vcpu-up-a64+dmb.ish+o', 'vcpu-up-a64+dmb.ishst-after+dmb.ishld', 'vcpu-up-a64+dmb.ishst+ctrl']) {
    const r = fix(example(name));
    assert.equal(r.status, 'fixed', name);
    for (const p of r.proposals) assert.ok(forbidden(p.patched), `${name}\n${p.diff}`);
  }
  for (const name of ['vcpu-up-a64+dmb.ishst+dmb.ishld', 'vcpu-up-a64+stlr+ldar', 'vcpu-up-a64+dmb.ishst+ctrlisb']) {
    assert.equal(fix(example(name)).status, 'already-forbidden', name);
  }
});
