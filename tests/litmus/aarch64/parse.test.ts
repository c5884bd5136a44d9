import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WeakmemError } from '../../../src/diag.js';
import { parseAArch64Litmus } from '../../../src/litmus/aarch64/parse.js';
import type { AArch64Instr } from '../../../src/litmus/aarch64/ast.js';
import { propText } from '../../../src/check/condition.js';

const MP = `AArch64 MP+dmb+addr
"A doc string (with parentheses)"
Cycle=Rfe DpAddrdR Fre DMBdWW
{
  0:X1=x; 0:X3=y;
  1:X1=y; 1:X3=x;
  uint64_t x=0; int64_t 1:X7=-1;
}
 P0          | P1                  ;
 MOV W0,#1   | LDR W0,[X1]         ;
 STR W0,[X1] | EOR W2,W0,W0        ;
 DMB ISH     | LDR W4,[X3,W2,SXTW] ;
 MOV W2,#1   |                     ;
 STR W2,[X3] |                     ;
exists (1:X0=1 /\\ 1:X4=0)
`;

/** The single instruction of a one-thread test. */
function one(code: string, init = '0:X1=x;'): AArch64Instr {
  const t = parseAArch64Litmus(`AArch64 T\n{ ${init} }\nP0;\n${code};\nexists (0:X0=0)\n`, 't.litmus');
  const i = t.threads[0]?.instrs[0];
  assert.ok(i !== undefined);
  return i;
}

/** The diagnostic a test raises, as `line:col code message`. */
function failure(text: string): string {
  try {
    parseAArch64Litmus(text, 't.litmus');
  } catch (e) {
    assert.ok(e instanceof WeakmemError, String(e));
    const d = e.diagnostic;
    return `${d.span?.line}:${d.span?.col} ${d.code} ${d.message}`;
  }
  return assert.fail('expected an error');
}

test('header, doc, prelude, initial state, columns and condition', () => {
  const t = parseAArch64Litmus(MP, 'mp.litmus');
  assert.equal(t.arch, 'AArch64');
  assert.equal(t.name, 'MP+dmb+addr');
  assert.equal(t.doc, 'A doc string (with parentheses)');
  assert.equal(t.threads.length, 2);
  assert.deepEqual(t.threads.map((th) => th.instrs.map((i) => i.kind)), [
    ['movConst', 'store', 'fence', 'movConst', 'store'],
    ['load', 'alu', 'load'],
  ]);
  const init = t.init.map((e) => [e.target.kind === 'reg' ? `${e.target.thread}:${e.target.reg}` : e.target.loc, e.value, e.type ?? '']);
  assert.deepEqual(init, [
    ['0:X1', 'x', ''], ['0:X3', 'y', ''], ['1:X1', 'y', ''], ['1:X3', 'x', ''], ['x', 0, 'uint64_t'], ['1:X7', -1, 'int64_t'],
  ]);
  assert.equal(t.condition.quantifier, 'exists');
  assert.equal(propText(t.condition.prop, 'AArch64'), '1:X0=1 /\\ 1:X4=0');
  const ldr = t.threads[1]?.instrs[2];
  assert.equal(ldr?.span.line, 12);
  assert.equal(ldr?.span.col, 16);
});

test('every addressing form', () => {
  const addr = (code: string): unknown => {
    const i = one(code);
    assert.ok(i.kind === 'load' || i.kind === 'store');
    const a = i.address;
    return a.kind === 'imm'
      ? [a.base.name, a.offset, a.mode]
      : [a.base.name, a.index.name, a.index.bits, a.extend, a.amount];
  };
  assert.deepEqual(addr('LDR X0,[X1]'), ['X1', 0n, 'offset']);
  assert.deepEqual(addr('LDR X0,[X1,#8]'), ['X1', 8n, 'offset']);
  assert.deepEqual(addr('LDR X0,[X1,#-8]!'), ['X1', -8n, 'pre']);
  assert.deepEqual(addr('LDR X0,[X1],#16'), ['X1', 16n, 'post']);
  assert.deepEqual(addr('LDR X0,[X1,X2]'), ['X1', 'X2', 64, 'LSL', 0]);
  assert.deepEqual(addr('LDR X0,[X1,X2,LSL #3]'), ['X1', 'X2', 64, 'LSL', 3]);
  assert.deepEqual(addr('LDR W0,[X1,W2,SXTW]'), ['X1', 'X2', 32, 'SXTW', 0]);
  assert.deepEqual(addr('STR W0,[X1,W2,UXTW #2]'), ['X1', 'X2', 32, 'UXTW', 2]);
  assert.deepEqual(addr('ldr x0, [x1, #4]'), ['X1', 4n, 'offset']);
});

