// Benchmark: times weakmem on a fixed set of corpus tests, both ways herd7
// is usually run — one process per test, and all tests in one process.
//
//   npm run bench -- [--set linux|aarch64] [--model ref|builtin] [--repeat N]
//
// Prints the wall-clock totals and the mean per test. Performance is
// measured here, never asserted in a test.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const CORPUS = resolve(process.env.WEAKMEM_CORPUS ?? join(import.meta.dirname, '..', '..', 'shared', 'corpus'));
const LINUX = join(CORPUS, 'herdtools7/catalogue/linux');
const CLI = join(import.meta.dirname, '..', 'bin', 'weakmem.cjs');
const LIBDIR = join(CORPUS, 'herdtools7/herd/libdir');

const argv = process.argv.slice(2);
const opt = (k, d) => {
  const i = argv.indexOf(k);
  return i >= 0 ? argv[i + 1] : d;
};
const model = opt('--model', 'ref');
const set = opt('--set', 'linux');
const SETS = {
  linux: { dir: LINUX, ref: ['-conf', join(LINUX, 'cfgs/linux-kernel.cfg'), '-I', join(LINUX, 'cats')] },
  aarch64: (() => {
    const dir = join(CORPUS, 'herdtools7/catalogue/aarch64');
    return { dir, ref: ['-model', join(dir, 'cats/aarch64.cat'), '-I', join(dir, 'cats'), '-I', LIBDIR, '-conf', join(dir, 'cfgs/new-web.cfg')] };
  })(),
};
const chosen = SETS[set];
if (chosen === undefined) throw new Error(`unknown set ${set}`);
const repeat = Number(opt('--repeat', '1'));

if (!existsSync(LINUX)) {
  console.log(`no corpus at ${CORPUS}: nothing to measure`);
  process.exit(0);
}
const tests = readdirSync(join(chosen.dir, 'tests'))
  .filter((f) => f.endsWith('.litmus'))
  .sort()
  .map((f) => join(chosen.dir, 'tests', f));
const modelArgs = model === 'ref' ? chosen.ref : [];

function time(fn) {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

for (let r = 0; r < repeat; r++) {
  let failures = 0;
  const perProcess = time(() => {
    for (const t of tests) {
      const p = spawnSync(process.execPath, [CLI, 'run', ...modelArgs, t], { encoding: 'utf8' });
      if (p.status !== 0) failures++;
    }
  });
  const oneProcess = time(() => {
    const p = spawnSync(process.execPath, [CLI, 'run', ...modelArgs, ...tests], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (p.status !== 0) failures++;
  });
  console.log(
    `catalogue/${set}, ${tests.length} tests, model ${model}: one process per test ${perProcess.toFixed(2)} s ` +
      `(${((perProcess / tests.length) * 1000).toFixed(0)} ms/test); one process ${oneProcess.toFixed(2)} s` +
      (failures > 0 ? `; ${failures} runs exited non-zero` : ''),
  );
}
