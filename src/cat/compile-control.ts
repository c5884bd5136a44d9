/**
 * Compilation of the control expressions: `match` on tags, `match` on sets,
 * `try ... with` and `if ... then ... else`. Variant conditions are decided
 * at compile time (variants are fixed when a model is loaded).
 */
import type { Span } from '../diag.js';
import { EventSet } from '../relation/index.js';
import type { Expr, VariantCond } from './ast.js';
import type { Compiled, ExprCompiler } from './compile-expr.js';
import { meta, unbind } from './compile-expr.js';
import * as ops from './ops.js';
import { isCatchable, type Code, type Frame } from './runtime.js';
import { LocalScope } from './scope.js';
import { UNBOUND, evalError, relV, setV, typeOf, type Value } from './values.js';

/** Evaluates a variant condition against the selected variants (case-insensitive, as herd). */
export function variantHolds(c: VariantCond, variants: ReadonlySet<string>): boolean {
  switch (c.kind) {
    case 'variant':
      return variants.has(c.name) || variants.has(c.name.toLowerCase()) || [...variants].some((v) => v.toLowerCase() === c.name.toLowerCase());
    case 'not':
      return !variantHolds(c.arg, variants);
    case 'and':
      return variantHolds(c.left, variants) && variantHolds(c.right, variants);
    case 'or':
      return variantHolds(c.left, variants) || variantHolds(c.right, variants);
  }
}

export function compileControl(comp: ExprCompiler, e: Extract<Expr, { kind: 'match' | 'matchSet' | 'try' | 'if' }>, scope: LocalScope | null): Compiled {
  switch (e.kind) {
    case 'try': {
      // `try X with d` on a predefined name (`try DMB.NSH with emptyset`): an unbound X is the
      // only error its evaluation can raise, so it is tested for, not thrown and caught.
      const name = e.body.kind === 'var' ? comp.predefined(e.body.name, scope) : undefined;
      if (name !== undefined) {
        const fb = comp.compile(e.fallback, scope), m = meta([name, fb]), read = name.code, fc = comp.use(fb, m);
        const code: Code = (ctx, env) => {
          let v: Value;
          try {
            v = read(ctx, env);
          } catch (err) {
            if (!isCatchable(err)) throw err;
            return fc(ctx, env);
          }
          return v === UNBOUND ? fc(ctx, env) : v;
        };
        return { code, trivial: false, ...m };
      }
      const body = comp.compile(e.body, scope), fb = comp.compile(e.fallback, scope);
      const m = meta([body, fb]), bc = comp.use(body, m), fc = comp.use(fb, m);
      const code: Code = (ctx, env) => {
        try {
          return bc(ctx, env);
        } catch (err) {
          if (!isCatchable(err)) throw err;
          return fc(ctx, env);
        }
      };
      return { code, trivial: false, ...m };
    }
    case 'if': {
      const cond = e.cond;
      if (cond.kind === 'variantCond') return comp.compile(variantHolds(cond.cond, comp.env.variants) ? e.then : e.else, scope);
      const cs = [cond.left, cond.right, e.then, e.else].map((x) => comp.compile(x, scope));
      const m = meta(cs), [l, r, t, f] = cs.map((x) => comp.use(x, m));
      const kind = cond.kind, span = cond.span, ls = cond.left.span, rs = cond.right.span;
      const code: Code = (ctx, env) => {
        const a = { v: l(ctx, env), span: ls }, b = { v: r(ctx, env), span: rs };
        const holds =
          kind === 'eq' ? ops.valueEquals(a.v, b.v, span) : kind === 'subset' ? ops.subset(a, b, ctx.cand, span) : ops.member(a, b, ctx.cand);
        return holds ? t(ctx, env) : f(ctx, env);
      };
      return { code, trivial: false, ...m };
    }
    case 'match': {
      const sc = comp.compile(e.scrutinee, scope);
      const bodies = e.clauses.map((c) => comp.compile(c.body, scope));
      const otherC = e.otherwise === undefined ? undefined : comp.compile(e.otherwise, scope);
      const m = meta([sc, ...bodies, ...(otherC !== undefined ? [otherC] : [])]);
      const s = comp.use(sc, m);
      const clauses = new Map(e.clauses.map((c, k) => [c.tag, comp.use(bodies[k], m)] as const));
      const other = otherC === undefined ? undefined : comp.use(otherC, m);
      const sspan = e.scrutinee.span, span = e.span;
      const code: Code = (ctx, env) => {
        const v = s(ctx, env);
        if (v.kind !== 'tag') {
          if (v.kind === 'empty') return evalError('matching on empty', sspan);
          if (v.kind === 'universe') return evalError('matching on universe', sspan);
          return evalError(`matching on non-tag value of type '${typeOf(v)}'`, sspan);
        }
        const c = clauses.get(v.name) ?? other;
        if (c === undefined) return evalError(`pattern matching failed on value '${v.name}'`, span);
        return c(ctx, env);
      };
      return { code, trivial: false, ...m };
    }
    case 'matchSet':
      return compileMatchSet(comp, e, scope);
  }
}

