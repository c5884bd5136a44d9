// After the build: marks the command's entry points executable, then makes
// the bundle's V8 code cache from one run over the shipped C, AArch64 and
// x86-64 examples. The cache keeps the bytecode of every function compiled
// when it is written, so without this step its contents would depend on the
// first command a user happens to run (`weakmem --version` leaves most of
// the checker out, and every later run compiles it again).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const f of ['dist/cli.js', 'bin/weakmem.cjs']) {
  const p = `${root}${f}`;
  if (existsSync(p)) chmodSync(p, 0o755);
}

const bundleDir = `${root}dist/cli`;
// Caches of an earlier bundle (V8 would reject them anyway) and of other Node versions.
for (const f of readdirSync(bundleDir)) if (/^weakmem\.cjs\..*\.cache$/.test(f)) rmSync(`${bundleDir}/${f}`);
const WARM_UP = ['examples/vcpu-up+wmb+rmb.litmus', 'examples/vcpu-up-a64+dmb.ishst+ctrl.litmus', 'examples/vcpu-up-x86+o+o.litmus'];
const run = spawnSync(process.execPath, [`${root}bin/weakmem.cjs`, 'run', ...WARM_UP.map((f) => `${root}${f}`)], { encoding: 'utf8' });
if (run.status !== 0) {
  process.stderr.write(`postbuild: the warm-up run failed (exit ${run.status}):\n${run.stderr}`);
  process.exit(1);
}
