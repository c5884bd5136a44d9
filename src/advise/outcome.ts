/**
 * The outcome a test is about, whatever its quantifier: the final state
 * `exists P` and `~exists P` ask about (P holds), and the counterexample
 * of `forall P` (P fails). Explanations and fixes ask whether consistent
 * executions reach it; `Checker` is how they run the checker again (a
 * `Session.check`, bound).
 */
import type { JudgedExecution } from '../check/check.js';
import type { TestResult } from '../check/types.js';
import type { Quantifier } from '../litmus/types.js';

/** Runs the whole pipeline on a test's text (e.g. `session.check.bind(session)`). */
export type Checker = (source: string, file: string, observe?: (e: JudgedExecution) => void) => TestResult;

/** The execution ends in the outcome of interest. */
export function reachesOutcome(q: Quantifier, e: JudgedExecution): boolean {
  return q === 'forall' ? !e.holds : e.holds;
}

/** Some consistent execution ends in the outcome of interest. */
export function outcomeReachable(r: TestResult): boolean {
  return r.quantifier === 'forall' ? r.propFalse > 0 : r.propTrue > 0;
}

/** The outcome in herd's notation: `1:r0=0 /\ 1:r1=0`, or `~(...)` for `forall`. */
export function outcomeText(r: TestResult): string {
  const prop = r.conditionText.slice(r.quantifier.length + 1).trim();
  const bare = prop.startsWith('(') && prop.endsWith(')') ? prop.slice(1, -1).trim() : prop;
  return r.quantifier === 'forall' ? `~(${bare})` : bare;
}
