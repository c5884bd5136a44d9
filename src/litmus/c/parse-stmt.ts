/**
 * C statements and thread functions. A statement `f(args);` is a statement
 * macro call (herd's `PCall`); `e;` and `(void)e;` evaluate an expression;
 * `*e = v` is a plain store and `r = v` a register assignment. Declarations
 * (`int r0;`, `int *r1 = e;`, `intptr_t r2;`) introduce registers, which
 * herd also accepts undeclared.
 */
import { notSupported } from '../../diag.js';
import type { CExpr, CParam, CStmt, CThread } from './ast.js';
import type { CTokens } from './lexer.js';
import { parseExpr, parseFixedArgs, parseRmwArgs, parseTags, startsType } from './parse-expr.js';

const CONSTRAINT_WORDS = new Set(['exists', 'forall', 'locations', 'filter']);
const UNSUPPORTED_STATEMENTS = new Set(['while', 'for', 'do', 'switch', 'return', 'goto', 'break', 'continue', 'case', 'default']);

/** Parses one statement; a declaration of several registers gives several statements. */
export function parseStatement(ts: CTokens): CStmt[] {
  const t = ts.peek();
  const start = t.start;
  if (ts.accept('{')) {
    const body = parseStatementsUntil(ts, '}');
    return [{ kind: 'block', body, span: ts.spanFrom(start) }];
  }
  if (ts.accept(';')) return [];
  if (t.kind === 'ident' && UNSUPPORTED_STATEMENTS.has(t.text)) {
    return notSupported(`'${t.text}' statements`, ts.span(t));
  }
  if (ts.accept('if')) return [parseIf(ts, start)];
  const prim = parsePrimitiveStatement(ts);
  if (prim !== undefined) return [prim];
  if (ts.is('(') && ts.is('void', 1) && ts.is(')', 2)) {
    ts.next();
    ts.next();
    ts.next();
    const expr = parseExpr(ts);
    ts.expect(';');
    return [{ kind: 'eval', expr, span: ts.spanFrom(start) }];
  }
  if (isDeclarationStart(ts)) return parseDeclaration(ts);
  const e = parseExpr(ts);
  if (ts.accept('=')) {
    const value = parseExpr(ts);
    ts.expect(';');
    const span = ts.spanFrom(start);
    if (e.kind === 'reg') return [{ kind: 'assign', name: e.name, value, span }];
    if (e.kind === 'deref') return [{ kind: 'store', tags: [], target: e, value, span }];
    return ts.fail(t, 'expected a register or *location before =');
  }
  ts.expect(';');
  const span = ts.spanFrom(start);
  if (e.kind === 'call') return [{ kind: 'callStmt', name: e.name, args: e.args, span }];
  return [{ kind: 'eval', expr: e, span }];
}

/** Statements up to the closing token (consumed). */
export function parseStatementsUntil(ts: CTokens, close: string): CStmt[] {
  const out: CStmt[] = [];
  while (!ts.accept(close)) {
    const t = ts.peek();
    // A missing '}' before the condition: report it there rather than deep in the condition.
    if (t.kind === 'eof' || (t.kind === 'ident' && CONSTRAINT_WORDS.has(t.text) && !ts.is('=', 1))) {
      ts.fail(t, `expected '${close}'`);
    }
    out.push(...parseStatement(ts));
  }
  return out;
}

function single(ts: CTokens, start: number): CStmt {
  const stmts = parseStatement(ts);
  return stmts.length === 1 ? (stmts[0] as CStmt) : { kind: 'block', body: stmts, span: ts.spanFrom(start) };
}

function parseIf(ts: CTokens, start: number): CStmt {
  ts.expect('(');
  const cond = parseExpr(ts);
  ts.expect(')');
  const then = single(ts, ts.nextStart());
  if (ts.accept('else')) {
    const els = single(ts, ts.nextStart());
    return { kind: 'if', cond, then, else: els, span: ts.spanFrom(start) };
  }
  return { kind: 'if', cond, then, span: ts.spanFrom(start) };
}