test('loads, stores and atomics: sizes and annotations', () => {
  const pick = (code: string): unknown => {
    const i = one(code);
    switch (i.kind) {
      case 'load':
        return ['load', i.rt.name, i.rt.bits, i.bits, i.signed, i.load];
      case 'store':
        return ['store', i.rt.name, i.bits, i.release];
      case 'storeExclusive':
        return ['stxr', i.status.name, i.rt.name, i.rn.name, i.bits, i.release];
      case 'swp':
      case 'cas':
        return [i.kind, i.rs.name, i.rt.name, i.bits, i.order.acquire, i.order.release];
      case 'ldop':
        return ['ldop', i.op, i.rt.name, i.bits, i.order.acquire, i.order.release];
      default:
        return i.kind;
    }
  };
  assert.deepEqual(pick('LDRB W0,[X1]'), ['load', 'X0', 32, 8, false, 'plain']);
  assert.deepEqual(pick('LDRSH X0,[X1]'), ['load', 'X0', 64, 16, true, 'plain']);
  assert.deepEqual(pick('LDRSW X0,[X1]'), ['load', 'X0', 64, 32, true, 'plain']);
  assert.deepEqual(pick('LDAR W0,[X1]'), ['load', 'X0', 32, 32, false, 'acquire']);
  assert.deepEqual(pick('LDAPRH W0,[X1]'), ['load', 'X0', 32, 16, false, 'acquirePC']);
  assert.deepEqual(pick('LDXR X0,[X1]'), ['load', 'X0', 64, 64, false, 'exclusive']);
  assert.deepEqual(pick('LDAXRB W0,[X1]'), ['load', 'X0', 32, 8, false, 'exclusiveAcquire']);
  assert.deepEqual(pick('STLR X0,[X1]'), ['store', 'X0', 64, true]);
  assert.deepEqual(pick('STRH W0,[X1]'), ['store', 'X0', 16, false]);
  assert.deepEqual(pick('STLXR W3,X0,[X1]'), ['stxr', 'X3', 'X0', 'X1', 64, true]);
  assert.deepEqual(pick('SWPAL W2,W3,[X1]'), ['swp', 'X2', 'X3', 32, true, true]);
  assert.deepEqual(pick('CASA X2,X3,[X1]'), ['cas', 'X2', 'X3', 64, true, false]);
  assert.deepEqual(pick('CASLB W2,W3,[X1]'), ['cas', 'X2', 'X3', 8, false, true]);
  assert.deepEqual(pick('LDADDAL W2,W3,[X1]'), ['ldop', 'ADD', 'X3', 32, true, true]);
  assert.deepEqual(pick('LDCLRH W2,W3,[X1]'), ['ldop', 'CLR', 'X3', 16, false, false]);
  assert.deepEqual(pick('STEORL W2,[X1]'), ['ldop', 'EOR', 'XZR', 32, false, true]);
  assert.deepEqual(pick('STSMAX X2,[X1]'), ['ldop', 'SMAX', 'XZR', 64, false, false]);
});

test('aliases expand as herd does', () => {
  const cmp = one('CMP W1,#2');
  assert.ok(cmp.kind === 'alu');
  assert.deepEqual([cmp.op, cmp.setFlags, cmp.rd.name, cmp.rn.name], ['SUB', true, 'XZR', 'X1']);
  const cset = one('CSET W0,EQ');
  assert.ok(cset.kind === 'csel');
  assert.deepEqual([cset.op, cset.rn.name, cset.rm.name, cset.cond], ['inc', 'XZR', 'XZR', 'NE']);
  const mvn = one('MVN X0,X1');
  assert.ok(mvn.kind === 'alu');
  assert.deepEqual([mvn.op, mvn.rn.name], ['ORN', 'XZR']);
  const movn = one('MOVN X0,#1,LSL #16');
  assert.ok(movn.kind === 'movConst');
  assert.equal(movn.value, ~(1n << 16n));
  const add = one('ADD X0,X1,W2,SXTW');
  assert.ok(add.kind === 'alu' && add.operand.kind === 'extended');
  assert.equal(add.operand.extend, 'SXTW');
  const sh = one('EOR X0,X1,X2,LSR #3');
  assert.ok(sh.kind === 'alu' && sh.operand.kind === 'shifted');
  assert.deepEqual([sh.operand.shift, sh.operand.amount], ['LSR', 3]);
  const dmb = one('DMB ISHLD');
  assert.ok(dmb.kind === 'fence');
  assert.equal(dmb.domain, 'ISHLD');
  const b = one('B.NE .+8');
  assert.ok(b.kind === 'bcond');
  assert.equal(b.target, '.+8');
});

