/**
 * herd's cat language: parsing, compiling and evaluating memory models on
 * candidate executions.
 */
export type { CatFile, Expr, Instr } from './ast.js';
export { parseCat, parseCatExpr } from './parser.js';
export { tokenize, type Token } from './lexer.js';
export { CAT_LIBRARY } from './lib/index.js';
export { libraryResolver, LIBRARY_DIR, type ModelResolver, type ResolvedFile } from './resolver.js';
export { C_ARCH_SETS } from './predef.js';
export {
  loadModel, loadModelText, type CatModel, type EvaluateOptions, type FailedCheck, type LoadOptions, type ModelOutcome,
} from './model.js';
