/**
 * The seam between checking and reporting: everything herd prints about a
 * test, as data.
 */
import type { ArchName, Quantifier, Value } from '../litmus/types.js';

/** herd's name for the test's kind, from the quantifier. */
export type TestKind = 'Allowed' | 'Forbidden' | 'Required';

/** How often the condition's proposition holds over the consistent executions. */
export type Observation = 'Always' | 'Sometimes' | 'Never';

/** One distinct final state: values of the observed keys, in `TestResult.keys` order. */
export interface StateRow {
  readonly values: readonly Value[];
  /** True when the condition's proposition holds in this state. */
  readonly satisfies: boolean;
}

export interface TestResult {
  readonly name: string;
  readonly arch: ArchName;
  readonly file: string;
  readonly kind: TestKind;
  readonly quantifier: Quantifier;
  /** The condition as herd prints it, e.g. `exists (0:r0=1 /\ [x]=2)`. */
  readonly conditionText: string;
  /** Observed keys as herd prints them: `0:r0`, `[x]`, in herd's order. */
  readonly keys: readonly string[];
  /** Distinct final states of the consistent executions, in herd's order. */
  readonly states: readonly StateRow[];
  /** herd's Ok/No: the test's condition is validated. */
  readonly ok: boolean;
  /** Some path was cut at the loop-unrolling bound: herd prints `Loop Ok` / `Loop No`. */
  readonly loop: boolean;
  /** herd's Positive / Negative witness counts (relative to the quantifier). */
  readonly positive: number;
  readonly negative: number;
  /** Executions where the proposition holds / does not hold (Observation counts). */
  readonly propTrue: number;
  readonly propFalse: number;
  readonly observation: Observation;
  /** Names of model flags raised by some consistent execution (e.g. `data-race`), sorted. */
  readonly flags: readonly string[];
  /** Candidate executions examined (model branches included). */
  readonly candidates: number;
  readonly timeSeconds: number;
  /** weakmem's digest of the test (not herd's Hash: see README). */
  readonly hash: string;
}
