/**
 * Run-time values of the C semantics: 64-bit signed integers (herd uses
 * OCaml 64-bit scalars for C) and locations (their names). A location
 * compares equal only to itself; `x + 0` and `x - 0` are `x` (herd's
 * symbolic offsets); any other arithmetic on a location is an error.
 * Comparisons and logical operators give 1 or 0.
 */
import { DIAG_CODES, raise, type Span } from '../../diag.js';
import type { BinaryOp, RmwOp, UnaryOp } from '../../litmus/c/ast.js';
import type { Value } from '../../litmus/types.js';

/**
 * A value the semantics does not know yet: what a read returns while the
 * enumerator discovers which values memory can hold. Branches on it take
 * both ways, so a write that only a not-yet-justified branch performs still
 * contributes its value (herd explores both sides of every `if`).
 */
export const UNKNOWN = '\u0000unknown';

function int64(v: bigint): number {
  return Number(BigInt.asIntN(64, v));
}

function bothInts(op: string, a: Value, b: Value, span: Span): [bigint, bigint] {
  if (typeof a === 'string' || typeof b === 'string') {
    const loc = typeof a === 'string' ? a : (b as string);
    return raise(DIAG_CODES.LITMUS_SEMANTIC, `operation '${op}' on location ${loc}, which is not an integer`, span);
  }
  return [BigInt(a), BigInt(b)];
}

/** `a op b` as herd computes it. */
export function binary(op: BinaryOp, a: Value, b: Value, span: Span): Value {
  if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
  switch (op) {
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a === b ? 0 : 1;
    case '&&':
      return truthy(a) && truthy(b) ? 1 : 0;
    case '||':
      return truthy(a) || truthy(b) ? 1 : 0;
    case '+':
    case '-':
      if (typeof a === 'string' && b === 0) return a;
      if (op === '+' && typeof b === 'string' && a === 0) return b;
      break;
    default:
      break;
  }
  const [x, y] = bothInts(op, a, b, span);
  switch (op) {
    case '+':
      return int64(x + y);
    case '-':
      return int64(x - y);
    case '*':
      return int64(x * y);
    case '/':
    case '%':
      if (y === 0n) raise(DIAG_CODES.LITMUS_SEMANTIC, 'division by zero', span);
      return int64(op === '/' ? x / y : x % y);
    case '&':
      return int64(x & y);
    case '|':
      return int64(x | y);
    case '^':
      return int64(x ^ y);
    case '<<':
      return int64(x << (y & 63n));
    case '>>':
      return int64(x >> (y & 63n));
    case '<':
      return x < y ? 1 : 0;
    case '<=':
      return x <= y ? 1 : 0;
    case '>':
      return x > y ? 1 : 0;
    case '>=':
      return x >= y ? 1 : 0;
  }
}

/** `op a`. */
export function unary(op: UnaryOp, a: Value, span: Span): Value {
  if (a === UNKNOWN) return UNKNOWN;
  if (op === '!') return truthy(a) ? 0 : 1;
  const [x] = bothInts(op, a, 0, span);
  return op === '-' ? int64(-x) : int64(~x);
}

/** The value an atomic read-modify-write stores: `old op operand`. */
export function rmwResult(op: RmwOp, old: Value, operand: Value, span: Span): Value {
  if (old === UNKNOWN || operand === UNKNOWN) return UNKNOWN;
  if (op === '&~') {
    const [x, y] = bothInts(op, old, operand, span);
    return int64(x & ~y);
  }
  return binary(op, old, operand, span);
}

/** C truth: non-zero integers and every location are true. */
export function truthy(v: Value): boolean {
  return v !== 0;
}
