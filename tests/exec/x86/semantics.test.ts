import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseX86Litmus, parseX86_64Litmus } from '../../../src/litmus/x86/parse.js';
import { x86Semantics } from '../../../src/exec/x86/index.js';
import type { TraceEvent } from '../../../src/exec/types.js';

const mem = (e: TraceEvent): string =>
  `${e.action} ${e.loc}=${String(e.value)}${e.sets?.includes('X') === true ? ' X' : ''}`;
const memOnly = (es: readonly TraceEvent[]): string[] => es.filter((e) => ['R', 'W', 'F'].includes(e.action)).map((e) => (e.action === 'F' ? `F ${e.tags.join()}` : mem(e)));

test('moves are plain accesses; locations named in the code exist', () => {
  const t = parseX86_64Litmus('X86_64 T\n{ }\n P0 ;\n movl $1,(x) ;\n mfence ;\n movl (y),%eax ;\nexists (0:rax=0)\n', 't.litmus');
  const sem = x86Semantics(t);
  assert.deepEqual([...sem.initial.keys()].sort(), ['x', 'y']);
  const trs = sem.traces(0, () => [0, 1]);
  assert.equal(trs.length, 2);
  assert.deepEqual(memOnly(trs[1]?.events ?? []), ['W x=1', 'F MFENCE', 'R y=1']);
  assert.equal(trs[1]?.regs.get('rax'), 1);
});

test('xchg with memory and lock-prefixed instructions are atomic read-modify-writes', () => {
  const t = parseX86_64Litmus('X86_64 T\n{ }\n P0 ;\n movl $2,%eax ;\n xchgl (x),%eax ;\n lock addl $3,(y) ;\n addl $1,(z) ;\nexists (0:rax=0)\n', 't.litmus');
  const [tr] = x86Semantics(t).traces(0, () => [5]);
  assert.ok(tr !== undefined);
  assert.deepEqual(memOnly(tr.events), ['R x=5 X', 'W x=2 X', 'R y=5 X', 'W y=8 X', 'R z=5', 'W z=6']);
  assert.equal(tr.rmw.length, 2);
  assert.equal(tr.regs.get('rax'), 5);
});

test('cmpxchg writes the new value or loads the accumulator', () => {
  const t = parseX86_64Litmus('X86_64 T\n{ 0:rax=5; 0:rdx=9; }\n P0 ;\n lock cmpxchgl %edx,(x) ;\nexists (0:rax=0)\n', 't.litmus');
  const [eq, ne] = ['5', '7'].map((v) => x86Semantics(t).traces(0, () => [Number(v)])[0]);
  assert.deepEqual(memOnly(eq?.events ?? []), ['R x=5 X', 'W x=9 X']);
  assert.deepEqual(memOnly(ne?.events ?? []), ['R x=7 X']);
  assert.equal(ne?.regs.get('rax'), 7);
});

test('X86 Intel syntax runs the same way', () => {
  const t = parseX86Litmus('X86 T\n{ x=0; }\n P0 ;\n MOV EAX,$1 ;\n XCHG [x],EAX ;\nexists (0:EAX=0)\n', 't.litmus');
  const [tr] = x86Semantics(t).traces(0, () => [0]);
  assert.deepEqual(memOnly(tr?.events ?? []), ['R x=0 X', 'W x=1 X']);
  assert.equal(tr?.regs.get('EAX'), 0);
});

test('a backward branch loop is bounded: unrolled twice on each path, then cut (Loop)', () => {
  // Spins until it reads 1 from x: each pass that reads 0 takes the branch back.
  const t = parseX86_64Litmus('X86_64 T\n{ }\n P0 ;\n L0: movl (x),%eax ;\n cmpl $0,%eax ;\n je L0 ;\nexists (0:rax=1)\n', 't.litmus');
  const sem = x86Semantics(t);
  const trs = sem.traces(0, () => [0, 1]);
  assert.deepEqual(trs.map((tr) => memOnly(tr.events)), [['R x=0', 'R x=0', 'R x=1'], ['R x=0', 'R x=1'], ['R x=1']]);
  assert.equal(sem.loopCut(), true);
  // A loop no value leaves ends too.
  const spin = x86Semantics(parseX86_64Litmus('X86_64 T\n{ }\n P0 ;\n L0: jmp L0 ;\nexists (0:rax=0)\n', 't.litmus'));
  assert.deepEqual(spin.traces(0, () => [0]), []);
  assert.equal(spin.loopCut(), true);
});

test('array elements: base + index * scale + displacement names the element an access covers whole', () => {
  const src = 'X86_64 T\n{ int64_t t[3]={1,2,3}; 0:rax=t; 0:rbx=1; }\n P0 ;\n movq 8(%rax,%rbx,8),%rcx ;\n movq $9,(t) ;\n movq $7,8(%rax) ;\nexists (0:rcx=3)\n';
  const sem = x86Semantics(parseX86_64Litmus(src, 't.litmus'));
  const [tr] = sem.traces(0, (loc) => (loc === 't[2]' ? [3] : [0]));
  assert.ok(tr !== undefined);
  assert.deepEqual(memOnly(tr.events), ['R t[2]=3', 'W t[0]=9', 'W t[1]=7']);
  assert.equal(tr.regs.get('rcx'), 3);
});

test('an access inside or across array elements, or outside the array, is not supported, with its location', () => {
  const run = (code: string): string => {
    const src = `X86_64 T\n{ int64_t t[2]; 0:rax=t; }\n P0 ;\n ${code} ;\nexists (t[0]=1)\n`;
    try {
      x86Semantics(parseX86_64Litmus(src, 't.litmus')).traces(0, () => [0]);
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };
  assert.match(run('movl $1,4(%rax)'), /mixed-size access: 32-bit access to t\+4, not a whole element of int64_t t\[2\]/);
  assert.match(run('movl $1,(%rax)'), /mixed-size access: 32-bit access to t, not a whole element/);
  assert.match(run('movq $1,16(%rax)'), /64-bit access to t\+16, outside int64_t t\[2\]/);
});
