/**
 * Pictures of executions in Graphviz's DOT language: events grouped by
 * thread in program order (one column per thread, P0 leftmost, the
 * initial writes beside them), edges by kind in distinct colours, each
 * event labelled with its source line and text, and a highlighted path —
 * the cycle a check rejects, or the cycle a witness completes — drawn
 * bold and numbered. Register events are left out (see `visible.ts`).
 * Pure text out, so the browser can lay it out too (see `svg.ts`).
 */
import type { CandidateExecution, ExecutionEvent } from '../enumerate/types.js';
import type { EdgeList } from '../exec/types.js';
import { visibility } from './visible.js';

/** Kinds of edge, each drawn in its own colour. */
export type PictureEdgeKind = 'po' | 'rf' | 'co' | 'fr' | 'fence' | 'dep' | 'rmw' | 'acqrel' | 'sync' | 'derived';

/** Colour and line style of each kind (the legend lists them). */
export const EDGE_STYLE: Readonly<Record<PictureEdgeKind, { readonly color: string; readonly style: string; readonly name: string }>> = {
  po: { color: '#000000', style: 'solid', name: 'program order' },
  rf: { color: '#d62728', style: 'solid', name: 'reads-from' },
  co: { color: '#1f4fb4', style: 'solid', name: 'coherence' },
  fr: { color: '#ff7f0e', style: 'solid', name: 'from-read' },
  fence: { color: '#8e44ad', style: 'solid', name: 'fence' },
  dep: { color: '#8c564b', style: 'dashed', name: 'dependency' },
  rmw: { color: '#7f7f7f', style: 'bold', name: 'read-modify-write' },
  acqrel: { color: '#138d90', style: 'solid', name: 'acquire / release' },
  sync: { color: '#9a8c00', style: 'solid', name: 'lock / RCU' },
  derived: { color: '#555555', style: 'dotted', name: 'derived' },
};

/** An edge of the highlighted path. */
export interface HighlightEdge {
  readonly from: number;
  readonly to: number;
  readonly kind: PictureEdgeKind;
  readonly label: string;
  /** A program-order pair nothing orders (drawn dashed). */
  readonly unordered?: boolean;
}

export interface PictureInput {
  /** First line of the caption (e.g. the test name and outcome). */
  readonly title: string;
  /** More caption lines (what is highlighted and why). */
  readonly caption?: readonly string[];
  readonly execution: CandidateExecution;
  /** Communication relations as the model bound them. */
  readonly rf: EdgeList;
  readonly co: EdgeList;
  readonly fr: EdgeList;
  readonly highlight?: readonly HighlightEdge[];
}

interface DrawnEdge {
  from: number;
  to: number;
  kind: PictureEdgeKind;
  label: string;
  step?: number;
  unordered?: boolean;
}

