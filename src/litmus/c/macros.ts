/**
 * Macro expansion, as herd's `CBase.expand`: a call `f(args)` is replaced by
 * the body of `f` with its parameters substituted by the (already expanded)
 * argument expressions; bodies may call other macros. Expression calls use
 * expression macros, statement calls `f(args);` statement macros (falling
 * back to an expression macro evaluated for its effects). Assigning to a
 * parameter assigns to the register or stores to the location it stands for.
 * Nodes produced from a macro body carry the span of the outermost call, so
 * events and errors point into the test. An unknown macro is NOT_SUPPORTED.
 */
import { DIAG_CODES, notSupported, raise, type Span } from '../../diag.js';
import type { CExpr, CStmt, CThread } from './ast.js';
import type { MacroTable } from './def-parse.js';

export { parseMacroFile, type MacroTable, type ExprMacro, type StmtMacro } from './def-parse.js';

const MAX_DEPTH = 64;

const C11_PRIMITIVES = new Set([
  'atomic_load_explicit', 'atomic_store_explicit', 'atomic_exchange_explicit', 'atomic_thread_fence',
  'atomic_fetch_add_explicit', 'atomic_fetch_sub_explicit', 'atomic_fetch_or_explicit', 'atomic_fetch_xor_explicit',
  'atomic_fetch_and_explicit', 'atomic_compare_exchange_weak', 'atomic_compare_exchange_strong',
  'atomic_compare_exchange_weak_explicit', 'atomic_compare_exchange_strong_explicit', 'WCAS', 'SCAS',
  'lock', 'unlock', 'mtx_lock', 'mtx_unlock',
]);

interface Env {
  readonly table: MacroTable;
  /** Parameter → argument, inside a macro body. */
  readonly args?: ReadonlyMap<string, CExpr>;
  /** Span of the outermost call being expanded. */
  readonly callSpan?: Span;
  readonly depth: number;
}

/** Expands every macro call of a thread. */
export function expandThread(thread: CThread, table: MacroTable): CThread {
  const env: Env = { table, depth: 0 };
  return { ...thread, body: thread.body.flatMap((s) => expandStmt(s, env)) };
}

function unknown(name: string, span: Span): never {
  if (C11_PRIMITIVES.has(name)) return notSupported(`C11 primitive ${name} (only Linux-kernel C tests are supported)`, span);
  return notSupported(`macro ${name}`, span);
}

function frame(env: Env, name: string, params: readonly string[], args: readonly CExpr[], span: Span): Env {
  if (params.length !== args.length) {
    raise(DIAG_CODES.LITMUS_SEMANTIC, `macro ${name} takes ${params.length} argument(s), given ${args.length}`, span);
  }
  if (env.depth >= MAX_DEPTH) raise(DIAG_CODES.LITMUS_SEMANTIC, `macro ${name} expands too deeply (is it recursive?)`, span);
  return { table: env.table, args: new Map(params.map((p, i) => [p, args[i] as CExpr])), callSpan: env.callSpan ?? span, depth: env.depth + 1 };
}

function sp(env: Env, span: Span): Span {
  return env.callSpan ?? span;
}

