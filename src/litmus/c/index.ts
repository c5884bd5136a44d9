/** The C (Linux-kernel) litmus front end: parser, `.def` macro files, expansion. */
export { parseCLitmus } from './parse.js';
export { parseMacroFile, type MacroTable, type ExprMacro, type StmtMacro } from './def-parse.js';
export { expandThread } from './macros.js';
export type { CThread, CStmt, CExpr, CParam, BinaryOp, UnaryOp, RmwOp, Tags } from './ast.js';
