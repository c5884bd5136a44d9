/** The command end to end, as data: arguments, expected output, exit code. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cli } from '../support/run.js';

const cases = join(import.meta.dirname, 'cases');
const examples = join(import.meta.dirname, '..', '..', 'examples');


test('run prints the herd result block and exits 0', () => {
  const r = cli('run', '--no-time', join(examples, 'vcpu-up+wmb+rmb.litmus'));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Test vcpu-up\+wmb\+rmb Allowed\nStates 3\n/);
  assert.match(r.out, /\nNo\nWitnesses\nPositive: 0 Negative: 3\n/);
  assert.match(r.out, /\nObservation vcpu-up\+wmb\+rmb Never 0 3\n/);
});

test('without the read barrier the stale read is observable', () => {
  const r = cli('run', '--no-time', join(examples, 'vcpu-up+wmb+o.litmus'));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /\nObservation vcpu-up\+wmb\+o Sometimes 1 3\n/);
});

test('--json gives the same result as data', () => {
  const r = cli('run', '--json', join(examples, 'vcpu-up+wmb+rmb.litmus'));
  const j = JSON.parse(r.out) as { observation: { word: string }; states: unknown[] };
  assert.equal(j.observation.word, 'Never');
  assert.equal(j.states.length, 3);
});

test('a syntax error prints file:line:col, the line and a caret, and exits 2', () => {
  const file = join(cases, 'syntax-error.litmus');
  const r = cli('run', file);
  assert.equal(r.code, 2);
  assert.match(r.err, new RegExp(`^${file.replace(/[.+]/g, '\\$&')}:\\d+:\\d+: `));
  assert.match(r.err, /\n.*\n\s*\^+\n$/);
});

test('an unknown macro is named with its location, exit 2', () => {
  const r = cli('run', join(cases, 'unknown-macro.litmus'));
  assert.equal(r.code, 2);
  assert.match(r.err, /unknown-macro\.litmus:7:2: .*frobnicate_once/);
});

test('test_and_set_bit_lock, ordered only when it takes the bit, is refused with its location', () => {
  const r = cli('run', join(cases, 'bit-lock-handover.litmus'));
  assert.equal(r.code, 2);
  assert.match(r.err, /bit-lock-handover\.litmus:\d+:\d+: not supported: macro test_and_set_bit_lock/);
});

test('exceeding --max-executions stops with its own exit code', () => {
  const r = cli('run', '--max-executions', '5', join(cases, 'wide.litmus'));
  assert.equal(r.code, 3);
  assert.match(r.err, /more than 5 candidate executions/);
});

test('usage errors exit 64; --help exits 0 and lists the options', () => {
  assert.equal(cli('run').code, 64);
  assert.equal(cli('frob').code, 64);
  const h = cli('--help');
  assert.equal(h.code, 0);
  assert.match(h.out, /--max-executions/);
});

test('a missing file is an input error', () => {
  const r = cli('run', join(cases, 'nope.litmus'));
  assert.equal(r.code, 2);
  assert.match(r.err, /cannot read/);
});
