/**
 * `weakmem fix`: golden text for tests/golden-explain/X.litmus in
 * X.litmus.fix.expected (UPDATE_GOLDEN=1 rewrites them), then the command
 * end to end: JSON, costs, errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCosts, fixTest, fixText } from '../../src/advise/index.js';
import { builtinSession, cli } from '../support/run.js';
import { golden, normaliseModelLines, toolkitOf } from '../advise/support.js';

const dir = join(import.meta.dirname, '..', 'golden-explain');
const examples = join(import.meta.dirname, '..', '..', 'examples');
const session = builtinSession();


for (const name of readdirSync(dir).filter((n) => n.endsWith('.litmus')).sort()) {
  test(`fix golden ${name}`, () => {
    const file = join(dir, name);
    const text = readFileSync(file, 'utf8');
    const kit = toolkitOf(text, name);
    const costs = defaultCosts(kit);
    const r = fixTest(text, name, { checker: session.check.bind(session), toolkit: kit, costs });
    golden(file, 'fix', normaliseModelLines(fixText(r, costs, { stats: false })));
  });
}

test('fix --json follows weakmem.fix/1 and every proposal is verified by run', () => {
  const r = cli('fix', '--json', join(examples, 'vcpu-up+o+o.litmus'));
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out) as { schema: string; status: string; proposals: { cost: number; patched: string; changes: { tool: string }[] }[] };
  assert.equal(j.schema, 'weakmem.fix/1');
  assert.equal(j.status, 'fixed');
  assert.equal(j.proposals.length, 4);
  for (const p of j.proposals) {
    assert.equal(p.changes.length, 2);
    assert.ok(!p.changes.some((c) => c.tool === 'smp_mb'));
    const again = session.check(p.patched, 'patched.litmus');
    assert.equal(again.observation, 'Never');
  }
});

test('fix --cost changes the cheapest set; bad costs are usage errors', () => {
  const r = cli('fix', '--no-time', '--diff-only', '--cost', 'smp_store_release=1,smp_load_acquire=1', join(examples, 'vcpu-up+o+o.litmus'));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /The cheapest fix \(cost 2;/);
  assert.doesNotMatch(r.out, /Patched test:/);
  assert.doesNotMatch(r.out, /checker runs/);
  assert.equal(cli('fix', '--cost', 'smp_frob=1', join(examples, 'vcpu-up+o+o.litmus')).code, 64);
  assert.equal(cli('fix', '--cost', 'smp_mb=0', join(examples, 'vcpu-up+o+o.litmus')).code, 64);
  assert.equal(cli('fix', '--graph', 'dot', join(examples, 'vcpu-up+o+o.litmus')).code, 64);
});

test('fix on the late barrier reports it idle and moves it', () => {
  const r = cli('fix', '--no-time', join(examples, 'vcpu-up+wmb-after+rmb.litmus'));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /smp_wmb\(\) at P0 line 15 orders nothing on the way to this outcome\./);
  assert.match(r.out, /move smp_wmb\(\) from P0 line 15 to before P0 line 14 WRITE_ONCE\(\*down, 0\)/);
});

test('fix on a test that is already forbidden says so, exit 0', () => {
  const r = cli('fix', join(examples, 'vcpu-up+wmb+rmb.litmus'));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /already forbidden: nothing to fix/);
});

test('fix on AArch64 tests: Arm tools and costs; one --cost list serves C and AArch64 files together', () => {
  const a64 = join(examples, 'vcpu-up-a64+o+o.litmus');
  const r = cli('fix', '--no-time', '--diff-only', '--cost', 'smp_mb=8,DMB.ISH=1', a64, join(examples, 'vcpu-up+o+o.litmus'));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /The cheapest fix \(cost 2; costs DMB\.ISH=1 DMB\.ISHST=2 /);
  assert.match(r.out, /Fix 1 \(cost 2\):\n {2}DMB ISH after P0 line 12 STR W0,\[X1\]\n {2}DMB ISH after P1 line 11 LDR W0,\[X1\]\n/);
  assert.match(r.out, /costs smp_mb=8 smp_wmb=2/);
  const j = cli('fix', '--json', a64);
  const fixed = JSON.parse(j.out) as { proposals: { patched: string }[] };
  assert.equal(fixed.proposals.length, 4);
  for (const p of fixed.proposals) assert.equal(session.check(p.patched, 'patched.litmus').observation, 'Never');
  assert.equal(cli('fix', '--cost', 'DMB.XYZ=1', a64).code, 64);
});
