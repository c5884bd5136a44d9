/**
 * Candidate executions: one trace per thread, a reads-from map consistent
 * with the values read, and either a coherence order (when the model does
 * not build co itself) or the choice of final write of each observed
 * location (when it does, through `with co from`).
 */
import { DIAG_CODES, raise, type Span } from '../diag.js';
import type { EdgeList, ThreadSemantics, ThreadTrace, TraceEvent } from '../exec/types.js';
import type { Value } from '../litmus/types.js';
import type { CandidateExecution, ExecutionEvent } from './types.js';
import { threadTraceSets } from './values.js';
import { permutations, product } from './combinatorics.js';

export interface EnumerateOptions {
  /** Enumerate co here (the model does not bind it). */
  readonly nativeCo: boolean;
  /** Memory locations whose final value is observed (condition, filter, `locations`). */
  readonly observedLocs: ReadonlySet<string>;
  /** Stop with BOUND_EXCEEDED after this many candidates. */
  readonly maxExecutions: number;
  /** Stop with TIMEOUT when `Date.now()` passes this. */
  readonly deadline?: number;
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

const INIT_SPAN: Span = { file: '<init>', line: 0, col: 0 };

/** All candidate executions of a test, lazily. */
export function* candidateExecutions(sem: ThreadSemantics, opts: EnumerateOptions): Generator<Candidate> {
  const sets = threadTraceSets(sem, { maxTracesPerThread: opts.maxExecutions, maxRounds: 32 });
  const traces = opts.registerEvents ? sets.traces : sets.traces.map((ts) => ts.map(withoutRegisterEvents));
  const initial = sem.initial;
  const locs = [...initial.keys()].sort();
  const initEvents: ExecutionEvent[] = locs.map((loc, id) => ({
    id,
    thread: -1,
    poIndex: -1,
    isInit: true,
    action: 'W',
    loc,
    value: initial.get(loc) ?? 0,
    tags: [],
    instr: -1,
    span: INIT_SPAN,
    text: `${loc} = ${String(initial.get(loc) ?? 0)}`,
  }));
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
  const shapes = new ShapeTable();
  const observed = [...opts.observedLocs].filter((l) => initial.has(l)).sort();
  for (const chosen of traceCombinations(traces, initial)) {
    const base = assemble(initEvents, chosen, shapes.of(chosen), sem.poWithinInstruction);
    const readChoices = base.reads.map((r) => writersOf(base.events, r));
    if (readChoices.some((c) => c.length === 0)) continue;
    const fwChoices = observed.map((loc) => {
      const ws = base.events.filter((e) => e.action === 'W' && e.loc === loc && !e.isInit).map((e) => e.id);
      return ws.length > 0 ? ws : [locs.indexOf(loc)];
    });
    for (const rfWriters of product(readChoices)) {
      const rf: [number, number][] = rfWriters.map((w, i) => [w, base.reads[i] as number]);
      if (opts.nativeCo) {
        for (const co of coherenceOrders(base.events, locs, initEvents)) {
          tick();
          const finalMemory = new Map<string, Value>();
          for (const loc of opts.observedLocs) {
            const last = co.last.get(loc);
            finalMemory.set(loc, last === undefined ? (initial.get(loc) ?? 0) : (base.events[last]?.value ?? 0));
          }
          const finalWrites = [...opts.observedLocs].map((l) => co.last.get(l)).filter((x): x is number => x !== undefined);
          yield { execution: { ...base.relations, events: base.events, rf, co: co.edges, finalWrites }, traces: chosen, finalMemory };
        }
      } else {
        for (const fws of product(fwChoices)) {
          tick();
          const finalMemory = new Map<string, Value>();
          observed.forEach((loc, i) => finalMemory.set(loc, base.events[fws[i] as number]?.value ?? 0));
          yield { execution: { ...base.relations, events: base.events, rf, finalWrites: fws }, traces: chosen, finalMemory };
        }
      }
    }
  }
}

interface Assembled {
  readonly events: readonly ExecutionEvent[];
  /** Ids of events that take their value through native rf (action R). */
  readonly reads: readonly number[];
  readonly relations: Omit<CandidateExecution, 'events' | 'rf' | 'co' | 'finalWrites'>;
}

/** Interns trace shapes: equal shape vectors get the same token object. */
class ShapeTable {
  private readonly traceIds = new WeakMap<ThreadTrace, number>();
  private readonly traceKeys = new Map<string, number>();
  private readonly tokens = new Map<string, object>();

  of(chosen: readonly ThreadTrace[]): object {
    const key = chosen.map((t) => this.idOf(t)).join(',');
    let token = this.tokens.get(key);
    if (token === undefined) {
      token = { key };
      this.tokens.set(key, token);
    }
    return token;
  }

