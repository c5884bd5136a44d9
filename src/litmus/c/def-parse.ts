/**
 * herd `.def` macro files (e.g. the LKMM's `linux-kernel.def`): a sequence
 * of definitions, either an expression macro `NAME(X, Y) expr` or a
 * statement macro `NAME(X, Y) { stmts }`. Comments are `//` and `/* *\/`.
 * A later definition of a name replaces an earlier one, as in herd.
 */
import { DIAG_CODES, type Span } from '../../diag.js';
import { SourceText } from '../source.js';
import type { CExpr, CStmt } from './ast.js';
import { CTokens } from './lexer.js';
import { parseExpr } from './parse-expr.js';
import { parseStatementsUntil } from './parse-stmt.js';

/** `NAME(params) expr`. */
export interface ExprMacro {
  readonly kind: 'expr';
  readonly name: string;
  readonly params: readonly string[];
  readonly body: CExpr;
  readonly span: Span;
}

/** `NAME(params) { stmts }`. */
export interface StmtMacro {
  readonly kind: 'stmt';
  readonly name: string;
  readonly params: readonly string[];
  readonly body: readonly CStmt[];
  readonly span: Span;
}

/** The macros of one `.def` file, by name. */
export interface MacroTable {
  readonly file: string;
  readonly exprs: ReadonlyMap<string, ExprMacro>;
  readonly stmts: ReadonlyMap<string, StmtMacro>;
}

/** Parses `.def` text. Syntax errors are MODEL_SYNTAX diagnostics. */
export function parseMacroFile(text: string, file: string): MacroTable {
  const src = new SourceText(text, file);
  const ts = new CTokens(src, 0, DIAG_CODES.MODEL_SYNTAX);
  const exprs = new Map<string, ExprMacro>();
  const stmts = new Map<string, StmtMacro>();
  while (ts.peek().kind !== 'eof') {
    const start = ts.nextStart();
    const name = ts.ident('a macro name').text;
    ts.expect('(');
    const params: string[] = [];
    if (!ts.accept(')')) {
      for (;;) {
        params.push(ts.ident('a parameter name').text);
        if (ts.accept(')')) break;
        ts.expect(',');
      }
    }
    if (ts.accept('{')) {
      const body = parseStatementsUntil(ts, '}');
      stmts.set(name, { kind: 'stmt', name, params, body, span: ts.spanFrom(start) });
    } else {
      const body = parseExpr(ts);
      exprs.set(name, { kind: 'expr', name, params, body, span: ts.spanFrom(start) });
    }
  }
  return { file, exprs, stmts };
}
