/**
 * Compiles cat expressions to closures `(ctx, env) => Value`, resolving
 * every name statically and computing the *level* of each expression (the
 * highest level of the top-level cells it reads; see runtime.ts).
 */
import type { Span } from '../diag.js';
import { notSupported } from '../diag.js';
import { EventSet, Relation } from '../relation/index.js';
import type { Binding, Expr, Pattern } from './ast.js';
import { compileControl } from './compile-control.js';
import * as ops from './ops.js';
import { CANDIDATE_LEVEL, DYNAMIC_PREDEFS, LazyLocal, SKELETON_LEVEL, type Code, type CompiledPattern, type Ctx, type Frame, readLocal } from './runtime.js';
import { CompileEnv, LocalScope, type GlobalBinding } from './scope.js';
import { EMPTY, UNBOUND, UNIVERSE, evalError, relV, setV, typeOf, unifyTypes, valset, type Value } from './values.js';

/** A compiled expression and its level. */
export interface Compiled {
  readonly code: Code;
  readonly level: number;
}

export class ExprCompiler {
  constructor(readonly env: CompileEnv) {}

  compile(e: Expr, scope: LocalScope | null): Compiled {
    const c = (x: Expr): Compiled => this.compile(x, scope);
    switch (e.kind) {
      case 'emptyRel':
        return { code: (ctx) => relV(Relation.empty(ctx.cand.n)), level: 0 };
      case 'universe':
        return { code: () => UNIVERSE, level: 0 };
      case 'tag': {
        const type = this.env.tags.get(e.name);
        if (type === undefined) return { code: () => evalError(`tag '${e.name} is undefined`, e.span), level: 0 };
        const v: Value = { kind: 'tag', type, name: e.name };
        return { code: () => v, level: 0 };
      }
      case 'var':
        return this.variable(e.name, e.span, scope);
      case 'op1': {
        const a = c(e.arg), span = e.arg.span, op = e.op;
        const enums = (t: string): readonly string[] | undefined => this.env.enums.get(t);
        return { code: (ctx, env) => ops.op1(op, a.code(ctx, env), span, ctx.cand, enums), level: a.level };
      }
      case 'op':
        return this.operator(e, scope);
      case 'tuple': {
        const items = e.elems.map(c);
        return { code: (ctx, env) => ({ kind: 'tuple', items: items.map((i) => i.code(ctx, env)) }), level: maxLevel(items) };
      }
      case 'app': {
        const f = c(e.fn), a = c(e.arg), span = e.span;
        return { code: (ctx, env) => apply(f.code(ctx, env), a.code(ctx, env), ctx, span), level: Math.max(f.level, a.level) };
      }
      case 'set':
        return this.explicitSet(e.elems, scope);
      case 'fun':
        return this.fun(e.params, e.body, e.name, scope);
      case 'let':
        return this.letIn(e.bindings, e.body, scope);
      case 'letrec':
        return this.letRec(e.bindings, e.body, scope, e.span);
      case 'match':
      case 'matchSet':
      case 'try':
      case 'if':
        return compileControl(this, e, scope);
    }
  }

  variable(name: string, span: Span, scope: LocalScope | null): Compiled {
    const local = scope?.lookup(name);
    if (local !== undefined) {
      const { depth, index } = local;
      return { code: (ctx, env) => readLocal(ctx, env, depth, index, span), level: 0 };
    }
    return this.globalRead(this.env.global(name), span);
  }

  globalRead(g: GlobalBinding, span: Span): Compiled {
    if (g.constant !== undefined) {
      const v = g.constant;
      return { code: () => v, level: 0 };
    }
    const ref = g.ref;
    if (ref === undefined) {
      const name = g.predef ?? '';
      return {
        code: (ctx) => {
          const v = ctx.cand.predef(name);
          return v === UNBOUND ? evalError(`unbound var: ${name}`, span) : v;
        },
        level: DYNAMIC_PREDEFS.has(name) ? CANDIDATE_LEVEL : SKELETON_LEVEL,
      };
    }
    return {
      code: (ctx) => {
        const cell = ctx.frames[ref.level][ref.index];
        if (cell === undefined) return evalError('internal: top-level binding not yet defined', span);
        return cell.force(ctx, span);
      },
      level: ref.level,
    };
  }

