/**
 * Golden tests: every tests/golden/<arch>/X.litmus and every test of our
 * litmus suite (tests/litmus-suite/) is run with the built-in default model
 * and its herd-format output compared with X.litmus.expected.
 * UPDATE_GOLDEN=1 writes the expected files (review the diff before committing).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectArch } from '../src/litmus/detect.js';
import { archForHeader } from '../src/arch/registry.js';
import { defaultModelFor } from '../src/models/index.js';
import { herdText } from '../src/report/herd.js';
import { builtinSession, filesUnder, read } from './support/run.js';

const root = import.meta.dirname;
const update = process.env.UPDATE_GOLDEN === '1';
const session = builtinSession();

/** Goldens of an architecture whose built-in default model is not there yet are skipped, and say so. */
function missingModel(file: string): string | undefined {
  const header = detectArch(read(file), file).name;
  const arch = header === 'C' ? 'C' : (archForHeader(header)?.name ?? header);
  return defaultModelFor(arch) === undefined ? `no built-in model for ${arch} yet` : undefined;
}

const files = [...filesUnder(join(root, 'golden'), '.litmus'), ...filesUnder(join(root, 'litmus-suite'), '.litmus')];
for (const file of files) {
  const skip = missingModel(file);
  const name = file.slice(root.length + 1);
  test(`golden ${name}`, skip !== undefined ? { skip } : {}, () => {
    const out = herdText(session.check(read(file), name), { time: false });
    const expectedFile = `${file}.expected`;
    if (update || !existsSync(expectedFile)) {
      writeFileSync(expectedFile, out);
      if (!update) assert.fail(`${expectedFile} was missing and has been written: review it`);
      return;
    }
    assert.equal(out, read(expectedFile));
  });
}