/** The DOT text of a picture of one execution. */
export function executionDot(p: PictureInput): string {
  const x = p.execution;
  const events = x.events;
  const { hidden, highlight } = visibility(x, p.highlight ?? []);
  const onCycle = new Set(highlight.flatMap((h) => [h.from, h.to]));
  const shown = new Set(events.filter((e) => !hidden.has(e.id) && (!e.isInit || used(e, p.rf, p.co, highlight))).map((e) => e.id));
  const threadEvents = shownByThread(events, shown);
  const edges: DrawnEdge[] = [];
  const add = (pairs: Iterable<readonly [number, number]>, kind: PictureEdgeKind, label: string): void => {
    for (const [a, b] of pairs) if (shown.has(a) && shown.has(b)) edges.push({ from: a, to: b, kind, label });
  };
  add(immediatePo(threadEvents), 'po', 'po');
  add(p.rf, 'rf', 'rf');
  add(reduce(p.co), 'co', 'co');
  add(reduceFr(p.fr, p.co), 'fr', 'fr');
  add(x.addr, 'dep', 'addr');
  add(x.data, 'dep', 'data');
  add(x.ctrl, 'dep', 'ctrl');
  add(x.rmw, 'rmw', 'rmw');
  highlight.forEach((h, i) => {
    const same = edges.find((e) => e.from === h.from && e.to === h.to && e.step === undefined && (e.kind === h.kind || (h.kind === 'po' && e.kind === 'po')));
    if (same !== undefined && !h.unordered) {
      same.step = i + 1;
      same.label = h.label;
    } else edges.push({ from: h.from, to: h.to, kind: h.kind, label: h.label, step: i + 1, ...(h.unordered ? { unordered: true } : {}) });
  });
  const lines: string[] = [];
  const caption = [p.title, ...(p.caption ?? [])].map(escape).join('\\n');
  lines.push(`digraph "${escape(p.title)}" {`);
  lines.push(`  graph [label="${caption}", labelloc=t, fontname="Helvetica", fontsize=13, newrank=true, nodesep=0.6, ranksep=0.45];`);
  lines.push('  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=11, margin="0.2,0.08"];');
  lines.push('  edge [fontname="Helvetica", fontsize=10, arrowsize=0.7];');
  const inits = events.filter((e) => e.isInit && shown.has(e.id));
  if (inits.length > 0) {
    lines.push('  subgraph cluster_init {');
    lines.push('    label="initial state"; style="dashed"; color="#999999"; fontname="Helvetica"; fontsize=11;');
    for (const e of inits) lines.push(`    ${nodeLine(e, onCycle)}`);
    lines.push('  }');
  }
  for (const [t, evs] of threadEvents) {
    lines.push(`  subgraph cluster_P${t} {`);
    lines.push(`    label="P${t}"; style="rounded"; color="#bbbbbb"; fontname="Helvetica"; fontsize=12;`);
    for (const e of evs) lines.push(`    ${nodeLine(e, onCycle)}`);
    lines.push('  }');
  }
  // The n-th shown event of each thread side by side.
  const rows = Math.max(0, ...[...threadEvents.values()].map((evs) => evs.length));
  for (let i = 0; i < rows; i++) {
    const ids = [...threadEvents.values()].flatMap((evs) => (evs[i] !== undefined ? [evs[i].id] : []));
    if (ids.length > 1) lines.push(`  { rank=same; ${ids.map((id) => `e${id};`).join(' ')} }`);
  }
  lines.push(...columnOrder([inits, ...threadEvents.values()]));
  for (const e of edges) lines.push(`  ${edgeLine(e, events)}`);
  lines.push(...legend());
  lines.push('}');
  return lines.join('\n') + '\n';
}

/**
 * The columns (initial state, P0, P1, ...) left to right. Graphviz keeps
 * flat edges left to right only inside a cluster: it swaps whole clusters
 * freely to save crossings, so P1 could land left of P0. A row of
 * invisible anchors above the columns, ordered by flat edges outside any
 * cluster, each with an edge down to its column's first event, makes every
 * such swap cross those edges.
 */
function columnOrder(columns: readonly (readonly ExecutionEvent[])[]): string[] {
  const firsts = columns.flatMap((evs) => (evs[0] !== undefined ? [evs[0].id] : []));
  if (firsts.length < 2) return [];
  const anchors = firsts.map((_, i) => `col${i}`);
  return [
    `  { rank=same; ${anchors.map((a) => `${a} [shape=point, style=invis, width=0, height=0, label=""];`).join(' ')} ${anchors.join(' -> ')} [style=invis]; }`,
    ...firsts.map((id, i) => `  col${i} -> e${id} [style=invis];`),
  ];
}

function used(e: ExecutionEvent, rf: EdgeList, co: EdgeList, highlight: readonly HighlightEdge[]): boolean {
  const touches = (l: EdgeList): boolean => l.some(([a, b]) => a === e.id || b === e.id);
  return touches(rf) || touches(co) || highlight.some((h) => h.from === e.id || h.to === e.id);
}

/** The shown events of each thread in program order, threads in ascending order. */
function shownByThread(events: readonly ExecutionEvent[], shown: ReadonlySet<number>): Map<number, ExecutionEvent[]> {
  const out = new Map<number, ExecutionEvent[]>();
  const threads = [...new Set(events.filter((e) => !e.isInit && shown.has(e.id)).map((e) => e.thread))].sort((a, b) => a - b);
  for (const t of threads) out.set(t, events.filter((e) => e.thread === t && !e.isInit && shown.has(e.id)).sort((a, b) => a.poIndex - b.poIndex));
  return out;
}

