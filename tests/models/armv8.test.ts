/**
 * The built-in `armv8` model (src/models/armv8-cat.ts): registry entry,
 * loading, the architecturally documented verdicts of classic shapes, its
 * flags, and (when the conformance corpus is present) agreement with
 * herd's results for the reference Armv8 model on a sample of tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { libraryResolver, loadModel } from '../../src/cat/index.js';
import { Session } from '../../src/api/session.js';
import { nodeResolver } from '../../src/cli/resolver.js';
import { WeakmemError, DIAG_CODES } from '../../src/diag.js';
import { MODEL_FILES, builtinModel, defaultModelFor } from '../../src/models/index.js';
import { AARCH64_SETS } from '../../src/arch/index.js';
import type { TestResult } from '../../src/check/types.js';
import { CORPUS } from '../support/run.js';

const armv8 = new Session({ resolver: nodeResolver([]), model: 'armv8', variants: [], skipChecks: [], maxExecutions: 2_000_000 });
const byDefault = new Session({ resolver: nodeResolver([]), variants: [], skipChecks: [], maxExecutions: 2_000_000 });

/** An AArch64 test: registers `0:X1=x; 0:X3=y; 1:X1=y; 1:X3=x;`, threads given as columns. */
function litmus(name: string, threads: readonly (readonly string[])[], exists: string, init = '0:X1=x; 0:X3=y; 1:X1=y; 1:X3=x;'): string {
  const rows = Math.max(...threads.map((t) => t.length));
  const lines = [`AArch64 ${name}`, `{ ${init} }`, `${threads.map((_, i) => `P${i}`).join(' | ')} ;`];
  for (let r = 0; r < rows; r++) lines.push(`${threads.map((t) => t[r] ?? '').join(' | ')} ;`);
  lines.push(`exists (${exists})`);
  return lines.join('\n') + '\n';
}

const observe = (text: string, s: Session = armv8): TestResult => s.check(text, 'test.litmus');

const WRITER = ['MOV W0,#1', 'STR W0,[X1]', 'DMB SY', 'MOV W2,#1', 'STR W2,[X3]'];

test('registry: armv8 is the default model for AArch64 tests', () => {
  assert.equal(builtinModel('armv8')?.name, 'armv8');
  assert.equal(defaultModelFor('AArch64')?.name, 'armv8');
  const m = builtinModel('armv8');
  assert.ok(m !== undefined && MODEL_FILES[m.cat] !== undefined);
  assert.equal(m.cat, 'weakmem-armv8.cat');
});

test('armv8 loads, computes dependencies itself (catdep) and leaves co to weakmem', () => {
  const text = MODEL_FILES['weakmem-armv8.cat'] as string;
  assert.match(text, /^catdep$/m);
  assert.ok(text.includes(' \\ '), 'set differences kept their backslash');
  const model = loadModel('weakmem-armv8.cat', { resolver: libraryResolver(MODEL_FILES), variants: new Set(), archSets: AARCH64_SETS });
  assert.equal(model.bindsCo, false);
  assert.ok(model.title?.startsWith('weakmem'));
});

