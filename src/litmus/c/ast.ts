/**
 * Syntax tree of herd's C litmus dialect (the Linux-kernel tests). Kernel
 * primitives (`READ_ONCE`, `smp_mb`, ...) stay `call` nodes until macro
 * expansion (`macros.ts`) rewrites them into herd's primitive forms
 * (`__load{ONCE}(*x)`, `__fence{MB}`, ...), which have nodes of their own.
 * Every node carries the span of the source text it came from; nodes
 * produced by expanding a macro carry the span of the call.
 */
import type { Span } from '../../diag.js';

/** Binary operators, C precedence (herd has all but `%`, shifts, `&&`, `||`). */
export type BinaryOp =
  | '*'
  | '/'
  | '%'
  | '+'
  | '-'
  | '<<'
  | '>>'
  | '<'
  | '<='
  | '>'
  | '>='
  | '=='
  | '!='
  | '&'
  | '^'
  | '|'
  | '&&'
  | '||';

/** Prefix operators (an extension: herd has none but negative literals). */
export type UnaryOp = '-' | '!' | '~';

/** The operator of an atomic read-modify-write: new value = old `op` operand. */
export type RmwOp = '+' | '-' | '&' | '|' | '^' | '&~';

/** Annotation tags as written between braces: `{ONCE}`, `{srcu-lock}`. */
export type Tags = readonly string[];

export type CExpr =
  /** Integer literal. */
  | { readonly kind: 'const'; readonly value: number; readonly span: Span }
  /** A register (thread parameters are registers holding a location's address). */
  | { readonly kind: 'reg'; readonly name: string; readonly span: Span }
  /** `*e`: a plain (unannotated) load from the address `e`. */
  | { readonly kind: 'deref'; readonly addr: CExpr; readonly span: Span }
  /** `&x`: the address of location `x`. */
  | { readonly kind: 'addrOf'; readonly name: string; readonly span: Span }
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly arg: CExpr; readonly span: Span }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: CExpr; readonly right: CExpr; readonly span: Span }
  /** A macro call, removed by expansion. */
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly CExpr[]; readonly span: Span }
  /** `__load{tags}(arg)`: `arg` must be a `deref`; one annotated load from its address. */
  | { readonly kind: 'load'; readonly tags: Tags; readonly arg: CExpr; readonly span: Span }
  /** `__xchg{tags}(loc, value)`: returns the old value. */
  | { readonly kind: 'xchg'; readonly tags: Tags; readonly loc: CExpr; readonly value: CExpr; readonly span: Span }
  /** `__cmpxchg{tags}(loc, expected, desired)`: returns the value read. */
  | {
      readonly kind: 'cmpxchg';
      readonly tags: Tags;
      readonly loc: CExpr;
      readonly expected: CExpr;
      readonly desired: CExpr;
      readonly span: Span;
    }
  /** `__atomic_op_return{tags}` (returns the new value) or `__atomic_fetch_op{tags}` (`fetch`, the old one). */
  | {
      readonly kind: 'atomicReturn';
      readonly tags: Tags;
      readonly loc: CExpr;
      readonly op: RmwOp;
      readonly operand: CExpr;
      readonly fetch: boolean;
      readonly span: Span;
    }
  /** `__atomic_add_unless{tags}(loc, add, unless)`: returns 1 if it added, else 0. */
  | {
      readonly kind: 'addUnless';
      readonly tags: Tags;
      readonly loc: CExpr;
      readonly add: CExpr;
      readonly unless: CExpr;
      readonly span: Span;
    }
  /** `__trylock(loc)`: 1 on success, 0 on failure. */
  | { readonly kind: 'trylock'; readonly loc: CExpr; readonly span: Span }
  /** `__islocked(loc)`: 1 if locked, else 0. */
  | { readonly kind: 'islocked'; readonly loc: CExpr; readonly span: Span };

export type CStmt =
  /** `int r0;` or `int r0 = e;` (`type` as written, e.g. `int *`). */
  | { readonly kind: 'decl'; readonly type: string; readonly name: string; readonly init?: CExpr; readonly span: Span }
  /** `r = e;` */
  | { readonly kind: 'assign'; readonly name: string; readonly value: CExpr; readonly span: Span }
  /**
   * A store: `*e = v` (no tags, `target` is `*e`) or `__store{tags}(target, v)`,
   * whose `target` must be a `deref`; the address stored to is the deref's operand.
   */
  | { readonly kind: 'store'; readonly tags: Tags; readonly target: CExpr; readonly value: CExpr; readonly span: Span }
  /** An expression evaluated for its effects: `e;` or `(void)e;`. */
  | { readonly kind: 'eval'; readonly expr: CExpr; readonly span: Span }
  /** A statement macro call `f(args);`, removed by expansion. */
  | { readonly kind: 'callStmt'; readonly name: string; readonly args: readonly CExpr[]; readonly span: Span }
  /** `__fence{tags};` */
  | { readonly kind: 'fence'; readonly tags: Tags; readonly span: Span }
  /** `__lock(loc);` */
  | { readonly kind: 'lock'; readonly loc: CExpr; readonly span: Span }
  /** `__unlock(loc);` */
  | { readonly kind: 'unlock'; readonly loc: CExpr; readonly span: Span }
  /** `__atomic_op{tags}(loc, op, operand);` (no result). */
  | {
      readonly kind: 'atomicOp';
      readonly tags: Tags;
      readonly loc: CExpr;
      readonly op: RmwOp;
      readonly operand: CExpr;
      readonly span: Span;
    }
  /** `__srcu{tags}(loc);` or `__srcu{tags}(loc, value);` */
  | { readonly kind: 'srcu'; readonly tags: Tags; readonly loc: CExpr; readonly value?: CExpr; readonly span: Span }
  | { readonly kind: 'if'; readonly cond: CExpr; readonly then: CStmt; readonly else?: CStmt; readonly span: Span }
  | { readonly kind: 'block'; readonly body: readonly CStmt[]; readonly span: Span };

/** A thread parameter `int *x`: register `x` holds the address of location `x`. */
export interface CParam {
  readonly type: string;
  readonly name: string;
  readonly span: Span;
}

/** One thread function `P<index>(params) { body }`. */
export interface CThread {
  readonly kind: 'thread';
  readonly index: number;
  readonly params: readonly CParam[];
  readonly body: readonly CStmt[];
  readonly span: Span;
}

/** Exhaustiveness helper for `switch` over `kind`. */
export function assertNever(x: never): never {
  throw new Error(`unexpected node ${JSON.stringify(x)}`);
}
