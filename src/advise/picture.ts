/**
 * The pictures `explain` and `run --graph` draw: the execution a check
 * rejects with its cycle in bold, or the witness with the cycle it
 * completes (unordered pairs dashed red).
 */
import { executionDot, type HighlightEdge } from '../report/graph.js';
import type { Explanation, RejectionGroup, WitnessReport } from './explain.js';
import type { ExecutionFacts } from './facts.js';
import type { BaseEdge } from './unfold.js';

/** One picture: a file stem and its DOT text. */
export interface Picture {
  /** File name without extension, from the test name (`MP+wmb+rmb`, `MP+wmb+rmb.2`). */
  readonly stem: string;
  readonly dot: string;
}

/** The pictures of an explanation: each rejection group's first execution, or the witness. */
export function explanationPictures(x: Explanation): Picture[] {
  const stem = x.result.name.replace(/[^\w+.=-]+/g, '_');
  const title = `${x.result.name}: ${x.outcome}`;
  if (x.witness !== undefined) return [{ stem, dot: witnessDot(title, x.witness) }];
  return x.rejections.map((g, i) => ({ stem: i === 0 ? stem : `${stem}.${i + 1}`, dot: rejectionDot(title, g) }));
}

export function rejectionDot(title: string, g: RejectionGroup): string {
  const what = g.shape === 'cycle' ? 'the bold cycle' : g.shape === 'pair' ? 'the bold pair' : 'the highlighted events';
  return executionDot({
    ...relations(g.facts),
    title: `${title} is forbidden`,
    caption: [`rejected by check ${g.check ?? '(unnamed)'} (${g.checkKind}): ${what}`],
    highlight: g.edges.map(highlight),
  });
}

export function witnessDot(title: string, w: WitnessReport): string {
  const unordered = new Set(w.unordered.map((u) => `${u.from.id},${u.to.id}`));
  const caption = w.cycle === undefined
    ? ['allowed: no critical cycle (sequential consistency allows it)']
    : w.orderedButWeak
      ? ['allowed: every pair on the bold cycle is ordered locally, but not strongly enough']
      : ['allowed: the bold cycle, with the pairs nothing orders dashed red'];
  return executionDot({
    ...relations(w.facts),
    title: `${title} is allowed`,
    caption,
    highlight: w.cycleEdges.map((e) => ({ ...highlight(e), ...(unordered.has(`${e.from},${e.to}`) ? { unordered: true } : {}) })),
  });
}

function relations(f: ExecutionFacts): { execution: ExecutionFacts['x']; rf: [number, number][]; co: [number, number][]; fr: [number, number][] } {
  return { execution: f.x, rf: f.rf.edges(), co: f.co.edges(), fr: f.fr.edges() };
}

function highlight(e: BaseEdge): HighlightEdge {
  return { from: e.from, to: e.to, kind: e.kind, label: e.label };
}
