/** weakmem's public API. */
export type { Span, Diagnostic, DiagCode } from './diag.js';
export { WeakmemError, DIAG_CODES, EXIT, formatDiagnostic } from './diag.js';
export type { LitmusTest, Value, Prop, Condition, StateKey, InitEntry, ArchName, Quantifier } from './litmus/types.js';
export type { ThreadTrace, TraceEvent, ThreadSemantics } from './exec/types.js';
export type { CandidateExecution, ExecutionEvent, FinalState } from './enumerate/types.js';
