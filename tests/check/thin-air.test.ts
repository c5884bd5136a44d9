import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WeakmemError } from '../../src/diag.js';
import { builtinSession } from '../support/run.js';

/** Two threads copying one location to the other with plain accesses: LKMM lets the copies read each other. */
function copies(opts: { extra?: string; cond: string; p0?: string }): string {
  return `C copies
{ }
P0(int *x, int *y, int *z)
{
  int r1;
  r1 = *x;
  ${opts.p0 ?? '*y = r1;'}
}
P1(int *x, int *y, int *z)
{
  int r2;
  r2 = *y;
  *x = r2;
  ${opts.extra ?? ''}
}
${opts.cond}
`;
}

function refusal(source: string): string {
  try {
    builtinSession().check(source, 't.litmus');
  } catch (e) {
    assert.ok(e instanceof WeakmemError);
    return e.message;
  }
  return assert.fail('expected a refusal');
}

test('a value that only a reads-from cycle justifies is refused when the condition reads it', () => {
  const msg = refusal(copies({ cond: 'exists (~0:r1=0)' }));
  assert.match(msg, /^not supported: out-of-thin-air values: .*the condition reads it in 0:r1/);
});

test('a final memory value on the cycle is refused too', () => {
  assert.match(refusal(copies({ cond: 'exists (x=0)' })), /the condition reads it in x/);
});

test('a branch on an undetermined value is refused', () => {
  const msg = refusal(copies({ p0: '*y = r1; if (r1 == 1) { WRITE_ONCE(*z, 1); }', cond: 'exists (z=1)' }));
  assert.match(msg, /a branch or comparison depends on it/);
});

test('a cycle that takes more than one value is refused: herd counts one symbolic execution', () => {
  const msg = refusal(copies({ extra: 'WRITE_ONCE(*z, 2); WRITE_ONCE(*x, 5);', cond: 'exists (z=2)' }));
  assert.match(msg, /the cycle can take more than one value/);
});

test('undetermined values that nothing observes leave the verdict alone', () => {
  const r = builtinSession().check(copies({ extra: 'WRITE_ONCE(*z, 1);', cond: 'exists (z=1)' }), 't.litmus');
  assert.equal(r.observation, 'Always');
  assert.equal(r.states.length, 1);
});

test('marked accesses with data dependencies: LKMM forbids the cycle, so nothing is undetermined', () => {
  const src = `C LB+data
{ }
P0(int *x, int *y) { int r1; r1 = READ_ONCE(*x); WRITE_ONCE(*y, r1); }
P1(int *x, int *y) { int r2; r2 = READ_ONCE(*y); WRITE_ONCE(*x, r2); }
exists (0:r1=0 /\\ 1:r2=0)
`;
  assert.equal(builtinSession().check(src, 't.litmus').observation, 'Always');
});
