import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WeakmemError } from '../../../src/diag.js';
import { parseAArch64Litmus } from '../../../src/litmus/aarch64/parse.js';
import { parseX86Litmus } from '../../../src/litmus/x86/parse.js';
import type { AArch64Instr, AArch64Thread } from '../../../src/litmus/aarch64/ast.js';
import type { LitmusTest, StateKey } from '../../../src/litmus/types.js';
import { propText } from '../../../src/check/condition.js';

function parse(init: string, code = 'NOP', constraints = 'exists (0:X0=0)'): LitmusTest<AArch64Thread> {
  return parseAArch64Litmus(`AArch64 T\n{ ${init} }\nP0;\n${code};\n${constraints}\n`, 't.litmus');
}

/** The diagnostic a test raises, as `line:col code message`. */
function failure(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof WeakmemError, String(e));
    const d = e.diagnostic;
    return `${d.span?.line}:${d.span?.col} ${d.code} ${d.message}`;
  }
  return assert.fail('expected an error');
}

const keyText = (k: StateKey): string => (k.kind === 'reg' ? `${k.thread}:${k.reg}` : `${k.loc}${k.array === true ? ' (array)' : ''}`);
const initText = (t: LitmusTest): string[] => t.init.map((e) => `${keyText(e.target)}=${String(e.value)}${e.type !== undefined ? ` ${e.type}` : ''}`);

test('an array declaration is one location per element, values cut to the element type', () => {
  const t = parse('int x[2] = {1, -2}; uint8_t b[3]={-1,0,256}; int64_t v[2]; 0:X1=x;');
  assert.deepEqual(t.arrays?.map((a) => `${a.type} ${a.name}[${a.length}]`), ['int x[2]', 'uint8_t b[3]', 'int64_t v[2]']);
  assert.deepEqual(initText(t), [
    'x[0]=1 int', 'x[1]=-2 int', 'b[0]=255 uint8_t', 'b[1]=0 uint8_t', 'b[2]=0 uint8_t', 'v[0]=0 int64_t', 'v[1]=0 int64_t', '0:X1=x',
  ]);
});

test('an element as a value is its address: the array displaced by whole elements', () => {
  const t = parse('0:X0=x[1]; 0:X2=&v[1]; 0:X3=x[0]; int x[3]; uint64_t v[2];');
  assert.deepEqual(initText(t).filter((s) => s.startsWith('0:')), ['0:X0=x+4', '0:X2=v+8', '0:X3=x']);
});

test('conditions name elements (`x[1]`) and whole arrays (`x={1,0}`)', () => {
  const t = parse('int x[2]; int64_t y[2]; 0:X1=x;', 'NOP', 'locations [x; y[1];]\nexists (x={1,-1} /\\ y[0]=2 /\\ 0:X1=x)');
  assert.deepEqual(t.locations.map(keyText), ['x (array)', 'y[1]']);
  assert.equal(propText(t.condition.prop, 'AArch64'), 'x={1,-1} /\\ y[0]=2 /\\ 0:X1=x');
  const p = t.condition.prop;
  assert.ok(p.kind === 'and' && p.args[0]?.kind === 'eq' && p.args[1]?.kind === 'eq');
  assert.deepEqual(keyText(p.args[0].key), 'x (array)');
  assert.equal(p.args[0].value.value, '{1,-1}');
  assert.deepEqual(keyText(p.args[1].key), 'y[0]');
});

test('condition constants are read under the element type, and print as written', () => {
  const t = parse('uint8_t b[2]; int32_t u[2];', 'NOP', 'exists (b[1]=-1 /\\ u[0]=4294967295 /\\ b={-1,1})');
  const p = t.condition.prop;
  assert.ok(p.kind === 'and');
  assert.deepEqual(p.args.map((a) => (a.kind === 'eq' ? a.value.value : '?')), [255, -1, '{255,1}']);
  assert.equal(propText(p, 'AArch64'), 'b[1]=-1 /\\ u[0]=4294967295 /\\ b={-1,1}');
});

test('array mistakes are located', () => {
  assert.equal(failure(() => parse('int x[2] = {1,2,3};')), '2:14 WM101 not supported: array initialiser with 3 values for x[2]');
  assert.equal(failure(() => parse('int x[2] = 3;')), "2:14 WM100 expected '{v0,v1,...}' initialising the array x[2]");
  assert.equal(failure(() => parse('int *p[2];')), "2:3 WM101 not supported: array of type 'int *'");
  assert.equal(failure(() => parse('int x[2];', 'NOP', 'exists (x[2]=0)')), "5:9 WM102 'x[2]' is outside the array x[2]");
  assert.equal(failure(() => parse('int x;', 'NOP', 'exists (x[0]=0)')), "5:9 WM102 'x' is not an array of the initial state");
  assert.equal(failure(() => parse('int x[2];', 'NOP', 'exists (x=0)')), "5:9 WM102 the array 'x' compares with a list of values {v0,v1,...}");
  assert.equal(failure(() => parse('int x[2];', 'NOP', 'exists (x={1})')), '5:11 WM102 1 values for the array x[2]');
  assert.equal(failure(() => parse('int x;', 'NOP', 'exists (x={1,2})')), "5:9 WM102 a list of values needs an array, and 'x' is none");
  assert.equal(failure(() => parse('0:X0=y[1];')), "2:8 WM101 not supported: element address 'y[1]' of 'y', which is not an array");
});

