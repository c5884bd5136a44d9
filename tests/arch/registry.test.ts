import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ARCHS, archForHeader } from '../../src/arch/index.js';

test('header words select architectures', () => {
  assert.equal(archForHeader('AArch64')?.name, 'AArch64');
  assert.equal(archForHeader('X86_64')?.name, 'X86_64');
  assert.equal(archForHeader('X86')?.name, 'X86');
  assert.equal(archForHeader('PPC'), undefined);
  assert.deepEqual(ARCHS.map((a) => a.defaultModel), ['aarch64', 'x86tso', 'x86tso']);
});

test('herd orders registers by number, the zero register first', () => {
  const a = archForHeader('AArch64');
  assert.ok(a !== undefined);
  assert.deepEqual(['X10', 'X2', 'XZR', 'X1'].sort((x, y) => a.compareRegisters(x, y)), ['XZR', 'X1', 'X2', 'X10']);
  const x = archForHeader('X86_64');
  assert.ok(x !== undefined);
  assert.deepEqual(['rcx', 'r8', 'rax', 'rbx'].sort((p, q) => x.compareRegisters(p, q)), ['rax', 'rbx', 'rcx', 'r8']);
});

test('an architecture parses a test and runs its threads', () => {
  const a = archForHeader('AArch64');
  assert.ok(a !== undefined);
  const t = a.parse('AArch64 SB\n{ 0:X1=x; 0:X3=y; 1:X1=y; 1:X3=x; }\n P0 | P1 ;\n MOV W0,#1 | MOV W0,#1 ;\n STR W0,[X1] | STR W0,[X1] ;\n LDR W2,[X3] | LDR W2,[X3] ;\nexists (0:X2=0 /\\ 1:X2=0)\n', 'sb.litmus');
  const sem = a.semantics(t);
  assert.deepEqual([...sem.initial.entries()].sort(), [['x', 0], ['y', 0]]);
  assert.equal(sem.threadCount, 2);
  const trs = sem.traces(1, () => [0, 1]);
  assert.deepEqual(trs.map((tr) => tr.regs.get('X2')), [0, 1]);
  assert.equal(sem.loopCut(), false);
});
