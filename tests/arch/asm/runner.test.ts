import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAArch64Litmus } from '../../../src/litmus/aarch64/parse.js';
import { aarch64Semantics } from '../../../src/exec/aarch64/index.js';
import { MAX_STEPS } from '../../../src/arch/asm/runner.js';
import { WeakmemError } from '../../../src/diag.js';
import type { Value } from '../../../src/litmus/types.js';

const text = 'AArch64 T\n{ 0:X1=x; 0:X3=y; }\nP0;\nLDR W0,[X1];\nSTR W0,[X3];\nexists (0:X0=0)\n';

test('traces are computed again only when the values a thread reads change', () => {
  const sem = aarch64Semantics(parseAArch64Litmus(text, 't.litmus'));
  const asked: string[] = [];
  const domain = new Map<string, Value[]>([['x', [0]], ['y', [0]]]);
  const values = (loc: string): readonly Value[] => {
    asked.push(loc);
    return domain.get(loc) ?? [0];
  };
  const first = sem.traces(0, values);
  assert.equal(first.length, 1);
  // y is only written: growing its list changes nothing.
  (domain.get('y') as Value[]).push(1);
  assert.equal(sem.traces(0, values), first);
  // x is read: growing its list (in place) gives a new path.
  (domain.get('x') as Value[]).push(1);
  const second = sem.traces(0, values);
  assert.notEqual(second, first);
  assert.deepEqual(second.map((tr) => tr.regs.get('X0')), [0, 1]);
  assert.ok(!asked.includes('y'));
});

test('native dependencies are computed on first use, once', () => {
  const [tr] = aarch64Semantics(parseAArch64Litmus(text, 't.litmus')).traces(0, () => [0]);
  assert.ok(tr !== undefined);
  assert.equal(tr.data.length, 1);
  assert.equal(tr.data, tr.data, 'the same list each time');
});

test('a path longer than the step bound stops with a bound diagnostic', () => {
  // A loop on known values does not count against the unrolling bound; this one never ends.
  const loop = 'AArch64 T\n{ }\nP0;\nMOV W0,#1;\nL0: ADD W4,W4,#1;\nCBNZ W0,L0;\nexists (0:X0=0)\n';
  const sem = aarch64Semantics(parseAArch64Litmus(loop, 't.litmus'));
  assert.throws(
    () => sem.traces(0, () => [0]),
    (e: unknown) => e instanceof WeakmemError && e.diagnostic.message === `P0 runs more than ${MAX_STEPS} instructions: a loop that does not end?`,
  );
});
