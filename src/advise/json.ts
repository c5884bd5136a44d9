/**
 * The JSON forms of `explain --json` and `fix --json`, one object per test.
 *
 * `weakmem.explain/1`:
 *   { schema, test, file, condition, outcome,
 *     verdict: "forbidden" | "allowed" | "unreachable",
 *     rejections: [{ check, checkKind, model: { file, line }, executions,
 *                    shape: "cycle" | "pair" | "events" | "none",
 *                    steps: [Step], also?: { back, steps: [Step] }, events: [Event] }],
 *     unexplained: { CHECK: count },
 *     witness?: { reads: [{ read: Event, from: Event }], coherence: [{ loc, writes: [Event] }],
 *                 cycle: [Step] | null, unordered: [{ from: Event, to: Event, reason }],
 *                 orderedButWeak, interleaving?: [Event] },
 *     barriers?: Barriers }
 *
 * `weakmem.fix/1`:
 *   { schema, test, file, condition, outcome,
 *     status: "fixed" | "already-forbidden" | "unreachable" | "no-fix", reason?,
 *     costs: { TOOL: n }, idle: [Device],
 *     proposals: [{ cost, changes: [{ tool, thread, line, words }],
 *                   moves: [{ kind: "replace" | "move", tool, from: Device }],
 *                   redundant: [Device], diff, patched, verified: true }],
 *     barriers?: Barriers, stats: { witnesses, cycles, requirements, candidates, rounds, runs, seconds, truncated } }
 *
 * Event = { id, thread (-1: initial write), line, text, action, loc?, value?, words };
 * Step = { from: Event, to: Event, label (po, rfe, fre, wmb, addr, ...), kind };
 * Device = { tool, thread, line, text, words };
 * Barriers = { devices: [{ device: Device, redundant, pairsWith: [string] }], minimalSets: [[Device]] | null }.
 */
import type { TestResult } from '../check/types.js';
import type { BarrierReport } from './barriers.js';
import type { Explanation, Step } from './explain.js';
import type { FixReport } from './fix.js';
import type { CostTable, ExistingItem } from './toolkit.js';

export const EXPLAIN_SCHEMA = 'weakmem.explain/1';
export const FIX_SCHEMA = 'weakmem.fix/1';

/** The fields every explain and fix record starts with. */
function header(schema: string, r: TestResult, outcome: string): Record<string, unknown> {
  return { schema, test: r.name, file: r.file, condition: r.conditionText, outcome };
}

export function explainJson(x: Explanation, barriers?: BarrierReport): unknown {
  const r = x.result;
  return {
    ...header(EXPLAIN_SCHEMA, r, x.outcome),
    verdict: x.verdict,
    rejections: x.rejections.map((g) => ({
      check: g.check ?? null,
      checkKind: g.checkKind,
      model: { file: g.modelFile, line: g.modelLine },
      executions: g.count,
      shape: g.shape,
      steps: g.steps.map(stepJson),
      ...(g.also !== undefined ? { also: { back: g.also.back, steps: g.also.steps.map(stepJson) } } : {}),
      events: g.events,
    })),
    unexplained: Object.fromEntries(x.unexplained),
    ...(x.witness !== undefined
      ? {
          witness: {
            reads: x.witness.reads,
            coherence: x.witness.coherence,
            cycle: x.witness.cycle?.map(stepJson) ?? null,
            unordered: x.witness.unordered,
            orderedButWeak: x.witness.orderedButWeak,
            ...(x.witness.interleaving !== undefined ? { interleaving: x.witness.interleaving } : {}),
          },
        }
      : {}),
    ...(barriers !== undefined ? { barriers: barriersJson(barriers) } : {}),
  };
}

export function fixJson(f: FixReport, costs: CostTable): unknown {
  const r = f.result;
  return {
    ...header(FIX_SCHEMA, r, f.outcome),
    status: f.status,
    ...(f.reason !== undefined ? { reason: f.reason } : {}),
    costs: Object.fromEntries(costs),
    idle: f.idle.map(deviceJson),
    proposals: f.proposals.map((p) => ({
      cost: p.cost,
      changes: p.fixes.map((c) => ({ tool: c.tool, thread: c.thread, line: c.line, words: c.words })),
      moves: p.moves.map((m) => ({ kind: m.kind, tool: m.fix.tool, from: deviceJson(m.from) })),
      redundant: p.redundant.map(deviceJson),
      diff: p.diff,
      patched: p.patched,
      verified: true,
    })),
    ...(f.barriers !== undefined ? { barriers: barriersJson(f.barriers) } : {}),
    stats: { ...f.stats, seconds: Number(f.stats.seconds.toFixed(3)) },
  };
}

function stepJson(s: Step): unknown {
  return { from: s.from, to: s.to, label: s.label, kind: s.kind };
}

function deviceJson(d: ExistingItem): unknown {
  return { tool: d.tool, thread: d.thread, line: d.line, text: d.text, words: d.words };
}

function barriersJson(b: BarrierReport): unknown {
  const byId = new Map(b.items.map((i) => [i.item.id, i.item]));
  return {
    devices: b.items.map((i) => ({ device: deviceJson(i.item), redundant: i.redundant, pairsWith: i.pairsWith })),
    minimalSets: b.minimalSets?.map((s) => s.map((id) => deviceJson(byId.get(id) as ExistingItem))) ?? null,
  };
}
