/**
 * Our own litmus suite: each tests/litmus-suite/**\/X.litmus states its
 * expected outcome in a `Result: Always|Sometimes|Never` comment, reasoned
 * from the model's definition; the built-in model must agree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { builtinSession, filesUnder, read } from './support/run.js';

const dir = join(import.meta.dirname, 'litmus-suite');
const session = builtinSession();

for (const file of filesUnder(dir, '.litmus')) {
  test(`suite ${file.slice(dir.length + 1)}`, () => {
    const text = read(file);
    const m = /Result:\s*(Always|Sometimes|Never)/.exec(text);
    assert.ok(m, `${file} has no Result: comment`);
    assert.equal(session.check(text, file).observation, m[1]);
  });
}
