import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestResult } from '../../src/check/types.js';
import { herdText } from '../../src/report/herd.js';
import { resultJson } from '../../src/report/json.js';

const result: TestResult = {
  name: 'MP', arch: 'C', file: 'MP.litmus', kind: 'Allowed', quantifier: 'exists',
  conditionText: 'exists (1:r0=1 /\\ 1:r1=0)', keys: ['1:r0', '1:r1'],
  states: [{ values: [0, 0], satisfies: false }, { values: [1, 0], satisfies: true }],
  ok: true, loop: false, positive: 1, negative: 3, propTrue: 1, propFalse: 3, observation: 'Sometimes',
  flags: ['data-race'], candidates: 4, timeSeconds: 0.0123, hash: 'abc',
};

test('herdText prints herd7 result block in herd order', () => {
  assert.equal(
    herdText(result, { time: true }),
    [
      'Test MP Allowed', 'States 2', '1:r0=0; 1:r1=0;', '1:r0=1; 1:r1=0;', 'Ok', 'Witnesses', 'Positive: 1 Negative: 3',
      'Flag data-race', 'Condition exists (1:r0=1 /\\ 1:r1=0)', 'Observation MP Sometimes 1 3', 'Time MP 0.01', 'Hash=abc', '', '',
    ].join('\n'),
  );
  assert.ok(!herdText(result, { time: false }).includes('Time'));
});

test('resultJson names values by key', () => {
  const j = resultJson(result) as { states: { values: Record<string, unknown> }[]; schema: string };
  assert.equal(j.schema, 'weakmem.result/1');
  assert.deepEqual(j.states[1]?.values, { '1:r0': 1, '1:r1': 0 });
});
