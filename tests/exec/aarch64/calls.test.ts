import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAArch64Litmus } from '../../../src/litmus/aarch64/parse.js';
import { aarch64Semantics } from '../../../src/exec/aarch64/index.js';
import { edges, errorAt, eventsOf, test1, traces } from './support.js';

/** The one trace of P0, whose code is `code`. */
function only(code: string, init?: string): ReturnType<typeof traces>[number] {
  const trs = traces(test1(`P0;\n${code}`, init));
  assert.equal(trs.length, 1);
  return trs[0] as ReturnType<typeof traces>[number];
}

test('ADR writes a label value; BL writes the return address and branches, with no other event', () => {
  const tr = only('ADR X0,L1;\nBL L1;\nL2: MOV W3,#1;\nL1: ADD W4,W4,#1;', '');
  assert.deepEqual(eventsOf(tr, 0), ['Wreg X0=label:"P0:L1"']);
  assert.deepEqual(eventsOf(tr, 1), ['Wreg X30=label:"P0:L2"']);
  // The MOV after BL is skipped: the next instance is the ADD.
  assert.deepEqual(eventsOf(tr, 2), ['Rreg X4=0 [ADDR]', 'Wreg X4=1']);
  assert.equal(tr.regs.get('X3'), undefined);
});

test('BR, BLR and RET: the register read feeds a BCC branching event', () => {
  const tr = only('ADR X1,Lf;\nBLR X1;\nB Lend;\nLf: RET;\nLend: NOP;', '');
  assert.deepEqual(eventsOf(tr, 1), ['Rreg X1=label:"P0:Lf" [ADDR]', 'Wreg X30=of instruction 3 of P0', 'Commit [BCC]']);
  assert.deepEqual(eventsOf(tr, 2), ['Rreg X30=of instruction 3 of P0 [ADDR]', 'Commit [BCC]']);
  assert.deepEqual(eventsOf(tr, 3), ['NoAction']);
  assert.ok(edges(tr, 'iicoData').includes('Rreg X1=label:"P0:Lf" [ADDR] -> Commit [BCC]'));
  assert.ok(edges(tr, 'iicoData').includes('Rreg X30=of instruction 3 of P0 [ADDR] -> Commit [BCC]'));
  assert.deepEqual(tr.events.map((e) => e.text), ['ADR X1,Lf', 'BLR X1', 'BLR X1', 'BLR X1', 'RET', 'RET', 'B Lend', 'NOP']);
});

test('a branch inside a subroutine on a loaded value orders what follows the return (ctrl)', () => {
  const tr = only('LDR W0,[X1];\nBL Lf;\nSTR W0,[X3];\nB Lend;\nLf: CBZ W0,Lr;\nLr: RET;\nLend: NOP;');
  // The CBZ's BCC event depends on the read; RET's branching event and the store come after it.
  assert.deepEqual(edges(tr, 'ctrl'), ['R x=0 -> Commit [BCC]', 'R x=0 -> W y=0']);
});

test('a return goes back to several places: each backward target counts on its own', () => {
  const sem = aarch64Semantics(parseAArch64Litmus(test1('P0;\nBL Lf;\nBL Lf;\nBL Lf;\nB Lend;\nLf: ADD W0,W0,#1;\nRET;\nLend: NOP;', ''), 't.litmus'));
  const [tr] = sem.traces(0, () => [0]);
  assert.equal(tr?.regs.get('X0'), 3);
  assert.equal(sem.loopCut(), false);
  // A call to itself goes back to one place: cut after the unrolling bound.
  const self = aarch64Semantics(parseAArch64Litmus(test1('P0;\nL0: BL L0;', ''), 't.litmus'));
  assert.deepEqual(self.traces(0, () => [0]), []);
  assert.equal(self.loopCut(), true);
});

test('code addresses herd would need more to handle are not supported, at the instruction', () => {
  const err = (code: string, cond = 'exists (0:X0=0)'): string => errorAt(() => traces(`AArch64 T\n{ 0:X1=x; }\nP0;\n${code}\n${cond}\n`));
  assert.equal(err('LDR X2,[X1];\nBR X2;'), '5:1 not supported: BR to a code address that depends on a memory read (X2)');
  assert.equal(err('BR X1;'), '4:1 not supported: BR to x, which is no code address');
  assert.equal(err('RET;'), '4:1 not supported: RET to 0, which is no code address');
  assert.equal(err('ADR X0,.+4;\nNOP;'), '4:1 not supported: ADR to .+4, an instruction with no label');
  assert.equal(err('ADR X0,L;\nL: STR X0,[X1];'), '5:4 not supported: storing the code address label:"P0:L" to memory');
  assert.equal(err('ADR X0,L;\nL: LDR X2,[X0];'), '5:4 not supported: memory access to the code address label:"P0:L" (instruction fetch)');
  assert.equal(err('ADR X0,L;\nL: ADD X0,X0,#4;'), '5:4 not supported: addition of the code address label:"P0:L"');
  assert.equal(err('BL L;\nNOP;\nL: NOP;', 'exists (0:X30=0)'), '7:9 not supported: 0:X30 ends with the code address of instruction 2 of P0, which herd shows as a number weakmem does not know');
});