/** Expands the macro calls of an expression. */
export function expandExpr(e: CExpr, env: Env): CExpr {
  const x = (a: CExpr): CExpr => expandExpr(a, env);
  const span = sp(env, e.span);
  switch (e.kind) {
    case 'const':
    case 'addrOf':
      return { ...e, span };
    case 'reg':
      return env.args?.get(e.name) ?? { ...e, span };
    case 'deref':
      return { kind: 'deref', addr: x(e.addr), span };
    case 'unary':
      return { kind: 'unary', op: e.op, arg: x(e.arg), span };
    case 'binary':
      return { kind: 'binary', op: e.op, left: x(e.left), right: x(e.right), span };
    case 'load': {
      const arg = x(e.arg);
      if (arg.kind !== 'deref') raise(DIAG_CODES.LITMUS_SEMANTIC, '__load{...} needs a *location argument (herd: bad __load argument)', span);
      return { kind: 'load', tags: e.tags, arg, span };
    }
    case 'xchg':
      return { kind: 'xchg', tags: e.tags, loc: x(e.loc), value: x(e.value), span };
    case 'cmpxchg':
      return { kind: 'cmpxchg', tags: e.tags, loc: x(e.loc), expected: x(e.expected), desired: x(e.desired), span };
    case 'atomicReturn':
      return { ...e, loc: x(e.loc), operand: x(e.operand), span };
    case 'addUnless':
      return { kind: 'addUnless', tags: e.tags, loc: x(e.loc), add: x(e.add), unless: x(e.unless), span };
    case 'trylock':
    case 'islocked':
      return { kind: e.kind, loc: x(e.loc), span };
    case 'call': {
      const args = e.args.map(x);
      const m = env.table.exprs.get(e.name);
      if (m !== undefined) return expandExpr(m.body, frame(env, e.name, m.params, args, e.span));
      if (e.name === 'atomic_add_unless' && args.length === 3) {
        // herd's built-in form when the macro file does not define it.
        return { kind: 'addUnless', tags: ['MB'], loc: args[0] as CExpr, add: args[1] as CExpr, unless: args[2] as CExpr, span };
      }
      return unknown(e.name, span);
    }
  }
}

/** Expands the macro calls of a statement (a statement call becomes a block). */
export function expandStmt(s: CStmt, env: Env): CStmt[] {
  const x = (a: CExpr): CExpr => expandExpr(a, env);
  const span = sp(env, s.span);
  switch (s.kind) {
    case 'decl':
      return [s.init === undefined ? { ...s, span } : { ...s, init: x(s.init), span }];
    case 'assign': {
      const value = x(s.value);
      const target = env.args?.get(s.name);
      if (target === undefined || target.kind === 'reg') return [{ kind: 'assign', name: target?.name ?? s.name, value, span }];
      if (target.kind === 'deref') return [{ kind: 'store', tags: [], target, value, span }];
      return raise(DIAG_CODES.LITMUS_SEMANTIC, `macro parameter ${s.name} is assigned but its argument is not a register or *location`, span);
    }
    case 'store': {
      const target = x(s.target);
      if (target.kind !== 'deref') {
        raise(DIAG_CODES.LITMUS_SEMANTIC, '__store{...} needs a *location first argument (herd: bad __store argument)', span);
      }
      return [{ kind: 'store', tags: s.tags, target, value: x(s.value), span }];
    }
    case 'eval':
      return [{ kind: 'eval', expr: x(s.expr), span }];
    case 'fence':
      return [{ ...s, span }];
    case 'lock':
    case 'unlock':
      return [{ kind: s.kind, loc: x(s.loc), span }];
    case 'atomicOp':
      return [{ ...s, loc: x(s.loc), operand: x(s.operand), span }];
    case 'srcu':
      return [s.value === undefined ? { ...s, loc: x(s.loc), span } : { ...s, loc: x(s.loc), value: x(s.value), span }];
    case 'if': {
      const then = { kind: 'block', body: expandStmt(s.then, env), span: sp(env, s.then.span) } as const;
      if (s.else === undefined) return [{ kind: 'if', cond: x(s.cond), then, span }];
      const els = { kind: 'block', body: expandStmt(s.else, env), span: sp(env, s.else.span) } as const;
      return [{ kind: 'if', cond: x(s.cond), then, else: els, span }];
    }
    case 'block':
      return [{ kind: 'block', body: s.body.flatMap((b) => expandStmt(b, env)), span }];
    case 'callStmt': {
      const args = s.args.map(x);
      const m = env.table.stmts.get(s.name);
      if (m !== undefined) {
        const inner = frame(env, s.name, m.params, args, s.span);
        return [{ kind: 'block', body: m.body.flatMap((b) => expandStmt(b, inner)), span }];
      }
      if (env.table.exprs.has(s.name) || s.name === 'atomic_add_unless') {
        return [{ kind: 'eval', expr: expandExpr({ kind: 'call', name: s.name, args: s.args, span: s.span }, env), span }];
      }
      return unknown(s.name, span);
    }
  }
}
