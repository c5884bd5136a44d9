import { test } from 'node:test';
import assert from 'node:assert/strict';
import { events, pick, threadOf, traces } from './c-support.js';

test('data: through registers and arithmetic, and nested without a register', () => {
  const t = pick(traces(threadOf('int *x, int *y, int *z', 'r1 = READ_ONCE(*x);\nr2 = r1 - r1 + 0;\nWRITE_ONCE(*y, r2);\nWRITE_ONCE(*z, READ_ONCE(*y));\nWRITE_ONCE(*x, 5);')), [1, 0]);
  assert.deepEqual(events(t), ['R[ONCE]x=1', 'W[ONCE]y=0', 'R[ONCE]y=0', 'W[ONCE]z=0', 'W[ONCE]x=5']);
  assert.deepEqual(t.data, [[0, 1], [2, 3]]);
  assert.deepEqual(t.addr, []);
  assert.deepEqual(t.ctrl, []);
});

test('addr: the address computed from a read; the value stored is data, not addr', () => {
  const t = pick(traces(threadOf('int **p, int *x', 'int *r1; r1 = READ_ONCE(*p);\nr2 = READ_ONCE(*r1);\nWRITE_ONCE(*r1, r2);\nr3 = *(r1);'), { p: ['x'], x: [4] }), ['x', 4, 4]);
  assert.deepEqual(events(t), ['R[ONCE]p=x', 'R[ONCE]x=4', 'W[ONCE]x=4', 'Rx=4']);
  assert.deepEqual(t.addr, [[0, 1], [0, 2], [0, 3]]);
  assert.deepEqual(t.data, [[1, 2]]);
});

test('ctrl: every event of the branch taken, including fences and nested ifs, nothing after the join', () => {
  const sem = threadOf(
    'int *x, int *y',
    'r1 = READ_ONCE(*x);\nif (r1) {\n  smp_wmb();\n  r2 = READ_ONCE(*y);\n  if (r2 == 1) WRITE_ONCE(*x, 2);\n}\nWRITE_ONCE(*y, 3);',
  );
  const t = pick(traces(sem), [1, 1]);
  assert.deepEqual(events(t), ['R[ONCE]x=1', 'F[wmb]', 'R[ONCE]y=1', 'W[ONCE]x=2', 'W[ONCE]y=3']);
  assert.deepEqual(t.ctrl, [[0, 1], [0, 2], [0, 3], [2, 3]]);
});

test('ctrl: a read in the condition itself, and the reads its address depends on', () => {
  const sem = threadOf('int **p, int *y', 'int *r1; r1 = READ_ONCE(*p);\nif (READ_ONCE(*r1) == 0) WRITE_ONCE(*y, 1);');
  const t = pick(traces(sem, { p: ['y'], y: [0] }), ['y', 0]);
  assert.deepEqual(events(t), ['R[ONCE]p=y', 'R[ONCE]y=0', 'W[ONCE]y=1']);
  assert.deepEqual(t.addr, [[0, 1]]);
  assert.deepEqual(t.ctrl, [[0, 2], [1, 2]]);
});

test('no ctrl or data from a register a branch assigns a constant to (herd is syntactic)', () => {
  const t = pick(traces(threadOf('int *x, int *y', 'r1 = 1;\nif (READ_ONCE(*x) == 0) r1 = 0;\nWRITE_ONCE(*y, r1);')), [0]);
  assert.deepEqual(events(t), ['R[ONCE]x=0', 'W[ONCE]y=0']);
  assert.deepEqual([...t.ctrl, ...t.data, ...t.addr], []);
});

test('xchg: R* -rmw-> W* with the annotation on both, old value returned, no R->W data', () => {
  const t = pick(traces(threadOf('int *x, int *y', 'r0 = READ_ONCE(*y);\nr1 = xchg_release(x, r0);\nWRITE_ONCE(*y, r1);')), [1, 0]);
  assert.deepEqual(events(t), ['R[ONCE]y=1', 'R*[RELEASE]x=0', 'W*[RELEASE]x=1', 'W[ONCE]y=0']);
  assert.deepEqual(t.rmw, [[1, 2]]);
  assert.deepEqual(t.data, [[0, 2], [1, 3]]);
  assert.equal(t.events[1]?.instr, t.events[2]?.instr);
  assert.equal(t.regs.get('r1'), 0);
});

test('cmpxchg: success writes (R*, W*), failure is a lone R* with the same tags', () => {
  const ts = traces(threadOf('int *x', 'r1 = cmpxchg_acquire(x, 1, 2);'), { x: [0, 1] });
  const ok = pick(ts, [1]);
  assert.deepEqual(events(ok), ['R*[ACQUIRE]x=1', 'W*[ACQUIRE]x=2']);
  assert.deepEqual(ok.rmw, [[0, 1]]);
  assert.deepEqual(ok.data, []);
  assert.equal(ok.regs.get('r1'), 1);
  const fail = pick(ts, [0]);
  assert.deepEqual(events(fail), ['R*[ACQUIRE]x=0']);
  assert.deepEqual(fail.rmw, []);
  assert.equal(fail.regs.get('r1'), 0);
});