test('labels in cells, with or without an instruction', () => {
  const t = parseAArch64Litmus(
    'AArch64 L\n{ 0:X0=x; }\n P0 ;\n LDR W1,[X0] ;\n CBNZ W1,L0 ;\n MOV W2,#1 ;\nL0: ;\nexists (0:X2=1)\n',
    'l.litmus',
  );
  assert.equal(t.threads[0]?.labels.get('L0'), 3);
  const u = parseAArch64Litmus('AArch64 L\n{}\n P0 ;\nL1: B L1 ;\nforall true\n', 'l.litmus');
  assert.equal(u.threads[0]?.labels.get('L1'), 0);
});

test('conditions: ~exists, <>, forall, memory keys, locations, no condition at all', () => {
  const cond = (c: string): string => {
    const t = parseAArch64Litmus(`AArch64 C\n{ 0:X1=x; }\nP0;\nLDR W0,[X1];\n${c}\n`, 'c.litmus');
    return `${t.condition.quantifier} ${propText(t.condition.prop, 'AArch64')} [${t.locations.length}]`;
  };
  assert.equal(cond('~exists (0:X0=1 /\\ x=2)'), '~exists 0:X0=1 /\\ [x]=2 [0]');
  assert.equal(cond('exists 0:X0<>0 /\\ [x]=1;'), 'exists not (0:X0=0) /\\ [x]=1 [0]');
  assert.equal(cond('forall (0: W0 = 0 \\/ 0:X0 = 1)'), 'forall 0:X0=0 \\/ 0:X0=1 [0]');
  assert.equal(cond('locations [0:X0; x;]'), 'forall true [2]');
  assert.equal(cond('exists (0:X0=x)'), 'exists 0:X0=x [0]');
  // herd's precedence: => binds tighter than /\, which binds tighter than \/.
  assert.equal(cond('exists 0:X0=1 /\\ x=1 => x=2 \\/ x=3'), 'exists 0:X0=1 /\\ ([x]=1 => [x]=2) \\/ [x]=3 [0]');
  assert.equal(cond('(0:X0=0)'), 'exists 0:X0=0 [0]');
  assert.equal(cond('exists 0:X0=0xffffffffffffffff'), 'exists 0:X0=-1 [0]');
});

test('syntax errors point at the offending text', () => {
  assert.equal(failure('AArch64 T\n{ 0:X1=x; }\nP0;\nLDR W0,[X1] ;\nMOV W0,#1\nexists (0:X0=0)\n'), "5:1 WM100 expected ';' at the end of this row");
  assert.equal(failure('AArch64 T\n{}\nP0 | P2 ;\nNOP | NOP ;\nexists (0:X0=0)\n'), "3:6 WM100 expected thread name 'P1', found 'P2'");
  assert.equal(failure('AArch64 T\n{}\nP0;\nLDR W0,[X31];\nexists (0:X0=0)\n'), "4:9 WM100 LDR: expected a register, found 'X31'");
  assert.equal(failure('AArch64 T\n{}\nP0;\nADD W0,W1;\nexists (0:X0=0)\n'), '4:1 WM100 ADD: expected 3 or 4 operands, found 2');
  assert.equal(failure('AArch64 T\n{}\nP0;\nNOP;\nexists (0:X0=0 /\\ )\n'), "5:19 WM100 expected a register or a location, found ')'");
  assert.equal(failure('AArch64 T\n{}\nP0;\nNOP;\nexists (0:X0 := 0)\n'), "5:14 WM100 unexpected character ':' in the condition");
  assert.equal(failure('X86 T\n{}\nP0;\nNOP;\nexists (0:X0=0)\n'), "1:1 WM100 expected a AArch64 test, found 'X86'");
});