  private idOf(t: ThreadTrace): number {
    let id = this.traceIds.get(t);
    if (id === undefined) {
      const key = JSON.stringify([
        t.thread,
        t.events.map((e) => [e.action, e.loc ?? null, e.tags, e.sets ?? [], e.instr]),
        t.addr, t.data, t.ctrl, t.rmw, t.iicoData ?? [], t.iicoCtrl ?? [], t.iicoOrder ?? [],
      ]);
      id = this.traceKeys.get(key);
      if (id === undefined) {
        id = this.traceKeys.size;
        this.traceKeys.set(key, id);
      }
      this.traceIds.set(t, id);
    }
    return id;
  }
}

/** Numbers the events of the chosen traces after the initial writes and lifts their relations. */
function assemble(
  initEvents: readonly ExecutionEvent[],
  chosen: readonly ThreadTrace[],
  shape: object,
  poWithinInstruction: boolean,
): Assembled {
  const events: ExecutionEvent[] = [...initEvents];
  const po: [number, number][] = [];
  const edges = (): [number, number][] => [];
  const lift = { addr: edges(), data: edges(), ctrl: edges(), rmw: edges(), iicoData: edges(), iicoCtrl: edges(), iicoOrder: edges() };
  const reads: number[] = [];
  for (const tr of chosen) {
    const offset = events.length;
    tr.events.forEach((e, i) => {
      const id = offset + i;
      events.push({ ...e, id, thread: tr.thread, poIndex: i, isInit: false });
      if (e.action === 'R') reads.push(id);
      for (let j = 0; j < i; j++) {
        if (poWithinInstruction || (tr.events[j] as TraceEvent).instr !== e.instr) po.push([offset + j, id]);
      }
    });
    const add = (into: [number, number][], edges: EdgeList | undefined): void => {
      for (const [a, b] of edges ?? []) into.push([offset + a, offset + b]);
    };
    add(lift.addr, tr.addr);
    add(lift.data, tr.data);
    add(lift.ctrl, tr.ctrl);
    add(lift.rmw, tr.rmw);
    add(lift.iicoData, tr.iicoData);
    add(lift.iicoCtrl, tr.iicoCtrl);
    add(lift.iicoOrder, tr.iicoOrder);
  }
  return { events, reads, relations: { po, ...lift, shape } };
}

/** The writes a read may take its value from: same location, same value. */
function writersOf(events: readonly ExecutionEvent[], readId: number): number[] {
  const r = events[readId] as ExecutionEvent;
  const out: number[] = [];
  for (const w of events) {
    if (w.action === 'W' && w.loc === r.loc && w.value === r.value && w.id !== readId) out.push(w.id);
  }
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
  const key = (loc: string, v: Value): string => `${loc}\u0000${typeof v}\u0000${String(v)}`;
  const writesOf = (tr: ThreadTrace): string[] =>
    tr.events.filter((e) => e.action === 'W' && e.loc !== undefined).map((e) => key(e.loc as string, e.value ?? 0));
  const later: Set<string>[] = Array.from({ length: n + 1 }, () => new Set<string>());
  for (let t = n - 1; t >= 0; t--) {
    const s = new Set(later[t + 1]);
    for (const tr of traces[t] ?? []) for (const k of writesOf(tr)) s.add(k);
    later[t] = s;
  }
  for (const [loc, v] of initial) later[n]?.add(key(loc, v));
  const chosenWrites = new Map<string, number>();
  const chosen: ThreadTrace[] = [];
  function* go(t: number): Generator<ThreadTrace[]> {
    if (t === n) {
      yield [...chosen];
      return;
    }
    for (const tr of traces[t] ?? []) {
      const ws = writesOf(tr);
      for (const k of ws) chosenWrites.set(k, (chosenWrites.get(k) ?? 0) + 1);
      const feasible = tr.events.every((e) => {
        if (e.action !== 'R' || e.loc === undefined) return true;
        const k = key(e.loc, e.value ?? 0);
        return (chosenWrites.get(k) ?? 0) > 0 || later[t + 1]?.has(k) === true || later[n]?.has(k) === true;
      });
      if (feasible) {
        chosen.push(tr);
        yield* go(t + 1);
        chosen.pop();
      }
      for (const k of ws) chosenWrites.set(k, (chosenWrites.get(k) ?? 1) - 1);
    }
  }
  yield* go(0);
}

interface Coherence {
  readonly edges: EdgeList;
  /** The co-last write of each location with writes. */
  readonly last: ReadonlyMap<string, number>;
}

/** Every coherence order: per location, the initial write first, then each permutation of the others. */
function* coherenceOrders(
  events: readonly ExecutionEvent[],
  locs: readonly string[],
  initEvents: readonly ExecutionEvent[],
): Generator<Coherence> {
  const perLoc = locs.map((loc, i) => ({
    loc,
    init: (initEvents[i] as ExecutionEvent).id,
    writes: events.filter((e) => e.action === 'W' && !e.isInit && e.loc === loc).map((e) => e.id),
  }));
  const orders = perLoc.map((p) => [...permutations(p.writes)]);
  for (const choice of product(orders)) {
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
  };
}
