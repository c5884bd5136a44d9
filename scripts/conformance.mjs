// Conformance: runs the C tests of ../shared/corpus/manifest.tsv with the
// reference LKMM files and with weakmem's built-in model, and compares the
// Observation word, Ok/No and States count with the manifest.
//
//   npm run conformance -- [--subset N] [--model ref|builtin|both] [--match REGEX]
//                          [--timeout S] [--jobs N] [--list FILE]
//
// Prints, per model, every mismatch and `N passed, N failed` (failed = wrong
// verdict + errors/bounds). Exit status 1 when a wrong verdict was seen.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

const CORPUS = resolve(process.env.WEAKMEM_CORPUS ?? join(import.meta.dirname, '..', '..', 'shared', 'corpus'));
const LINUX = join(CORPUS, 'herdtools7/catalogue/linux');

if (isMainThread) await mainThread();
else await workerThread();

function parseArgs(argv) {
  const a = { subset: 0, model: 'both', match: null, timeout: 60, jobs: 2, list: null };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => argv[++i];
    if (k === '--subset') a.subset = Number(v());
    else if (k === '--model') a.model = v();
    else if (k === '--match') a.match = new RegExp(v());
    else if (k === '--timeout') a.timeout = Number(v());
    else if (k === '--jobs') a.jobs = Number(v());
    else if (k === '--list') a.list = v();
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

function manifestRows() {
  const lines = readFileSync(join(CORPUS, 'manifest.tsv'), 'utf8').split('\n').filter((l) => l !== '');
  const head = lines[0].split('\t');
  return lines.slice(1).map((l) => Object.fromEntries(l.split('\t').map((v, i) => [head[i], v])));
}

/** In scope for the core issue: LKMM C tests. Other C rows (C11) must end in an error. */
function inScope(row) {
  return /^(herdtools7\/catalogue\/linux\/|linux-kernel\/|paulmckrcu-litmus\/)/.test(row.relpath);
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
  let rows = manifestRows().filter((r) => r.arch === 'C');
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
    const lines = [];
    results.forEach((res, i) => {
      const row = rows[i];
      const exp = expectation(row);
      const scope = inScope(row);
      if (res.error) {
        if (!scope) passed++;
        else {
          errors++;
          lines.push(`  ERROR ${row.relpath}: ${res.error.split('\n')[0]}`);
        }
        return;
      }
      if (!scope) {
        wrong++;
        lines.push(`  WRONG ${row.relpath}: out of scope, must be an error, got ${res.obs}`);
        return;
      }
      const diffs = [];
      if (exp.obs && exp.obs !== res.obs) diffs.push(`observation ${res.obs} (expected ${exp.obs})`);
      if (exp.ok && exp.ok !== res.ok) diffs.push(`${res.ok} (expected ${exp.ok})`);
      if (exp.states !== null && exp.states !== res.states) diffs.push(`States ${res.states} (expected ${exp.states})`);
      if (diffs.length === 0) passed++;
      else {
        wrong++;
        lines.push(`  WRONG ${row.relpath}: ${diffs.join(', ')}`);
      }
    });
    if (wrong > 0) wrongSeen = true;
    console.log(`== model ${model === 'ref' ? 'reference (linux-kernel.cfg)' : 'built-in lkmm'}: ${rows.length} tests, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    for (const l of lines) console.log(l);
    console.log(`${passed} passed, ${wrong + errors} failed (${wrong} wrong, ${errors} errors or bounds)`);
  }
  process.exitCode = wrongSeen ? 1 : 0;
}

async function runAll(rows, model, args) {
  const results = new Array(rows.length);
  const jobs = Math.max(1, Math.min(args.jobs, rows.length));
  const shards = Array.from({ length: jobs }, (_, j) => rows.map((r, i) => [i, r.relpath]).filter(([i]) => i % jobs === j));
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
  let sessionOpts;
  if (model === 'ref') {
    const cfg = emptyOptions();
    applyCfg(cfg, readFileSync(join(LINUX, 'cfgs/linux-kernel.cfg'), 'utf8'), 'linux-kernel.cfg');
    sessionOpts = { resolver: nodeResolver([join(LINUX, 'cats')]), model: cfg.model, bell: cfg.bell, macros: cfg.macros, variants: cfg.variants };
  } else {
    sessionOpts = { resolver: nodeResolver([]), variants: [] };
  }
  const session = new Session({ ...sessionOpts, skipChecks: [], maxExecutions: 2_000_000, timeoutSeconds: timeout });
  for (const [i, rel] of shard) {
    const file = join(CORPUS, rel);
    let r;
    try {
      const res = session.check(readFileSync(file, 'utf8'), file);
      r = { obs: res.observation, ok: res.ok ? 'Ok' : 'No', states: res.states.length };
    } catch (e) {
      r = { error: e && e.diagnostic ? `${e.diagnostic.code} ${e.diagnostic.message}` : `internal: ${e instanceof Error ? e.stack : String(e)}` };
    }
    parentPort.postMessage([i, r]);
  }
}