test('extensions stop with not supported at their location', () => {
  const ns = (code: string, init = ''): string => failure(`AArch64 T\n{ ${init} }\nP0;\n${code};\nexists (0:X0=0)\n`);
  assert.equal(ns('STG X0,[X1]'), '4:1 WM101 not supported: memory tagging (MTE) instruction STG');
  assert.equal(ns('PACIA X0,X1'), '4:1 WM101 not supported: pointer authentication (PAC) instruction PACIA');
  assert.equal(ns('TLBI VAE1IS,X0'), '4:1 WM101 not supported: cache or TLB maintenance instruction TLBI');
  assert.equal(ns('LD1 {V0.4S},[X1]'), '4:1 WM101 not supported: SIMD/SVE/SME instruction LD1');
  assert.equal(ns('MOV Z0.D,#1'), "4:5 WM101 not supported: SIMD/SVE/SME register 'Z0.D'");
  assert.equal(ns('SWPP X0,X1,[X2]'), '4:1 WM101 not supported: 128-bit pair instruction (mixed-size accesses) SWPP');
  assert.equal(ns('FOO X0'), '4:1 WM101 not supported: AArch64 instruction FOO');
  assert.equal(ns('NOP', 'int128_t x[2];'), "2:3 WM101 not supported: array of type 'int128_t'");
  assert.equal(ns('NOP', 'PTE(x)=(oa:PA(x));'), "2:3 WM101 not supported: page-table entry 'PTE(x)' (VMSA)");
  assert.equal(failure('AArch64 T\nVariant=vmsa\n{}\nP0;\nNOP;\nexists (0:X0=0)\n'), '2:1 WM101 not supported: Variant=vmsa');
});

/** The keys of a test's initial state, and the registers of each thread's code, as text. */
function registers(text: string): { init: string[]; code: string[][] } {
  const t = parseAArch64Litmus(text, 't.litmus');
  const init = t.init.map((e) => (e.target.kind === 'reg' ? `${e.target.thread}:${e.target.reg}=${String(e.value)}` : e.target.loc));
  const code = t.threads.map((th) => th.instrs.map((i) => ('rd' in i && 'rn' in i ? `${i.rd.name},${i.rn.name}` : i.kind)));
  return { init, code };
}

test('symbolic registers take the first registers their thread leaves free, in name order', () => {
  // P0 names X0 and the condition 0:X1: %a and %b get X2 and X3, whatever order they come in.
  const t = registers('AArch64 T\n{ uint64_t %b=x; %a=y; }\nP0 | P1 ;\nMOV X0,%b | MOV X%c,X3 ;\nMOV W0,W%a | ;\nexists (0:X1=0 /\\ %a=y)\n');
  assert.deepEqual(t.init, ['0:X3=x', '0:X2=y']);
  // A symbol the state does not name is given a register too (P1 names X3: %c is X0).
  assert.deepEqual(t.code, [['X0,X3', 'X0,X2'], ['X0,X3']]);
  const test = parseAArch64Litmus('AArch64 T\n{ %r=x; }\nP0;\nLDR W0,[%r];\nlocations [%r;]\nexists (%r=x)\n', 't.litmus');
  assert.deepEqual(test.locations.map((k) => (k.kind === 'reg' ? `${k.thread}:${k.reg}` : k.loc)), ['0:X1']);
  assert.equal(propText(test.condition.prop, 'AArch64'), '0:X1=x');
});

test('misused symbolic registers are errors at their location', () => {
  const at = (init: string, code: string, cond = 'exists (0:X0=0)'): string => failure(`AArch64 T\n{ ${init} }\nP0 | P1 ;\n${code} ;\n${cond}\n`);
  assert.equal(at('%r=x;', 'NOP | NOP'), '2:3 WM102 symbolic register %r does not appear in the code');
  assert.equal(at('%r=x;', 'MOV X0,%r | MOV X0,%r'), '2:3 WM102 ambiguous symbolic register %r: the code of P0 and P1 uses it');
  assert.equal(at('0:%r=x;', 'MOV X0,%r | NOP'), "2:3 WM102 a symbolic register is named without a thread: '0:%r'");
  assert.equal(at('', 'MOV X0,%r | NOP', 'exists (1:%r=0)'), "5:9 WM102 a symbolic register is named without a thread: '1:%r'");
  assert.equal(at('', 'LDR W0,[W%r] | NOP'), "4:9 WM100 LDR: expected a X register, found 'W%r'");
  const full = Array.from({ length: 30 }, (_, i) => `MOV X${i},#0 | NOP ;`).join('\n');
  assert.equal(at('', `${full}\nMOV X0,%r | NOP`), '34:8 WM102 not enough free registers in P0 for the symbolic register %r');
});

