/**
 * The parts of a litmus test every dialect shares, in file order: the
 * header (`header.ts`), the initial state, and the `locations` / `filter` /
 * condition section (`state-parse.ts`, over `state-lexer.ts`). Dialect
 * parsers (`c/parse.ts`, later `aarch64/`, `x86/`) parse only the thread code
 * between the initial state and the constraints.
 */
export { SourceText, joinSpans } from './source.js';
export { parseHeader, type LitmusHeader } from './header.js';
export { parseInitBlock, parseConstraints, parseProp, parseLocation, type InitBlock, type Constraints } from './state-parse.js';
export { StateLexer, type StateToken } from './state-lexer.js';
export { skipBlanks, ALL_COMMENTS, C_COMMENTS, type CommentForms } from './scan.js';
