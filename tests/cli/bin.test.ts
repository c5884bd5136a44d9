/**
 * The installed command (bin/weakmem.cjs over the built bundle) as a user
 * runs it: a process, its output and exit code, and the V8 code cache the
 * build made for it. Needs the build (`npm test` builds first).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'weakmem.cjs');
const bundle = join(root, 'dist', 'cli', 'weakmem.cjs');
const cache = `${bundle}.${process.version}.cache`;
const skip = existsSync(bundle) ? false : 'no build: run npm run build first';

function weakmem(...args: string[]): { out: string; err: string; code: number | null } {
  const p = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { out: p.stdout, err: p.stderr, code: p.status };
}

test('the command checks an x86-64 example under the built-in tso and exits 0', { skip }, () => {
  const r = weakmem('run', join(root, 'examples', 'vcpu-up-x86+o+o.litmus'));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Test vcpu-up-x86\+o\+o Allowed\nStates 3\n/);
  assert.match(r.out, /\nObservation vcpu-up-x86\+o\+o Never 0 3\n/);
});

test('the command exits 2 with the location of a syntax error', { skip }, () => {
  const file = join(root, 'tests', 'cli', 'cases', 'syntax-error.litmus');
  const r = weakmem('run', file);
  assert.equal(r.code, 2);
  assert.ok(r.err.startsWith(`${file}:`), r.err);
});

test('without a code cache, a run of --version makes none and a run of a test makes one', { skip }, () => {
  const saved = readFileSync(cache);
  try {
    rmSync(cache);
    assert.equal(weakmem('--version').code, 0);
    assert.equal(existsSync(cache), false, '--version must leave the cache to a command that checks tests');
    assert.equal(weakmem('run', join(root, 'examples', 'vcpu-up-x86+o+o.litmus')).code, 0);
    assert.ok(existsSync(cache));
  } finally {
    writeFileSync(cache, saved);
  }
});

test('the build leaves a code cache that V8 accepts: a run keeps it as it is', { skip }, () => {
  assert.ok(existsSync(cache), `no code cache at ${cache}`);
  const before = statSync(cache).mtimeMs;
  // The launcher rewrites the cache after a run only when V8 rejected it.
  assert.equal(weakmem('run', join(root, 'examples', 'vcpu-up+wmb+rmb.litmus')).code, 0);
  assert.equal(statSync(cache).mtimeMs, before, 'V8 rejected the code cache the build made');
});
