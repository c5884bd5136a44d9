/**
 * The assembly tests of the conformance corpus: every AArch64 and X86_64
 * manifest test in scope (the core catalogue folders and herd's
 * instruction tests run without variants) parses and runs its threads, or
 * stops with NOT_SUPPORTED at a location; so does every test of the
 * extension folders (MTE, VMSA, ifetch, PAC, SVE/SME, BBM, mixed...),
 * never with another error. Skipped when the corpus is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIAG_CODES, WeakmemError } from '../../src/diag.js';
import { archForHeader } from '../../src/arch/index.js';
import type { Value } from '../../src/litmus/types.js';
import { CORPUS } from '../support/run.js';

const MANIFEST = join(CORPUS, 'manifest.tsv');
const CORE = /catalogue\/(aarch64|aarch64-cas|aarch64-pick|aarch64-readers-guide|x86_64)\/tests\//;
/** herd tests whose syntax even herd's own lexer is lenient about (an unterminated comment). */
const TOLERATED = new Set(['herdtools7/herd/tests/instructions/AArch64.neon/V61.litmus']);

interface Row {
  readonly rel: string;
  readonly arch: string;
  readonly inScope: boolean;
}

function rows(): Row[] {
  return readFileSync(MANIFEST, 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((c) => c[1] === 'AArch64' || c[1] === 'X86_64')
    .map((c) => {
      const rel = c[0] as string;
      const instr = /instructions\/(AArch64|X86_64)\//.test(rel) && (c[8] ?? '') === '';
      return { rel, arch: c[1] as string, inScope: CORE.test(rel) || instr };
    });
}

/** Parses and runs every thread (reads return the initial value); the diagnostic if any. */
function run(rel: string): WeakmemError | undefined {
  const text = readFileSync(join(CORPUS, rel), 'utf8');
  const arch = archForHeader(text.trimStart().split(/\s/)[0] ?? '');
  assert.ok(arch !== undefined, rel);
  try {
    const sem = arch.semantics(arch.parse(text, rel));
    const values = (loc: string): readonly Value[] => [sem.initial.get(loc) ?? 0];
    for (let t = 0; t < sem.threadCount; t++) sem.traces(t, values);
    return undefined;
  } catch (e) {
    if (e instanceof WeakmemError) return e;
    throw new Error(`${rel}: ${String(e)}`);
  }
}

const where = (e: WeakmemError): string => `${e.diagnostic.span?.file}:${e.diagnostic.span?.line}:${e.diagnostic.span?.col}: ${e.diagnostic.message}`;

test('in-scope AArch64 and X86_64 corpus tests run, or are NOT_SUPPORTED with a location', { skip: !existsSync(MANIFEST) && 'no corpus' }, () => {
  const inScope = rows().filter((r) => r.inScope);
  assert.ok(inScope.length > 400);
  let ran = 0;
  const failures: string[] = [];
  for (const r of inScope) {
    const e = run(r.rel);
    if (e === undefined) ran++;
    else if (e.diagnostic.code !== DIAG_CODES.NOT_SUPPORTED || e.diagnostic.span === undefined) failures.push(where(e));
  }
  assert.deepEqual(failures, []);
  assert.ok(ran >= 355, `only ${ran} of ${inScope.length} ran`);
});

test('extension tests never fail other than NOT_SUPPORTED', { skip: !existsSync(MANIFEST) && 'no corpus' }, () => {
  const failures: string[] = [];
  for (const r of rows().filter((x) => !x.inScope && x.arch === 'AArch64' && !TOLERATED.has(x.rel))) {
    const e = run(r.rel);
    if (e !== undefined && (e.diagnostic.code !== DIAG_CODES.NOT_SUPPORTED || e.diagnostic.span === undefined)) failures.push(where(e));
  }
  assert.deepEqual(failures, []);
});