function nodeLine(e: ExecutionEvent, onCycle: ReadonlySet<number>): string {
  const name = eventName(e.id);
  const tags = e.tags.length > 0 ? `[${e.tags.join(',')}]` : '';
  let head: string;
  if (e.action === 'F') head = `${name}: F${tags}`;
  else if (e.action === 'Commit') head = `${name}: branch${tags}`;
  else if (e.loc !== undefined) head = `${name}: ${e.action}${tags} ${e.loc}${e.value !== undefined ? `=${String(e.value)}` : ''}`;
  else head = `${name}: ${e.action}${tags}`;
  const where = e.isInit ? 'initial value' : `line ${e.span.line}: ${e.text.replace(/\s*;\s*$/, '')}`;
  const attrs = [`label="${escape(head)}\\n${escape(where)}"`];
  if (e.action === 'F') attrs.push('shape=box', 'style="filled"', `fillcolor="${onCycle.has(e.id) ? '#f7dc6f' : '#f2e6f7'}"`, `color="${EDGE_STYLE.fence.color}"`);
  else if (onCycle.has(e.id)) attrs.push('fillcolor="#fff3b0"', 'penwidth=2');
  return `e${e.id} [${attrs.join(', ')}];`;
}

function edgeLine(e: DrawnEdge, events: readonly ExecutionEvent[]): string {
  const st = EDGE_STYLE[e.kind];
  const sameThread = events[e.from]?.thread === events[e.to]?.thread && events[e.from]?.isInit === false;
  const attrs = [`color="${e.unordered ? '#d62728' : st.color}"`, `fontcolor="${e.unordered ? '#d62728' : st.color}"`];
  const label = e.step !== undefined ? `${e.step}: ${e.label}${e.unordered ? ' (unordered)' : ''}` : e.label;
  attrs.push(`label="${escape(label)}"`);
  if (e.step !== undefined) attrs.push('penwidth=3', `style="${e.unordered ? 'dashed' : 'bold'}"`);
  else attrs.push(`style="${st.style}"`);
  // Only program order shapes the layout: other edges may go any way.
  if (!(e.kind === 'po' && sameThread && e.unordered !== true)) attrs.push('constraint=false');
  return `e${e.from} -> e${e.to} [${attrs.join(', ')}];`;
}

function legend(): string[] {
  const kinds: PictureEdgeKind[] = ['po', 'rf', 'co', 'fr', 'fence', 'dep', 'rmw', 'acqrel', 'sync'];
  const rows = kinds.map((k) => `<tr><td align="left"><font color="${EDGE_STYLE[k].color}">&#9472;&#9472;&#9654;</font></td><td align="left">${k}: ${EDGE_STYLE[k].name}</td></tr>`);
  rows.push('<tr><td align="left">&#9473;&#9473;&#9654;</td><td align="left">bold, numbered: the cycle, in order</td></tr>');
  return [
    '  subgraph cluster_legend {',
    '    label="legend"; style="dashed"; color="#cccccc"; fontname="Helvetica"; fontsize=10;',
    `    legend [shape=plaintext, style="", fontsize=9, label=<<table border="0" cellspacing="0" cellpadding="2">${rows.join('')}</table>>];`,
    '  }',
  ];
}

/** herd's event names: a, b, ..., z, a1, ... */
export function eventName(id: number): string {
  const letter = String.fromCharCode(97 + (id % 26));
  return id < 26 ? letter : `${letter}${Math.floor(id / 26)}`;
}

function escape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Program order between consecutive shown events of each thread. */
function immediatePo(threadEvents: ReadonlyMap<number, readonly ExecutionEvent[]>): [number, number][] {
  const out: [number, number][] = [];
  for (const evs of threadEvents.values()) {
    for (let i = 0; i + 1 < evs.length; i++) out.push([(evs[i] as ExecutionEvent).id, (evs[i + 1] as ExecutionEvent).id]);
  }
  return out;
}

/** The covering pairs of a transitive order. */
function reduce(r: EdgeList): [number, number][] {
  const has = new Set(r.map(([a, b]) => `${a},${b}`));
  const succ = new Map<number, number[]>();
  for (const [a, b] of r) succ.set(a, [...(succ.get(a) ?? []), b]);
  return r.filter(([a, b]) => !(succ.get(a) ?? []).some((c) => c !== b && has.has(`${c},${b}`))).map(([a, b]) => [a, b]);
}

/** From-read to the first overwriting write only. */
function reduceFr(fr: EdgeList, co: EdgeList): [number, number][] {
  const has = new Set(co.map(([a, b]) => `${a},${b}`));
  return fr.filter(([r, w]) => !fr.some(([r2, w2]) => r2 === r && w2 !== w && has.has(`${w2},${w}`))).map(([a, b]) => [a, b]);
}
