// Benchmark: times weakmem on a fixed set of corpus tests, both ways herd7
// is usually run — one process per test, and all tests in one process.
//
//   npm run bench -- [--set linux|aarch64] [--model ref|builtin] [--repeat N]
//
// Prints the wall-clock totals and the mean per test, and (on Linux) the CPU
// time of the weakmem processes, user + system: on a shared machine it
// varies much less than wall time. Performance is measured here, never
// asserted in a test.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
  const c0 = childCpu();
  fn();
  const c1 = childCpu();
  return { wall: Number(process.hrtime.bigint() - t0) / 1e9, cpu: c0 === undefined || c1 === undefined ? undefined : c1 - c0 };
}

/** Seconds of CPU (user + system) used by the waited-for child processes so far, from /proc (clock ticks of 1/100 s). */
function childCpu() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

const cpuText = (t) => (t.cpu === undefined ? '' : `, cpu ${t.cpu.toFixed(2)} s`);

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
    `catalogue/${set}, ${tests.length} tests, model ${model}: one process per test ${perProcess.wall.toFixed(2)} s ` +
      `(${((perProcess.wall / tests.length) * 1000).toFixed(0)} ms/test${cpuText(perProcess)}); ` +
      `one process ${oneProcess.wall.toFixed(2)} s${cpuText(oneProcess)}` +
      (failures > 0 ? `; ${failures} runs exited non-zero` : ''),
  );
}
