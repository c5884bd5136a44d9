/**
 * Candidate executions: one trace per thread, a reads-from map consistent
 * with the values read, and either a coherence order (when the model does
 * not build co itself) or the choice of final write of each observed
 * location (when it does, through `with co from`).
 */
import { DIAG_CODES, raise, WeakmemError } from '../diag.js';
import type { EdgeList, ThreadSemantics, ThreadTrace } from '../exec/types.js';
import type { Value } from '../litmus/types.js';
import type { CandidateExecution, ExecutionEvent } from './types.js';
import { candidateExecution, initialEvents, LayoutTable, type Layout } from './layout.js';
import { threadTraceSets } from './values.js';
import { product } from './combinatorics.js';
import { keepsScPerLocation, uniprocOf, type Uniproc } from './uniproc.js';

export interface EnumerateOptions {
  /** Enumerate co here (the model does not bind it). */
  readonly nativeCo: boolean;
  /** Memory locations whose final value is observed (condition, filter, `locations`). */
  readonly observedLocs: ReadonlySet<string>;
  /** Stop with BOUND_EXCEEDED after this many candidates. */
  readonly maxExecutions: number;
  /** Stop with TIMEOUT when `Date.now()` passes this. */
  readonly deadline?: number;
  /**
   * Build only candidates that keep SC per location (see `Uniproc`), as
   * herd does; when false, every rf and co choice is built and left to the
   * model to reject.
   */
  readonly coherentOnly?: boolean;
  /** Keep register events (`Rreg`/`Wreg`): only models that compute dependencies themselves (`catdep`) use them. */
  readonly registerEvents: boolean;
}

export interface Candidate {
  readonly execution: CandidateExecution;
  /** The trace chosen for each thread (final registers come from here). */
  readonly traces: readonly ThreadTrace[];
  /** Final value of each observed location. */
  readonly finalMemory: ReadonlyMap<string, Value>;
}

/** All candidate executions of a test, lazily. */
export function* candidateExecutions(sem: ThreadSemantics, opts: EnumerateOptions): Generator<Candidate> {
  const sets = threadTraceSets(sem, { maxTracesPerThread: opts.maxExecutions, maxRounds: 32 });
  const traces = opts.registerEvents ? sets.traces : sets.traces.map((ts) => ts.map(withoutRegisterEvents));
  const initial = sem.initial;
  const locs = [...initial.keys()].sort();
  const initEvents = initialEvents(locs, initial);
  let count = 0;
  const tick = (): void => {
    count++;
    if (count > opts.maxExecutions) {
      raise(
        DIAG_CODES.BOUND_EXCEEDED,
        `more than ${opts.maxExecutions} candidate executions; raise --max-executions to explore further`,
      );
    }
    if (opts.deadline !== undefined && (count & 255) === 0 && Date.now() > opts.deadline) {
      raise(DIAG_CODES.TIMEOUT, 'timed out; raise --timeout to explore further');
    }
  };
  const observed = [...opts.observedLocs].filter((l) => initial.has(l)).sort();
  const layouts = new LayoutTable(initEvents, locs, observed, sem.poWithinInstruction, sem.derivedDependencies === true);
  // The choices of each layout, pruned (index 1) or not.
  const uniprocs = [new WeakMap<Layout, Uniproc>(), new WeakMap<Layout, Uniproc>()];
  for (const chosen of traceCombinations(traces, initial)) {
    const layout = layouts.of(chosen);
    const unsupported = chosen.find((t) => t.unsupported !== undefined)?.unsupported;
    const prune = opts.coherentOnly !== false || unsupported !== undefined;
    const cache = uniprocs[prune ? 1 : 0] as WeakMap<Layout, Uniproc>;
    let uni = cache.get(layout);
    if (uni === undefined) cache.set(layout, (uni = uniprocOf(layout, prune)));
    const events = layouts.events(layout, chosen);
    const readChoices = layout.reads.map((r, i) => writersOf(events, r, uni.writers[i] as readonly number[]));
    if (readChoices.some((c) => c.length === 0)) continue;
    for (const rfWriters of product(readChoices)) {
      const rf: [number, number][] = rfWriters.map((w, i) => [w, layout.reads[i] as number]);
      if (unsupported !== undefined) {
        // herd builds only candidates that keep SC per location: if none of this trace does, the construct never matters.
        if (keepsScPerLocation(layout, events, rf, uni)) throw new WeakmemError(unsupported);
        continue;
      }
      if (opts.nativeCo) {
        const fixed = uni.coOrders().every((orders) => orders.length <= 1);
        for (const co of coherenceOrders(layout, uni)) {
          tick();
          const finalMemory = new Map<string, Value>();
          for (const loc of opts.observedLocs) {
            const last = co.last.get(loc);
            finalMemory.set(loc, last === undefined ? (initial.get(loc) ?? 0) : (events[last]?.value ?? 0));
          }
          const finalWrites = [...opts.observedLocs].map((l) => co.last.get(l)).filter((x): x is number => x !== undefined);
          yield { execution: candidateExecution(layout, events, rf, co.edges, finalWrites, fixed), traces: chosen, finalMemory };
        }
      } else {
        const fixed = uni.finalWriteChoices.every((ws) => ws.length === 1);
        for (const fws of product(uni.finalWriteChoices)) {
          tick();
          const finalMemory = new Map<string, Value>();
          observed.forEach((loc, i) => finalMemory.set(loc, events[fws[i] as number]?.value ?? 0));
          yield { execution: candidateExecution(layout, events, rf, undefined, fws, fixed), traces: chosen, finalMemory };
        }
      }
    }
  }
}

