/**
 * What candidate executions of the same *shape* share: a choice of one
 * trace per thread fixes the events up to their values, program order and
 * the dependencies, so these are assembled once per shape (and the events
 * of each trace once per position) instead of once per candidate.
 */
import type { Span } from '../diag.js';
import type { EdgeList, ThreadTrace, TraceEvent } from '../exec/types.js';
import type { Value } from '../litmus/types.js';
import type { CandidateExecution, ExecutionEvent } from './types.js';

/** The relations of a candidate that depend on its shape alone. */
export type StaticRelations = Omit<CandidateExecution, 'events' | 'rf' | 'co' | 'finalWrites'> & { readonly shape: object };

/** One shape: its static relations and what enumerating its rf and co needs. */
export interface Layout {
  readonly relations: StaticRelations;
  /** Where each thread's events start. */
  readonly offsets: readonly number[];
  /** Ids of events that take their value through native rf (action R). */
  readonly reads: readonly number[];
  /** For each read: the writes to its location, in id order (the candidates of rf, before comparing values). */
  readonly writesAtLoc: readonly (readonly number[])[];
  /** For each location (in `locs` order): its initial write and its other writes. */
  readonly locWrites: readonly { readonly loc: string; readonly init: number; readonly writes: readonly number[] }[];
  /** For each observed location: the writes that may be final (the initial one when there is no other). */
  readonly finalWriteChoices: readonly (readonly number[])[];
}

const INIT_SPAN: Span = { file: '<init>', line: 0, col: 0 };

/** An execution event; every event has the same properties, in the same order. */
function executionEvent(e: TraceEvent, id: number, thread: number, poIndex: number, isInit: boolean): ExecutionEvent {
  return {
    action: e.action,
    loc: e.loc,
    value: e.value,
    tags: e.tags,
    sets: e.sets,
    instr: e.instr,
    span: e.span,
    text: e.text,
    id,
    thread,
    poIndex,
    isInit,
  };
}

/** The initial write of each location, numbered from 0 in `locs` order. */
export function initialEvents(locs: readonly string[], initial: ReadonlyMap<string, Value>): ExecutionEvent[] {
  return locs.map((loc, id) => {
    const value = initial.get(loc) ?? 0;
    return executionEvent({ action: 'W', loc, value, tags: [], sets: undefined, instr: -1, span: INIT_SPAN, text: `${loc} = ${String(value)}` }, id, -1, -1, true);
  });
}

/** A candidate execution of `layout` (every candidate has the same properties, in the same order). */
export function candidateExecution(
  layout: Layout,
  events: readonly ExecutionEvent[],
  rf: EdgeList,
  co: EdgeList | undefined,
  finalWrites: readonly number[],
  fixedFinalWrites = false,
): CandidateExecution {
  const r = layout.relations;
  return {
    events,
    po: r.po,
    addr: r.addr,
    data: r.data,
    ctrl: r.ctrl,
    rmw: r.rmw,
    iicoData: r.iicoData,
    iicoCtrl: r.iicoCtrl,
    iicoOrder: r.iicoOrder,
    ...(r.sca !== undefined && r.sca.length > 0 ? { sca: r.sca } : {}),
    rf,
    finalWrites,
    co,
    shape: r.shape,
    fixedFinalWrites,
  };
}

/** Interns shapes and the events of traces, for one enumeration. */
export class LayoutTable {
  private readonly traceIds = new WeakMap<ThreadTrace, number>();
  private readonly traceKeys = new Map<string, number>();
  private readonly layouts = new Map<string, Layout>();
  private readonly lifted = new WeakMap<ThreadTrace, Map<number, readonly ExecutionEvent[]>>();

  constructor(
    private readonly initEvents: readonly ExecutionEvent[],
    private readonly locs: readonly string[],
    private readonly observed: readonly string[],
    private readonly poWithinInstruction: boolean,
    /** Traces' addr, data and ctrl follow from the rest (see ThreadSemantics). */
    private readonly derivedDependencies = false,
  ) {}

  /** The layout of a choice of traces (the same object for choices of the same shape). */
  of(chosen: readonly ThreadTrace[]): Layout {
    let key = '';
    for (const t of chosen) key += `${this.idOf(t)},`;
    let layout = this.layouts.get(key);
    if (layout === undefined) {
      layout = this.build(chosen, key);
      this.layouts.set(key, layout);
    }
    return layout;
  }

  /** The events of a choice of traces (laid out by `layout`). */
  events(layout: Layout, chosen: readonly ThreadTrace[]): ExecutionEvent[] {
    const out = this.initEvents.slice();
    for (let t = 0; t < chosen.length; t++) {
      for (const e of this.liftedEvents(chosen[t], layout.offsets[t])) out.push(e);
    }
    return out;
  }

