/**
 * C expressions: C precedence (herd's grammar is a coarser, non-associative
 * version of the same levels), casts (dropped, as herd does), herd's
 * primitive forms (`__load{..}`, `__xchg{..}`, ...) and macro calls.
 */
import { notSupported } from '../../diag.js';
import type { BinaryOp, CExpr, RmwOp, Tags } from './ast.js';
import type { CTokens } from './lexer.js';

/** Type names and qualifiers that may start a declaration or a cast. */
export const TYPE_WORDS: ReadonlySet<string> = new Set([
  'int', 'char', 'long', 'short', 'unsigned', 'signed', 'void', 'const', 'volatile', '_Atomic', 'struct', 'bool', '_Bool',
  'intptr_t', 'uintptr_t', 'int8_t', 'uint8_t', 'int16_t', 'uint16_t', 'int32_t', 'uint32_t', 'int64_t', 'uint64_t',
  '__int128', '__uint128', '__int128_t', '__uint128_t', 'spinlock_t', 'atomic_t', 'atomic_long_t', 'atomic64_t',
  'atomic_int', 'mtx_t', 'size_t', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64',
]);

/** Primitive forms that are statements, not expressions. */
export const STATEMENT_PRIMITIVES: ReadonlySet<string> = new Set(['__store', '__fence', '__lock', '__unlock', '__atomic_op']);

const LEVELS: readonly (readonly BinaryOp[])[] = [
  ['||'],
  ['&&'],
  ['|'],
  ['^'],
  ['&'],
  ['==', '!='],
  ['<', '<=', '>', '>='],
  ['<<', '>>'],
  ['+', '-'],
  ['*', '/', '%'],
];

/** Parses an expression. */
export function parseExpr(ts: CTokens): CExpr {
  const e = parseLevel(ts, 0);
  if (ts.is('?')) notSupported('conditional expressions (?:)', ts.span(ts.peek()));
  if (['+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>='].includes(ts.peek().text) && ts.peek().kind === 'op') {
    notSupported('compound assignment', ts.span(ts.peek()));
  }
  return e;
}

function parseLevel(ts: CTokens, level: number): CExpr {
  const ops = LEVELS[level];
  if (ops === undefined) return parseUnary(ts);
  const start = ts.nextStart();
  let left = parseLevel(ts, level + 1);
  for (;;) {
    const t = ts.peek();
    const op = ops.find((o) => t.kind === 'op' && t.text === o);
    if (op === undefined) return left;
    ts.next();
    const right = parseLevel(ts, level + 1);
    left = { kind: 'binary', op, left, right, span: ts.spanFrom(start) };
  }
}

/** True when token `k` ahead starts a type name. */
export function startsType(ts: CTokens, k = 0): boolean {
  const t = ts.peek(k);
  return t.kind === 'ident' && TYPE_WORDS.has(t.text);
}

/** Parses a type name (`int`, `struct srcu_struct *`, `const int *`) and returns it as text. */
export function parseTypeName(ts: CTokens): string {
  const words: string[] = [];
  let stars = 0;
  for (;;) {
    if (ts.accept('*')) stars++;
    else if (ts.is('struct')) {
      ts.next();
      words.push(`struct ${ts.ident('a structure name').text}`);
    } else if (startsType(ts)) words.push(ts.next().text);
    else break;
  }
  if (words.length === 0) ts.fail(ts.peek(), 'expected a type');
  return `${words.join(' ')}${stars > 0 ? ` ${'*'.repeat(stars)}` : ''}`;
}

function parseUnary(ts: CTokens): CExpr {
  const t = ts.peek();
  if (ts.accept('*')) {
    const addr = parseUnary(ts);
    return { kind: 'deref', addr, span: ts.spanFrom(t.start) };
  }
  if (ts.accept('&')) {
    const name = ts.ident('a location name after &');
    return { kind: 'addrOf', name: name.text, span: ts.spanFrom(t.start) };
  }
  if (ts.accept('-')) {
    if (ts.peek().kind === 'num' && ts.peek().start === t.end) {
      const n = ts.next();
      return { kind: 'const', value: -ts.numberValue(n), span: ts.spanFrom(t.start) };
    }
    const arg = parseUnary(ts);
    return { kind: 'unary', op: '-', arg, span: ts.spanFrom(t.start) };
  }
  if (ts.is('!') || ts.is('~')) {
    const op = ts.next().text as '!' | '~';
    const arg = parseUnary(ts);
    return { kind: 'unary', op, arg, span: ts.spanFrom(t.start) };
  }
  if (ts.is('++') || ts.is('--')) notSupported(`'${t.text}'`, ts.span(t));
  if (ts.is('(') && startsType(ts, 1)) {
    ts.next();
    parseTypeName(ts);
    ts.expect(')');
    return parseUnary(ts);
  }
  return parsePostfix(ts);
}

function parsePostfix(ts: CTokens): CExpr {
  const e = parsePrimary(ts);
  const t = ts.peek();
  if (t.kind === 'op' && (t.text === '[' || t.text === '.' || t.text === '->')) notSupported('arrays and structures', ts.span(t));
  if (t.kind === 'op' && (t.text === '++' || t.text === '--')) notSupported(`'${t.text}'`, ts.span(t));
  return e;
}

