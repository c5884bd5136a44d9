/**
 * `weakmem fix`: the cheapest sets of barriers, acquires and releases that
 * forbid a reachable outcome, each verified by checking the patched test.
 *
 * 1. Every witness (consistent execution reaching the outcome) gives its
 *    critical cycles; on each cycle, the program-order segments nothing
 *    orders yet, and for each segment the candidate fixes that would
 *    order it (the toolkit knows what each tool orders). A cycle whose
 *    segments are all ordered but which the model still allows needs one
 *    more (stronger) fix somewhere on it.
 * 2. Killing a witness means fully ordering one of its cycles: the
 *    cheapest sets meeting every witness are found by branch and bound
 *    (`hitting.ts`), not by trying subsets.
 * 3. Each cheapest set is applied to the text and the test checked again.
 *    A set that fails (the model wants a stronger or cumulative fence)
 *    adds the constraint "something outside it" and the search resumes; a
 *    set that passes is shrunk while it still passes. Only verified sets
 *    are reported, with the devices of the test they make redundant (a
 *    barrier of the same kind becomes a move).
 */
import type { TestResult } from '../check/types.js';
import { barrierReport, forbidsOutcome, type BarrierReport } from './barriers.js';
import { criticalCycles, LocalOrder } from './cycles.js';
import { unifiedDiff } from './diff.js';
import { describeWitness, type WitnessReport } from './explain.js';
import { ExecutionFacts } from './facts.js';
import { cheapestSets, simplify, type Alternative, type Requirement } from './hitting.js';
import { outcomeReachable, outcomeText, reachesOutcome, type Checker } from './outcome.js';
import type { CostTable, ExistingItem, FixableTest, FixCandidate, OrderingToolkit } from './toolkit.js';

export interface FixOptions {
  readonly checker: Checker;
  readonly toolkit: OrderingToolkit;
  readonly costs: CostTable;
  /** Bound on checker runs for verification (default 400). */
  readonly maxRuns?: number;
}

/** A fix that takes the place of an existing device it makes redundant: a stronger one where it is, or the same one elsewhere. */
export interface Move {
  readonly kind: 'replace' | 'move';
  readonly fix: FixCandidate;
  readonly from: ExistingItem;
}

export interface Proposal {
  readonly cost: number;
  readonly fixes: readonly FixCandidate[];
  /** Fixes that take the place of a device now redundant (the patched test drops it). */
  readonly moves: readonly Move[];
  /** Devices still in the patched test that it no longer needs (each on its own). */
  readonly redundant: readonly ExistingItem[];
  readonly patched: string;
  readonly diff: string;
}

export type FixStatus = 'fixed' | 'already-forbidden' | 'unreachable' | 'no-fix';

export interface FixReport {
  readonly result: TestResult;
  readonly outcome: string;
  readonly status: FixStatus;
  readonly proposals: readonly Proposal[];
  /** Devices of the test that order no segment of any witness's cycle. */
  readonly idle: readonly ExistingItem[];
  /** Why no fix was found (status `no-fix`). */
  readonly reason?: string;
  /** A witness no barrier can remove (sequential consistency reaches the outcome too). */
  readonly scWitness?: WitnessReport;
  /** For an outcome already forbidden: redundancy and pairing of its devices. */
  readonly barriers?: BarrierReport;
  readonly stats: FixStats;
}

export interface FixStats {
  readonly witnesses: number;
  readonly cycles: number;
  readonly requirements: number;
  readonly candidates: number;
  readonly rounds: number;
  readonly runs: number;
  readonly seconds: number;
  /** The search hit a bound; the proposals are verified but may not be all the cheapest. */
  readonly truncated: boolean;
}

const DEFAULT_MAX_RUNS = 400;
const MAX_ROUNDS = 200;
const KEPT_FORBIDDEN = 32;