test('atomic ops: NORETURN no-return op, op_return / fetch_op values, R* -data-> W*', () => {
  const t = pick(
    traces(threadOf('atomic_t *a', 'atomic_inc(a);\nr1 = atomic_add_return(2, a);\nr2 = atomic_fetch_sub_relaxed(1, a);\natomic_andnot(6, a);'), { a: [7] }),
    [7, 7, 7, 7],
  );
  assert.deepEqual(events(t), [
    'R*[NORETURN]a=7', 'W*[NORETURN]a=8',
    'R*[MB]a=7', 'W*[MB]a=9',
    'R*[ONCE]a=7', 'W*[ONCE]a=6',
    'R*[NORETURN]a=7', 'W*[NORETURN]a=1',
  ]);
  assert.deepEqual(t.rmw, [[0, 1], [2, 3], [4, 5], [6, 7]]);
  assert.deepEqual(t.data, [[0, 1], [2, 3], [4, 5], [6, 7]]);
  assert.equal(t.regs.get('r1'), 9);
  assert.equal(t.regs.get('r2'), 7);
});

test('atomic_add_unless: adds and returns 1 unless the value is the limit; the failed read stays in RMW', () => {
  const ts = traces(threadOf('atomic_t *z', 'r0 = atomic_add_unless(z, 1, 5);'), { z: [0, 5] });
  const added = pick(ts, [0]);
  assert.deepEqual(events(added), ['R*[MB]z=0', 'W*[MB]z=1']);
  assert.deepEqual(added.rmw, [[0, 1]]);
  assert.deepEqual(added.data, [[0, 1]]);
  assert.equal(added.regs.get('r0'), 1);
  const not = pick(ts, [5]);
  assert.deepEqual(events(not), ['R*[MB]z=5']);
  assert.equal(not.regs.get('r0'), 0);
});

test('locks: LKR LKW for spin_lock, UL, trylock success or LF, is_locked RL or RU', () => {
  const sem = threadOf('spinlock_t *l, int *x', 'spin_lock(l);\nspin_unlock(l);\nr1 = spin_trylock(l);\nr2 = spin_is_locked(l);\nif (r2) WRITE_ONCE(*x, r1);');
  const ts = traces(sem);
  assert.equal(ts.length, 4);
  const [a, b, c, d] = ts.map(events);
  assert.deepEqual(a, ['LKR l', 'LKW l', 'UL l', 'LKR l', 'LKW l', 'RL l', 'W[ONCE]x=1']);
  assert.deepEqual(b, ['LKR l', 'LKW l', 'UL l', 'LKR l', 'LKW l', 'RU l']);
  assert.deepEqual(c, ['LKR l', 'LKW l', 'UL l', 'LF l', 'RL l', 'W[ONCE]x=0']);
  assert.deepEqual(d, ['LKR l', 'LKW l', 'UL l', 'LF l', 'RU l']);
  // A failed trylock and spin_is_locked are sources of dependencies; a lock acquisition is not.
  assert.deepEqual(ts[0]?.ctrl, [[5, 6]]);
  assert.deepEqual(ts[0]?.data, []);
  assert.deepEqual(ts[2]?.ctrl, [[4, 5]]);
  assert.deepEqual(ts[2]?.data, [[3, 5]]);
  assert.deepEqual(ts[0]?.rmw, []);
  assert.equal(ts[0]?.events[0]?.instr, ts[0]?.events[1]?.instr);
});

test('lock events get addr from a loaded lock pointer; srcu primitives', () => {
  const sem = threadOf(
    'spinlock_t **pl, struct srcu_struct *s',
    'spinlock_t *r0; r0 = READ_ONCE(*pl);\nspin_lock(r0);\nr1 = srcu_read_lock(s);\nsrcu_read_unlock(s, r1);\nsynchronize_srcu(s);',
  );
  const t = pick(traces(sem, { pl: ['l'], s: [0] }), ['l', 0]);
  assert.deepEqual(events(t), ['R[ONCE]pl=l', 'LKR l', 'LKW l', 'R[srcu-lock]s=0', 'W[srcu-unlock]s=0', 'SRCU[sync-srcu] s']);
  assert.deepEqual(t.addr, [[0, 1], [0, 2]]);
  assert.deepEqual(t.data, [[3, 4]]);
});

test('rcu_assign_pointer(*p, v) stores the address v; smp_store_release(x, v) stores to x', () => {
  const t = traces(threadOf('int **p, int *x', 'rcu_assign_pointer(*p, x);\nsmp_store_release(x, 1);'))[0];
  assert.deepEqual(t && events(t), ['W[RELEASE]p=x', 'W[RELEASE]x=1']);
});