test('message passing: barriers, dependencies, acquire/release', () => {
  const mp = (reader: readonly string[]): string => observe(litmus('MP', [WRITER, reader], '1:X0=1 /\\ 1:X2=0')).observation;
  assert.equal(mp(['LDR W0,[X1]', 'LDR W2,[X3]']), 'Sometimes');
  assert.equal(mp(['LDR W0,[X1]', 'DMB LD', 'LDR W2,[X3]']), 'Never');
  assert.equal(mp(['LDR W0,[X1]', 'EOR W4,W0,W0', 'LDR W2,[X3,W4,SXTW]']), 'Never');
  assert.equal(mp(['LDR W0,[X1]', 'CBNZ W0,L0', 'L0:', 'LDR W2,[X3]']), 'Sometimes');
  assert.equal(mp(['LDR W0,[X1]', 'CBNZ W0,L0', 'L0:', 'ISB', 'LDR W2,[X3]']), 'Never');
  assert.equal(mp(['LDAR W0,[X1]', 'LDR W2,[X3]']), 'Never');
  assert.equal(mp(['LDAPR W0,[X1]', 'LDR W2,[X3]']), 'Never');
  // A DMB ST on the writer does not order the reader's reads.
  const weakWriter = ['MOV W0,#1', 'STR W0,[X1]', 'DMB ST', 'MOV W2,#1', 'STR W2,[X3]'];
  assert.equal(observe(litmus('MP', [weakWriter, ['LDR W0,[X1]', 'DMB LD', 'LDR W2,[X3]']], '1:X0=1 /\\ 1:X2=0')).observation, 'Never');
  const relWriter = ['MOV W0,#1', 'STR W0,[X1]', 'MOV W2,#1', 'STLR W2,[X3]'];
  assert.equal(observe(litmus('MP', [relWriter, ['LDR W0,[X1]', 'LDR W2,[X3]']], '1:X0=1 /\\ 1:X2=0')).observation, 'Sometimes');
});

test('store buffering: DMB SY and release/acquire (RCsc) forbid it, AcquirePC does not', () => {
  const sb = (a: string, b: string, c: string): string =>
    observe(litmus('SB', [['MOV W0,#1', `${a} W0,[X1]`, ...(b ? [b] : []), `${c} W2,[X3]`], ['MOV W0,#1', `${a} W0,[X1]`, ...(b ? [b] : []), `${c} W2,[X3]`]], '0:X2=0 /\\ 1:X2=0')).observation;
  assert.equal(sb('STR', '', 'LDR'), 'Sometimes');
  assert.equal(sb('STR', 'DMB SY', 'LDR'), 'Never');
  assert.equal(sb('STR', 'DMB ST', 'LDR'), 'Sometimes');
  assert.equal(sb('STLR', '', 'LDAR'), 'Never');
  assert.equal(sb('STLR', '', 'LDAPR'), 'Sometimes');
});

test('load buffering: data, control and pick dependencies order a later write', () => {
  const lb = (t0: readonly string[]): string =>
    observe(litmus('LB', [t0, ['LDR W0,[X1]', 'DMB SY', 'MOV W2,#1', 'STR W2,[X3]']], '0:X0=1 /\\ 1:X0=1')).observation;
  assert.equal(lb(['LDR W0,[X1]', 'MOV W2,#1', 'STR W2,[X3]']), 'Sometimes');
  assert.equal(lb(['LDR W0,[X1]', 'EOR W2,W0,W0', 'ADD W2,W2,#1', 'STR W2,[X3]']), 'Never');
  assert.equal(lb(['LDR W0,[X1]', 'CBZ W0,L0', 'L0:', 'MOV W2,#1', 'STR W2,[X3]']), 'Never');
  assert.equal(lb(['LDR W0,[X1]', 'MOV W4,#1', 'MOV W5,#2', 'CMP W0,#1', 'CSEL W2,W4,W5,EQ', 'STR W2,[X3]']), 'Never');
  // A dependency through memory: the value goes through z, read back by the same thread.
  const viaMemory = ['LDR W0,[X1]', 'STR W0,[X5]', 'LDR W6,[X5]', 'EOR W2,W6,W6', 'ADD W2,W2,#1', 'STR W2,[X3]'];
  assert.equal(
    observe(litmus('LB', [viaMemory, ['LDR W0,[X1]', 'DMB SY', 'MOV W2,#1', 'STR W2,[X3]']], '0:X0=1 /\\ 1:X0=1', '0:X1=x; 0:X3=y; 0:X5=z; 1:X1=y; 1:X3=x;')).observation,
    'Never',
  );
});

test('multicopy atomicity: IRIW with address dependencies is forbidden', () => {
  const reader = ['LDR W0,[X1]', 'EOR W2,W0,W0', 'LDR W4,[X3,W2,SXTW]'];
  const text = litmus('IRIW', [['MOV W0,#1', 'STR W0,[X1]'], reader, ['MOV W0,#1', 'STR W0,[X1]'], reader], '1:X0=1 /\\ 1:X4=0 /\\ 3:X0=1 /\\ 3:X4=0', '0:X1=x; 1:X1=x; 1:X3=y; 2:X1=y; 3:X1=y; 3:X3=x;');
  assert.equal(observe(text).observation, 'Never');
});

