/**
 * `weakmem explain`: why the model forbids an outcome, or how it allows it.
 *
 * Forbidden: every candidate execution that ends in the outcome is
 * rejected by some check; for each, the check's name and a shortest cycle
 * of the checked relation unfolded into base edges, with the source line
 * of every event. Executions with the same check and cycle are grouped.
 *
 * Allowed: one witness execution in words (who reads from whom, the
 * coherence order), the critical cycle it completes, and the
 * program-order pairs on that cycle that nothing orders, with the reason.
 */
import type { JudgedExecution } from '../check/check.js';
import type { TestResult } from '../check/types.js';
import { eventRef, type EventRef } from './describe.js';
import { criticalCycles, LocalOrder, type CriticalCycle } from './cycles.js';
import { ExecutionFacts } from './facts.js';
import { outcomeReachable, outcomeText, type Checker } from './outcome.js';
import { explainRejection, type Rejection } from './rejection.js';
import type { BaseKind, OrderingToolkit, VocabularyEntry } from './toolkit.js';
import { BaseGraph, rotateToFirst, type BaseEdge } from './unfold.js';

/** One edge of an explanation, its ends described. */
export interface Step {
  readonly from: EventRef;
  readonly to: EventRef;
  readonly label: string;
  readonly kind: BaseKind;
}

/** Executions rejected by the same check with the same cycle. */
export interface RejectionGroup {
  readonly check: string | undefined;
  readonly checkKind: Rejection['kind'];
  /** Where the check is written: model file and line. */
  readonly modelFile: string;
  readonly modelLine: number;
  readonly shape: Rejection['shape'];
  readonly steps: readonly Step[];
  /** For a pair: another path between its events (`back`: from its end to its start). */
  readonly also?: { readonly back: boolean; readonly steps: readonly Step[] };
  /** Events of a set that must be empty (shape `events`). */
  readonly events: readonly EventRef[];
  /** How many executions the group stands for. */
  readonly count: number;
  /** The first execution of the group and its rejection (for pictures). */
  readonly facts: ExecutionFacts;
  readonly edges: readonly BaseEdge[];
}

/** A program-order pair on the witness's cycle that nothing orders. */
export interface UnorderedPair {
  readonly from: EventRef;
  readonly to: EventRef;
  readonly reason: string;
}

export interface WitnessReport {
  readonly facts: ExecutionFacts;
  /** Each read of the threads and the write it reads from. */
  readonly reads: readonly { readonly read: EventRef; readonly from: EventRef }[];
  /** Coherence order of each location written by a thread (initial write first). */
  readonly coherence: readonly { readonly loc: string; readonly writes: readonly EventRef[] }[];
  /** The critical cycle the witness completes, as base edges (undefined: none, sequential consistency allows it). */
  readonly cycle?: readonly Step[];
  readonly cycleEdges: readonly BaseEdge[];
  readonly unordered: readonly UnorderedPair[];
  /** Every pair on the cycle is ordered on its own CPU, yet the model allows the cycle. */
  readonly orderedButWeak: boolean;
  /** The architecture's strongest barrier as written (`smp_mb()`, `DMB ISH`), for the advice. */
  readonly fullBarrier: string;
  /** When there is no critical cycle: the accesses in an order sequential consistency allows. */
  readonly interleaving?: readonly EventRef[];
}

export interface Explanation {
  readonly result: TestResult;
  /** The outcome in herd's notation. */
  readonly outcome: string;
  /** `forbidden`: some candidate reaches it, none is consistent; `unreachable`: no candidate even reaches it. */
  readonly verdict: 'forbidden' | 'allowed' | 'unreachable';
  readonly rejections: readonly RejectionGroup[];
  /** Rejected executions beyond the explained ones, by check name. */
  readonly unexplained: ReadonlyMap<string, number>;
  readonly witness?: WitnessReport;
}

/** Executions explained in detail; the rest are only counted. */
const MAX_EXPLAINED = 400;
/** Witnesses compared for the clearest one. */
const MAX_WITNESSES = 32;