/** The writes a read may take its value from: same location (`atLoc`), same value. */
function writersOf(events: readonly ExecutionEvent[], readId: number, atLoc: readonly number[]): number[] {
  const v = (events[readId] as ExecutionEvent).value;
  const out: number[] = [];
  for (const w of atLoc) if ((events[w] as ExecutionEvent).value === v) out.push(w);
  return out;
}

/**
 * Chooses one trace per thread, depth first, pruning a trace as soon as one
 * of its reads returns a value that no write can produce: not the initial
 * value, not written by an already chosen trace, not writable by any trace
 * of a later thread.
 */
function* traceCombinations(
  traces: readonly (readonly ThreadTrace[])[],
  initial: ReadonlyMap<string, Value>,
): Generator<ThreadTrace[]> {
  const n = traces.length;
  // Each (location, value) pair gets a number.
  const numbers = new Map<string, number>();
  const number = (loc: string, v: Value): number => {
    const key = `${loc}\u0000${typeof v}\u0000${String(v)}`;
    let k = numbers.get(key);
    if (k === undefined) {
      k = numbers.size;
      numbers.set(key, k);
    }
    return k;
  };
  const pairsOf = (tr: ThreadTrace, action: string): number[] =>
    tr.events.filter((e) => e.action === action && e.loc !== undefined).map((e) => number(e.loc as string, e.value ?? 0));
  const writes = traces.map((ts) => ts.map((tr) => pairsOf(tr, 'W')));
  const reads = traces.map((ts) => ts.map((tr) => pairsOf(tr, 'R')));
  const initialPairs = [...initial].map(([loc, v]) => number(loc, v));
  // later[t]: the pairs some trace of a thread from t on writes; later[n]: the initial values.
  const later = Array.from({ length: n + 1 }, () => new Uint8Array(numbers.size));
  for (let t = n - 1; t >= 0; t--) {
    later[t].set(later[t + 1]);
    for (const ws of writes[t]) for (const k of ws) later[t][k] = 1;
  }
  for (const k of initialPairs) later[n][k] = 1;
  const chosenWrites = new Int32Array(numbers.size);
  const count = (ws: readonly number[], d: number): void => {
    for (const k of ws) chosenWrites[k] += d;
  };
  const feasible = (rs: readonly number[], t: number): boolean =>
    rs.every((k) => chosenWrites[k] > 0 || later[t + 1][k] !== 0 || later[n][k] !== 0);
  // Depth-first, iteratively: `next[t]` is the next trace of thread t to try.
  const chosen: ThreadTrace[] = [];
  const next = new Array<number>(n + 1).fill(0);
  const leave = (t: number): void => {
    chosen.pop();
    count(writes[t][next[t] - 1], -1);
  };
  let t = 0;
  while (t >= 0) {
    if (t === n) {
      yield [...chosen];
      if (--t >= 0) leave(t);
      continue;
    }
    let entered = false;
    while (next[t] < traces[t].length) {
      const k = next[t]++;
      count(writes[t][k], 1);
      if (feasible(reads[t][k], t)) {
        chosen.push(traces[t][k]);
        next[++t] = 0;
        entered = true;
        break;
      }
      count(writes[t][k], -1);
    }
    if (!entered && --t >= 0) leave(t);
  }
}

interface Coherence {
  readonly edges: EdgeList;
  /** The co-last write of each location with writes. */
  readonly last: ReadonlyMap<string, number>;
}

/** Every coherence order: per location, the initial write first, then each order of the others `uni` keeps. */
function* coherenceOrders(layout: Layout, uni: Uniproc): Generator<Coherence> {
  const perLoc = layout.locWrites;
  for (const choice of product(uni.coOrders())) {
    const edges: [number, number][] = [];
    const last = new Map<string, number>();
    perLoc.forEach((p, i) => {
      const seq = [p.init, ...(choice[i] as number[])];
      for (let a = 0; a < seq.length; a++) for (let b = a + 1; b < seq.length; b++) edges.push([seq[a] as number, seq[b] as number]);
      last.set(p.loc, seq[seq.length - 1] as number);
    });
    yield { edges, last };
  }
}

const REGISTER_ACTIONS: ReadonlySet<string> = new Set(['Rreg', 'Wreg']);

/** A trace without its register events, its relations renumbered (herd drops them for non-`catdep` models). */
function withoutRegisterEvents(tr: ThreadTrace): ThreadTrace {
  if (!tr.events.some((e) => REGISTER_ACTIONS.has(e.action))) return tr;
  const index = new Map<number, number>();
  const events = tr.events.filter((e, i) => {
    if (REGISTER_ACTIONS.has(e.action)) return false;
    index.set(i, index.size);
    return true;
  });
  const keep = (es: EdgeList | undefined): EdgeList =>
    (es ?? []).flatMap(([a, b]) => {
      const x = index.get(a);
      const y = index.get(b);
      return x === undefined || y === undefined ? [] : [[x, y] as const];
    });
  return {
    ...tr,
    events,
    addr: keep(tr.addr),
    data: keep(tr.data),
    ctrl: keep(tr.ctrl),
    rmw: keep(tr.rmw),
    iicoData: keep(tr.iicoData),
    iicoCtrl: keep(tr.iicoCtrl),
    iicoOrder: keep(tr.iicoOrder),
    ...(tr.sca !== undefined ? { sca: keep(tr.sca) } : {}),
  };
}
