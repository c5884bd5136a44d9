/**
 * Explanations and fence advice: why a model forbids or allows an outcome,
 * which barriers are redundant and what they pair with, and the cheapest
 * verified sets of barriers, acquires and releases that forbid an outcome.
 */
import type { ArchName } from '../litmus/types.js';
import { AARCH64_TOOLKIT } from './aarch64-toolkit.js';
import { C_TOOLKIT } from './c-toolkit.js';
import type { OrderingToolkit } from './toolkit.js';

/** Every toolkit: C (Linux-kernel) and AArch64. */
export const TOOLKITS: readonly OrderingToolkit[] = [C_TOOLKIT, AARCH64_TOOLKIT];

/** The toolkit of an architecture, if it has one. */
export function toolkitFor(arch: ArchName | string): OrderingToolkit | undefined {
  return TOOLKITS.find((t) => t.arch === arch);
}

export { explainTest, type Explanation, type RejectionGroup, type WitnessReport, type Step } from './explain.js';
export { explanationText } from './explain-text.js';
export { barrierReport, type BarrierReport } from './barriers.js';
export { type Checker } from './outcome.js';
export type { OrderingToolkit, ToolSpec, FixCandidate, ExistingItem, CostTable } from './toolkit.js';
export { defaultCosts } from './toolkit.js';
export { fixTest, type FixReport, type Proposal, type FixOptions, type FixStatus } from './fix.js';
export { fixText } from './fix-text.js';
export { explanationPictures, type Picture } from './picture.js';
export { explainJson, fixJson, EXPLAIN_SCHEMA, FIX_SCHEMA } from './json.js';