export function explainTest(source: string, file: string, checker: Checker, toolkit: OrderingToolkit): Explanation {
  // The outcome of interest depends on the quantifier, known once the test is checked: keep both sides.
  const kept: [Bucket, Bucket] = [emptyBucket(), emptyBucket()];
  const result = checker(source, file, (j) => {
    const b = kept[j.holds ? 1 : 0];
    if (j.outcome.consistent) {
      if (b.witnesses.length < MAX_WITNESSES) b.witnesses.push(j);
    } else if (b.rejected.length < MAX_EXPLAINED) b.rejected.push(j);
    else {
      const k = j.outcome.failed?.name ?? '(unnamed check)';
      b.unexplained.set(k, (b.unexplained.get(k) ?? 0) + 1);
    }
  });
  const bucket = kept[result.quantifier === 'forall' ? 0 : 1];
  const groups = new Map<string, { group: RejectionGroup; count: number }>();
  for (const j of bucket.rejected) {
    const failed = j.outcome.failed;
    if (failed === undefined) continue;
    const facts = new ExecutionFacts(j);
    const group = rejectionGroup(facts, explainRejection(facts, failed, toolkit.vocabulary));
    const key = `${group.check ?? ''}|${group.shape}|${group.steps.map((s) => `${s.from.words}-${s.label}->${s.to.words}`).join('|')}|${group.events.map((e) => e.words).join('|')}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { group, count: 1 });
    else g.count++;
  }
  const rejections = [...groups.values()].map(({ group, count }) => ({ ...group, count }));
  const outcome = outcomeText(result);
  const unexplained = bucket.unexplained;
  if (outcomeReachable(result)) {
    const witnesses = bucket.witnesses.map((j) => new ExecutionFacts(j));
    return { result, outcome, verdict: 'allowed', rejections, unexplained, witness: describeWitness(pickWitness(witnesses, toolkit.vocabulary), toolkit) };
  }
  const verdict = rejections.length === 0 && unexplained.size === 0 ? 'unreachable' : 'forbidden';
  return { result, outcome, verdict, rejections, unexplained };
}

interface Bucket {
  readonly witnesses: JudgedExecution[];
  readonly rejected: JudgedExecution[];
  readonly unexplained: Map<string, number>;
}

function emptyBucket(): Bucket {
  return { witnesses: [], rejected: [], unexplained: new Map() };
}

function rejectionGroup(f: ExecutionFacts, rej: Rejection): RejectionGroup {
  return {
    check: rej.check,
    checkKind: rej.kind,
    modelFile: rej.span.file,
    modelLine: rej.span.line,
    shape: rej.shape,
    steps: rej.edges.map((e) => step(f, e)),
    ...(rej.also !== undefined ? { also: { back: rej.also.back, steps: rej.also.edges.map((e) => step(f, e)) } } : {}),
    events: rej.shape === 'events' ? rej.events.map((id) => eventRef(f, id)) : [],
    count: 1,
    facts: f,
    edges: rej.edges,
  };
}

function step(f: ExecutionFacts, e: BaseEdge): Step {
  return { from: eventRef(f, e.from), to: eventRef(f, e.to), label: e.label, kind: e.kind };
}

/** Scores a witness's best cycle: prefer one with an unordered pair, then the shortest. */
function bestCycle(f: ExecutionFacts, vocabulary: readonly VocabularyEntry[]): { cycle?: CriticalCycle; local: LocalOrder; score: number } {
  const local = new LocalOrder(f, vocabulary);
  let best: CriticalCycle | undefined;
  let score = Infinity;
  for (const c of criticalCycles(f)) {
    const weak = local.unordered(c).length === 0 ? 1000 : 0;
    const s = weak + c.segments.length * 10 + local.unordered(c).length;
    if (s < score) {
      score = s;
      best = c;
    }
  }
  return { ...(best !== undefined ? { cycle: best } : {}), local, score };
}

function pickWitness(ws: readonly ExecutionFacts[], vocabulary: readonly VocabularyEntry[]): ExecutionFacts {
  let best = ws[0] as ExecutionFacts;
  let score = Infinity;
  for (const w of ws) {
    const s = bestCycle(w, vocabulary).score;
    if (s < score) {
      score = s;
      best = w;
    }
  }
  return best;
}

/** The witness in words: reads-from, coherence, its cycle and what is left unordered on it. */
export function describeWitness(f: ExecutionFacts, toolkit: OrderingToolkit): WitnessReport {
  const reads = f.events
    .filter((e) => !e.isInit && e.action === 'R')
    .map((e) => {
      const w = f.writerOf(e.id);
      return { read: eventRef(f, e.id), from: eventRef(f, w ?? e.id) };
    });
  const locs = [...new Set(f.events.filter((e) => !e.isInit && e.action === 'W' && e.loc !== undefined).map((e) => e.loc as string))].sort();
  const coherence = locs.map((loc) => ({ loc, writes: f.coherenceOrder(loc).map((id) => eventRef(f, id)) }));
  const { cycle, local } = bestCycle(f, toolkit.vocabulary);
  if (cycle === undefined) {
    return {
      facts: f, reads, coherence, cycleEdges: [], unordered: [], orderedButWeak: false, fullBarrier: toolkit.fullBarrier,
      interleaving: interleaving(f).map((id) => eventRef(f, id)),
    };
  }
  const g = new BaseGraph(f, toolkit.vocabulary);
  const edges: BaseEdge[] = [];
  cycle.segments.forEach((s, i) => {
    if (s.from !== s.to) {
      const d = g.direct(s.from, s.to);
      const ordered = local.ordered(s.from, s.to);
      edges.push(d !== undefined && ordered ? d : { from: s.from, to: s.to, label: ordered ? 'ppo' : 'po', kind: 'po' });
    }
    const c = cycle.coms[i];
    if (c !== undefined) edges.push({ from: c.from, to: c.to, label: c.label, kind: c.label === 'rfe' ? 'rf' : c.label === 'coe' ? 'co' : 'fr' });
  });
  const rotated = rotateToFirst(f, edges);
  const unordered = local.unordered(cycle).map((s) => ({ from: eventRef(f, s.from), to: eventRef(f, s.to), reason: toolkit.whyUnordered(f, s.from, s.to) }));
  return {
    facts: f,
    reads,
    coherence,
    cycle: rotated.map((e) => step(f, e)),
    cycleEdges: rotated,
    unordered,
    orderedButWeak: unordered.length === 0,
    fullBarrier: toolkit.fullBarrier,
  };
}

/** The accesses in an order compatible with program order and communication (exists when there is no cycle). */
function interleaving(f: ExecutionFacts): number[] {
  const ids = f.events.filter((e) => f.isAccess(e.id)).map((e) => e.id);
  const rel = f.po.union(f.rf).union(f.co).union(f.fr);
  const out: number[] = [];
  const left = new Set(ids);
  while (left.size > 0) {
    const ready = [...left].filter((b) => ![...left].some((a) => a !== b && rel.has(a, b)));
    const next = ready.sort((a, b) => f.event(a).thread - f.event(b).thread || f.event(a).poIndex - f.event(b).poIndex)[0];
    if (next === undefined) break;
    out.push(next);
    left.delete(next);
  }
  return out;
}
