/**
 * Checking a test: enumerate its candidate executions, keep those the model
 * accepts (and the filter keeps), and tally final states and witnesses the
 * way herd does.
 */
import { DIAG_CODES, raise } from '../diag.js';
import type { CatModel, ModelOutcome } from '../cat/index.js';
import { candidateExecutions, type Candidate } from '../enumerate/candidates.js';
import type { ThreadSemantics, ThreadTrace } from '../exec/types.js';
import { elementLoc, type LitmusTest, type StateKey, type Value } from '../litmus/types.js';
import { compareValues, elementOf, evalProp, keyText, propKeys, propText, type StateLookup } from './condition.js';
import { digest } from './digest.js';
import { ThinAirCheck } from './thin-air.js';
import type { Observation, StateRow, TestKind, TestResult } from './types.js';

/** What checking needs from a model (`evaluateEach`, when there, saves memory). */
export type ModelEvaluator = Pick<CatModel, 'bindsCo' | 'evaluate'> & Partial<Pick<CatModel, 'evaluateEach'>> & {
  /** The model computes dependencies from register events itself (herd's `catdep`). */
  readonly catdep?: boolean;
};

/** One candidate execution as the model judged it (for explanations and pictures). */
export interface JudgedExecution {
  readonly candidate: Candidate;
  readonly outcome: ModelOutcome;
  /** The condition's proposition holds in this execution's final state. */
  readonly holds: boolean;
}

export interface CheckOptions {
  /** Bound on candidate executions. */
  readonly maxExecutions: number;
  /** Milliseconds allowed for this test. */
  readonly timeoutMs?: number;
  /** Check names (`as NAME`) to ignore, like herd's -skipchecks. */
  readonly skipChecks?: ReadonlySet<string>;
  /** The architecture's order of register names in states (default: by name). */
  readonly compareRegisters?: (a: string, b: string) => number;
  /** True when a thread's loop was cut at the unrolling bound (herd prints `Loop`). */
  readonly loopCut?: () => boolean;
  /** Called for every model outcome, consistent or not, that passes the filter. */
  readonly observe?: (e: JudgedExecution) => void;
  /** Called every 64 judged candidates. */
  readonly progress?: () => void;
}

export function checkTest(
  test: LitmusTest,
  sem: ThreadSemantics,
  model: ModelEvaluator,
  opts: CheckOptions,
): TestResult {
  // Date.now(), not performance.now(): Node loads perf_hooks on first use of `performance`, a few ms of a one-test run.
  const started = Date.now();
  const shown = shownKeys(test, opts.compareRegisters ?? byName);
  const keys = shown.map((k) => keyText(k, test.arch));
  const locsOf = arrayLocations(test);
  const observedLocs = new Set<string>();
  const allKeys = [...shown, ...(test.filter ? propKeys(test.filter) : [])];
  for (const k of allKeys) if (k.kind === 'mem') for (const l of locsOf(k)) observedLocs.add(l);

  const states = new Map<string, StateRow>();
  const stateIds = new StateIds(shown, locsOf, sem.initial);
  const flags = new Set<string>();
  let propTrue = 0;
  let propFalse = 0;
  let candidates = 0;
  const thinAir = new ThinAirCheck({ keys: allKeys, locsOf });
  const evalOpts = opts.skipChecks ? { skipChecks: opts.skipChecks } : undefined;
  const deadline = opts.timeoutMs !== undefined ? Date.now() + opts.timeoutMs : undefined;
  const cands = candidateExecutions(sem, {
    nativeCo: !model.bindsCo,
    observedLocs,
    maxExecutions: opts.maxExecutions,
    registerEvents: model.catdep === true,
    // An observer (explain) sees the incoherent candidates too, so that the model's own check names their rejection.
    coherentOnly: opts.observe === undefined,
    ...(deadline !== undefined ? { deadline } : {}),
  });
  for (const cand of cands) {
    const memory = (loc: string): Value => cand.finalMemory.get(loc) ?? sem.initial.get(loc) ?? 0;
    const lookup: StateLookup = (k: StateKey): Value => {
      if (k.kind === 'mem') return k.array === true ? `{${locsOf(k).map(memory).join(',')}}` : memory(k.loc);
      return cand.traces[k.thread]?.regs.get(k.reg) ?? 0;
    };
    if (test.filter && !evalProp(test.filter, lookup)) continue;
    const judge = (outcome: ModelOutcome): void => {
      candidates++;
      if (candidates > opts.maxExecutions) {
        raise(DIAG_CODES.BOUND_EXCEEDED, `more than ${opts.maxExecutions} candidate executions; raise --max-executions to explore further`);
      }
      if ((candidates & 63) === 0) {
        if ((candidates & 255) === 0 && deadline !== undefined && Date.now() > deadline) {
          raise(DIAG_CODES.TIMEOUT, 'timed out; raise --timeout to explore further');
        }
        opts.progress?.();
      }
      const holds = evalProp(test.condition.prop, lookup);
      opts.observe?.({ candidate: cand, outcome, holds });
      if (!outcome.consistent) return;
      if (ThinAirCheck.applies(cand)) thinAir.accept(cand);
      for (const f of outcome.flags) flags.add(f);
      if (holds) propTrue++;
      else propFalse++;
      const id = stateIds.of(cand);
      if (!states.has(id)) states.set(id, { values: shown.map(lookup), satisfies: holds });
    };
    // Observed outcomes outlive the loop: only unobserved ones may share their memory.
    if (opts.observe === undefined && model.evaluateEach !== undefined) model.evaluateEach(cand.execution, evalOpts, judge);
    else for (const outcome of model.evaluate(cand.execution, evalOpts)) judge(outcome);
  }
  const q = test.condition.quantifier;
  const kind: TestKind = q === 'exists' ? 'Allowed' : q === 'forall' ? 'Required' : 'Forbidden';
  const ok = q === 'exists' ? propTrue > 0 : q === 'forall' ? propFalse === 0 : propTrue === 0;
  const positive = q === '~exists' ? propFalse : propTrue;
  const negative = q === '~exists' ? propTrue : propFalse;
  const observation: Observation = propTrue === 0 ? 'Never' : propFalse === 0 ? 'Always' : 'Sometimes';
  return {
    name: test.name,
    arch: test.arch,
    file: test.file,
    kind,
    quantifier: q,
    conditionText: `${q} (${propText(test.condition.prop, test.arch)})`,
    keys,
    states: [...states.values()].sort(compareRows),
    ok,
    loop: opts.loopCut?.() ?? false,
    positive,
    negative,
    propTrue,
    propFalse,
    observation,
    flags: [...flags].sort(),
    candidates,
    timeSeconds: (Date.now() - started) / 1000,
    hash: digest(test.source),
  };
}