test('coherence and atomicity', () => {
  const corr = litmus('CoRR', [['MOV W0,#1', 'STR W0,[X1]'], ['LDR W0,[X1]', 'LDR W2,[X1]']], '1:X0=1 /\\ 1:X2=0', '0:X1=x; 1:X1=x;');
  assert.equal(observe(corr).observation, 'Never');
  const corw = litmus('CoRW1', [['LDR W0,[X1]', 'MOV W2,#1', 'STR W2,[X1]']], '0:X0=1', '0:X1=x;');
  assert.equal(observe(corw).observation, 'Never');
  const incs = litmus('INCS', [['LDXR W0,[X1]', 'ADD W0,W0,#1', 'STXR W2,W0,[X1]'], ['LDXR W0,[X1]', 'ADD W0,W0,#1', 'STXR W2,W0,[X1]']], '0:X2=0 /\\ 1:X2=0 /\\ x=1', '0:X1=x; 1:X1=x;');
  assert.equal(observe(incs).observation, 'Never');
  const adds = litmus('LDADDS', [['MOV W0,#1', 'LDADD W0,W2,[X1]'], ['MOV W0,#1', 'LDADD W0,W2,[X1]']], 'x=1', '0:X1=x; 1:X1=x;');
  assert.equal(observe(adds).observation, 'Never');
});

test('flags: deprecated DMB shareability and DSB LD/ST domains, as herd names them', () => {
  const mp = (fence: string): readonly string[] =>
    observe(litmus('MP', [['MOV W0,#1', 'STR W0,[X1]', fence, 'MOV W2,#1', 'STR W2,[X3]'], ['LDR W0,[X1]', 'LDR W2,[X3]']], '1:X0=1 /\\ 1:X2=0')).flags;
  assert.deepEqual(mp('DMB SY'), []);
  assert.deepEqual(mp('DMB ISH'), ['Shareability-argument-for-DMB-is-deprecated']);
  assert.deepEqual(mp('DSB ISHST'), ['Maintenance-scope-for-DSB-ST-is-deprecated']);
  assert.deepEqual(mp('DSB SY'), []);
});

test('the default model of an AArch64 test is armv8', () => {
  const text = litmus('MP', [WRITER, ['LDR W0,[X1]', 'LDR W2,[X3]']], '1:X0=1 /\\ 1:X2=0');
  assert.deepEqual(observe(text, byDefault).states, observe(text).states);
});

// --- Agreement with herd's results (the conformance corpus), when present ---



interface Expectation {
  readonly observation?: string;
  readonly ok?: boolean;
  readonly states?: number;
  readonly positive?: number;
  readonly negative?: number;
}

function manifestRows(): Map<string, Expectation> {
  const rows = new Map<string, Expectation>();
  const lines = readFileSync(join(CORPUS, 'manifest.tsv'), 'utf8').split('\n');
  const header = (lines[0] ?? '').split('\t');
  const col = (n: string): number => header.indexOf(n);
  for (const line of lines.slice(1)) {
    const f = line.split('\t');
    const rel = f[col('relpath')] ?? '';
    const obs = /\b(Always|Sometimes|Never)\b/.exec(f[col('original')] ?? '')?.[1];
    const ok = f[col('expected_herd_result')];
    const states = f[col('expected_states')] ?? '';
    rows.set(rel, {
      ...(obs !== undefined ? { observation: obs } : {}),
      ...(ok === 'Ok' || ok === 'No' ? { ok: ok === 'Ok' } : {}),
      ...(/^\d+$/.test(states) ? { states: Number(states) } : {}),
    });
  }
  return rows;
}

