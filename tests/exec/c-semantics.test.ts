import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WeakmemError } from '../../src/diag.js';
import { events, pick, semanticsOf, threadOf, traces } from './c-support.js';

test('one trace per combination of read values; events in program order with tags', () => {
  const sem = threadOf('int *x, int *y', 'int r1; int r2;\nr1 = READ_ONCE(*x);\nsmp_mb();\nr2 = smp_load_acquire(y);\nWRITE_ONCE(*y, 2);\n*x = 3;');
  const ts = traces(sem);
  assert.equal(ts.length, 4);
  const t = pick(ts, [1, 0]);
  assert.deepEqual(events(t), ['R[ONCE]x=1', 'F[MB]', 'R[ACQUIRE]y=0', 'W[ONCE]y=2', 'Wx=3']);
  assert.equal(t.regs.get('r1'), 1);
  assert.equal(t.regs.get('r2'), 0);
  assert.equal(t.thread, 0);
  assert.deepEqual(t.events.map((e) => e.text), ['r1 = READ_ONCE(*x);', 'smp_mb();', 'r2 = smp_load_acquire(y);', 'WRITE_ONCE(*y, 2);', '*x = 3;']);
  assert.deepEqual(t.events[0]?.span, { file: 't.litmus', line: 5, col: 1, endLine: 5, endCol: 19 });
  const instrs = t.events.map((e) => e.instr);
  assert.ok(instrs.every((v, i) => i === 0 || v > (instrs[i - 1] as number)));
});

test('plain accesses have no tags; a read with no possible value gives no trace', () => {
  const sem = threadOf('int *x', 'r1 = *x; *x = r1;');
  assert.deepEqual(traces(sem, { x: [5] }).map(events), [['Rx=5', 'Wx=5']]);
  assert.deepEqual(traces(sem, { x: [] }), []);
});

test('pointers: parameters hold addresses, &x and init pointers, reads through loaded pointers', () => {
  const sem = threadOf('int **p, int *x', 'int *r1; r1 = rcu_dereference(*p); r2 = READ_ONCE(*r1); r3 = &z; WRITE_ONCE(*r3, 1);', 'int *p = &y; int y = 1;', 'exists (0:r1=x)');
  assert.deepEqual([...sem.initial].sort(), [['p', 'y'], ['x', 0], ['y', 1], ['z', 0]]);
  const t = pick(traces(sem, { p: ['y', 'x'], y: [1], x: [0] }), ['x', 0]);
  assert.deepEqual(events(t), ['R[ONCE]p=x', 'R[ONCE]x=0', 'W[ONCE]z=1']);
  assert.equal(t.regs.get('r1'), 'x');
  assert.equal(t.regs.get('r3'), 'z');
  assert.deepEqual(t.addr, [[0, 1]]);
});

test('a path that dereferences an integer is dropped', () => {
  const sem = threadOf('int **p', 'r1 = READ_ONCE(*p); r2 = READ_ONCE(*r1);', '', 'exists (0:r1=0)');
  const ts = traces(sem, { p: [0, 'x'], x: [7] });
  assert.equal(ts.length, 1);
  assert.deepEqual(events(ts[0] as never), ['R[ONCE]p=x', 'R[ONCE]x=7']);
});

test('registers: declared, undeclared, init-block values, condition registers default to 0', () => {
  const sem = semanticsOf('C t\n{ 0:r4 = y; }\nP0(int *x) {\n int r1;\n r2 = 3;\n}\nP1(int *x) { }\nexists (0:r1=0 /\\ 0:r9=0 /\\ 1:r7=0 /\\ 0:r4=y)\n');
  const t0 = traces(sem)[0];
  assert.deepEqual([...(t0?.regs ?? [])].sort(), [['r1', 0], ['r2', 3], ['r4', 'y'], ['r9', 0], ['x', 'x']]);
  const t1 = traces(sem, {}, 1)[0];
  assert.equal(t1?.regs.get('r7'), 0);
  assert.deepEqual([...sem.initial.keys()].sort(), ['x', 'y']);
});

test('integer arithmetic is 64-bit; a location plus 0 stays a location; comparisons give 1 or 0', () => {
  const sem = threadOf(
    'int *x, int *y',
    'r1 = 9223372036854775807 + 1 - 1; r2 = y + (r1 ^ r1); r3 = (y == x) + (y == y) * 2 + (y != 0) * 4; r4 = -7 / 2; r5 = -7 % 2; r6 = 6 &~ 3; r7 = !y;',
  );
  const t = traces(sem)[0];
  assert.equal(t?.regs.get('r1'), Number(BigInt.asIntN(64, 9223372036854775807n + 1n - 1n)));
  assert.equal(t?.regs.get('r2'), 'y');
  assert.equal(t?.regs.get('r3'), 6);
  assert.equal(t?.regs.get('r4'), -3);
  assert.equal(t?.regs.get('r5'), -1);
  assert.equal(t?.regs.get('r6'), 4);
  assert.equal(t?.regs.get('r7'), 0);
});

test('arithmetic on a location and division by zero are semantic errors at the expression', () => {
  const err = (code: string): string => {
    try {
      traces(threadOf('int *x', code));
    } catch (e) {
      if (e instanceof WeakmemError) return `${e.diagnostic.code} ${e.diagnostic.span?.line}:${e.diagnostic.span?.col} ${e.diagnostic.message}`;
      throw e;
    }
    return 'no error';
  };
  assert.equal(err('r1 = x * 2;'), "WM102 4:6 operation '*' on location x, which is not an integer");
  assert.equal(err('r1 = 1 / r2;'), 'WM102 4:6 division by zero');
});

test('if/else: only the taken branch runs; both branches appear across traces', () => {
  const sem = threadOf('int *x, int *y', 'r1 = READ_ONCE(*x);\nif (r1 == 1) { WRITE_ONCE(*y, 1); } else WRITE_ONCE(*y, 2);\nWRITE_ONCE(*x, 3);');
  const ts = traces(sem);
  assert.deepEqual(events(pick(ts, [1])), ['R[ONCE]x=1', 'W[ONCE]y=1', 'W[ONCE]x=3']);
  assert.deepEqual(events(pick(ts, [0])), ['R[ONCE]x=0', 'W[ONCE]y=2', 'W[ONCE]x=3']);
});

test('the initial map has every location: init, parameters, pointees, condition, locations, filter', () => {
  const sem = semanticsOf('C t\n{ int a = 2; b = c; }\nP0(int *x) { }\nlocations [d]\nfilter (e=1)\nexists (f=1 /\\ 0:r0=g)\n');
  assert.deepEqual([...sem.initial].sort(), [['a', 2], ['b', 'c'], ['c', 0], ['d', 0], ['e', 0], ['f', 0], ['g', 0], ['x', 0]]);
  assert.equal(sem.threadCount, 1);
});