/** One element and the rest, or an element and the parts before and after it. */
interface Split {
  readonly pre: Value;
  readonly elt: Value;
  readonly post: Value;
}

function compileMatchSet(comp: ExprCompiler, e: Extract<Expr, { kind: 'matchSet' }>, scope: LocalScope | null): Compiled {
  const sc = comp.compile(e.scrutinee, scope);
  const ifEmptyC = comp.compile(e.ifEmpty, scope);
  const cl = e.clause;
  const inner = new LocalScope(scope);
  const names = cl.kind === 'eltRem' ? [cl.elt, cl.rest] : [cl.pre, cl.elt, cl.post];
  for (const n of names) inner.declare(n);
  const body = comp.compile(cl.body, inner);
  const m = meta([sc, ifEmptyC, unbind(body)]);
  const s = comp.use(sc, m), ifEmpty = comp.use(ifEmptyC, m);
  const sspan = e.scrutinee.span, span = e.span;
  const eltRem = cl.kind === 'eltRem';
  const code: Code = (ctx, env) => {
    const v = s(ctx, env);
    const split = splitSet(v, eltRem, sspan, span);
    if (split === undefined) return ifEmpty(ctx, env);
    const frame: Frame = { vals: eltRem ? [split.elt, split.post] : [split.pre, split.elt, split.post], parent: env };
    return body.code(ctx, frame);
  };
  return { code, trivial: false, ...m };
}

/** Splits a non-empty set; undefined when empty. With `first`, the element is the least one and `pre` is empty. */
function splitSet(v: Value, first: boolean, sspan: Span, span: Span): Split | undefined {
  switch (v.kind) {
    case 'empty':
      return undefined;
    case 'set': {
      const xs = v.toArray();
      if (xs.length === 0) return undefined;
      const k = first ? 0 : xs.length >> 1;
      return {
        pre: setV(EventSet.of(v.n, xs.slice(0, k))),
        elt: { kind: 'event', id: xs[k] },
        post: setV(EventSet.of(v.n, xs.slice(k + 1))),
      };
    }
    case 'rel': {
      const ps = v.edges();
      if (ps.length === 0) return undefined;
      const k = first ? 0 : ps.length >> 1;
      const empty = v.diff(v);
      const part = (qs: [number, number][]): Value => relV(qs.reduce((r, [a, b]) => r.with(a, b), empty));
      return { pre: part(ps.slice(0, k)), elt: { kind: 'pair', src: ps[k][0], dst: ps[k][1] }, post: part(ps.slice(k + 1)) };
    }
    case 'valset': {
      const entries = [...v.items.entries()];
      if (entries.length === 0) return undefined;
      if (!first) entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const k = first ? 0 : entries.length >> 1;
      const part = (es: [string, Value][]): Value => ({ kind: 'valset', elt: v.elt, items: new Map(es) });
      return { pre: part(entries.slice(0, k)), elt: entries[k][1], post: part(entries.slice(k + 1)) };
    }
    case 'universe':
      return evalError('cannot set-match on universe', span);
    default:
      return evalError(`set-matching on non-set value of type '${typeOf(v)}'`, sspan);
  }
}
