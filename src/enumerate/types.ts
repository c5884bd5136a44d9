/**
 * The seam between candidate enumeration (`enumerate/`) and model
 * evaluation (`cat/`): one candidate execution, with events numbered
 * 0..n-1 (initial writes first, then each thread in program order) and the
 * base relations herd predefines, as edge lists over event ids.
 */
import type { EdgeList, TraceEvent } from '../exec/types.js';
import type { Value } from '../litmus/types.js';

export interface ExecutionEvent extends TraceEvent {
  /** Index in `CandidateExecution.events`. */
  readonly id: number;
  /** Thread number; -1 for initial writes. */
  readonly thread: number;
  /** Position in the thread's program order (0-based); -1 for initial writes. */
  readonly poIndex: number;
  /** True for the initial write of a location (herd's IW). */
  readonly isInit: boolean;
}

export interface CandidateExecution {
  readonly events: readonly ExecutionEvent[];
  /** Program order (transitive), within each thread. */
  readonly po: EdgeList;
  readonly addr: EdgeList;
  readonly data: EdgeList;
  readonly ctrl: EdgeList;
  readonly rmw: EdgeList;
  readonly iicoData: EdgeList;
  readonly iicoCtrl: EdgeList;
  readonly iicoOrder: EdgeList;
  /** Events of one single-copy-atomic access (see `ThreadTrace.sca`); absent when there are none. */
  readonly sca?: EdgeList;
  /** Reads-from for `R` events (write → read); lock events are left to the model. */
  readonly rf: EdgeList;
  /**
   * Final write of each location (herd's FW): the co-maximal write. Fixed
   * before co is generated, so models that build co (`with co from`) see it
   * through `co0`.
   */
  readonly finalWrites: readonly number[];
  /** Coherence order, when enumerated natively (models that do not bind `co` themselves). */
  readonly co?: EdgeList;
  /**
   * A token shared (by identity) by all candidates with the same shape: the
   * same events (actions, locations, tags, sets, threads, instructions), po
   * and dependencies, differing only in values, rf, co and final writes.
   * Lets a model cache what depends on the shape alone (WeakMap key).
   */
  readonly shape?: object;
  /** Every candidate with this shape has these final writes (no observed location has a choice of final write). */
  readonly fixedFinalWrites?: boolean;
}

/** The final state of one execution: register and memory values by display key. */
export type FinalState = ReadonlyMap<string, Value>;