test('calls, returns, branches to registers and ADR', () => {
  const code = (c: string): AArch64Instr => one(c);
  assert.deepEqual(code('BL L0'), { span: code('BL L0').span, text: 'BL L0', kind: 'bl', target: 'L0' });
  const br = code('BLR X3');
  assert.ok(br.kind === 'branchReg' && br.op === 'BLR' && br.reg.name === 'X3');
  const ret = code('RET');
  assert.ok(ret.kind === 'branchReg' && ret.op === 'RET' && ret.reg.name === 'X30');
  const retX = code('RET X2');
  assert.ok(retX.kind === 'branchReg' && retX.reg.name === 'X2');
  const adr = code('ADR X0,.+8');
  assert.ok(adr.kind === 'adr' && adr.rd.name === 'X0' && adr.target === '.+8');
  const ns = (c: string): string => failure(`AArch64 T\n{}\nP0;\n${c};\nexists (0:X0=0)\n`);
  assert.equal(ns('BR W1'), "4:4 WM100 BR: expected a X register, found 'W1'");
  assert.equal(ns('ADR W0,L'), "4:5 WM100 ADR: expected a X register, found 'W0'");
  assert.equal(ns('RET X1,X2'), '4:1 WM100 RET: expected 0 or 1 operands, found 2');
  assert.equal(ns('ADRP X0,L'), '4:1 WM101 not supported: page address instruction ADRP');
});

test('label values in conditions: label:"P0:L0" or label:"0:L0", printed the first way', () => {
  const t = parseAArch64Litmus('AArch64 T\n{}\nP0;\nL0: ADR X0,L0;\nforall (0:X0=label:"0:L0" \\/ 0:X0=label:"P0:L0")\n', 't.litmus');
  assert.equal(propText(t.condition.prop, 'AArch64'), '0:X0=label:"P0:L0" \\/ 0:X0=label:"P0:L0"');
  assert.equal(failure('AArch64 T\n{}\nP0;\nNOP;\nforall (0:X0=label:"L0")\n'), '5:14 WM100 expected a label value such as label:"P0:L0", found \'label:"L0"\'');
  assert.equal(failure('AArch64 T\n{}\nP0;\nNOP;\nforall (0:X0=NOP)\n'), "5:14 WM101 not supported: instruction value 'NOP' (instruction fetch)");
  assert.equal(failure('AArch64 T\n{}\nP0;\nNOP;\nforall (0:X0=instr:"B .+4")\n'), '5:14 WM101 not supported: instruction value \'instr:"B .+4"\' (instruction fetch)');
});

test('label values in the initial state: P1:L1, 1:L1 or label:"P1:L1", kept as herd prints them', () => {
  const t = parseAArch64Litmus('AArch64 T\n{ 0:X1=P1:L1; 0:X2 = 1:L1; 0:X3=label:"P1:L1"; 0:X4=label:"1:L1"; }\nP0 | P1;\nNOP | L1: NOP;\nexists (0:X0=0)\n', 't.litmus');
  assert.deepEqual(t.init.map((e) => e.value), Array(4).fill('label:"P1:L1"'));
  const ns = (init: string): string => failure(`AArch64 T\n{ ${init} }\nP0 | P1;\nNOP | L1: NOP;\nexists (0:X0=0)\n`);
  // herd's grammar has no typed label values; instruction values are instruction fetch.
  assert.equal(ns('uint64_t 0:X1=P1:L1;'), "2:3 WM101 not supported: label value 'P1:L1' with a type");
  assert.equal(ns('0:X1=instr:"NOP";'), '2:8 WM101 not supported: instruction value \'instr:"NOP"\' (instruction fetch)');
  assert.equal(ns('0:X1=NOP;'), "2:8 WM101 not supported: instruction value 'NOP' (instruction fetch)");
  assert.equal(ns('0:X1=x:red;'), "2:8 WM101 not supported: tagged value 'x:red'");
});

test('a condition may name only symbols the initial state or the code labels introduce, as herd checks', () => {
  const at = (init: string, cond: string): string => failure(`AArch64 T\n{ ${init} }\nP0;\nL0: NOP;\n${cond}\n`);
  assert.equal(at('', 'exists (x=1)'), '5:9 WM102 the condition introduces new symbolic location(s): {x}');
  assert.equal(at('0:X1=x;', 'exists (0:X0=y \\/ 0:X0=label:"P0:L1" \\/ z=0)'), '5:14 WM102 the condition introduces new symbolic location(s): {P0:L1, y, z}');
  assert.equal(at('0:X1=x;', 'exists (0:X0=label:"P1:L0")'), '5:14 WM102 the condition introduces new symbolic location(s): {P1:L0}');
  // Known: a location or value of the initial state (an array for its elements), a label of the code.
  const ok = parseAArch64Litmus('AArch64 T\n{ 0:X1=y; int a[2]; }\nP0;\nL0: NOP;\nexists (0:X0=label:"0:L0" /\\ y=0 /\\ a[1]=0 /\\ 0:X1=y)\n', 't.litmus');
  assert.equal(ok.condition.quantifier, 'exists');
});