export function fixTest(source: string, file: string, opts: FixOptions): FixReport {
  const started = performance.now();
  const { checker, toolkit } = opts;
  const prepared = toolkit.prepare(source, file);
  const q = prepared.quantifier;
  const reqs: Requirement[] = [];
  const used = new Set<number>();
  const forbidden: ExecutionFacts[] = [];
  let witnesses = 0;
  let cycles = 0;
  let scWitness: ExecutionFacts | undefined;
  let unorderable: ExecutionFacts | undefined;
  const result = checker(source, file, (j) => {
    if (!reachesOutcome(q, j)) return;
    const f = new ExecutionFacts(j);
    if (!j.outcome.consistent) {
      if (forbidden.length < KEPT_FORBIDDEN) forbidden.push(f);
      return;
    }
    witnesses++;
    const r = requirementOf(f, prepared, toolkit, used);
    cycles += r.cycles;
    if (r.cycles === 0) scWitness ??= f;
    else if (r.req.alternatives.length === 0) unorderable ??= f;
    reqs.push(r.req);
  });
  let runs = 0;
  const stats = (rounds: number, requirements: number, truncated: boolean): FixStats => ({
    witnesses, cycles, requirements, candidates: prepared.candidates.length, rounds, runs,
    seconds: (performance.now() - started) / 1000, truncated,
  });
  const idle = prepared.existing.filter((e) => !used.has(e.id));
  const base = { result, outcome: outcomeText(result), idle };
  if (!outcomeReachable(result)) {
    if (forbidden.length === 0) return { ...base, status: 'unreachable', proposals: [], stats: stats(0, 0, false) };
    const barriers = barrierReport(file, checker, toolkit, prepared, forbidden);
    runs += barriers.runs;
    return { ...base, idle: [], status: 'already-forbidden', proposals: [], barriers, stats: stats(0, 0, false) };
  }
  if (scWitness !== undefined) {
    return {
      ...base, status: 'no-fix', proposals: [], scWitness: describeWitness(scWitness, toolkit),
      reason: 'an execution reaching the outcome has no critical cycle: sequential consistency allows it, so no barrier can forbid it',
      stats: stats(0, reqs.length, false),
    };
  }
  if (unorderable !== undefined) {
    return {
      ...base, status: 'no-fix', proposals: [],
      reason: 'on every cycle of some witness, a pair of accesses cannot be ordered by the tools (they are in one statement, or no tool orders that kind of pair)',
      stats: stats(0, reqs.length, false),
    };
  }

  const cost = (id: number): number => opts.costs.get(prepared.candidates[id]?.tool ?? '') ?? 1;
  const maxRuns = opts.maxRuns ?? DEFAULT_MAX_RUNS;
  const verified = new Map<string, boolean>();
  const verify = (fixes: readonly number[], remove: readonly number[] = []): boolean => {
    const key = `${[...fixes].sort((a, b) => a - b).join(',')}/${[...remove].sort((a, b) => a - b).join(',')}`;
    let v = verified.get(key);
    if (v === undefined) {
      runs++;
      v = forbidsOutcome(checker, prepared.patch(fixes, remove), file);
      verified.set(key, v);
    }
    return v;
  };
  const relevant = [...new Set(reqs.flatMap((r) => r.alternatives.flat(2)))];
  const learned: Requirement[] = [];
  const found = new Map<string, number[]>();
  let bestCost = Infinity;
  let rounds = 0;
  let truncated = false;
  let requirements = simplify(reqs);
  for (; rounds < MAX_ROUNDS && runs < maxRuns; rounds++) {
    requirements = simplify([...requirements, ...learned.splice(0)]);
    const sol = cheapestSets(requirements, {
      cost,
      conflict: (a, b) => prepared.candidates[a]?.slot === prepared.candidates[b]?.slot,
    });
    truncated ||= sol.truncated;
    if (sol.sets.length === 0 || sol.cost > bestCost) break;
    let failed = false;
    for (const set of sol.sets) {
      if (runs >= maxRuns) {
        truncated = true;
        break;
      }
      if (found.has(set.join(','))) continue;
      if (!verify(set)) {
        failed = true;
        const outside = relevant.filter((x) => !set.includes(x));
        learned.push({ alternatives: outside.length > 0 ? [[outside]] : [] });
        continue;
      }
      const small = shrink(set, cost, verify);
      const c = small.reduce((k, x) => k + cost(x), 0);
      if (c < bestCost) {
        bestCost = c;
        found.clear();
      }
      if (c === bestCost) found.set(small.join(','), small);
      if (small.length < set.length) found.set(set.join(','), small);
    }
    if (!failed) break;
  }
  const sets = [...new Map([...found.values()].filter((s) => s.reduce((k, x) => k + cost(x), 0) === bestCost).map((s) => [s.join(','), s])).values()];
  const proposals = sets.map((s) => proposal(source, file, prepared, s, bestCost, verify)).sort(compareProposals);
  const status: FixStatus = proposals.length > 0 ? 'fixed' : 'no-fix';
  return {
    ...base, status, proposals,
    ...(status === 'no-fix' ? { reason: truncated ? 'the search reached its bound before finding a verified fix' : 'no set of the tools makes the model forbid the outcome' } : {}),
    stats: stats(rounds, requirements.length, truncated),
  };
}