/** herd's primitive statement forms; undefined when the next token is none of them. */
function parsePrimitiveStatement(ts: CTokens): CStmt | undefined {
  const t = ts.peek();
  const start = t.start;
  const end = (): void => {
    ts.expect(';');
  };
  switch (t.text) {
    case '__store': {
      ts.next();
      const tags = parseTags(ts);
      const [target, value] = parseFixedArgs(ts, 2) as [CExpr, CExpr];
      end();
      return { kind: 'store', tags, target, value, span: ts.spanFrom(start) };
    }
    case '__fence': {
      ts.next();
      const tags = parseTags(ts);
      end();
      return { kind: 'fence', tags, span: ts.spanFrom(start) };
    }
    case '__lock':
    case '__unlock': {
      ts.next();
      const [loc] = parseFixedArgs(ts, 1) as [CExpr];
      end();
      return { kind: t.text === '__lock' ? 'lock' : 'unlock', loc, span: ts.spanFrom(start) };
    }
    case '__atomic_op': {
      ts.next();
      const tags = ts.is('{') ? parseTags(ts) : ['NORETURN'];
      const { loc, op, operand } = parseRmwArgs(ts);
      end();
      return { kind: 'atomicOp', tags, loc, op, operand, span: ts.spanFrom(start) };
    }
    case '__srcu': {
      ts.next();
      const tags = parseTags(ts);
      ts.expect('(');
      const loc = parseExpr(ts);
      const value = ts.accept(',') ? parseExpr(ts) : undefined;
      ts.expect(')');
      end();
      const span = ts.spanFrom(start);
      return value === undefined ? { kind: 'srcu', tags, loc, span } : { kind: 'srcu', tags, loc, value, span };
    }
    default:
      return undefined;
  }
}

function isDeclarationStart(ts: CTokens): boolean {
  if (startsType(ts)) return true;
  if (ts.peek().kind !== 'ident') return false;
  if (ts.peek(1).kind === 'ident') return true;
  let k = 1;
  while (ts.is('*', k)) k++;
  return k > 1 && ts.peek(k).kind === 'ident' && [';', '=', ','].some((s) => ts.is(s, k + 1));
}

function parseDeclaration(ts: CTokens): CStmt[] {
  const start = ts.nextStart();
  const words: string[] = [];
  for (;;) {
    if (ts.accept('struct')) words.push(`struct ${ts.ident('a structure name').text}`);
    else if (ts.peek().kind === 'ident' && (ts.peek(1).kind === 'ident' || ts.is('*', 1))) words.push(ts.next().text);
    else break;
  }
  if (words.length === 0) ts.fail(ts.peek(), 'expected a type');
  const out: CStmt[] = [];
  for (;;) {
    let stars = 0;
    while (ts.accept('*')) stars++;
    const name = ts.ident('a register name');
    if (ts.is('[')) notSupported('arrays', ts.span(ts.peek()));
    const type = `${words.join(' ')}${stars > 0 ? ` ${'*'.repeat(stars)}` : ''}`;
    const init = ts.accept('=') ? parseExpr(ts) : undefined;
    const span = ts.src.span(start, ts.lastEnd);
    out.push(init === undefined ? { kind: 'decl', type, name: name.text, span } : { kind: 'decl', type, name: name.text, init, span });
    if (ts.accept(',')) continue;
    ts.expect(';');
    return out;
  }
}

/** `[void] P<n>(params) { body }`. */
export function parseThread(ts: CTokens): CThread {
  const start = ts.nextStart();
  ts.accept('void');
  const p = ts.ident('a thread name such as P0');
  if (!/^P\d+$/.test(p.text)) ts.fail(p, 'expected a thread name such as P0');
  ts.expect('(');
  const params: CParam[] = [];
  if (!ts.accept(')')) {
    for (;;) {
      params.push(parseParam(ts));
      if (ts.accept(')')) break;
      ts.expect(',');
    }
  }
  ts.expect('{');
  const body = parseStatementsUntil(ts, '}');
  return { kind: 'thread', index: Number(p.text.slice(1)), params, body, span: ts.spanFrom(start) };
}

function parseParam(ts: CTokens): CParam {
  const start = ts.nextStart();
  const words: string[] = [];
  let stars = 0;
  for (;;) {
    const t = ts.peek();
    if (t.kind === 'ident' && (ts.is(',', 1) || ts.is(')', 1))) {
      ts.next();
      const type = `${words.join(' ')}${stars > 0 ? ` ${'*'.repeat(stars)}` : ''}`;
      return { type, name: t.text, span: ts.spanFrom(start) };
    }
    if (ts.accept('*')) stars++;
    else if (ts.accept('struct')) words.push(`struct ${ts.ident('a structure name').text}`);
    else if (t.kind === 'ident') words.push(ts.next().text);
    else ts.fail(t, 'expected a parameter such as int *x');
  }
}
