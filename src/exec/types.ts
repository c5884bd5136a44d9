/**
 * The seam between thread semantics (`exec/`) and candidate enumeration
 * (`enumerate/`): each thread, run with concrete values for its reads,
 * yields one or more traces (one per control-flow path and choice of read
 * values). Enumeration then picks one trace per thread and a reads-from map
 * consistent with the values.
 */
import type { Diagnostic, Span } from '../diag.js';
import type { Value } from '../litmus/types.js';

/**
 * The primitive action of an event. Herd's base sets follow from it:
 * `R`, `W`, `F` (fence), and for lock primitives the dedicated classes
 * herd predefines (`LKR`, `LKW`, `UL`, `LF`, `RL`, `RU`), which herd keeps
 * out of `R`/`W` until the model (lock.cat) merges them in.
 */
export type EventAction =
  | 'R'
  | 'W'
  | 'F'
  | 'LKR'
  | 'LKW'
  | 'UL'
  | 'LF'
  | 'RL'
  | 'RU'
  | 'SRCU'
  /** Register read / write (assembly); `loc` is `thread:REG`. Kept only for `catdep` models. */
  | 'Rreg'
  | 'Wreg'
  /** A branching event (assembly: B, BCC, PRED). */
  | 'Commit'
  /** An instruction with no effect on memory or registers (NOP). */
  | 'NoAction';

/** One event of a thread trace, in program order. */
export interface TraceEvent {
  readonly action: EventAction;
  /** Location accessed (memory events, lock events, srcu events). */
  readonly loc?: string;
  /** Value read (R and read-like actions) or written (W and write-like actions). */
  readonly value?: Value;
  /**
   * Annotation tags as written in the primitive form, e.g. `ONCE`, `RELEASE`,
   * `MB`, `wmb`, `rcu-lock`, `NORETURN`; for assembly, `A`, `L`, `X`, `DMB.ISH`...
   * The model maps tags to event sets.
   */
  readonly tags: readonly string[];
  /** Extra base-set memberships the architecture predefines (e.g. `RMW`, `X`, `Exp`). */
  readonly sets?: readonly string[];
  /** Instruction instance index within the thread: events of one instruction share it (`same-instance`). */
  readonly instr: number;
  /** Where the instruction is in the source, and its text, for reports and explanations. */
  readonly span: Span;
  readonly text: string;
}

/** A pair of indices into a trace's `events`. */
export type EdgeList = readonly (readonly [number, number])[];

/** One path of one thread with concrete read values. */
export interface ThreadTrace {
  readonly thread: number;
  readonly events: readonly TraceEvent[];
  /** Address dependencies (read → access whose address depends on it). */
  readonly addr: EdgeList;
  /** Data dependencies (read → write whose value depends on it). */
  readonly data: EdgeList;
  /** Control dependencies (read → every po-later event after a branch depending on it). */
  readonly ctrl: EdgeList;
  /** Read-modify-write pairs (read → write of the same atomic operation). */
  readonly rmw: EdgeList;
  /** Intra-instruction data/control dependencies (assembly); empty for C. */
  readonly iicoData?: EdgeList;
  readonly iicoCtrl?: EdgeList;
  /** Intra-instruction ordering without data or control (assembly); empty for C. */
  readonly iicoOrder?: EdgeList;
  /**
   * Memory events of one single-copy-atomic access made of several events
   * (herd's sca classes, the `sm` relation): the two halves of an
   * exclusive pair (LDXP, STXP). Absent: every access is one event.
   */
  readonly sca?: EdgeList;
  /** Final register values of the thread (registers named as in conditions). */
  readonly regs: ReadonlyMap<string, Value>;
  /**
   * Where the path's values come from, for front ends that track it (C):
   * lets checking find values that no write determines, which herd keeps
   * symbolic (out-of-thin-air cycles). Absent: not tracked (assembly).
   */
  readonly valueSources?: ValueSources;
  /**
   * The path stopped at a construct weakmem does not support (assembly: a
   * memory access to an integer address) and cannot influence other
   * threads past that point (it writes no memory there): the trace holds
   * the events before it. Enumeration raises this diagnostic if some
   * candidate execution of the trace keeps SC per location (herd would
   * build it and give it to the model), and otherwise drops the trace's
   * candidates, as herd prunes them before the construct matters.
   */
  readonly unsupported?: Diagnostic;
}

/** Source events (indices into a trace's `events`) of a path's values and choices. */
export interface ValueSources {
  /** The sources of each register's final value. */
  readonly regs: ReadonlyMap<string, readonly number[]>;
  /** The sources of every choice the path made: branch conditions, RMW comparisons. */
  readonly decisions: readonly number[];
}

/** The initial value of each shared location. */
export type InitialMemory = ReadonlyMap<string, Value>;

/**
 * What a thread-semantics front end provides: all traces of a thread given,
 * for each location, the set of values a read of it may return.
 */
export interface ThreadSemantics {
  /** Locations of the test (declared, used, or mentioned in the condition), with initial values. */
  readonly initial: InitialMemory;
  readonly threadCount: number;
  /**
   * Whether program order also relates events of one instruction (in trace
   * order). True for C, whose statements' events are ordered; false for
   * assembly, where herd orders them by iico relations only.
   */
  readonly poWithinInstruction: boolean;
  /**
   * A sentinel value the semantics accepts from `readValues` while the value
   * domain is discovered: branches and comparisons on it take both ways, and
   * values computed from it are themselves unknown (never added to the
   * domain). Lets writes under branches that only a not-yet-known value
   * opens contribute their values, as herd's symbolic execution does.
   */
  readonly unknownValue?: Value;
  /**
   * The traces' `addr`, `data` and `ctrl` follow from their events and
   * intrinsic relations (assembly: herd's native dependencies), so they
   * never tell two traces apart.
   */
  readonly derivedDependencies?: boolean;
  /**
   * Every trace of `thread` when a read of `loc` may return any value of
   * `readValues(loc)`. Throws `WeakmemError` for unsupported constructs.
   */
  traces(thread: number, readValues: (loc: string) => readonly Value[]): ThreadTrace[];
}