/**
 * Keys of final states: equal exactly when the shown values are. The text
 * of each thread's registers (made once per trace) and of each location's
 * value gets a number per position, in the order first met, and a key is
 * the string of these numbers: short and flat, since the map of states
 * keeps one per state (a number past 0x7fff takes two characters, the
 * first saying so, so that keys stay unambiguous).
 */
class StateIds {
  private readonly threads: number[];
  private readonly regs = new Map<number, string[]>();
  private readonly locs: string[] = [];
  /** The number of each trace's registers text. */
  private readonly traceNumbers = new WeakMap<ThreadTrace, number>();
  /** For each position (shown threads, then shown locations): the number of each text. */
  private readonly numbers: Map<string, number>[];
  /** The character codes of the key being made. */
  private readonly codes: number[] = [];

  constructor(
    shown: readonly StateKey[],
    locsOf: (k: StateKey) => readonly string[],
    private readonly initial: ReadonlyMap<string, Value>,
  ) {
    for (const k of shown) {
      if (k.kind === 'mem') this.locs.push(...locsOf(k));
      else {
        const rs = this.regs.get(k.thread);
        if (rs === undefined) this.regs.set(k.thread, [k.reg]);
        else rs.push(k.reg);
      }
    }
    this.threads = [...this.regs.keys()];
    this.numbers = Array.from({ length: this.threads.length + this.locs.length }, () => new Map<string, number>());
  }

  of(cand: Candidate): string {
    const codes = this.codes;
    codes.length = 0;
    this.threads.forEach((t, p) => {
      const tr = cand.traces[t];
      this.push(tr === undefined ? this.number(p, this.text(new Map(), t)) : this.traceNumber(tr, t, p));
    });
    const base = this.threads.length;
    this.locs.forEach((loc, j) => this.push(this.number(base + j, valueText(cand.finalMemory.get(loc) ?? this.initial.get(loc) ?? 0))));
    return String.fromCharCode.apply(null, codes);
  }

  private push(k: number): void {
    if (k < 0x8000) this.codes.push(k);
    else this.codes.push(0x8000 + (k >>> 15), k & 0x7fff);
  }

  private number(p: number, text: string): number {
    const m = this.numbers[p];
    let k = m.get(text);
    if (k === undefined) m.set(text, (k = m.size));
    return k;
  }

  private traceNumber(tr: ThreadTrace, t: number, p: number): number {
    let k = this.traceNumbers.get(tr);
    if (k === undefined) this.traceNumbers.set(tr, (k = this.number(p, this.text(tr.regs, t))));
    return k;
  }

  private text(regs: ReadonlyMap<string, Value>, t: number): string {
    return (this.regs.get(t) ?? []).map((r) => valueText(regs.get(r) ?? 0)).join('\u0000');
  }
}

const valueText = (v: Value): string => `${typeof v}:${String(v)}`;

/** The locations a memory key stands for: its own, or every element of a whole array. */
function arrayLocations(test: LitmusTest): (k: StateKey) => readonly string[] {
  const lengths = new Map((test.arrays ?? []).map((a) => [a.name, a.length]));
  return (k) => {
    if (k.kind !== 'mem') return [];
    const n = k.array === true ? lengths.get(k.loc) : undefined;
    return n === undefined ? [k.loc] : Array.from({ length: n }, (_, i) => elementLoc(k.loc, i));
  };
}

/**
 * The keys herd shows in each state: those of the condition and of
 * `locations`; registers first, then locations and whole arrays by name,
 * then array elements by array and index.
 */
function shownKeys(test: LitmusTest, compareRegisters: (a: string, b: string) => number): StateKey[] {
  const seen = new Map<string, StateKey>();
  for (const k of [...propKeys(test.condition.prop), ...test.locations]) {
    const id = k.kind === 'reg' ? `r:${k.thread}:${k.reg}` : `m:${k.loc}`;
    if (!seen.has(id)) seen.set(id, k);
  }
  return [...seen.values()].sort((a, b) => {
    if (a.kind === 'reg' && b.kind === 'reg') return a.thread - b.thread || compareRegisters(a.reg, b.reg);
    if (a.kind === 'reg') return -1;
    if (b.kind === 'reg') return 1;
    const ea = elementOf(a.loc), eb = elementOf(b.loc);
    if (ea === undefined || eb === undefined) return ea !== undefined ? 1 : eb !== undefined ? -1 : byName(a.loc, b.loc);
    return byName(ea.array, eb.array) || ea.index - eb.index;
  });
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRows(a: StateRow, b: StateRow): number {
  for (let i = 0; i < a.values.length; i++) {
    const c = compareValues(a.values[i] as Value, b.values[i] as Value);
    if (c !== 0) return c;
  }
  return 0;
}
