/**
 * Accumulates the events of one path of a C thread and the dependency
 * edges between them, the way herd derives `addr`, `data` and `ctrl` for C
 * (herd/modelUtils.ml `make_procrels`):
 *
 * - sources are memory reads (`R`, including the read half of an RMW) and
 *   the lock reads herd counts as loads: failed trylock (`LF`) and
 *   `spin_is_locked` (`RL`/`RU`); a lock acquisition (`LKR`) is not a source;
 * - `data` goes from a source to a write (`W`) whose value was computed from
 *   it, through registers and expressions (not through memory);
 * - `addr` goes from a source to an access whose address was computed from
 *   it: reads, writes, fences never, lock events (`LKR`, `LKW`, `UL`, `LF`,
 *   `RL`, `RU`) yes;
 * - `ctrl` goes from every source the condition of an `if` depends on to
 *   every event of the branch taken (memory, fence and lock events); it does
 *   not extend past the end of the `if` (herd's structured `control`). The
 *   sources are the values the condition uses, every source event of the
 *   condition itself, and the sources of those events' addresses (herd's
 *   `(addr | data | dd) ; ctrl`).
 *
 * `SRCU` events (`synchronize_srcu`) are neither targets nor sources, as in herd.
 */
import type { EventAction, ThreadTrace, TraceEvent, ValueSources } from '../types.js';
import type { Value } from '../../litmus/types.js';

/** A value with the sources it depends on (indices of events of this trace). */
export interface Tainted {
  readonly value: Value;
  readonly deps: readonly number[];
}

const SOURCES: ReadonlySet<EventAction> = new Set(['R', 'LF', 'RL', 'RU']);

/** Union of dependency lists, sorted and without duplicates. */
export function unionDeps(...lists: readonly (readonly number[])[]): number[] {
  const s = new Set<number>();
  for (const l of lists) for (const x of l) s.add(x);
  return [...s].sort((a, b) => a - b);
}

export class TraceBuilder {
  private readonly events: TraceEvent[] = [];
  private readonly addr: [number, number][] = [];
  private readonly data: [number, number][] = [];
  private readonly ctrl: [number, number][] = [];
  private readonly rmw: [number, number][] = [];
  /** Address dependencies of each event. */
  private readonly addrOf: (readonly number[])[] = [];
  /** Sources of the conditions of the enclosing `if`s. */
  private readonly control: (readonly number[])[] = [];
  /** Sources of every choice the path made (see `ValueSources.decisions`). */
  private readonly decisions = new Set<number>();

  /** Adds an event; returns its index. `dataDeps` only matter for writes. */
  emit(event: TraceEvent, addrDeps: readonly number[] = [], dataDeps: readonly number[] = []): number {
    const i = this.events.length;
    this.events.push(event);
    this.addrOf.push(addrDeps);
    if (event.action !== 'SRCU') {
      for (const d of unionDeps(addrDeps)) this.addr.push([d, i]);
      for (const d of unionDeps(...this.control)) this.ctrl.push([d, i]);
    }
    if (event.action === 'W') for (const d of unionDeps(dataDeps)) this.data.push([d, i]);
    return i;
  }

  /** The dependency list a value read by event `i` carries (empty if `i` is not a source). */
  sourceDeps(i: number): number[] {
    const e = this.events[i];
    return e !== undefined && SOURCES.has(e.action) ? [i] : [];
  }

  /** Number of events so far (a mark for `sourcesSince`). */
  get size(): number {
    return this.events.length;
  }

  /** The source events emitted since `mark`, with the sources of their addresses. */
  sourcesSince(mark: number): number[] {
    const out: (readonly number[])[] = [];
    for (let i = mark; i < this.events.length; i++) {
      if (SOURCES.has((this.events[i] as TraceEvent).action)) out.push([i], this.addrOf[i] ?? []);
    }
    return unionDeps(...out);
  }

  pairRmw(read: number, write: number): void {
    this.rmw.push([read, write]);
  }

  /** Records that the path chose its way on a value computed from `deps`. */
  decide(deps: readonly number[]): void {
    for (const d of deps) this.decisions.add(d);
  }

  enterBranch(deps: readonly number[]): void {
    this.control.push(deps);
  }

  leaveBranch(): void {
    this.control.pop();
  }

  finish(thread: number, regs: ReadonlyMap<string, Value>, regSources: ReadonlyMap<string, readonly number[]>): ThreadTrace {
    const valueSources: ValueSources = { regs: regSources, decisions: [...this.decisions].sort((a, b) => a - b) };
    return { thread, events: this.events, addr: this.addr, data: this.data, ctrl: this.ctrl, rmw: this.rmw, regs, valueSources };
  }
}
