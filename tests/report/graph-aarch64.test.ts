/**
 * Pictures of AArch64 executions checked with a model that computes
 * dependencies itself (`catdep`, as the built-in `armv8` and herd's
 * `aarch64.cat`): register events hidden, dependencies and the cycle drawn
 * between memory events, thread columns left to right.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explainTest, explanationPictures, toolkitFor, type Checker, type OrderingToolkit, type Picture } from '../../src/advise/index.js';
import { Session } from '../../src/api/session.js';
import { libraryResolver } from '../../src/cat/resolver.js';
import { EDGE_STYLE, executionDot } from '../../src/report/graph.js';
import { dotToSvg } from '../../src/report/svg.js';
import { builtinSession } from '../support/run.js';

const examples = join(import.meta.dirname, '..', '..', 'examples');
const A = toolkitFor('AArch64') as OrderingToolkit;
const C = toolkitFor('C') as OrderingToolkit;
const builtin = builtinSession();

function pictures(text: string, file: string, check: Checker = builtin.check.bind(builtin), toolkit = A): Picture[] {
  return explanationPictures(explainTest(text, file, check, toolkit));
}

const example = (name: string, toolkit = A): Picture[] => pictures(readFileSync(join(examples, name), 'utf8'), name, undefined, toolkit);

/** The node statements of a DOT text: id and label. */
function dotNodes(dot: string): { id: string; label: string }[] {
  return [...dot.matchAll(/^\s*(e\d+) \[label="([^"]*)"/gm)].map((m) => ({ id: m[1] as string, label: m[2] as string }));
}

/** The drawn edges of a DOT text (invisible ones left out). */
function dotEdges(dot: string): { from: string; to: string; attrs: string }[] {
  return [...dot.matchAll(/^\s*(e\d+) -> (e\d+) \[(.*)\];$/gm)].filter((m) => !(m[3] as string).includes('invis')).map((m) => ({ from: m[1] as string, to: m[2] as string, attrs: m[3] as string }));
}

function nodeId(dot: string, label: RegExp): string {
  const found = dotNodes(dot).filter((n) => label.test(n.label));
  assert.equal(found.length, 1, `one node labelled ${label} in\n${dot}`);
  return (found[0] as { id: string }).id;
}

/** The bold numbered steps of the highlighted path, in order: `from -label-> to`. */
function steps(dot: string): string[] {
  const out: [number, string][] = [];
  for (const e of dotEdges(dot)) {
    const m = /label="(\d+): ([^"]*)", penwidth=3/.exec(e.attrs);
    if (m !== null) out.push([Number(m[1]), `${e.from} -${m[2]}-> ${e.to}`]);
  }
  return out.sort((a, b) => a[0] - b[0]).map(([, s]) => s);
}

function assertNoRegisterNodes(dot: string): void {
  for (const n of dotNodes(dot)) assert.doesNotMatch(n.label, /: (Rreg|Wreg|NoAction)\b/, `register event drawn: ${n.label}`);
}

/** An XML element of a parsed SVG. */
interface Elem {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: Elem[];
  text: string;
}

/** Parses SVG text as XML (throws when it is not well formed). */
function parseSvg(svg: string): Elem {
  const decode = (s: string): string => s.replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d))).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const top: Elem = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [top];
  for (const [tok] of svg.matchAll(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<[^>]+>|[^<]+/g)) {
    const cur = stack[stack.length - 1] as Elem;
    if (tok.startsWith('<!') || tok.startsWith('<?')) continue;
    if (!tok.startsWith('<')) {
      cur.text += decode(tok);
      continue;
    }
    const close = /^<\/([\w:-]+)\s*>$/.exec(tok);
    if (close !== null) {
      assert.equal(close[1], cur.name, `</${close[1]}> closes <${cur.name}>`);
      stack.pop();
      continue;
    }
    const open = /^<([\w:-]+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>$/.exec(tok);
    assert.ok(open !== null, `bad tag ${tok}`);
    const attrs = Object.fromEntries([...(open[2] as string).matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1] as string, decode(a[2] as string)]));
    const el: Elem = { name: open[1] as string, attrs, children: [], text: '' };
    cur.children.push(el);
    if (open[3] !== '/') stack.push(el);
  }
  assert.equal(stack.length, 1, 'unclosed elements');
  assert.deepEqual(top.children.map((c) => c.name), ['svg']);
  return top.children[0] as Elem;
}