/** The requirement "kill this witness" and its number of critical cycles; marks the devices seen ordering segments. */
function requirementOf(f: ExecutionFacts, prepared: FixableTest, toolkit: OrderingToolkit, used: Set<number>): { req: Requirement; cycles: number } {
  const local = new LocalOrder(f, toolkit.vocabulary);
  const cs = criticalCycles(f);
  const alternatives: Alternative[] = [];
  for (const c of cs) {
    const segs = c.segments.filter((s) => s.from !== s.to);
    for (const s of segs) for (const d of prepared.existingFor(f, s.from, s.to)) used.add(d);
    const open = segs.filter((s) => !local.ordered(s.from, s.to));
    if (open.length === 0) {
      const any = [...new Set(segs.flatMap((s) => prepared.fixesFor(f, s.from, s.to)))];
      if (any.length > 0) alternatives.push([any]);
      continue;
    }
    const need = open.map((s) => prepared.fixesFor(f, s.from, s.to));
    if (need.every((n) => n.length > 0)) alternatives.push(need);
  }
  return { req: { alternatives }, cycles: cs.length };
}

/** Drops fixes (dearest first) while the set still verifies. */
function shrink(set: readonly number[], cost: (id: number) => number, verify: (s: readonly number[]) => boolean): number[] {
  let cur = [...set];
  if (cur.length < 2) return cur;
  for (const x of [...set].sort((a, b) => cost(b) - cost(a) || b - a)) {
    const without = cur.filter((y) => y !== x);
    if (without.length > 0 && verify(without)) cur = without;
  }
  return cur;
}

function proposal(
  source: string,
  file: string,
  prepared: FixableTest,
  set: readonly number[],
  cost: number,
  verify: (fixes: readonly number[], remove?: readonly number[]) => boolean,
): Proposal {
  const fixes = set.map((id) => prepared.candidates[id] as FixCandidate).sort((a, b) => a.thread - b.thread || a.line - b.line || a.id - b.id);
  const redundant = prepared.existing.filter((e) => verify(set, [e.id]));
  const moves: Move[] = [];
  for (const fix of fixes) {
    const free = redundant.filter((e) => !moves.some((m) => m.from.id === e.id));
    const from = free.find((e) => prepared.relation(fix.id, e.id) === 'replace') ?? free.find((e) => prepared.relation(fix.id, e.id) === 'move');
    if (from === undefined) continue;
    const removed = [...moves.map((m) => m.from.id), from.id];
    if (verify(set, removed)) moves.push({ kind: prepared.relation(fix.id, from.id) ?? 'move', fix, from });
  }
  const removed = moves.map((m) => m.from.id);
  const patched = prepared.patch(set, removed);
  return {
    cost,
    fixes,
    moves,
    redundant: redundant.filter((e) => !removed.includes(e.id)),
    patched,
    diff: unifiedDiff(source, patched, file),
  };
}

function compareProposals(a: Proposal, b: Proposal): number {
  return a.cost - b.cost || a.redundant.length - b.redundant.length || a.fixes.length - b.fixes.length || key(a).localeCompare(key(b));
}

function key(p: Proposal): string {
  return p.fixes.map((f) => `${String(f.thread).padStart(3, '0')}:${String(f.line).padStart(5, '0')}:${f.tool}`).join('|');
}