/** herd's own output for a test, from its `.expected` file. */
function herdExpected(file: string): Expectation {
  const t = readFileSync(`${file}.expected`, 'utf8');
  const obs = /^Observation \S+ (Always|Sometimes|Never) (\d+) (\d+)/m.exec(t);
  const states = /^States (\d+)/m.exec(t);
  const ok = /^(Ok|No)\s*$/m.exec(t);
  const wit = /^Positive: (\d+) Negative: (\d+)/m.exec(t);
  return {
    ...(obs ? { observation: obs[1] } : {}),
    ...(states ? { states: Number(states[1]) } : {}),
    ...(ok ? { ok: ok[1] === 'Ok' } : {}),
    ...(wit ? { positive: Number(wit[1]), negative: Number(wit[2]) } : {}),
  };
}

/** Runs `rel` and compares it with `exp`; tests weakmem does not support are skipped (undefined). */
function agrees(rel: string, exp: Expectation): string | undefined {
  const file = join(CORPUS, rel);
  let r: TestResult;
  try {
    r = armv8.check(readFileSync(file, 'utf8'), file);
  } catch (e) {
    if (e instanceof WeakmemError && e.diagnostic.code === DIAG_CODES.NOT_SUPPORTED) return undefined;
    throw e;
  }
  const got: Expectation = { observation: r.observation, ok: r.ok, states: r.states.length, positive: r.positive, negative: r.negative };
  for (const k of Object.keys(exp) as (keyof Expectation)[]) {
    if (exp[k] !== got[k]) return `${rel}: ${k} ${String(got[k])}, herd ${String(exp[k])}`;
  }
  return '';
}

const SAMPLE = [
  'herdtools7/catalogue/aarch64/tests/MP+dmb.sy+po.litmus',
  'herdtools7/catalogue/aarch64/tests/MP+rel+CASacq-ok.litmus',
  'herdtools7/catalogue/aarch64/tests/LB+dmb.sy+data-amo.swp.litmus',
  'herdtools7/catalogue/aarch64/tests/LB+rel+CSEL.litmus',
  'herdtools7/catalogue/aarch64/tests/MP+rel+SWPnoret-dmb.ld.litmus',
  'herdtools7/catalogue/aarch64/tests/SB+CAS-rfi-addr+DMBSY.litmus',
  'herdtools7/catalogue/aarch64-cas/tests/LB+rel+CAS-ok-MRs-addr.litmus',
  'herdtools7/catalogue/aarch64-cas/tests/LB+rel+CAS-no-RnRs-addr.litmus',
  'herdtools7/catalogue/aarch64-pick/tests/Pick3.litmus',
  'herdtools7/catalogue/aarch64-pick/tests/S+rel+CSEL-data.litmus',
  'herdtools7/catalogue/aarch64-pick/tests/T3.litmus',
  'herdtools7/catalogue/aarch64-pick/tests/T99.litmus',
  'herdtools7/catalogue/aarch64-pick/tests/T15-corrected.litmus',
  'herdtools7/catalogue/aarch64-readers-guide/tests/RDW.litmus',
];

test('armv8 agrees with herd on a sample of the catalogue', { skip: !existsSync(join(CORPUS, 'manifest.tsv')) }, () => {
  const rows = manifestRows();
  const wrong: string[] = [];
  for (const rel of SAMPLE) {
    const exp = rows.get(rel);
    if (exp === undefined) continue;
    const why = agrees(rel, exp);
    if (why) wrong.push(why);
  }
  assert.deepEqual(wrong, []);
});

test('armv8 agrees with herd on its AArch64 instruction tests (states and witnesses)', { skip: !existsSync(join(CORPUS, 'manifest.tsv')) }, () => {
  const dir = 'herdtools7/herd/tests/instructions/AArch64';
  const names = ['A264', 'A44', 'L002', 'L007', 'L026', 'L036', 'L041', 'L042', 'L045', 'L103', 'A100', 'L001'];
  const wrong: string[] = [];
  for (const n of names) {
    const rel = `${dir}/${n}.litmus`;
    if (!existsSync(join(CORPUS, `${rel}.expected`))) continue;
    const why = agrees(rel, herdExpected(join(CORPUS, rel)));
    if (why) wrong.push(why);
  }
  assert.deepEqual(wrong, []);
});
