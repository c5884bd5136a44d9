/**
 * Golden tests: every tests/golden/<arch>/X.litmus is run with the built-in
 * default model and its herd-format output compared with X.litmus.expected.
 * UPDATE_GOLDEN=1 writes the expected files (review the diff before committing).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { herdText } from '../src/report/herd.js';
import { builtinSession, filesUnder, read } from './support/run.js';

const dir = join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';
const session = builtinSession();

for (const file of filesUnder(dir, '.litmus')) {
  test(`golden ${file.slice(dir.length + 1)}`, () => {
    const out = herdText(session.check(read(file), file.slice(dir.length + 1)), { time: false });
    const expectedFile = `${file}.expected`;
    if (update || !existsSync(expectedFile)) {
      writeFileSync(expectedFile, out);
      if (!update) assert.fail(`${expectedFile} was missing and has been written: review it`);
      return;
    }
    assert.equal(out, read(expectedFile));
  });
}
