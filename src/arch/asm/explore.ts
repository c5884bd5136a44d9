/**
 * Enumerating the paths of a nondeterministic computation by replay: the
 * computation asks `choose(n)` whenever it branches (a read value, an
 * instruction alternative) and is re-run with every sequence of answers,
 * like an odometer. Assembly threads have no unbounded loops, so this ends.
 */
import type { Diagnostic } from '../../diag.js';

/** Thrown by a computation whose current path is impossible (a failed constraint, a loop bound). */
export class PathCut extends Error {
  constructor(readonly reason: 'infeasible' | 'loop') {
    super(reason);
  }
}

/**
 * Thrown by an instruction weakmem cannot model on this path (a memory
 * access to an integer address), where herd may still never need it: the
 * path stops there and its trace carries the diagnostic, which is raised
 * only if a candidate execution of that trace survives pruning (see
 * `ThreadTrace.unsupported`).
 */
export class DeferredUnsupported extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

export interface Chooser {
  /** An answer in [0, n). */
  choose(n: number): number;
}

/** Every result of `run` over all answer sequences; cut paths give none. */
export function explorePaths<T>(run: (c: Chooser) => T, onCut?: (reason: PathCut['reason']) => void): T[] {
  const results: T[] = [];
  const made: { i: number; n: number }[] = [];
  for (;;) {
    let depth = 0;
    const chooser: Chooser = {
      choose(n: number): number {
        if (!(n >= 1)) throw new Error(`choose(${n})`);
        const prev = made[depth];
        depth++;
        if (prev !== undefined) return prev.i;
        made.push({ i: 0, n });
        return 0;
      },
    };
    try {
      results.push(run(chooser));
    } catch (e) {
      if (!(e instanceof PathCut)) throw e;
      onCut?.(e.reason);
    }
    made.length = depth;
    while (made.length > 0) {
      const last = made[made.length - 1] as { i: number; n: number };
      if (last.i + 1 < last.n) {
        last.i++;
        break;
      }
      made.pop();
    }
    if (made.length === 0) return results;
  }
}
