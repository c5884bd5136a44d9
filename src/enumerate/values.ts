/**
 * Read-value domains: the values a read of each location may return. Starting
 * from the initial values, threads are run with the current domain and every
 * value any of them writes is added, until nothing changes.
 *
 * Round k finds every value at the end of a chain of k writes, each computed
 * from a value read from the one before. In one execution such a chain uses
 * each write event once, so with at most N writes per execution, N rounds
 * find every value an execution can carry: increments (`atomic_inc`,
 * `r1 + 1`) that would grow the domain forever stop there.
 *
 * When the semantics offers an unknown value, discovery rounds let every
 * read also return it: a branch on it is taken both ways, so a constant
 * stored only under a branch that some other write must first open (a
 * self-justifying cycle) still enters the domain. The traces returned are
 * then computed from the known values alone.
 */
import { DIAG_CODES, raise } from '../diag.js';
import type { ThreadSemantics, ThreadTrace } from '../exec/types.js';
import type { Value } from '../litmus/types.js';

/** Actions whose `value` is a value written to memory that a plain read may observe. */
const WRITE_ACTIONS: ReadonlySet<string> = new Set(['W']);

export interface TraceSets {
  /** All traces of each thread under the final domain. */
  readonly traces: readonly (readonly ThreadTrace[])[];
  /** The final domain: values a read of each location may return. */
  readonly domain: ReadonlyMap<string, readonly Value[]>;
}

export interface DomainBounds {
  /** Most traces a single thread may have. */
  readonly maxTracesPerThread: number;
  /** Most fixed-point rounds. */
  readonly maxRounds: number;
}

export function threadTraceSets(sem: ThreadSemantics, bounds: DomainBounds): TraceSets {
  const domain = new Map<string, Value[]>();
  for (const [loc, v] of sem.initial) domain.set(loc, [v]);
  const known = (loc: string): readonly Value[] => domain.get(loc) ?? [0];
  const unknown = sem.unknownValue;
  const discover = unknown === undefined ? known : (loc: string): readonly Value[] => [...known(loc), unknown];
  const tracesWith = (readValues: (loc: string) => readonly Value[]): ThreadTrace[][] => {
    const traces: ThreadTrace[][] = [];
    for (let t = 0; t < sem.threadCount; t++) {
      const ts = sem.traces(t, readValues);
      if (ts.length > bounds.maxTracesPerThread) {
        raise(
          DIAG_CODES.BOUND_EXCEEDED,
          `thread P${t} has more than ${bounds.maxTracesPerThread} paths (values x branches); raise --max-executions to explore them`,
        );
      }
      traces.push(ts);
    }
    return traces;
  };
  const finish = (traces: ThreadTrace[][]): TraceSets => ({ traces: unknown === undefined ? traces : tracesWith(known), domain });
  for (let round = 0; round < bounds.maxRounds; round++) {
    const traces = tracesWith(discover);
    let grew = false;
    const writesPerExecution = traces.reduce(
      (n, ts) => n + Math.max(0, ...ts.map((tr) => tr.events.filter((e) => WRITE_ACTIONS.has(e.action)).length)),
      0,
    );
    if (round >= writesPerExecution) return finish(traces);
    for (const ts of traces) {
      for (const tr of ts) {
        for (const e of tr.events) {
          if (!WRITE_ACTIONS.has(e.action) || e.loc === undefined || e.value === undefined || e.value === unknown) continue;
          let vs = domain.get(e.loc);
          if (vs === undefined) {
            vs = [0];
            domain.set(e.loc, vs);
          }
          if (!vs.includes(e.value)) {
            vs.push(e.value);
            grew = true;
          }
        }
      }
    }
    if (!grew) return finish(traces);
  }
  return raise(
    DIAG_CODES.BOUND_EXCEEDED,
    `the values written to memory did not stabilise after ${bounds.maxRounds} rounds`,
  );
}