function descendants(e: Elem): Elem[] {
  return e.children.flatMap((c) => [c, ...descendants(c)]);
}

function textOf(e: Elem): string {
  return [e.text, ...e.children.map(textOf)].join('\n');
}

/** Groups of a class (`node`, `cluster`) by their title. */
function groups(svg: Elem, cls: string): Map<string, Elem> {
  const out = new Map<string, Elem>();
  for (const g of descendants(svg)) {
    if (g.name !== 'g' || g.attrs.class !== cls) continue;
    const title = g.children.find((c) => c.name === 'title');
    if (title !== undefined) out.set(title.text, g);
  }
  return out;
}

/** The leftmost x of a cluster's outline. */
function left(cluster: Elem): number {
  const shape = cluster.children.find((c) => c.name === 'path' || c.name === 'polygon');
  const coords = shape?.attrs.d ?? shape?.attrs.points ?? '';
  const xs = [...coords.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => Number(m[1]));
  assert.ok(xs.length > 0, 'a cluster outline');
  return Math.min(...xs);
}

/** Lays the picture out and checks the SVG: it parses, every shown event is a node with its text, threads left to right. */
async function assertRenders(p: Picture): Promise<Elem> {
  const svg = parseSvg(await dotToSvg(p.dot));
  const nodes = groups(svg, 'node');
  for (const n of dotNodes(p.dot)) {
    const g = nodes.get(n.id);
    assert.ok(g !== undefined, `${p.stem}: node ${n.id} in the SVG`);
    for (const line of n.label.split('\\n')) assert.ok(textOf(g).includes(line.replace(/\\"/g, '"')), `${p.stem}: ${n.id} shows '${line}'`);
  }
  const clusters = groups(svg, 'cluster');
  const threads = [...clusters.keys()].filter((k) => /^cluster_P\d+$/.test(k)).sort((a, b) => Number(a.slice(9)) - Number(b.slice(9)));
  assert.ok(threads.length >= 2, `${p.stem}: thread columns`);
  const xs = threads.map((t) => left(clusters.get(t) as Elem));
  assert.deepEqual([...xs].sort((a, b) => a - b), xs, `${p.stem}: columns ${threads.join(', ')} left to right, at ${xs.join(', ')}`);
  if (clusters.has('cluster_init')) assert.ok(left(clusters.get('cluster_init') as Elem) < (xs[0] as number), `${p.stem}: initial state leftmost`);
  return svg;
}

test('a forbidden AArch64 execution (catdep model): memory events and fences only, the cycle bold and numbered', async () => {
  const [p] = example('vcpu-up-a64+dmb.ishst+dmb.ishld.litmus');
  assert.ok(p !== undefined);
  const dot = p.dot;
  assertNoRegisterNodes(dot);
  const threadNodes = dotNodes(dot).filter((n) => !n.label.includes('initial value')).map((n) => n.label.replace(/^[a-z]\d*: /, '').replace(/\\n.*$/, ''));
  assert.deepEqual(threadNodes, ['W regs=42', 'F[DMB.ISHST]', 'W up=1', 'R up=1', 'F[DMB.ISHLD]', 'R regs=0']);
  const [w1, f0, w2, r1, f1, r2] = ['STR W0', 'DMB ISHST', 'STR W2', 'LDR W0', 'DMB ISHLD', 'LDR W2'].map((t) => nodeId(dot, new RegExp(t)));
  assert.deepEqual(steps(dot), [`${w1} -dmb.st-> ${w2}`, `${w2} -rfe-> ${r1}`, `${r1} -dmb.ld-> ${r2}`, `${r2} -fre-> ${w1}`]);
  // Program order runs through the shown events only.
  const po = dotEdges(dot).filter((e) => e.attrs.includes('label="po"')).map((e) => `${e.from}->${e.to}`);
  assert.deepEqual(po, [`${w1}->${f0}`, `${f0}->${w2}`, `${r1}->${f1}`, `${f1}->${r2}`]);
  const svg = await assertRenders(p);
  const text = textOf(svg);
  for (const s of ['1: dmb.st', '2: rfe', '3: dmb.ld', '4: fre']) assert.ok(text.includes(s), s);
  assert.doesNotMatch(text, /Rreg|Wreg/);
});

const MP_DEPS = `AArch64 MP+dmb.ishst+deps
{
0:X1=x; 0:X3=y;
1:X1=y; 1:X3=x;
}
 P0          | P1                  ;
 MOV W0,#1   | LDR W0,[X1]         ;
 STR W0,[X1] | EOR W4,W0,W0        ;
 DMB ISHST   | LDR W2,[X3,W4,SXTW] ;
 MOV W2,#1   | CBNZ W2,L           ;
 STR W2,[X3] | STR W0,[X1]         ;
             | L:                  ;
exists (1:X0=1 /\\ 1:X2=0)
`;

test('dependencies through registers are drawn between the memory events they connect, and the branch a read decides', async () => {
  const ps = pictures(MP_DEPS, 'MP+dmb.ishst+deps.litmus');
  assert.equal(ps.length, 2);
  for (const p of ps) {
    const dot = p.dot;
    assertNoRegisterNodes(dot);
    const r1 = nodeId(dot, /R y=1\\nline 7/), r2 = nodeId(dot, /R x=0\\nline 9/), w = nodeId(dot, /W y=1\\nline 11: STR W0/);
    const branch = nodeId(dot, /branch\[BCC\]\\nline 10: CBNZ W2,L/);
    const deps = dotEdges(dot).filter((e) => e.attrs.startsWith(`color="${EDGE_STYLE.dep.color}"`)).map((e) => `${e.from} -${/label="(?:\d+: )?([^"]*)"/.exec(e.attrs)?.[1]}-> ${e.to}`);
    // LDR W0 -> EOR W4 -> address of LDR W2 (addr); W0 also the data of the STR; LDR W2 -> CBNZ -> STR (ctrl).
    assert.deepEqual(deps.sort(), [`${r1} -addr-> ${r2}`, `${r1} -data-> ${w}`, `${r2} -ctrl-> ${w}`].sort(), p.stem);
    assert.ok(dotEdges(dot).some((e) => e.from === r2 && e.to === branch && e.attrs.includes('label="po"')), 'the branch sits in program order');
    await assertRenders(p);
  }
  // One rejected cycle goes through the address dependency, the other through the data dependency.
  const cycleSteps = ps.flatMap((p) => steps(p.dot));
  assert.ok(cycleSteps.some((s) => / -addr-> /.test(s)) && cycleSteps.some((s) => / -data-> /.test(s)), cycleSteps.join('; '));
});

test('a branch no read decides is left out with the register events', () => {
  const [p] = example('vcpu-up-a64+dmb.ishst+ctrlisb.litmus');
  const text = `AArch64 MP+branch
{
0:X1=x; 0:X3=y;
1:X1=y; 1:X3=x;
}
 P0          | P1          ;
 MOV W0,#1   | LDR W0,[X1] ;
 STR W0,[X1] | MOV W5,#1   ;
 DMB ISH     | CBZ W5,L    ;
 MOV W2,#1   | DMB ISH     ;
 STR W2,[X3] | LDR W2,[X3] ;
             | L:          ;
exists (1:X0=1 /\\ 1:X2=0)
`;
  const [q] = pictures(text, 'MP+branch.litmus');
  assert.ok(p !== undefined && q !== undefined);
  // CBZ W0 decides on a read: drawn, with the ctrl edges past it; CBZ W5 on a constant: hidden.
  assert.match(p.dot, /branch\[BCC\]\\nline 10: CBZ W0,Lout/);
  assert.ok(dotEdges(p.dot).some((e) => e.attrs.includes('label="ctrl"')));
  assert.doesNotMatch(q.dot, /branch\[|CBZ/);
  assertNoRegisterNodes(q.dot);
});

/** A catdep model whose check goes through register events: intrinsic data dependencies and register reads-from. */
const THROUGH_REGISTERS = `"register chains"
catdep
let reg-rf = [Wreg] ; (po & loc) ; [Rreg]
acyclic iico_data | reg-rf | rf | co | fr as through-registers
`;

const LB_DATAS = `AArch64 LB+datas
{
0:X1=x; 0:X3=y;
1:X1=y; 1:X3=x;
}
 P0           | P1           ;
 LDR W0,[X1]  | LDR W0,[X1]  ;
 EOR W2,W0,W0 | EOR W2,W0,W0 ;
 ADD W2,W2,#1 | ADD W2,W2,#1 ;
 STR W2,[X3]  | STR W2,[X3]  ;
exists (0:X0=1 /\\ 1:X0=1)
`;

test('a cycle through register events is drawn as one edge between memory events, named for the dependency', async () => {
  const session = new Session({ resolver: libraryResolver({ 'regs.cat': THROUGH_REGISTERS }), model: 'regs.cat', variants: [], skipChecks: [], maxExecutions: 100_000 });
  const x = explainTest(LB_DATAS, 'LB+datas.litmus', session.check.bind(session), A);
  const g = x.rejections[0];
  assert.ok(g !== undefined && g.check === 'through-registers');
  const ev = g.facts.events;
  assert.ok(g.edges.some((e) => ['Rreg', 'Wreg'].includes(ev[e.from]?.action ?? '')), 'the explained cycle goes through register events');
  const [p] = explanationPictures(x);
  assert.ok(p !== undefined);
  assertNoRegisterNodes(p.dot);
  const r0 = nodeId(p.dot, /R x=1/), w0 = nodeId(p.dot, /W y=1/), r1 = nodeId(p.dot, /R y=1/), w1 = nodeId(p.dot, /W x=1/);
  assert.deepEqual(steps(p.dot), [`${r0} -data-> ${w0}`, `${w0} -rfe-> ${r1}`, `${r1} -data-> ${w1}`, `${w1} -rfe-> ${r0}`]);
  await assertRenders(p);
});

test('a highlighted path that stops at a register event keeps that event in the picture', () => {
  const text = readFileSync(join(examples, 'vcpu-up-a64+dmb.ishst+dmb.ishld.litmus'), 'utf8');
  const f = explainTest(text, 'x.litmus', builtin.check.bind(builtin), A).rejections[0]?.facts;
  assert.ok(f !== undefined);
  const read = f.events.find((e) => e.action === 'R' && e.thread === 1) as (typeof f.events)[number];
  const reg = f.events.find((e) => e.action === 'Wreg' && e.thread === 1 && e.instr === read.instr) as (typeof f.events)[number];
  const dot = executionDot({ title: 't', execution: f.x, rf: f.rf.edges(), co: f.co.edges(), fr: f.fr.edges(), highlight: [{ from: read.id, to: reg.id, kind: 'derived', label: 'iico_data' }] });
  assert.deepEqual(dotNodes(dot).filter((n) => /: (Rreg|Wreg)/.test(n.label)).map((n) => n.id), [`e${reg.id}`]);
  assert.deepEqual(steps(dot), [`e${read.id} -iico_data-> e${reg.id}`]);
});

test('thread columns come out left to right (C and AArch64 pictures that used to swap them)', async () => {
  const cases: [string, OrderingToolkit][] = [
    ['vcpu-up+wmb+o.litmus', C],
    ['vcpu-up+lock+lock.litmus', C],
    ['vcpu-kick-chain+o+o+o+o.litmus', C],
    ['vcpu-up-a64+o+o.litmus', A],
    ['vcpu-up-a64+dmb.ishst+ctrl.litmus', A],
  ];
  for (const [name, toolkit] of cases) for (const p of example(name, toolkit)) await assertRenders(p);
});
