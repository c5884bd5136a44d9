import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAArch64Litmus } from '../../../src/litmus/aarch64/parse.js';
import { aarch64Semantics } from '../../../src/exec/aarch64/index.js';
import { edges, errorAt, eventsOf, test1, traces } from './support.js';

const regs = (code: string, init = ''): Record<string, unknown> => {
  const [tr] = traces(test1(`P0;\n${code}`, init));
  assert.ok(tr !== undefined);
  return Object.fromEntries(tr.regs);
};

test('data processing: values, widths and flags', () => {
  assert.deepEqual(regs('MOV X0,#-1;\nMOV W1,#-1;'), { X0: -1, X1: -1 });
  assert.deepEqual(regs('MOV X0,#-1;\nMOV W1,#-1;', 'int64_t 0:X0; int64_t 0:X1;'), { X0: -1, X1: 4294967295 });
  assert.deepEqual(regs('MOV X1,#6;\nNEG W2,W1,LSL #2;', 'int64_t 0:X2;'), { X1: 6, X2: 4294967272 });
  assert.deepEqual(regs('MOV X0,#0xff;\nAND X1,X0,#0xf;\nORR X2,X1,#0x30;\nEOR X3,X2,X2;\nBIC X4,X0,X1;'), { X0: 255, X1: 15, X2: 63, X3: 0, X4: 240 });
  assert.deepEqual(regs('MOV X0,#1;\nLSL X1,X0,#4;\nASR X2,X1,#2;\nMOVK X2,#1,LSL #16;', 'uint64_t 0:X2;'), { X0: 1, X1: 16, X2: 65540 });
  assert.deepEqual(regs('MOV W0,#2;\nMOV W1,#3;\nSUBS W2,W0,W1;\nCSET W3,MI;\nCSET W4,EQ;\nCSETM W5,CC;'), { X0: 2, X1: 3, X2: -1, X3: 1, X4: 0, X5: -1 });
  assert.deepEqual(regs('MOV X1,#-256;\nUBFM X2,X1,#4,#11;\nSXTB X3,X1;', 'int64_t 0:X3;'), { X1: -256, X2: 240, X3: 0 });
  assert.deepEqual(regs('MOV W1,#128;\nMOV W2,#15;\nSMULL X3,W2,W1;\nMADD X4,X3,X2,X1;', 'int64_t 0:X4;'), { X1: 128, X2: 15, X3: 1920, X4: 28928 });
});

test('CSEL decides through a branching event that controls the selected read', () => {
  const [tr] = traces(test1('P0;\nCMP W5,#0;\nCSEL W0,W1,W2,EQ;'));
  assert.ok(tr !== undefined);
  assert.deepEqual(eventsOf(tr, 1), ['Rreg NZCV=6 [ADDR]', 'Commit [PRED]', 'Rreg X1=x [DATA]', 'Wreg X0=x']);
  assert.deepEqual(edges(tr, 'iicoCtrl'), ['Commit [PRED] -> Rreg X1=x [DATA]']);
  assert.ok(edges(tr, 'iicoData').includes('Rreg NZCV=6 [ADDR] -> Commit [PRED]'));
  const [zr] = traces(test1('P0;\nCMP W5,#1;\nCSET W0,EQ;'));
  assert.ok(zr !== undefined);
  assert.deepEqual(eventsOf(zr, 1), ['Rreg NZCV=8 [ADDR]', 'Commit [PRED]', 'Wreg X0=0']);
  assert.deepEqual(edges(zr, 'iicoCtrl'), ['Commit [PRED] -> Wreg X0=0']);
});

test('conditional branches: a BCC branching event fed by the tested register', () => {
  const [tr] = traces(test1('P0;\nLDR W0,[X1];\nCBNZ W0,L0;\nMOV W2,#1;\nL0:;'), 0, () => [0]);
  assert.ok(tr !== undefined);
  assert.deepEqual(eventsOf(tr, 1), ['Rreg X0=0 [ADDR]', 'Commit [BCC]']);
  assert.deepEqual(eventsOf(tr, 2), ['Wreg X2=1']);
  const [taken] = traces(test1('P0;\nLDR W0,[X1];\nCBNZ W0,L0;\nMOV W2,#1;\nL0:;'), 0, () => [1]);
  assert.ok(taken !== undefined);
  assert.equal(taken.events.filter((e) => e.instr === 2).length, 0);
  const [bcc] = traces(test1('P0;\nCMP W5,#0;\nB.EQ .+8;\nMOV W2,#1;\nNOP;'));
  assert.ok(bcc !== undefined);
  assert.deepEqual(eventsOf(bcc, 1), ['Rreg NZCV=6 [ADDR]', 'Commit [BCC]']);
  assert.deepEqual(eventsOf(bcc, 2), ['NoAction']);
});

test('fences', () => {
  const [tr] = traces(test1('P0;\nDMB ISHLD;\nDSB SY;\nISB;\nDMB ST;'));
  assert.ok(tr !== undefined);
  assert.deepEqual(tr.events.map((e) => (e.sets ?? []).join()), ['DMB.ISHLD', 'DSB.SY', 'ISB', 'DMB.ST']);
});

test('native dependencies for models that do not compute their own', () => {
  const [tr] = traces(test1('P0;\nLDR W0,[X1];\nEOR W2,W0,W0;\nLDR W4,[X3,W2,SXTW];\nSTR W0,[X3];\nCBZ W0,L;\nL: STR W2,[X1];'));
  assert.ok(tr !== undefined);
  assert.deepEqual(edges(tr, 'addr'), ['R x=0 -> R y=0']);
  assert.deepEqual(edges(tr, 'data'), ['R x=0 -> W x=0', 'R x=0 -> W y=0']);
  assert.deepEqual(edges(tr, 'ctrl'), ['R x=0 -> W x=0']);
});

test('a loop on a loaded value is unrolled twice and cut after', () => {
  const text = test1('P0;\nL0: LDXR W0,[X1];\nADD W0,W0,#1;\nSTXR W2,W0,[X1];\nCBNZ W2,L0;');
  const sem = aarch64Semantics(parseAArch64Litmus(text, 't.litmus'));
  const trs = sem.traces(0, () => [0]);
  assert.equal(trs.length, 3);
  assert.deepEqual(trs.map((t) => t.events.filter((e) => e.action === 'W').length), [1, 1, 1]);
  assert.equal(sem.loopCut(), true);
});

test('a loop on known values runs to the end', () => {
  const sem = aarch64Semantics(parseAArch64Litmus(test1('P0;\nMOV W0,#10;\nL0: ADD W4,W4,#1;\nSUB W0,W0,#1;\nCBNZ W0,L0;'), 't.litmus'));
  const [tr] = sem.traces(0, () => [0]);
  assert.equal(tr?.regs.get('X4'), 10);
  assert.equal(sem.loopCut(), false);
});

test('undefined labels and address arithmetic herd cannot do are reported', () => {
  const err = (code: string): string => errorAt(() => traces(test1(`P0;\n${code}`)));
  assert.equal(err('B L9;'), "4:1 undefined label 'L9'");
  assert.equal(err('LDR W0,[X1,#8];'), '4:1 not supported: mixed-size access to x+8, inside the location x');
  assert.equal(err('MUL X0,X1,X1;'), '4:1 not supported: multiplication of address x');
});
