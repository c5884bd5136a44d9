import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAArch64Litmus } from '../../../src/litmus/aarch64/parse.js';
import { aarch64Semantics } from '../../../src/exec/aarch64/index.js';
import { mayWriteMemoryFrom } from '../../../src/exec/aarch64/flow.js';
import { DIAG_CODES, WeakmemError } from '../../../src/diag.js';
import { errorAt, eventsOf, show } from './support.js';

/** A test of `threads` (columns joined by `|`, one row a line) with initial state `init`. */
function text(init: string, rows: readonly string[], cond = 'exists (0:X0=0)'): string {
  const n = (rows[0] ?? '').split('|').length;
  return `AArch64 T\n{ ${init} }\n${Array.from({ length: n }, (_, i) => `P${i}`).join(' | ')};\n${rows.map((r) => `${r};`).join('\n')}\n${cond}\n`;
}

function semantics(init: string, rows: readonly string[], cond?: string): ReturnType<typeof aarch64Semantics> {
  return aarch64Semantics(parseAArch64Litmus(text(init, rows, cond), 't.litmus'));
}

/** `line:col message` of the error running every thread raises. */
function failure(init: string, rows: readonly string[], cond?: string): string {
  return errorAt(() => {
    const sem = semantics(init, rows, cond);
    for (let t = 0; t < sem.threadCount; t++) sem.traces(t, () => [0]);
  });
}

const CALL = ['MOV W9,#4    | MOV W9,#7', 'BLR X1       | B Lend', 'STR W9,[X2]  |Lf: ADD W9,W9,#1', '             | STR W9,[X3]', '             | RET', '             |Lend: NOP'];

test("a call into another thread's code runs its instructions on the caller's registers, in the caller's trace", () => {
  const sem = semantics('0:X1=P1:Lf; 0:X2=x; 0:X3=y; 1:X3=z;', CALL);
  const [tr] = sem.traces(0, () => [0]);
  assert.ok(tr !== undefined);
  // MOV, BLR, then P1's ADD, STR and RET, then the STR after the call.
  assert.deepEqual(tr.events.map((e) => e.text).filter((t, i, all) => all[i - 1] !== t), ['MOV W9,#4', 'BLR X1', 'ADD W9,W9,#1', 'STR W9,[X3]', 'RET', 'STR W9,[X2]']);
  assert.deepEqual(eventsOf(tr, 1), ['Rreg X1=label:"P1:Lf" [ADDR]', 'Wreg X30=of instruction 3 of P0', 'Commit [BCC]']);
  // P1's store goes through P0's X3 (y), with P0's W9 incremented.
  assert.deepEqual(eventsOf(tr, 2), ['Rreg X9=4 [ADDR]', 'Wreg X9=5']);
  assert.ok(eventsOf(tr, 3).includes('W y=5'));
  assert.ok(tr.events.filter((e) => e.loc !== undefined && /^\d+:/.test(e.loc)).every((e) => e.loc?.startsWith('0:')));
  assert.ok(eventsOf(tr, 5).includes('W x=5'));
  assert.equal(tr.regs.get('X9'), 5);
  // P1 itself is unchanged: it skips Lf and ends.
  const [tr1] = sem.traces(1, () => [0]);
  assert.deepEqual(tr1?.events.map(show), ['Wreg X9=7', 'NoAction', 'NoAction']);
});

test("a return from another thread's code counts as a backward jump, jumps to other threads' code do not", () => {
  // Three calls return to three places: nothing is cut.
  const calls = semantics('0:X1=P1:Lf;', ['BLR X1 | B Lend', 'BLR X1 |Lf: ADD W0,W0,#1', 'BLR X1 | RET', '       |Lend: NOP']);
  assert.equal(calls.traces(0, () => [0])[0]?.regs.get('X0'), 3);
  assert.equal(calls.loopCut(), false);
  // P0 goes back to L0 from P1's code again and again: cut after the unrolling bound.
  const loop = semantics('0:X1=P1:Lb; 0:X2=P0:L0;', ['L0: ADD W0,W0,#1 | Lb: BR X2', 'BR X1            | NOP']);
  assert.deepEqual(loop.traces(0, () => [0]), []);
  assert.equal(loop.loopCut(), true);
  // P1 jumps to P0's code (lower addresses) and back: never a backward jump, as in herd, so the step bound stops it.
  const forward = semantics('1:X1=P0:La; 1:X2=P1:L0;', ['B Lend        |L0: BR X1', 'La: BR X2     | NOP', 'Lend: NOP     | NOP']);
  assert.throws(() => forward.traces(1, () => [0]), (e: unknown) => e instanceof WeakmemError && e.diagnostic.code === DIAG_CODES.BOUND_EXCEEDED);
});

test('label values herd rejects or weakmem cannot follow are located errors', () => {
  const rows = ['BLR X1 | NOP', 'NOP    |L1: RET'];
  assert.equal(failure('0:X1=P1:L9;', rows), '2:3 label L9 not found on P1, yet it is used in the initialization list');
  assert.equal(failure('0:X1=P0:L1;', rows), "2:3 not supported: label value label:\"P0:L1\", whose label is in another thread's code");
  assert.equal(failure('x=P1:L1; 0:X1=P1:L1;', rows), '2:3 not supported: label value label:"P1:L1" in memory');
  assert.equal(failure('0:X1=P1:L1;', ['BLR X1 | NOP', 'NOP    |L1: ADR X0,L1']), '5:13 not supported: ADR in the code of P1 run by P0');
  // A return address in another thread's code has no label value weakmem knows how herd prints.
  assert.equal(
    failure('0:X1=P1:L1;', ['BLR X1 | NOP', 'NOP    |L1: BL L2', '       |L2: NOP'], 'exists (0:X30=0)'),
    '7:9 not supported: 0:X30 ends with the code address of instruction 3 of P1, which herd shows as a number weakmem does not know',
  );
});

test("with label values in the initial state, a branch through a register may reach a store in any thread's code", () => {
  const t = parseAArch64Litmus(text('0:X1=P1:L1; 1:X2=x;', ['BR X1 | NOP', 'NOP   |L1: STR W0,[X2]']), 't.litmus');
  assert.equal(mayWriteMemoryFrom(t.threads, 0, 0, false), false);
  assert.equal(mayWriteMemoryFrom(t.threads, 0, 0, true), true);
});