  private operator(e: Extract<Expr, { kind: 'op' }>, scope: LocalScope | null): Compiled {
    const span = e.span;
    const located = (x: Expr): { code: Code; level: number; span: Span } => ({ ...this.compile(x, scope), span: x.span });
    switch (e.op) {
      case 'union': {
        const args = e.args.map(located);
        const codes = args.map((a) => a.code), spans = args.map((a) => a.span);
        return {
          code: (ctx, env) => {
            const vals = new Array<Value>(codes.length);
            for (let k = 0; k < codes.length; k++) vals[k] = codes[k](ctx, env);
            return ops.union(vals, spans, ctx.cand, span);
          },
          level: maxLevel(args),
        };
      }
      case 'seq':
        return this.sequence(e.args, scope);
      case 'inter': {
        const [x, y] = e.args;
        const cart = x.kind === 'op' && x.op === 'cartesian' ? [y, x] : y.kind === 'op' && y.op === 'cartesian' ? [x, y] : undefined;
        if (cart !== undefined && cart[1].kind === 'op') {
          const r = located(cart[0]), s1 = located(cart[1].args[0]), s2 = located(cart[1].args[1]);
          return {
            code: (ctx, env) => {
              const rel = ops.asRel(r.code(ctx, env), ctx.cand, r.span);
              const d = ops.asEvents(s1.code(ctx, env), ctx.cand, s1.span);
              return relV(rel.restrict(d, ops.asEvents(s2.code(ctx, env), ctx.cand, s2.span)));
            },
            level: maxLevel([r, s1, s2]),
          };
        }
        const comp = y.kind === 'op1' && y.op === 'comp' ? [x, y.arg] : x.kind === 'op1' && x.op === 'comp' ? [y, x.arg] : undefined;
        if (comp !== undefined) {
          const a = located(comp[0]), b = located(comp[1]);
          return { code: (ctx, env) => ops.diff(a.code(ctx, env), b.code(ctx, env), a.span, b.span, ctx.cand, span), level: maxLevel([a, b]) };
        }
        const a = located(x), b = located(y);
        return { code: (ctx, env) => ops.inter(a.code(ctx, env), b.code(ctx, env), a.span, b.span, span), level: maxLevel([a, b]) };
      }
      case 'diff': {
        const a = located(e.args[0]), b = located(e.args[1]);
        return { code: (ctx, env) => ops.diff(a.code(ctx, env), b.code(ctx, env), a.span, b.span, ctx.cand, span), level: maxLevel([a, b]) };
      }
      case 'cartesian': {
        const a = located(e.args[0]), b = located(e.args[1]);
        return { code: (ctx, env) => ops.cartesian(a.code(ctx, env), b.code(ctx, env), a.span, b.span, ctx.cand), level: maxLevel([a, b]) };
      }
      case 'add': {
        const a = located(e.args[0]), b = located(e.args[1]);
        return { code: (ctx, env) => ops.add(a.code(ctx, env), b.code(ctx, env), a.span, b.span, ctx.cand, span), level: maxLevel([a, b]) };
      }
    }
  }

  /** `e1 ; e2 ; ...` with `[S]` operands applied as domain/range restrictions. */
  private sequence(args: readonly Expr[], scope: LocalScope | null): Compiled {
    const parts = args.map((a) => {
      const isId = a.kind === 'op1' && a.op === 'toid';
      const inner = isId ? a.arg : a;
      return { isId, span: inner.span, ...this.compile(inner, scope) };
    });
    const code: Code = (ctx, env) => {
      const cand = ctx.cand;
      let dom: EventSet | undefined;
      let acc: Relation | undefined;
      for (const p of parts) {
        const v = p.code(ctx, env);
        if (p.isId) {
          const s = ops.asEvents(v, cand, p.span);
          if (acc === undefined) dom = dom === undefined ? s : dom.inter(s);
          else acc = acc.restrict(undefined, s);
          continue;
        }
        if (v.kind === 'empty') return EMPTY;
        const r = ops.asRel(v, cand, p.span);
        acc = acc === undefined ? (dom === undefined ? r : r.restrict(dom, undefined)) : acc.seq(r);
        // Nothing can follow an empty prefix (the remaining operands are not evaluated).
        if (acc.isEmpty()) return relV(acc);
      }
      return relV(acc ?? Relation.identityOn(dom ?? cand.all));
    };
    return { code, level: maxLevel(parts) };
  }

  private explicitSet(elems: readonly Expr[], scope: LocalScope | null): Compiled {
    const items = elems.map((x) => ({ ...this.compile(x, scope), span: x.span }));
    const code: Code = (ctx, env) => {
      const vs = items.map((i) => ({ v: i.code(ctx, env), span: i.span }));
      if (vs.length === 0) return EMPTY;
      let t = typeOf(vs[0].v);
      for (const { v, span } of vs) {
        if (v.kind === 'universe') evalError('universe in explicit set', span);
        const u = unifyTypes(t, typeOf(v));
        if (u === undefined) evalError(`type ${t} expected, ${typeOf(v)} found`, span);
        t = u;
      }
      if (t === 'event') return setV(EventSet.of(ctx.cand.n, vs.map(({ v }) => (v.kind === 'event' ? v.id : -1))));
      if (t === 'pair') return relV(Relation.fromEdges(ctx.cand.n, vs.map(({ v }) => (v.kind === 'pair' ? [v.src, v.dst] : [0, 0]) as [number, number])));
      return valset(t, vs.map(({ v }) => v));
    };
    return { code, level: maxLevel(items) };
  }

  pattern(p: Pattern): CompiledPattern {
    return p.kind === 'pvar' ? { names: [p.name], tuple: false } : { names: p.names, tuple: true };
  }

