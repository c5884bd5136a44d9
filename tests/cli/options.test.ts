import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunArgs, emptyOptions, optionsHelp } from '../../src/cli/options.js';
import { applyCfg } from '../../src/cli/cfg.js';
import { WeakmemError } from '../../src/diag.js';

test("herd's single-dash options and our long options mean the same", () => {
  const herd = parseRunArgs(['-model', 'm.cat', '-I', 'cats', '-variant', 'a,b', '-conf', 'c.cfg', 't.litmus']);
  const ours = parseRunArgs(['--model=m.cat', '--include', 'cats', '--variant', 'a', '--variant', 'b', '--conf', 'c.cfg', 't.litmus']);
  assert.deepEqual(herd, ours);
  assert.deepEqual(herd.files, ['t.litmus']);
  assert.deepEqual(herd.opts.variants, ['a', 'b']);
});

test('bad values and unknown options are usage errors', () => {
  const usage = (e: unknown) => e instanceof WeakmemError && e.diagnostic.code === 'WM400';
  assert.throws(() => parseRunArgs(['--max-executions', '0']), usage);
  assert.throws(() => parseRunArgs(['--timeout', 'soon']), usage);
  assert.throws(() => parseRunArgs(['--frobnicate']), usage);
  assert.throws(() => parseRunArgs(['-model']), usage);
});

test('cfg files set model, bell, macros and variants and ignore display keys', () => {
  const o = emptyOptions() as ReturnType<typeof emptyOptions> & Record<string, unknown>;
  applyCfg(o, '# comment\nmacros k.def\nbell k.bell\nmodel k.cat\nvariant v2\ngraph columns\nedgeattr hb,color,indigo\n', 'k.cfg');
  assert.equal(o.model, 'k.cat');
  assert.equal(o.bell, 'k.bell');
  assert.equal(o.macros, 'k.def');
  assert.deepEqual(o.variants, ['v2']);
});

test('an unknown cfg key is an error at its line and column', () => {
  assert.throws(
    () => applyCfg(emptyOptions() as never, 'model k.cat\n  wibble 3\n', 'k.cfg'),
    (e: unknown) => e instanceof WeakmemError && e.diagnostic.span?.line === 2 && e.diagnostic.span.col === 3 && /wibble/.test(e.message),
  );
});

test('--help lists every option of the table', () => {
  const h = optionsHelp();
  for (const name of ['--model', '-model', '--include', '-I', '--max-executions', '--timeout', '--json', '--skip-checks']) assert.ok(h.includes(name), name);
});