test('x86 tests declare arrays as AArch64 tests do, with the same checks', () => {
  const x86 = (init: string, cond: string): string =>
    failure(() => parseX86Litmus(`X86 T\n{ ${init} }\n P0 ;\n MOV EAX,[x] ;\n${cond}\n`, 't.litmus'));
  assert.equal(x86('int x[2];', 'exists (x=0)'), "5:9 WM102 the array 'x' compares with a list of values {v0,v1,...}");
  assert.equal(x86('int x[2];', 'exists (x[2]=0)'), "5:9 WM102 'x[2]' is outside the array x[2]");
  const t = parseX86Litmus('X86 T\n{ int x[2]={1,2}; }\n P0 ;\n MOV EAX,[x] ;\nexists (x[1]=2 /\\ x={1,2})\n', 't.litmus');
  assert.deepEqual(t.arrays?.map((a) => `${a.type} ${a.name}[${a.length}]`), ['int x[2]']);
});

/** The single instruction of a one-thread test. */
function one(code: string): AArch64Instr {
  const i = parse('0:X2=x; int x[4];', code).threads[0]?.instrs[0];
  assert.ok(i !== undefined);
  return i;
}

test('pair loads and stores: registers, element size, kind and addressing', () => {
  const shape = (code: string): string => {
    const i = one(code);
    if (i.kind === 'loadPair') return `${i.kind} ${i.rt1.name},${i.rt2.name} ${i.bits} ${i.load}${i.signed ? ' signed' : ''} ${i.address.kind === 'imm' ? `${i.address.mode} ${i.address.offset}` : ''}`;
    if (i.kind === 'storePair') return `${i.kind} ${i.rt1.name},${i.rt2.name} ${i.bits} ${i.store} ${i.address.kind === 'imm' ? `${i.address.mode} ${i.address.offset}` : ''}`;
    if (i.kind === 'storeExclusivePair') return `${i.kind} ${i.status.name} ${i.rt1.name},${i.rt2.name} [${i.rn.name}] ${i.bits}${i.release ? ' release' : ''}`;
    if (i.kind === 'casp') return `${i.kind} ${i.rs1.name},${i.rs2.name} ${i.rt1.name},${i.rt2.name} [${i.rn.name}] ${i.bits} ${i.order.acquire ? 'A' : ''}${i.order.release ? 'L' : ''}`;
    return i.kind;
  };
  assert.equal(shape('LDP W0,W1,[X2]'), 'loadPair X0,X1 32 plain offset 0');
  assert.equal(shape('LDP X0,X1,[X2,#16]!'), 'loadPair X0,X1 64 plain pre 16');
  assert.equal(shape('LDNP X0,X1,[X2,#8]'), 'loadPair X0,X1 64 nonTemporal offset 8');
  assert.equal(shape('LDPSW X0,X1,[X2],#8'), 'loadPair X0,X1 32 plain signed post 8');
  assert.equal(shape('LDIAPP W0,W1,[X2],#8'), 'loadPair X0,X1 32 acquirePC post 8');
  assert.equal(shape('LDAP X0,X1,[X2]'), 'loadPair X0,X1 64 acquirePC offset 0');
  assert.equal(shape('LDAXP X0,X1,[X2]'), 'loadPair X0,X1 64 exclusiveAcquire offset 0');
  assert.equal(shape('STP W0,W1,[X2,#4]'), 'storePair X0,X1 32 plain offset 4');
  assert.equal(shape('STNP W0,W1,[X2]'), 'storePair X0,X1 32 nonTemporal offset 0');
  assert.equal(shape('STILP X0,X1,[X2,#-16]!'), 'storePair X0,X1 64 release pre -16');
  assert.equal(shape('STLP X0,X1,[X2]'), 'storePair X0,X1 64 release offset 0');
  assert.equal(shape('STLXP W9,X0,X1,[X2]'), 'storeExclusivePair X9 X0,X1 [X2] 64 release');
  assert.equal(shape('CASPAL W0,W1,W4,W5,[X2]'), 'casp X0,X1 X4,X5 [X2] 32 AL');
  assert.equal(failure(() => parse('0:X2=x;', 'LDAP W0,[X2]')), '4:1 WM101 not supported: AArch64 instruction LDAP');
});

test('pair operand mistakes are located', () => {
  const f = (code: string): string => failure(() => parse('0:X2=x;', code));
  assert.equal(f('LDP W0,X1,[X2]'), "4:8 WM100 LDP: expected a W register, found 'X1'");
  assert.equal(f('LDPSW W0,W1,[X2]'), "4:7 WM100 LDPSW: expected a X register, found 'W0'");
  assert.equal(f('LDXP X0,X1,[X2,#8]'), "4:12 WM100 LDXP: expected an address [Xn], found '[X2,#8]'");
  assert.equal(f('LDIAPP X0,X1,[X2,#16]!'), "4:14 WM100 LDIAPP: expected an address [Xn] or [Xn],#imm, found '[X2,#16]!'");
  assert.equal(f('STILP X0,X1,[X2],#16'), "4:18 WM100 STILP: expected an address [Xn] or [Xn,#imm]!, found '#16'");
  assert.equal(f('STNP X0,X1,[X2],#16'), "4:17 WM100 STNP: expected an address [Xn] or [Xn,#imm], found '#16'");
  assert.equal(f('LDP X0,X1,[X2,X3]'), "4:11 WM100 LDP: expected an address [Xn,#imm], [Xn,#imm]! or [Xn],#imm, found '[X2,X3]'");
  assert.equal(f('CASP X0,X1,W2,W3,[X4]'), "4:12 WM100 CASP: expected a X register, found 'W2'");
  assert.equal(f('STXP W9,X0,[X2]'), '4:1 WM100 STXP: expected 4 operands, found 3');
});
