/** Thread semantics of C (Linux-kernel) litmus tests. */
export { cSemantics } from './semantics.js';
export type { Tainted } from './trace-builder.js';
