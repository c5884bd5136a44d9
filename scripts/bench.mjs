// Benchmark: times weakmem on a fixed set of corpus tests, both ways herd7
// is usually run — one process per test, and all tests in one process.
//
//   npm run bench -- [--set linux|aarch64|all] [--model ref|builtin] [--repeat N]
//
// One process per test is mostly Node's own start-up, so each test's run is
// paired with a run of `node -e 0` (Node's floor: what any Node program pays
// before its first line), interleaved so that both see the same machine.
// When NODE_EXTRA_CA_CERTS is set, Node 20 parses those certificates at
// every start (nodejs/node#40524), before any code of ours runs: on the
// machine these figures come from, that alone makes `node -e 0` slower than
// herd7's whole run. weakmem opens no TLS connection, so the bench also
// times every process without the variable, and prints both.
//
// Prints wall-clock totals, the mean per test, and (on Linux) the CPU time of
// the child processes, user + system. Performance is measured here, never
// asserted in a test.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const CORPUS = resolve(process.env.WEAKMEM_CORPUS ?? join(import.meta.dirname, '..', '..', 'shared', 'corpus'));
const CATALOGUE = join(CORPUS, 'herdtools7/catalogue');
const CLI = join(import.meta.dirname, '..', 'bin', 'weakmem.cjs');
const LIBDIR = join(CORPUS, 'herdtools7/herd/libdir');

/** herd7's figures from the issues (2-core machine, one process per test and one process). */
const HERD = {
  linux: { tests: 79, perProcess: 7.1, oneProcess: 0.71 },
  aarch64: { tests: 80, perProcess: 7.4, oneProcess: 0.68 },
};

const argv = process.argv.slice(2);
const opt = (k, d) => {
  const i = argv.indexOf(k);
  return i >= 0 ? argv[i + 1] : d;
};
const model = opt('--model', 'ref');
const setName = opt('--set', 'linux');
const repeat = Number(opt('--repeat', '1'));
const SETS = {
  linux: () => {
    const dir = join(CATALOGUE, 'linux');
    return { dir, ref: ['-conf', join(dir, 'cfgs/linux-kernel.cfg'), '-I', join(dir, 'cats')] };
  },
  aarch64: () => {
    const dir = join(CATALOGUE, 'aarch64');
    return { dir, ref: ['-model', join(dir, 'cats/aarch64.cat'), '-I', join(dir, 'cats'), '-I', LIBDIR, '-conf', join(dir, 'cfgs/new-web.cfg')] };
  },
};
const names = setName === 'all' ? Object.keys(SETS) : [setName];
for (const n of names) if (SETS[n] === undefined) throw new Error(`unknown set ${n} (linux, aarch64 or all)`);

if (!existsSync(CATALOGUE)) {
  console.log(`no corpus at ${CORPUS}: nothing to measure`);
  process.exit(0);
}

/** The environments measured: as given, and without NODE_EXTRA_CA_CERTS when it is set. */
const withoutCaCerts = { ...process.env };
delete withoutCaCerts.NODE_EXTRA_CA_CERTS;
const ENVS =
  process.env.NODE_EXTRA_CA_CERTS === undefined
    ? [{ label: 'environment as given', env: process.env }]
    : [
        { label: 'environment as given (NODE_EXTRA_CA_CERTS set)', env: process.env },
        { label: 'without NODE_EXTRA_CA_CERTS', env: withoutCaCerts },
      ];

/** Seconds of CPU (user + system) used by the waited-for child processes so far, from /proc (clock ticks of 1/100 s). */
function childCpu() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

/** Runs `args` under node; returns wall and CPU seconds, and whether it exited 0. */
function timed(args, env) {
  const c0 = childCpu();
  const t0 = process.hrtime.bigint();
  const p = spawnSync(process.execPath, args, { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const c1 = childCpu();
  return { wall, cpu: c0 === undefined || c1 === undefined ? undefined : c1 - c0, ok: p.status === 0 };
}

const ms = (s, n) => `${((s / n) * 1000).toFixed(0)} ms`;

for (const name of names) {
  const chosen = SETS[name]();
  const tests = readdirSync(join(chosen.dir, 'tests'))
    .filter((f) => f.endsWith('.litmus'))
    .sort()
    .map((f) => join(chosen.dir, 'tests', f));
  const modelArgs = model === 'ref' ? chosen.ref : [];
  const herd = HERD[name];
  for (let r = 0; r < repeat; r++) {
    const sums = ENVS.map(() => ({ node: 0, wall: 0, cpu: 0, failures: 0 }));
    // Interleaved: each test runs once in each environment, each next to a run of Node's floor.
    for (const t of tests) {
      ENVS.forEach(({ env }, i) => {
        sums[i].node += timed(['-e', '0'], env).wall;
        const run = timed([CLI, 'run', ...modelArgs, t], env);
        sums[i].wall += run.wall;
        sums[i].cpu += run.cpu ?? 0;
        if (!run.ok) sums[i].failures++;
      });
    }
    console.log(`catalogue/${name}, ${tests.length} tests, model ${model} (herd7: ${herd.perProcess} s for ${herd.tests} tests one process per test, ${ms(herd.perProcess, herd.tests)}/test; ${herd.oneProcess} s in one process)`);
    ENVS.forEach(({ label, env }, i) => {
      const s = sums[i];
      const one = timed([CLI, 'run', ...modelArgs, ...tests], env);
      console.log(
        `  ${label}: one process per test ${s.wall.toFixed(2)} s (${ms(s.wall, tests.length)}/test, cpu ${s.cpu.toFixed(2)} s; ` +
          `node -e 0 alone ${ms(s.node, tests.length)}/process, so ${ms(s.wall - s.node, tests.length)}/test is weakmem's); ` +
          `one process ${one.wall.toFixed(2)} s` +
          (s.failures > 0 || !one.ok ? `; ${s.failures + (one.ok ? 0 : 1)} runs exited non-zero` : ''),
      );
    });
  }
}
