/**
 * Pictures of executions in Graphviz's DOT language: events grouped by
 * thread in program order (one column per thread, the initial writes
 * above), edges by kind in distinct colours, each event labelled with its
 * source line and text, and a highlighted path — the cycle a check
 * rejects, or the cycle a witness completes — drawn bold and numbered.
 * Pure text out, so the browser can lay it out too (see `svg.ts`).
 */
import type { CandidateExecution, ExecutionEvent } from '../enumerate/types.js';
import type { EdgeList } from '../exec/types.js';

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
  const highlight = p.highlight ?? [];
  const onCycle = new Set(highlight.flatMap((h) => [h.from, h.to]));
  const shown = new Set(events.filter((e) => !e.isInit || used(e, p)).map((e) => e.id));
  const edges: DrawnEdge[] = [];
  const add = (pairs: Iterable<readonly [number, number]>, kind: PictureEdgeKind, label: string): void => {
    for (const [a, b] of pairs) if (shown.has(a) && shown.has(b)) edges.push({ from: a, to: b, kind, label });
  };
  add(immediatePo(x), 'po', 'po');
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
  const threads = [...new Set(events.filter((e) => !e.isInit).map((e) => e.thread))].sort((a, b) => a - b);
  for (const t of threads) {
    lines.push(`  subgraph cluster_P${t} {`);
    lines.push(`    label="P${t}"; style="rounded"; color="#bbbbbb"; fontname="Helvetica"; fontsize=12;`);
    for (const e of events.filter((ev) => ev.thread === t && !ev.isInit).sort((a, b) => a.poIndex - b.poIndex)) {
      lines.push(`    ${nodeLine(e, onCycle)}`);
    }
    lines.push('  }');
  }
  // Events at the same program position on different threads side by side.
  const byPos = new Map<number, number[]>();
  for (const e of events) if (!e.isInit) byPos.set(e.poIndex, [...(byPos.get(e.poIndex) ?? []), e.id]);
  for (const ids of byPos.values()) {
    if (ids.length < 2) continue;
    ids.sort((a, b) => (events[a]?.thread ?? 0) - (events[b]?.thread ?? 0));
    // Invisible edges inside a rank put the threads left to right in order.
    lines.push(`  { rank=same; ${ids.map((i) => `e${i}`).join(' -> ')} [style=invis]; }`);
  }
  for (const e of edges) lines.push(`  ${edgeLine(e, events)}`);
  lines.push(...legend());
  lines.push('}');
  return lines.join('\n') + '\n';
}

function used(e: ExecutionEvent, p: PictureInput): boolean {
  const touches = (l: EdgeList): boolean => l.some(([a, b]) => a === e.id || b === e.id);
  return touches(p.rf) || touches(p.co) || (p.highlight ?? []).some((h) => h.from === e.id || h.to === e.id);
}

function nodeLine(e: ExecutionEvent, onCycle: ReadonlySet<number>): string {
  const name = eventName(e.id);
  const tags = e.tags.length > 0 ? `[${e.tags.join(',')}]` : '';
  let head: string;
  if (e.action === 'F') head = `${name}: F${tags}`;
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

function immediatePo(x: CandidateExecution): [number, number][] {
  const out: [number, number][] = [];
  const byThread = new Map<number, ExecutionEvent[]>();
  for (const e of x.events) if (!e.isInit) byThread.set(e.thread, [...(byThread.get(e.thread) ?? []), e]);
  for (const evs of byThread.values()) {
    evs.sort((a, b) => a.poIndex - b.poIndex);
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