  private liftedEvents(tr: ThreadTrace, offset: number): readonly ExecutionEvent[] {
    let byOffset = this.lifted.get(tr);
    if (byOffset === undefined) {
      byOffset = new Map();
      this.lifted.set(tr, byOffset);
    }
    let evs = byOffset.get(offset);
    if (evs === undefined) {
      evs = tr.events.map((e, i) => executionEvent(e, offset + i, tr.thread, i, false));
      byOffset.set(offset, evs);
    }
    return evs;
  }

  private idOf(t: ThreadTrace): number {
    let id = this.traceIds.get(t);
    if (id === undefined) {
      const key = traceKey(t, this.derivedDependencies);
      id = this.traceKeys.get(key);
      if (id === undefined) {
        id = this.traceKeys.size;
        this.traceKeys.set(key, id);
      }
      this.traceIds.set(t, id);
    }
    return id;
  }

  /** Numbers the events of the chosen traces after the initial writes and lifts their relations. */
  private build(chosen: readonly ThreadTrace[], key: string): Layout {
    const events: ExecutionEvent[] = [...this.initEvents];
    const offsets: number[] = [];
    const po: [number, number][] = [];
    const edges = (): [number, number][] => [];
    const lift = { addr: edges(), data: edges(), ctrl: edges(), rmw: edges(), iicoData: edges(), iicoCtrl: edges(), iicoOrder: edges(), sca: edges() };
    for (const tr of chosen) {
      const offset = events.length;
      offsets.push(offset);
      const evs = this.liftedEvents(tr, offset);
      evs.forEach((e, i) => {
        events.push(e);
        for (let j = 0; j < i; j++) {
          if (this.poWithinInstruction || (evs[j] as ExecutionEvent).instr !== e.instr) po.push([offset + j, offset + i]);
        }
      });
      const add = (into: [number, number][], es: EdgeList | undefined): void => {
        for (const [a, b] of es ?? []) into.push([offset + a, offset + b]);
      };
      add(lift.addr, tr.addr);
      add(lift.data, tr.data);
      add(lift.ctrl, tr.ctrl);
      add(lift.rmw, tr.rmw);
      add(lift.iicoData, tr.iicoData);
      add(lift.iicoCtrl, tr.iicoCtrl);
      add(lift.iicoOrder, tr.iicoOrder);
      add(lift.sca, tr.sca);
    }
    const writes = events.filter((e) => e.action === 'W');
    const reads = events.filter((e) => e.action === 'R').map((e) => e.id);
    const writesAtLoc = reads.map((r) => writes.filter((w) => w.loc === (events[r] as ExecutionEvent).loc && w.id !== r).map((w) => w.id));
    const locWrites = this.locs.map((loc, i) => ({
      loc,
      init: (this.initEvents[i] as ExecutionEvent).id,
      writes: writes.filter((w) => !w.isInit && w.loc === loc).map((w) => w.id),
    }));
    const finalWriteChoices = this.observed.map((loc) => {
      const ws = writes.filter((w) => w.loc === loc && !w.isInit).map((w) => w.id);
      return ws.length > 0 ? ws : [this.locs.indexOf(loc)];
    });
    return { relations: { po, ...lift, shape: { key } }, offsets, reads, writesAtLoc, locWrites, finalWriteChoices };
  }
}

/**
 * What makes two traces lay out the same: the thread, the events up to
 * their values and the static relations. Fields are joined by control
 * characters, which names and tags never contain.
 */
function traceKey(t: ThreadTrace, derivedDependencies: boolean): string {
  let key = `${t.thread}`;
  for (const e of t.events) {
    key += `\u0003${e.action}\u0001${e.loc ?? ''}\u0001${e.loc === undefined ? 0 : 1}\u0001${e.instr}\u0001${e.tags.length}\u0001${e.tags.join('\u0002')}`;
    if (e.sets !== undefined && e.sets.length > 0) key += `\u0001${e.sets.length}\u0001${e.sets.join('\u0002')}`;
  }
  const relations = derivedDependencies ? [t.rmw, t.iicoData, t.iicoCtrl, t.iicoOrder, t.sca] : [t.addr, t.data, t.ctrl, t.rmw, t.iicoData, t.iicoCtrl, t.iicoOrder, t.sca];
  for (const r of relations) {
    key += '\u0004';
    if (r !== undefined) for (const [a, b] of r) key += `${a},${b};`;
  }
  return key;
}
