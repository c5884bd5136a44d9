/**
 * What a picture shows of an execution. Executions checked with a model
 * that computes dependencies itself (herd's `catdep`, e.g. `aarch64.cat`)
 * carry register events (`Rreg`/`Wreg`); herd leaves them out of its
 * pictures and so do we, with the events of no-op instructions. A branch
 * is shown when a read decides it (through registers) or when the
 * highlighted path goes through it. The execution's `addr`, `data` and
 * `ctrl` already relate memory events (composed through the registers when
 * the threads were run), so they need no rewriting; program order and the
 * highlighted path are redrawn between the events shown.
 */
import type { CandidateExecution, ExecutionEvent } from '../enumerate/types.js';
import type { HighlightEdge } from './graph.js';

const REGISTER_OR_NOOP: ReadonlySet<string> = new Set(['Rreg', 'Wreg', 'NoAction']);

/** The events a picture leaves out, and the highlighted path drawn between the others. */
export interface Visibility {
  readonly hidden: ReadonlySet<number>;
  readonly highlight: readonly HighlightEdge[];
}

/** Hides register, no-op and undecided branch events, and joins the highlighted edges that go through them. */
export function visibility(x: CandidateExecution, highlight: readonly HighlightEdge[]): Visibility {
  const decided = branchesDecidedByReads(x);
  const hidden = new Set<number>();
  for (const e of x.events) {
    if (e.isInit) continue;
    if (REGISTER_OR_NOOP.has(e.action) || (e.action === 'Commit' && !decided.has(e.id))) hidden.add(e.id);
  }
  // A branch on the highlighted path matters: show it rather than join through it.
  for (const h of highlight) for (const id of [h.from, h.to]) if (x.events[id]?.action === 'Commit') hidden.delete(id);
  const joined = joinThroughHidden(x, highlight, hidden);
  // An end the path cannot be joined past (it starts or stops there) stays in the picture.
  for (const h of joined) {
    hidden.delete(h.from);
    hidden.delete(h.to);
  }
  return { hidden, highlight: joined };
}

/**
 * Branch events a memory read decides: reached from the read by a chain
 * of intrinsic data or control dependencies and register reads-from
 * through register events (herd's `dtrm` up to the branch).
 */
function branchesDecidedByReads(x: CandidateExecution): Set<number> {
  const ev = x.events;
  const succ = new Map<number, number[]>();
  const link = (a: number, b: number): void => {
    succ.set(a, [...(succ.get(a) ?? []), b]);
  };
  for (const [a, b] of [...x.iicoData, ...x.iicoCtrl]) link(a, b);
  for (const [w, r] of registerReadsFrom(ev)) link(w, r);
  const out = new Set<number>();
  for (const start of ev) {
    if (start.isInit || start.action !== 'R') continue;
    const seen = new Set<number>();
    const todo = [...(succ.get(start.id) ?? [])];
    while (todo.length > 0) {
      const i = todo.pop() as number;
      const e = ev[i];
      if (e === undefined || seen.has(i) || !(REGISTER_OR_NOOP.has(e.action) || e.action === 'Commit')) continue;
      seen.add(i);
      if (e.action === 'Commit') out.add(i);
      todo.push(...(succ.get(i) ?? []));
    }
  }
  return out;
}

/** Each register read from the latest write of its register by an earlier instruction of its thread. */
function registerReadsFrom(ev: readonly ExecutionEvent[]): [number, number][] {
  const out: [number, number][] = [];
  for (const r of ev) {
    if (r.action !== 'Rreg') continue;
    let from: ExecutionEvent | undefined;
    for (const w of ev) {
      if (w.action === 'Wreg' && w.thread === r.thread && w.loc === r.loc && w.instr < r.instr && (from === undefined || w.poIndex > from.poIndex)) from = w;
    }
    if (from !== undefined) out.push([from.id, r.id]);
  }
  return out;
}

/**
 * The highlighted path with each run of edges through hidden events made
 * one edge between shown ones: labelled with the dependency it composes to
 * when it is one (`R -> Rreg -> ... -> W` is `data`), else with the labels
 * of its steps, program order and unknown steps left out.
 */
function joinThroughHidden(x: CandidateExecution, highlight: readonly HighlightEdge[], hidden: ReadonlySet<number>): HighlightEdge[] {
  if (highlight.length === 0 || highlight.every((h) => hidden.has(h.from))) return [...highlight];
  const last = highlight[highlight.length - 1] as HighlightEdge;
  const cyclic = last.to === (highlight[0] as HighlightEdge).from;
  // A cycle is read from a shown event, so that no run is cut in two.
  let path = [...highlight];
  if (cyclic) {
    const start = path.findIndex((h) => !hidden.has(h.from));
    path = [...path.slice(start), ...path.slice(0, start)];
  }
  const runs: HighlightEdge[][] = [];
  for (const h of path) {
    const run = runs[runs.length - 1];
    const prev = run?.[run.length - 1];
    if (run !== undefined && prev !== undefined && prev.to === h.from && hidden.has(h.from)) run.push(h);
    else runs.push([h]);
  }
  // Joined, a path that went round through register events may repeat itself: each edge is drawn once.
  const seen = new Set<string>();
  return runs.map((run) => (run.length === 1 ? (run[0] as HighlightEdge) : joined(x, run))).filter((h) => {
    const key = `${h.from},${h.to},${h.label}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function joined(x: CandidateExecution, run: readonly HighlightEdge[]): HighlightEdge {
  const from = (run[0] as HighlightEdge).from;
  const to = (run[run.length - 1] as HighlightEdge).to;
  const has = (r: CandidateExecution['addr']): boolean => r.some(([a, b]) => a === from && b === to);
  const deps = (['addr', 'data', 'ctrl'] as const).filter((d) => has(x[d]));
  const unordered = run.some((h) => h.unordered === true);
  const extra = unordered ? { unordered: true } : {};
  if (deps.length > 0) return { from, to, kind: 'dep', label: deps.join('+'), ...extra };
  const telling = run.filter((h) => h.label !== 'po' && h.label !== '?');
  const steps = telling.length > 0 ? telling : run;
  const labels = steps.map((h) => h.label).filter((l, i, all) => i === 0 || l !== all[i - 1]);
  const kinds = new Set(steps.map((h) => h.kind));
  return { from, to, kind: kinds.size === 1 ? (steps[0] as HighlightEdge).kind : 'derived', label: labels.join(';'), ...extra };
}
