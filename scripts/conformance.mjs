// Conformance: runs the tests of ../shared/corpus/manifest.tsv with the
// reference model files (each folder's flags, as ../shared/corpus/README.md
// gives them) and with weakmem's built-in models, and compares the
// Observation word, Ok/No and States count with the manifest. Rows outside
// weakmem's scope (other architectures, extensions, C11) must end in an
// error, never a verdict.
//
//   npm run conformance -- [--arch C|AArch64|X86_64|all] [--subset N] [--model ref|builtin|both]
//                          [--match REGEX] [--timeout S] [--jobs N] [--list FILE]
//
// Prints, per model, every mismatch and `N passed, N failed` (failed = wrong
// verdict + errors/bounds). Exit status 1 when a wrong verdict was seen.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

const CORPUS = resolve(process.env.WEAKMEM_CORPUS ?? join(import.meta.dirname, '..', '..', 'shared', 'corpus'));
const LINUX = join(CORPUS, 'herdtools7/catalogue/linux');
const LIBDIR = join(CORPUS, 'herdtools7/herd/libdir');


function parseArgs(argv) {
  const a = { subset: 0, model: 'both', match: null, timeout: 60, jobs: 2, list: null, arch: 'C' };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => argv[++i];
    if (k === '--subset') a.subset = Number(v());
    else if (k === '--model') a.model = v();
    else if (k === '--match') a.match = new RegExp(v());
    else if (k === '--timeout') a.timeout = Number(v());
    else if (k === '--jobs') a.jobs = Number(v());
    else if (k === '--list') a.list = v();
    else if (k === '--arch') a.arch = v();
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

function manifestRows() {
  const lines = readFileSync(join(CORPUS, 'manifest.tsv'), 'utf8').split('\n').filter((l) => l !== '');
  const head = lines[0].split('\t');
  return lines.slice(1).map((l) => Object.fromEntries(l.split('\t').map((v, i) => [head[i], v])));
}

const AARCH64_CORE = /^herdtools7\/catalogue\/(aarch64|aarch64-cas|aarch64-pick|aarch64-readers-guide)\/tests\//;

/**
 * How a row is run: the reference flags for its folder, and whether it is in
 * scope (a verdict must match) or not (an error is expected).
 */
function plan(row) {
  const r = row.relpath;
  if (/^(herdtools7\/catalogue\/linux\/|linux-kernel\/|paulmckrcu-litmus\/)/.test(r)) {
    return { inScope: true, ref: { conf: `${LINUX}/cfgs/linux-kernel.cfg`, includes: [`${LINUX}/cats`] } };
  }
  if (r.startsWith('herdtools7/herd/tests/instructions/C/')) {
    return { inScope: false, ref: { model: `${LIBDIR}/rc11.cat`, includes: [LIBDIR], variants: ['S128'] }, builtin: 'ref' };
  }
  const core = AARCH64_CORE.exec(r);
  if (core) {
    const dir = join(CORPUS, 'herdtools7/catalogue', core[1]);
    return { inScope: true, ref: { conf: `${dir}/cfgs/new-web.cfg`, model: `${dir}/cats/aarch64.cat`, includes: [`${dir}/cats`, LIBDIR] } };
  }
  if (r.startsWith('herdtools7/catalogue/x86_64/tests/')) {
    const dir = join(CORPUS, 'herdtools7/catalogue/x86_64');
    return { inScope: true, ref: { conf: `${dir}/cfgs/new-web.cfg`, model: `${dir}/cats/x86tso-mixed.cat`, includes: [`${dir}/cats`, LIBDIR] } };
  }
  const instr = /^herdtools7\/herd\/tests\/instructions\/(AArch64|X86_64)\//.exec(r);
  if (instr && row.herd_options === '') {
    return { inScope: true, ref: { model: `${LIBDIR}/${instr[1] === 'AArch64' ? 'aarch64.cat' : 'x86tso.cat'}`, includes: [LIBDIR] } };
  }
  return { inScope: false, ref: {} };
}

function expectation(row) {
  const obs = row.original.split(/\s+/).find((w) => ['Always', 'Sometimes', 'Never'].includes(w)) ?? null;
  return { obs, ok: row.expected_herd_result || null, states: /^\d+$/.test(row.expected_states) ? Number(row.expected_states) : null };
}

async function mainThread() {
  if (!existsSync(join(CORPUS, 'manifest.tsv'))) {
    console.log(`no corpus at ${CORPUS}: nothing to check`);
    return;
  }
  const args = parseArgs(process.argv.slice(2));
  let rows = manifestRows().filter((r) => args.arch === 'all' || r.arch === args.arch);
  if (args.list) {
    const wanted = new Set(readFileSync(args.list, 'utf8').split('\n').map((s) => s.trim()).filter((s) => s && !s.startsWith('#')));
    rows = rows.filter((r) => wanted.has(r.relpath));
  }
  if (args.match) rows = rows.filter((r) => args.match.test(r.relpath));
  if (args.subset > 0) {
    const step = Math.max(1, Math.floor(rows.length / args.subset));
    rows = rows.filter((_, i) => i % step === 0).slice(0, args.subset);
  }
  const models = args.model === 'both' ? ['ref', 'builtin'] : [args.model];
  let wrongSeen = false;
  for (const model of models) {
    const t0 = Date.now();
    const results = await runAll(rows, model, args);
    let passed = 0;
    let wrong = 0;
    let errors = 0;
    let other = 0;
    let scoped = 0;
    let scopedPassed = 0;
    const lines = [];
    results.forEach((res, i) => {
      const row = rows[i];
      const exp = expectation(row);
      const scope = plan(row).inScope;
      if (scope) scoped++;
      if (res.error) {
        if (!scope) passed++;
        else {
          errors++;
          lines.push(`  ERROR ${row.relpath}: ${res.error.split('\n')[0]}`);
        }
        return;
      }
      // An out-of-scope row that weakmem can read anyway (an extension folder
      // whose test uses no extension feature) must still agree with herd.
      const diffs = [];
      if (exp.obs && exp.obs !== res.obs) diffs.push(`observation ${res.obs} (expected ${exp.obs})`);
      if (exp.ok && exp.ok !== res.ok) diffs.push(`${res.ok} (expected ${exp.ok})`);
      if (exp.states !== null && exp.states !== res.states) diffs.push(`States ${res.states} (expected ${exp.states})`);
      if (diffs.length === 0) {
        passed++;
        if (scope) scopedPassed++;
      } else if (!scope) {
        other++;
        lines.push(`  OTHER ${row.relpath}: ${diffs.join(', ')} (its reference is ${row.model}, ${row.herd_options || 'default flags'})`);
      } else {
        wrong++;
        lines.push(`  WRONG ${row.relpath}: ${diffs.join(', ')}`);
      }
    });
    if (wrong > 0) wrongSeen = true;
    console.log(`== ${args.arch} tests, ${model === 'ref' ? 'reference models' : 'built-in models'}: ${rows.length} tests, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    for (const l of lines) console.log(l);
    console.log(`in scope: ${scopedPassed} of ${scoped} match the manifest (${((100 * scopedPassed) / Math.max(1, scoped)).toFixed(1)}%)`);
    console.log(`${passed} passed, ${wrong + errors} failed (${wrong} wrong, ${errors} errors or bounds)` +
      (other > 0 ? `; ${other} extension-folder tests differ from a reference made with another model (not compared)` : ''));
  }
  process.exitCode = wrongSeen ? 1 : 0;
}

async function runAll(rows, model, args) {
  const results = new Array(rows.length);
  const jobs = Math.max(1, Math.min(args.jobs, rows.length));
  const shards = Array.from({ length: jobs }, (_, j) => rows.map((r, i) => [i, r.relpath, r.herd_options]).filter(([i]) => i % jobs === j));
  await Promise.all(
    shards.map(
      (shard) =>
        new Promise((res, rej) => {
          const w = new Worker(fileURLToPath(import.meta.url), { workerData: { shard, model, timeout: args.timeout } });
          w.on('message', ([i, r]) => (results[i] = r));
          w.on('error', rej);
          w.on('exit', res);
        }),
    ),
  );
  return results;
}

async function workerThread() {
  const { Session } = await import('../dist/api/session.js');
  const { nodeResolver } = await import('../dist/cli/resolver.js');
  const { applyCfg } = await import('../dist/cli/cfg.js');
  const { emptyOptions } = await import('../dist/cli/options.js');
  const { shard, model, timeout } = workerData;
  const sessions = new Map();
  const sessionFor = (settings) => {
    const key = JSON.stringify(settings);
    let s = sessions.get(key);
    if (s === undefined) {
      const o = emptyOptions();
      const includes = [...(settings.includes ?? [])];
      if (settings.conf) {
        applyCfg(o, readFileSync(settings.conf, 'utf8'), settings.conf);
        includes.push(join(settings.conf, '..'));
      }
      const chosen = settings.model ?? o.model;
      s = new Session({
        resolver: nodeResolver(includes),
        ...(chosen !== undefined ? { model: chosen } : {}),
        ...(o.bell !== undefined ? { bell: o.bell } : {}),
        ...(o.macros !== undefined ? { macros: o.macros } : {}),
        variants: [...o.variants, ...(settings.variants ?? [])],
        skipChecks: [],
        maxExecutions: 2_000_000,
        timeoutSeconds: timeout,
      });
      sessions.set(key, s);
    }
    return s;
  };
  for (const [i, rel, herdOptions] of shard) {
    const file = join(CORPUS, rel);
    const p = plan({ relpath: rel, herd_options: herdOptions });
    const settings = model === 'ref' || p.builtin === 'ref' ? p.ref : {};
    let r;
    try {
      const res = sessionFor(settings).check(readFileSync(file, 'utf8'), file);
      r = { obs: res.observation, ok: res.ok ? 'Ok' : 'No', states: res.states.length };
    } catch (e) {
      r = { error: e && e.diagnostic ? `${e.diagnostic.code} ${e.diagnostic.message}` : `internal: ${e instanceof Error ? e.stack : String(e)}` };
    }
    parentPort.postMessage([i, r]);
  }
}

if (isMainThread) await mainThread();
else await workerThread();