function parsePrimary(ts: CTokens): CExpr {
  const t = ts.peek();
  if (t.kind === 'num') {
    ts.next();
    return { kind: 'const', value: ts.numberValue(t), span: ts.span(t) };
  }
  if (ts.accept('(')) {
    const e = parseExpr(ts);
    ts.expect(')');
    return e;
  }
  if (t.kind !== 'ident') return ts.fail(t, 'expected an expression');
  const prim = parsePrimitiveExpr(ts);
  if (prim !== undefined) return prim;
  if (STATEMENT_PRIMITIVES.has(t.text)) ts.fail(t, `expected an expression (${t.text} is a statement)`);
  ts.next();
  if (ts.is('(')) {
    const args = parseArgs(ts);
    return { kind: 'call', name: t.text, args, span: ts.spanFrom(t.start) };
  }
  return { kind: 'reg', name: t.text, span: ts.span(t) };
}

/** `( e, e, ... )`, any number of arguments. */
export function parseArgs(ts: CTokens): CExpr[] {
  ts.expect('(');
  const args: CExpr[] = [];
  if (ts.accept(')')) return args;
  for (;;) {
    args.push(parseExpr(ts));
    if (ts.accept(')')) return args;
    ts.expect(',');
  }
}

/** `{tag, tag-with-dashes}` after a primitive name. */
export function parseTags(ts: CTokens): Tags {
  ts.expect('{');
  const tags: string[] = [];
  for (;;) {
    let tag = ts.ident('an annotation').text;
    while (ts.accept('-')) tag += `-${ts.ident('an annotation').text}`;
    tags.push(tag);
    if (ts.accept('}')) return tags;
    ts.expect(',');
  }
}

/** The arguments `(loc, op, operand)` of `__atomic_op` and its value-returning forms. */
export function parseRmwArgs(ts: CTokens): { loc: CExpr; op: RmwOp; operand: CExpr } {
  ts.expect('(');
  const loc = parseExpr(ts);
  ts.expect(',');
  const op = parseRmwOp(ts);
  ts.expect(',');
  const operand = parseExpr(ts);
  ts.expect(')');
  return { loc, op, operand };
}

/** The operator argument of `__atomic_op*`: `+ - & | ^ &~`. */
export function parseRmwOp(ts: CTokens): RmwOp {
  const t = ts.next();
  if (t.kind === 'op') {
    if (t.text === '&') return ts.accept('~') ? '&~' : '&';
    if (t.text === '+' || t.text === '-' || t.text === '|' || t.text === '^') return t.text;
  }
  return ts.fail(t, 'expected an atomic operator (+, -, &, |, ^ or &~)');
}

/** Fixed-arity argument list of a primitive form. */
export function parseFixedArgs(ts: CTokens, n: number): CExpr[] {
  ts.expect('(');
  const args: CExpr[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0) ts.expect(',');
    args.push(parseExpr(ts));
  }
  ts.expect(')');
  return args;
}

/** herd's primitive expression forms; undefined when the next token is none of them. */
function parsePrimitiveExpr(ts: CTokens): CExpr | undefined {
  const t = ts.peek();
  const start = t.start;
  switch (t.text) {
    case '__load': {
      ts.next();
      const tags = parseTags(ts);
      const [arg] = parseFixedArgs(ts, 1) as [CExpr];
      return { kind: 'load', tags, arg, span: ts.spanFrom(start) };
    }
    case '__xchg': {
      ts.next();
      const tags = parseTags(ts);
      const [loc, value] = parseFixedArgs(ts, 2) as [CExpr, CExpr];
      return { kind: 'xchg', tags, loc, value, span: ts.spanFrom(start) };
    }
    case '__cmpxchg': {
      ts.next();
      const tags = parseTags(ts);
      const [loc, expected, desired] = parseFixedArgs(ts, 3) as [CExpr, CExpr, CExpr];
      return { kind: 'cmpxchg', tags, loc, expected, desired, span: ts.spanFrom(start) };
    }
    case '__atomic_op_return':
    case '__atomic_fetch_op': {
      ts.next();
      const tags = parseTags(ts);
      const { loc, op, operand } = parseRmwArgs(ts);
      return { kind: 'atomicReturn', tags, loc, op, operand, fetch: t.text === '__atomic_fetch_op', span: ts.spanFrom(start) };
    }
    case '__atomic_add_unless': {
      ts.next();
      const tags = ts.is('{') ? parseTags(ts) : ['MB'];
      const [loc, add, unless] = parseFixedArgs(ts, 3) as [CExpr, CExpr, CExpr];
      return { kind: 'addUnless', tags, loc, add, unless, span: ts.spanFrom(start) };
    }
    case '__trylock':
    case '__islocked': {
      ts.next();
      const [loc] = parseFixedArgs(ts, 1) as [CExpr];
      return { kind: t.text === '__trylock' ? 'trylock' : 'islocked', loc, span: ts.spanFrom(start) };
    }
    case '__srcu':
      return notSupported('__srcu{...}(...) used as an expression', ts.span(t));
    default:
      return undefined;
  }
}
