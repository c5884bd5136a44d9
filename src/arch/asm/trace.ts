/**
 * Building one thread trace of an assembly test the way herd builds its
 * event structure: every instruction instance contributes memory, register,
 * fence and branching events, related inside the instance by intrinsic
 * data, control and order dependencies (iico_data, iico_ctrl, iico_order).
 *
 * Set memberships an event has (for the cat side), in `sets`:
 *   memory accesses   `Exp` plus the annotation sets of herd's AArch64Annot
 *                     (`A`, `Q`, `L`, `X`, `NoRet`, `EX`), or `X` for x86
 *                     locked accesses;
 *   register accesses `Rreg` or `Wreg`, `Exp`, and for register reads
 *                     `DATA` (the value flows to a memory write's data port)
 *                     or `ADDR` (any other register read);
 *   branching         `B` plus `BCC` (conditional branch) or `PRED`
 *                     (intra-instruction decision: CSEL, CAS);
 *   fences            the barrier name (`DMB.ISH`, `DSB.SY`, `ISB`, `MFENCE`).
 *
 * Relations herd predefines from these (aarch64.cat and its includes use
 * them): `po` (between instruction instances only), `loc` (same `loc`,
 * register locations included: `same-gpr` is built from it), `iico_data`,
 * `iico_ctrl`, `iico_order`, `same-instance` (same `instr`), `rmw`/`amo`
 * (the pairs recorded here), `sm` (identity on memory events, plus the
 * halves of a single-copy-atomic pair recorded here), and for
 * models without `catdep` the native `addr`, `data`, `ctrl` of the trace.
 */
import type { Diagnostic, Span } from '../../diag.js';
import type { EdgeList, EventAction, ThreadTrace, TraceEvent } from '../../exec/types.js';
import type { Value } from '../../litmus/types.js';
import { nativeDependencies, type NativeDependencies } from './native-deps.js';

/**
 * Event actions of assembly traces. `Rreg`/`Wreg` are register accesses
 * (their `loc` is `thread:REG`), `Commit` a branching event, `NoAction`
 * herd's placeholder event of NOP and B.
 */
export type AsmAction = EventAction | 'Rreg' | 'Wreg' | 'Commit' | 'NoAction';

/** The seam type widened for assembly (see the report: exec/types.ts should list these actions). */
function action(a: AsmAction): EventAction {
  return a as EventAction;
}

export interface AsmEventSpec {
  readonly action: AsmAction;
  readonly loc?: string;
  readonly value?: Value;
  readonly tags?: readonly string[];
  readonly sets?: readonly string[];
}

/** A thread trace with herd's third intra-instruction relation. */
export interface AsmTrace extends ThreadTrace {
  readonly iicoOrder: EdgeList;
}

type Ev = number | undefined;

export class TraceBuilder {
  private readonly events: TraceEvent[] = [];
  private readonly iicoData: [number, number][] = [];
  private readonly iicoCtrl: [number, number][] = [];
  private readonly iicoOrder: [number, number][] = [];
  private readonly rmw: [number, number][] = [];
  private readonly sca: [number, number][] = [];
  private instr = -1;
  private span: Span = { file: '', line: 0, col: 0 };
  private text = '';

  constructor(readonly thread: number) {}

  /** Starts a new instruction instance (a new `instr` index, herd's po step). */
  begin(span: Span, text: string): void {
    this.instr++;
    this.span = span;
    this.text = text;
  }

  add(spec: AsmEventSpec): number {
    const sets = spec.sets;
    this.events.push({
      action: action(spec.action),
      loc: spec.loc,
      value: spec.value,
      tags: spec.tags ?? NO_TAGS,
      sets: sets !== undefined && sets.length > 0 ? sets : undefined,
      instr: this.instr,
      span: this.span,
      text: this.text,
    });
    return this.events.length - 1;
  }

  /** iico_data from each of `from` (absent events, e.g. reads of XZR, are skipped) to each of `to`. */
  data(from: Ev | readonly Ev[], to: Ev | readonly Ev[]): void {
    link(this.iicoData, from, to);
  }

  ctrl(from: Ev | readonly Ev[], to: Ev | readonly Ev[]): void {
    link(this.iicoCtrl, from, to);
  }

  order(from: Ev | readonly Ev[], to: Ev | readonly Ev[]): void {
    link(this.iicoOrder, from, to);
  }

  /** Records a read-modify-write pair (herd's atomic_load_store). */
  atomicPair(r: Ev, w: Ev): void {
    if (r !== undefined && w !== undefined) this.rmw.push([r, w]);
  }

  /** Records two memory events as halves of one single-copy-atomic access (herd's sca classes). */
  singleCopyAtomic(a: number, b: number): void {
    this.sca.push([a, b]);
  }

  /** The trace (see `Trace`); `unsupported`: the path stopped there (see `ThreadTrace.unsupported`). */
  finish(regs: ReadonlyMap<string, Value>, unsupported?: Diagnostic): AsmTrace {
    return new Trace(this.thread, this.events, this.rmw, this.iicoData, this.iicoCtrl, this.iicoOrder, this.sca, regs, unsupported);
  }
}

/**
 * A finished trace. Its `addr`, `data` and `ctrl` are the dependencies
 * herd computes natively for models that do not compute their own: most
 * traces never need them, so they are computed on first use.
 */
class Trace implements AsmTrace {
  readonly sca?: EdgeList;
  readonly unsupported?: Diagnostic;
  private deps: NativeDependencies | undefined;

  constructor(
    readonly thread: number,
    readonly events: readonly TraceEvent[],
    readonly rmw: EdgeList,
    readonly iicoData: EdgeList,
    readonly iicoCtrl: EdgeList,
    readonly iicoOrder: EdgeList,
    sca: EdgeList,
    readonly regs: ReadonlyMap<string, Value>,
    unsupported: Diagnostic | undefined,
  ) {
    if (sca.length > 0) this.sca = sca;
    if (unsupported !== undefined) this.unsupported = unsupported;
  }

  get addr(): EdgeList {
    return this.native().addr;
  }

  get data(): EdgeList {
    return this.native().data;
  }

  get ctrl(): EdgeList {
    return this.native().ctrl;
  }

  private native(): NativeDependencies {
    return (this.deps ??= nativeDependencies(this));
  }
}

const NO_TAGS: readonly string[] = [];

/** Appends the edges from each of `from` to each of `to` (in that order), skipping absent events and loops. */
function link(into: [number, number][], from: Ev | readonly Ev[], to: Ev | readonly Ev[]): void {
  if (from === undefined) return;
  if (typeof from === 'number') {
    linkFrom(into, from, to);
    return;
  }
  for (const f of from) if (f !== undefined) linkFrom(into, f, to);
}

function linkFrom(into: [number, number][], f: number, to: Ev | readonly Ev[]): void {
  if (to === undefined) return;
  if (typeof to === 'number') {
    if (f !== to) into.push([f, to]);
    return;
  }
  for (const t of to) if (t !== undefined && f !== t) into.push([f, t]);
}
