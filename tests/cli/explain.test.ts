/**
 * `weakmem explain`: golden text for tests/golden-explain/X.litmus in
 * X.litmus.explain.expected (UPDATE_GOLDEN=1 rewrites them; review the
 * diff), then the command end to end: JSON, pictures, errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { barrierReport, explainTest, explanationText } from '../../src/advise/index.js';
import { builtinSession, cli } from '../support/run.js';
import { golden, normaliseModelLines, toolkitOf } from '../advise/support.js';

const dir = join(import.meta.dirname, '..', 'golden-explain');
const examples = join(import.meta.dirname, '..', '..', 'examples');
const session = builtinSession();


for (const name of readdirSync(dir).filter((n) => n.endsWith('.litmus')).sort()) {
  test(`explain golden ${name}`, () => {
    const file = join(dir, name);
    const text = readFileSync(file, 'utf8');
    const checker = session.check.bind(session);
    const kit = toolkitOf(text, name);
    const x = explainTest(text, basename(file), checker, kit);
    const b = x.verdict === 'forbidden' ? barrierReport(name, checker, kit, kit.prepare(text, name), x.rejections.map((g) => g.facts)) : undefined;
    golden(file, 'explain', normaliseModelLines(explanationText(x, b)));
  });
}

test('explain prints the check and the cycle, exit 0', () => {
  const r = cli('explain', join(examples, 'vcpu-up+wmb+rmb.litmus'));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Rejected by check happens-before/);
  assert.match(r.out, /--wmb--> P0 line 16 WRITE_ONCE\(\*down, 0\)\n {4}--rfe--> P1 line 24/);
  assert.match(r.out, /smp_wmb\(\) at P0 line 15: needed\n {4}pairs with smp_rmb\(\) at P1 line 25/);
});

test('explain --json follows weakmem.explain/1', () => {
  const r = cli('explain', '--json', join(examples, 'vcpu-up+wmb+o.litmus'), join(examples, 'vcpu-up+wmb+rmb.litmus'));
  assert.equal(r.code, 0, r.err);
  const [allowed, forbidden] = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(allowed?.schema, 'weakmem.explain/1');
  assert.equal(allowed?.verdict, 'allowed');
  const w = allowed?.witness as { unordered: { from: { line: number }; to: { line: number }; reason: string }[]; cycle: { label: string }[] };
  assert.deepEqual(w.cycle.map((s) => s.label), ['wmb', 'rfe', 'po', 'fre']);
  assert.deepEqual([w.unordered[0]?.from.line, w.unordered[0]?.to.line], [23, 24]);
  assert.equal(forbidden?.verdict, 'forbidden');
  const g = (forbidden?.rejections as { check: string; steps: unknown[] }[])[0];
  assert.equal(g?.check, 'happens-before');
  assert.equal(g?.steps.length, 4);
  const bar = forbidden?.barriers as { devices: { redundant: boolean }[]; minimalSets: unknown[][] };
  assert.equal(bar.devices.length, 2);
  assert.equal(bar.minimalSets.length, 1);
});

test('explain --graph svg draws the forbidden execution with its cycle; run --graph dot the witness', () => {
  const out = mkdtempSync(join(tmpdir(), 'weakmem-graph-'));
  const r = cli('explain', '--graph', 'svg', '--out', out, join(examples, 'vcpu-up+wmb+rmb.litmus'));
  assert.equal(r.code, 0, r.err);
  const svg = readFileSync(join(out, 'vcpu-up+wmb+rmb.svg'), 'utf8');
  assert.match(svg, /^<\?xml|<svg/);
  assert.match(svg, /1: wmb/);
  assert.match(svg, /4: fre/);
  assert.match(svg, /rejected by check happens(&#45;|-)before/);
  const d = cli('run', '--no-time', '--graph', 'dot', '--out', out, join(examples, 'vcpu-up+wmb+o.litmus'));
  assert.equal(d.code, 0, d.err);
  assert.match(d.out, /^Test vcpu-up\+wmb\+o Allowed/);
  const dot = readFileSync(join(out, 'vcpu-up+wmb+o.dot'), 'utf8');
  assert.match(dot, /subgraph cluster_P0/);
  assert.match(dot, /3: po \(unordered\)/);
});

test('explain errors: usage 64, missing file 2, --graph without a format 64', () => {
  assert.equal(cli('explain').code, 64);
  assert.equal(cli('explain', '--graph', 'png', join(examples, 'vcpu-up+wmb+o.litmus')).code, 64);
  assert.equal(cli('explain', '--cost', 'smp_mb=1', join(examples, 'vcpu-up+wmb+o.litmus')).code, 64);
  const m = cli('explain', join(examples, 'nope.litmus'));
  assert.equal(m.code, 2);
  assert.match(m.err, /cannot read/);
});

test('explain on an AArch64 test: Arm base edges and the DMB pairing', () => {
  const r = cli('explain', join(examples, 'vcpu-up-a64+dmb.ishst+dmb.ishld.litmus'));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Rejected by check external \(irreflexive, <builtin>\/weakmem-armv8\.cat line \d+\)/);
  assert.match(r.out, / {2}P0 line 11 STR W0,\[X1\]\n {4}--dmb\.st--> P0 line 14 STR W2,\[X3\]\n {4}--rfe--> P1 line 10 LDR W0,\[X1\]\n {4}--dmb\.ld--> /);
  assert.match(r.out, /DMB ISHST at P0 line 12: needed\n {4}pairs with DMB ISHLD at P1 line 11/);
});