  fun(params: Pattern, body: Expr, name: string, scope: LocalScope | null): Compiled {
    const inner = new LocalScope(scope);
    const pat = this.pattern(params);
    for (const n of pat.names) inner.declare(n);
    const b = this.compile(body, inner);
    const bodyCode = b.code;
    return {
      code: (ctx, env) => ({ kind: 'closure', id: ctx.cand.newId(), name, params: pat, body: bodyCode, env }),
      level: b.level,
    };
  }

  /** `let p1 = e1 and p2 = e2 in body`: lazy bindings evaluated in the outer scope. */
  private letIn(bindings: readonly Binding[], body: Expr, scope: LocalScope | null): Compiled {
    const inner = new LocalScope(scope);
    const bs = bindings.map((b) => ({ ...this.compile(b.expr, scope), pat: this.pattern(b.pattern), span: b.span }));
    const slots = bs.map((b) => b.pat.names.map((n) => inner.declare(n)));
    const bodyC = this.compile(body, inner);
    const code: Code = (ctx, env) => {
      const frame: Frame = { vals: new Array(inner.size), parent: env };
      bs.forEach((b, k) => bindLazy(frame, slots[k], b.pat, b.code, env, b.span));
      return bodyC.code(ctx, frame);
    };
    return { code, level: Math.max(maxLevel(bs), bodyC.level) };
  }

  private letRec(bindings: readonly Binding[], body: Expr, scope: LocalScope | null, span: Span): Compiled {
    const inner = new LocalScope(scope);
    const pats = bindings.map((b) => this.pattern(b.pattern));
    const slots = pats.map((p) => p.names.map((n) => inner.declare(n)));
    const bs = bindings.map((b, k) => {
      const isFun = b.expr.kind === 'fun';
      if (isFun && pats[k].tuple) notSupported('tuple pattern binding a recursive function', b.span);
      return { ...this.compile(b.expr, inner), isFun, pat: pats[k], slots: slots[k], span: b.span };
    });
    const bodyC = this.compile(body, inner);
    const code: Code = (ctx, env) => {
      const frame: Frame = { vals: new Array(inner.size), parent: env };
      const values = bs.filter((b) => !b.isFun);
      for (const b of bs) {
        if (b.isFun) frame.vals[b.slots[0]] = b.code(ctx, frame);
        else for (const i of b.slots) frame.vals[i] = EMPTY;
      }
      let old: Value[] = values.map(() => EMPTY);
      for (;;) {
        const neu = values.map((b) => {
          const v = b.code(ctx, frame);
          assignPattern(frame, b.slots, b.pat, v, b.span);
          return v;
        });
        if (neu.every((v, k) => ops.stabilised(old[k], v, ctx.cand, span))) break;
        old = neu;
      }
      return bodyC.code(ctx, frame);
    };
    return { code, level: Math.max(maxLevel(bs), bodyC.level) };
  }
}

export function maxLevel(xs: readonly { level: number }[]): number {
  let m = 0;
  for (const x of xs) if (x.level > m) m = x.level;
  return m;
}

/** Components of a value matched against a tuple pattern (herd: tuples, and pairs as two events). */
export function components(v: Value): readonly Value[] {
  if (v.kind === 'tuple') return v.items;
  if (v.kind === 'pair') return [{ kind: 'event', id: v.src }, { kind: 'event', id: v.dst }];
  return [v];
}

/** Applies a closure or primitive. */
export function apply(f: Value, a: Value, ctx: Ctx, span: Span): Value {
  if (f.kind === 'closure') {
    const names = f.params.names;
    const vals = names.length === 1 && !f.params.tuple ? [a] : components(a);
    if (vals.length !== names.length) evalError('argument mismatch', span);
    return f.body(ctx, { vals: [...vals], parent: f.env });
  }
  if (f.kind === 'prim') return f.fn(a, ctx, span);
  return evalError('closure or primitive expected', span);
}

/** Binds a pattern lazily: each name forces (its part of) the value on first use. */
function bindLazy(frame: Frame, slots: readonly number[], pat: CompiledPattern, code: Code, outer: Frame | null, span: Span): void {
  if (!pat.tuple) {
    frame.vals[slots[0]] = new LazyLocal(code, outer);
    return;
  }
  const whole = new LazyLocal(code, outer);
  slots.forEach((slot, k) => {
    frame.vals[slot] = new LazyLocal((ctx) => {
      const parts = components(whole.force(ctx, span));
      return k < parts.length ? parts[k] : evalError('binding mismatch', span);
    }, null);
  });
}

function assignPattern(frame: Frame, slots: readonly number[], pat: CompiledPattern, v: Value, span: Span): void {
  if (!pat.tuple) {
    frame.vals[slots[0]] = v;
    return;
  }
  const parts = components(v);
  slots.forEach((slot, k) => {
    frame.vals[slot] = k < parts.length ? parts[k] : evalError('binding mismatch', span);
  });
}
