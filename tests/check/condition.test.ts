import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Prop, StateKey } from '../../src/litmus/types.js';
import { compareValues, evalProp, propText } from '../../src/check/condition.js';

const span = { file: 't', line: 1, col: 1 };
const reg = (thread: number, r: string): StateKey => ({ kind: 'reg', thread, reg: r, span });
const mem = (loc: string): StateKey => ({ kind: 'mem', loc, span });
const eq = (key: StateKey, value: number | string): Prop => ({ kind: 'eq', key, value: { value, span }, span });
const and = (...args: Prop[]): Prop => ({ kind: 'and', args, span });
const or = (...args: Prop[]): Prop => ({ kind: 'or', args, span });
const not = (arg: Prop): Prop => ({ kind: 'not', arg, span });

test('propText follows herd: memory in brackets, not (...), minimal parentheses', () => {
  assert.equal(propText(and(eq(reg(1, 'r2'), 'x0'), eq(mem('x'), 1)), 'C'), '1:r2=x0 /\\ [x]=1');
  assert.equal(propText(and(eq(reg(0, 'r1'), 1), not(eq(mem('x'), 2))), 'C'), '0:r1=1 /\\ not ([x]=2)');
  assert.equal(propText(or(and(eq(mem('x'), 1), eq(mem('y'), 1)), eq(mem('z'), 0)), 'C'), '[x]=1 /\\ [y]=1 \\/ [z]=0');
  assert.equal(propText(and(or(eq(mem('x'), 1), eq(mem('y'), 1)), eq(mem('z'), 0)), 'C'), '([x]=1 \\/ [y]=1) /\\ [z]=0');
  assert.equal(propText({ kind: 'implies', left: eq(mem('x'), 1), right: and(eq(mem('y'), 1)), span }, 'C'), '[x]=1 => ([y]=1)');
  assert.equal(propText(and(), 'C'), 'true');
});

test('evalProp compares integers and addresses', () => {
  const vals = new Map<string, number | string>([['1:r2', 'x0'], ['x', 1]]);
  const lookup = (k: StateKey) => vals.get(k.kind === 'reg' ? `${k.thread}:${k.reg}` : k.loc) ?? 0;
  assert.equal(evalProp(and(eq(reg(1, 'r2'), 'x0'), eq(mem('x'), 1)), lookup), true);
  assert.equal(evalProp(eq(reg(1, 'r2'), 'y'), lookup), false);
  assert.equal(evalProp({ kind: 'implies', left: eq(mem('x'), 2), right: { kind: 'false', span }, span }, lookup), true);
});

test('values sort with integers first, numerically, then addresses by name', () => {
  const vs = ['y', 2, -1, 'x', 10];
  assert.deepEqual([...vs].sort(compareValues), [-1, 2, 10, 'x', 'y']);
});
