/**
 * Every C test of the conformance corpus (manifest.tsv, arch C) must parse,
 * expand with the LKMM macro file and run its threads, except constructs we
 * do not support, which must fail with NOT_SUPPORTED and a location.
 * Skipped when the corpus is absent (WEAKMEM_CORPUS or ../shared/corpus).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIAG_CODES, WeakmemError } from '../../src/diag.js';
import { parseCLitmus, parseMacroFile } from '../../src/litmus/c/index.js';
import { cSemantics } from '../../src/exec/c/index.js';
import { CORPUS } from '../support/run.js';

const MANIFEST = join(CORPUS, 'manifest.tsv');
const DEF = join(CORPUS, 'herdtools7/catalogue/linux/cats/linux-kernel.def');

test('every manifest C test parses, expands and runs, or is NOT_SUPPORTED with a location', { skip: !existsSync(MANIFEST) && 'no corpus' }, () => {
  const macros = parseMacroFile(readFileSync(DEF, 'utf8'), DEF);
  const files = readFileSync(MANIFEST, 'utf8')
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((cols) => cols[1] === 'C')
    .map((cols) => cols[0] as string);
  assert.ok(files.length > 3000);
  let parsed = 0;
  const unsupported: string[] = [];
  const failures: string[] = [];
  for (const rel of files) {
    try {
      const t = parseCLitmus(readFileSync(join(CORPUS, rel), 'utf8'), rel);
      const sem = cSemantics(t, macros);
      for (let i = 0; i < sem.threadCount; i++) sem.traces(i, (loc) => [sem.initial.get(loc) ?? 0]);
      parsed++;
    } catch (e) {
      const d = e instanceof WeakmemError ? e.diagnostic : undefined;
      const where = d?.span ? `${d.span.file}:${d.span.line}:${d.span.col}` : rel;
      const line = `${where}: ${d?.message ?? String(e)}`;
      if (d?.code === DIAG_CODES.NOT_SUPPORTED && d.span !== undefined) unsupported.push(line);
      else failures.push(line);
    }
  }
  if (unsupported.length > 0) console.log(`${parsed}/${files.length} C tests run; not supported:\n  ${unsupported.join('\n  ')}`);
  assert.deepEqual(failures, []);
  // C11 (rc11.cat) instruction tests, memory regions and an unknown macro only.
  assert.ok(unsupported.length <= 15, `${unsupported.length} unsupported`);
});
