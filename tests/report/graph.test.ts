/** Pictures: DOT structure (threads, colours, the highlighted cycle) and SVG through Graphviz in WebAssembly. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explainTest, explanationPictures, toolkitFor, type OrderingToolkit } from '../../src/advise/index.js';
import { EDGE_STYLE, eventName } from '../../src/report/graph.js';
import { dotToSvg } from '../../src/report/svg.js';
import { builtinSession } from '../support/run.js';

const examples = join(import.meta.dirname, '..', '..', 'examples');
const session = builtinSession();
const C = toolkitFor('C') as OrderingToolkit;

function pictures(name: string) {
  const file = join(examples, name);
  return explanationPictures(explainTest(readFileSync(file, 'utf8'), name, session.check.bind(session), C));
}

test('a forbidden execution: one column per thread, edges by kind, the cycle bold and numbered', () => {
  const [p] = pictures('vcpu-up+wmb+rmb.litmus');
  assert.ok(p !== undefined);
  assert.equal(p.stem, 'vcpu-up+wmb+rmb');
  const dot = p.dot;
  assert.match(dot, /subgraph cluster_init/);
  assert.match(dot, /subgraph cluster_P0 \{[^}]*e2 \[label="c: W\[ONCE\] regs=42\\nline 14: WRITE_ONCE\(\*regs, 42\)"/);
  assert.match(dot, /subgraph cluster_P1/);
  for (const [n, label] of [[1, 'wmb'], [2, 'rfe'], [3, 'rmb'], [4, 'fre']] as const) {
    assert.match(dot, new RegExp(`label="${n}: ${label}", penwidth=3, style="bold"`));
  }
  assert.match(dot, new RegExp(`color="${EDGE_STYLE.rf.color}"`));
  assert.match(dot, new RegExp(`color="${EDGE_STYLE.fence.color}"`));
  assert.match(dot, /rejected by check happens-before/);
});

test('a witness: the unordered pair is dashed red', () => {
  const [p] = pictures('vcpu-up+wmb+o.litmus');
  assert.match(p?.dot ?? '', /label="3: po \(unordered\)", penwidth=3, style="dashed"/);
});

test('every picture of the examples renders to SVG, showing its cycle', async () => {
  for (const name of ['vcpu-up+wmb+rmb.litmus', 'vcpu-up+o+o.litmus', 'vcpu-up+lock+lock.litmus', 'vcpu-kick-chain+o+o+o+o.litmus', 'vcpu-init+wmb+pause-mb.litmus']) {
    for (const p of pictures(name)) {
      const svg = await dotToSvg(p.dot);
      assert.match(svg, /<svg [^>]*viewBox/, name);
      assert.match(svg, />1: [a-z-]+/, `${name}: the first step of the cycle is labelled`);
      assert.match(svg, /class="cluster"/);
    }
  }
});

test('a bad graph is an error with Graphviz\'s message', async () => {
  await assert.rejects(dotToSvg('digraph { a -> }'), /graphviz/);
});

test("event names follow herd's a, b, ..., z, a1", () => {
  assert.deepEqual([0, 1, 25, 26, 27].map(eventName), ['a', 'b', 'z', 'a1', 'b1']);
});
