/**
 * Compiles cat expressions to closures `(ctx, env) => Value`, resolving
 * every name statically. Each compiled expression knows its *level* (the
 * highest level of the top-level cells it reads; see runtime.ts) and
 * whether it reads local variables. A closed subexpression of a lower level
 * than its context (say, the static part of a relation that also depends
 * on `co`) is hoisted into a cell of its own level, so that it is computed
 * once for all the branches, or candidates, that share that level.
 */
import type { Span } from '../diag.js';
import { notSupported } from '../diag.js';
import { EventSet, Relation } from '../relation/index.js';
import type { Binding, Expr, Pattern } from './ast.js';
import { compileControl } from './compile-control.js';
import { compileSequence } from './compile-seq.js';
import * as ops from './ops.js';
import {
  CANDIDATE_LEVEL, DYNAMIC_PREDEFS, LazyLocal, SKELETON_LEVEL, readLocal, valueAt, type CellRef, type Code, type CompiledPattern, type Ctx, type Frame,
} from './runtime.js';
import { CompileEnv, LocalScope, type GlobalBinding } from './scope.js';
import { EMPTY, UNBOUND, UNIVERSE, evalError, relV, setV, typeOf, unifyTypes, valset, type Value } from './values.js';

/** What is known of an expression's dependencies. */
export interface Meta {
  /** Highest level of the top-level cells read. */
  readonly level: number;
  /** Number of enclosing local frames read (0: closed, evaluable with no local frame). */
  readonly outer: number;
  /** Reads a `let rec` binding whose fixpoint is being computed: its value changes, never cache it. */
  readonly volatile: boolean;
}

/** A compiled expression. */
export interface Compiled extends Meta {
  readonly code: Code;
  /** Cheap to recompute (a variable, a constant): not worth a cell. */
  readonly trivial: boolean;
}

const CONST: Meta = { level: 0, outer: 0, volatile: false };

/** The combined dependencies of subexpressions. */
export function meta(parts: readonly Meta[]): Meta {
  let level = 0, outer = 0, volatile = false;
  for (const p of parts) {
    if (p.level > level) level = p.level;
    if (p.outer > outer) outer = p.outer;
    volatile ||= p.volatile;
  }
  return { level, outer, volatile };
}

/** Dependencies of an expression compiled under one more local frame, seen from outside it. */
export function unbind(m: Meta): Meta {
  return { level: m.level, outer: Math.max(0, m.outer - 1), volatile: m.volatile };
}

export function maxLevel(xs: readonly { level: number }[]): number {
  let m = 0;
  for (const x of xs) if (x.level > m) m = x.level;
  return m;
}

/** A compiled expression from its code and dependencies. */
export const compiled = (code: Code, m: Meta, trivial = false): Compiled => ({ code, trivial, ...m });

/** A closed relational expression met more than once: after the second, its occurrences share a cell. */
interface Shared {
  ref: CellRef | undefined;
  readonly thunk: (ctx: Ctx) => Value;
}

/**
 * Operators whose closed applications are shared between occurrences: the
 * closures, costly enough to pay for the look-up that every first
 * occurrence makes.
 */
const SHARED_OPS: ReadonlySet<string> = new Set(['star', 'plus']);

export class ExprCompiler {
  /** Closed relational expressions compiled so far, by `shareKey`. */
  private readonly shared = new Map<string, Shared>();

  constructor(readonly env: CompileEnv) {}

  /**
   * The code to evaluate `c` as part of an expression with dependencies
   * `parent`: a cached cell read when `c` is closed, costly, and either of
   * a lower level than its context, or inside a function body, or inside a
   * `let rec` fixpoint (evaluated once, not at every iteration).
   */
  use(c: Compiled, parent: Meta): Code {
    if (c.trivial || c.outer > 0 || c.volatile || !(c.level < parent.level || parent.outer > 0 || parent.volatile)) return c.code;
    const ref = this.env.allocate(c.level), code = c.code;
    const thunk = (ctx: Ctx): Value => code(ctx, null);
    return (ctx) => valueAt(ctx, ref, thunk, undefined);
  }

  /**
   * Compiles `e`. A closed relational expression (operators over model
   * bindings and predefined names, say `hb*`) met again is evaluated once
   * per branch: its occurrences share a cell (the first one, compiled
   * before the second was met, looks for the cell when it runs).
   */
  compile(e: Expr, scope: LocalScope | null): Compiled {
    const c = this.compileNode(e, scope);
    if (c.trivial || c.outer > 0 || c.volatile || !((e.kind === 'op1' || e.kind === 'op') && SHARED_OPS.has(e.op))) return c;
    const key = this.shareKey(e, scope);
    if (key === undefined) return c;
    const known = this.shared.get(key);
    if (known === undefined) {
      const code = c.code, entry: Shared = { ref: undefined, thunk: (ctx) => code(ctx, null) };
      this.shared.set(key, entry);
      return { ...c, code: (ctx, env) => (entry.ref === undefined ? code(ctx, env) : valueAt(ctx, entry.ref, entry.thunk, undefined)) };
    }
    const ref = (known.ref ??= this.env.allocate(c.level)), thunk = known.thunk;
    return { ...c, code: (ctx) => valueAt(ctx, ref, thunk, undefined), trivial: true };
  }

  /**
   * A key equal for expressions that compute the same value in any branch:
   * the same operators over the same model bindings, predefined names and
   * tags; undefined for other expressions (locals, functions, constants...).
   */
  private shareKey(e: Expr, scope: LocalScope | null): string | undefined {
    switch (e.kind) {
      case 'emptyRel':
        return '0';
      case 'universe':
        return '_';
      case 'tag':
        return `'${e.name}:${this.env.tags.get(e.name) ?? ''}`;
      case 'var': {
        if (scope?.lookup(e.name) !== undefined) return undefined;
        const g = this.env.global(e.name);
        if (g.volatile === true || g.constant !== undefined) return undefined;
        return g.ref !== undefined ? `@${g.ref.level}.${g.ref.index}` : `$${g.predef ?? ''}`;
      }
      case 'op1':
      case 'op': {
        const ks = (e.kind === 'op1' ? [e.arg] : e.args).map((a) => this.shareKey(a, scope));
        return ks.every((k) => k !== undefined) ? `${e.op}(${ks.join(',')})` : undefined;
      }
      default:
        return undefined;
    }
  }

  private compileNode(e: Expr, scope: LocalScope | null): Compiled {
    const c = (x: Expr): Compiled => this.compile(x, scope);
    switch (e.kind) {
      case 'emptyRel':
        return compiled((ctx) => relV(Relation.empty(ctx.cand.n)), CONST, true);
      case 'universe':
        return compiled(() => UNIVERSE, CONST, true);
      case 'tag': {
        const type = this.env.tags.get(e.name);
        if (type === undefined) return compiled(() => evalError(`tag '${e.name} is undefined`, e.span), CONST, true);
        const v: Value = { kind: 'tag', type, name: e.name };
        return compiled(() => v, CONST, true);
      }
      case 'var':
        return this.variable(e.name, e.span, scope);
      case 'op1': {
        const a = c(e.arg), m = meta([a]), code = this.use(a, m), span = e.arg.span, op = e.op;
        const enums = (t: string): readonly string[] | undefined => this.env.enums.get(t);
        return compiled((ctx, env) => ops.op1(op, code(ctx, env), span, ctx.cand, enums), m);
      }
      case 'op':
        return this.operator(e, scope);
      case 'tuple': {
        const items = e.elems.map(c), m = meta(items), codes = items.map((i) => this.use(i, m));
        return compiled((ctx, env) => ({ kind: 'tuple', items: codes.map((f) => f(ctx, env)) }), m);
      }
      case 'app': {
        const f = c(e.fn), a = c(e.arg), m = meta([f, a]), fc = this.use(f, m), ac = this.use(a, m), span = e.span;
        return compiled((ctx, env) => apply(fc(ctx, env), ac(ctx, env), ctx, span), m);
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
      return compiled((ctx, env) => readLocal(ctx, env, depth, index, span), { level: 0, outer: depth + 1, volatile: false }, true);
    }
    return this.globalRead(this.env.global(name), span);
  }

  /**
   * `name` read as a predefined name (no local or model binding of that
   * name is in scope): the code giving its value, or UNBOUND when the
   * candidate does not define it.
   */
  predefined(name: string, scope: LocalScope | null): Compiled | undefined {
    if (scope?.lookup(name) !== undefined) return undefined;
    const g = this.env.global(name);
    return g.constant === undefined && g.ref === undefined ? this.predefRead(g.predef ?? '') : undefined;
  }

  private predefRead(name: string): Compiled {
    const dynamic = DYNAMIC_PREDEFS.has(name), slot = this.env.predefSlot(name);
    const level = dynamic ? CANDIDATE_LEVEL : SKELETON_LEVEL;
    return compiled((ctx) => ctx.cand.predefAt(slot, name, dynamic), { level, outer: 0, volatile: false }, true);
  }

  private globalRead(g: GlobalBinding, span: Span): Compiled {
    if (g.constant !== undefined) {
      const v = g.constant;
      return compiled(() => v, CONST, true);
    }
    const ref = g.ref;
    if (ref === undefined) {
      const name = g.predef ?? '';
      const dynamic = DYNAMIC_PREDEFS.has(name), slot = this.env.predefSlot(name);
      const level = dynamic ? CANDIDATE_LEVEL : SKELETON_LEVEL;
      const code: Code = (ctx) => {
        const v = ctx.cand.predefAt(slot, name, dynamic);
        return v === UNBOUND ? evalError(`unbound var: ${name}`, span) : v;
      };
      return compiled(code, { level, outer: 0, volatile: false }, true);
    }
    const thunks = this.env.thunks;
    const code: Code = (ctx) => {
      const cell = ctx.frames[ref.level][ref.index];
      if (cell !== undefined) return cell.force(ctx, span);
      const thunk = thunks[ref.level]?.[ref.index];
      return thunk === undefined ? evalError('internal: top-level binding not yet defined', span) : valueAt(ctx, ref, thunk, span);
    };
    // `ref.level` is read now: a `let rec` group fixes its level after compiling (volatile meanwhile).
    return compiled(code, { level: ref.level, outer: 0, volatile: g.volatile === true }, true);
  }

  private operator(e: Extract<Expr, { kind: 'op' }>, scope: LocalScope | null): Compiled {
    const span = e.span;
    if (e.op === 'seq') return compileSequence(this, e.args, scope);
    if (e.op === 'inter') {
      const [x, y] = e.args;
      // `r & (A * B)` restricts r; `r & ~s` is a difference (as herd).
      const cart = x.kind === 'op' && x.op === 'cartesian' ? [y, x] : y.kind === 'op' && y.op === 'cartesian' ? [x, y] : undefined;
      if (cart !== undefined && cart[1].kind === 'op') {
        const parts = [cart[0], cart[1].args[0], cart[1].args[1]];
        const cs = parts.map((p) => this.compile(p, scope)), m = meta(cs), [r, d, g] = cs.map((x) => this.use(x, m));
        const [rs, ds, gs] = parts.map((p) => p.span);
        return compiled((ctx, env) => {
          const rel = ops.asRel(r(ctx, env), ctx.cand, rs);
          if (rel.isEmpty()) return rel;
          return relV(rel.restrict(ops.asEvents(d(ctx, env), ctx.cand, ds), ops.asEvents(g(ctx, env), ctx.cand, gs)));
        }, m);
      }
      const comp = y.kind === 'op1' && y.op === 'comp' ? [x, y.arg] : x.kind === 'op1' && x.op === 'comp' ? [y, x.arg] : undefined;
      if (comp !== undefined) return this.leftFirst(comp[0], comp[1], scope, (a, b, s1, s2, ctx) => ops.diff(a, b, s1, s2, ctx.cand, span));
    }
    const args = e.args.map((x) => this.compile(x, scope)), m = meta(args);
    if (e.op === 'inter' || e.op === 'diff') {
      const fused = this.withInverse(e.op, e.args, args, m, span, scope);
      if (fused !== undefined) return fused;
    }
    const codes = args.map((a) => this.use(a, m)), spans = e.args.map((x) => x.span);
    switch (e.op) {
      case 'union': {
        const all: Code = (ctx, env) => {
          const vals = new Array<Value>(codes.length);
          for (let k = 0; k < codes.length; k++) vals[k] = codes[k](ctx, env);
          return ops.union(vals, spans, ctx.cand, span);
        };
        return compiled(m.volatile ? this.unionInFixpoint(args, codes, spans, span, all) : all, m);
      }
      case 'inter':
        return compiled((ctx, env) => {
          const v1 = codes[0](ctx, env);
          return isEmptyOperand(v1) ? v1 : ops.inter(v1, codes[1](ctx, env), spans[0], spans[1], span);
        }, m);
      case 'diff':
        return compiled((ctx, env) => {
          const v1 = codes[0](ctx, env);
          return isEmptyOperand(v1) ? v1 : ops.diff(v1, codes[1](ctx, env), spans[0], spans[1], ctx.cand, span);
        }, m);
      case 'cartesian':
        return compiled((ctx, env) => ops.cartesian(codes[0](ctx, env), codes[1](ctx, env), spans[0], spans[1], ctx.cand), m);
      case 'add':
        return compiled((ctx, env) => ops.add(codes[0](ctx, env), codes[1](ctx, env), spans[0], spans[1], ctx.cand, span), m);
    }
  }

  /**
   * A union in a `let rec` fixpoint: the operands that do not change
   * between iterations (two at least) are united once, in a cell, and
   * each iteration adds the others to that union. Relations only: for
   * anything else (or an error) the operands are united one by one, in
   * order (`all`), as if there were no cell.
   */
  private unionInFixpoint(args: readonly Compiled[], codes: readonly Code[], spans: readonly Span[], span: Span, all: Code): Code {
    const fixed = args.flatMap((a, k) => (a.volatile ? [] : [k])), moving = args.flatMap((a, k) => (a.volatile ? [k] : []));
    if (fixed.length < 2) return all;
    const fixedCodes = fixed.map((k) => codes[k]), fixedSpans = fixed.map((k) => spans[k]), movingSpans = [span, ...moving.map((k) => spans[k])];
    const group = this.use(compiled((ctx, env) => ops.union(fixedCodes.map((c) => c(ctx, env)), fixedSpans, ctx.cand, span), meta(fixed.map((k) => args[k]))), meta(args));
    return (ctx, env) => {
      let g: Value;
      try {
        g = group(ctx, env);
      } catch {
        return all(ctx, env);
      }
      if (g.kind !== 'rel' && g.kind !== 'empty') return all(ctx, env);
      const vals: Value[] = [g];
      for (const k of moving) {
        const v = codes[k](ctx, env);
        vals.push(v);
        if (v.kind === 'rel' || v.kind === 'empty') continue;
        // Not a relation: all the operands in order, those met so far with their values.
        const inOrder = codes.map((c, j) => {
          const at = moving.indexOf(j);
          return at >= 0 && at < vals.length - 1 ? vals[at + 1] : c(ctx, env);
        });
        return ops.union(inOrder, spans, ctx.cand, span);
      }
      return ops.union(vals, movingSpans, ctx.cand, span);
    };
  }

  /**
   * `e & f^-1` and `e \ f^-1` when `f^-1` is not worth a cell: the pairs of
   * `e` are looked up reversed in `f`, rather than `f` reversed (the same
   * values are computed, in the same order).
   */
  private withInverse(op: 'inter' | 'diff', es: readonly Expr[], cs: readonly Compiled[], m: Meta, span: Span, scope: LocalScope | null): Compiled | undefined {
    const [x, y] = es, [cx, cy] = cs;
    if (y.kind !== 'op1' || y.op !== 'inv' || !(cy.outer > 0 || cy.volatile || !(cy.level < m.level || m.outer > 0 || m.volatile))) return undefined;
    const inner = this.compile(y.arg, scope), a = this.use(cx, m), b = this.use(inner, m);
    const enums = (t: string): readonly string[] | undefined => this.env.enums.get(t);
    const [s1, s2, sa] = [x.span, y.span, y.arg.span];
    return compiled((ctx, env) => {
      const v1 = a(ctx, env);
      if (isEmptyOperand(v1)) return v1;
      const w = b(ctx, env);
      if (v1.kind === 'rel' && w.kind === 'rel') return relV(op === 'inter' ? v1.interInverse(w) : v1.diffInverse(w));
      const v2 = ops.op1('inv', w, sa, ctx.cand, enums);
      return op === 'inter' ? ops.inter(v1, v2, s1, s2, span) : ops.diff(v1, v2, s1, s2, ctx.cand, span);
    }, m);
  }

  /** `x op y` for an intersection or difference: an empty `x` is the result, and `y` is not evaluated (see `isEmptyOperand`). */
  private leftFirst(x: Expr, y: Expr, scope: LocalScope | null, f: (a: Value, b: Value, s1: Span, s2: Span, ctx: Ctx) => Value): Compiled {
    const a = this.compile(x, scope), b = this.compile(y, scope), m = meta([a, b]), ac = this.use(a, m), bc = this.use(b, m);
    return compiled((ctx, env) => {
      const v1 = ac(ctx, env);
      return isEmptyOperand(v1) ? v1 : f(v1, bc(ctx, env), x.span, y.span, ctx);
    }, m);
  }

  private explicitSet(elems: readonly Expr[], scope: LocalScope | null): Compiled {
    const items = elems.map((x) => this.compile(x, scope)), m = meta(items), codes = items.map((i) => this.use(i, m));
    const spans = elems.map((x) => x.span);
    const code: Code = (ctx, env) => {
      const vs = codes.map((f) => f(ctx, env));
      if (vs.length === 0) return EMPTY;
      let t = typeOf(vs[0]);
      vs.forEach((v, k) => {
        if (v.kind === 'universe') evalError('universe in explicit set', spans[k]);
        const u = unifyTypes(t, typeOf(v));
        if (u === undefined) evalError(`type ${t} expected, ${typeOf(v)} found`, spans[k]);
        t = u;
      });
      if (t === 'event') return setV(EventSet.of(ctx.cand.n, vs.map((v) => (v.kind === 'event' ? v.id : -1))));
      if (t === 'pair') return relV(Relation.fromEdges(ctx.cand.n, vs.map((v) => (v.kind === 'pair' ? [v.src, v.dst] : [0, 0]) as [number, number])));
      return valset(t, vs);
    };
    return compiled(code, m);
  }

  pattern(p: Pattern): CompiledPattern {
    return p.kind === 'pvar' ? { names: [p.name], tuple: false } : { names: p.names, tuple: true };
  }

  fun(params: Pattern, body: Expr, name: string, scope: LocalScope | null): Compiled {
    const inner = new LocalScope(scope);
    const pat = this.pattern(params);
    for (const n of pat.names) inner.declare(n);
    const b = this.compile(body, inner), bodyCode = b.code;
    return compiled((ctx, env) => ({ kind: 'closure', id: ctx.cand.newId(), name, params: pat, body: bodyCode, env }), unbind(b), true);
  }

  /** `let p1 = e1 and p2 = e2 in body`: lazy bindings evaluated in the outer scope. */
  private letIn(bindings: readonly Binding[], body: Expr, scope: LocalScope | null): Compiled {
    const inner = new LocalScope(scope);
    const bs = bindings.map((b) => ({ c: this.compile(b.expr, scope), pat: this.pattern(b.pattern), span: b.span }));
    const slots = bs.map((b) => b.pat.names.map((n) => inner.declare(n)));
    const bodyC = this.compile(body, inner);
    const m = meta([...bs.map((b) => b.c), unbind(bodyC)]);
    const codes = bs.map((b) => this.use(b.c, m));
    const code: Code = (ctx, env) => {
      const frame: Frame = { vals: new Array(inner.size), parent: env };
      bs.forEach((b, k) => bindLazy(frame, slots[k], b.pat, codes[k], env, b.span));
      return bodyC.code(ctx, frame);
    };
    return compiled(code, m);
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
    return compiled(code, unbind(meta([...bs, bodyC])));
  }
}

/**
 * True for an empty relation or event set: as the left operand of `&` or
 * `\`, it is the result whatever the right operand, which is then not
 * evaluated. (herd evaluates both: the only difference is an error the
 * right operand might raise, which then goes unreported; the value and so
 * the verdict are the same.) This is what makes a model's data-race
 * definitions free on tests with no plain accesses: they all start from
 * `pre-race & ...`.
 */
function isEmptyOperand(v: Value): boolean {
  return (v.kind === 'rel' || v.kind === 'set') && v.isEmpty();
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
    if (names.length === 1 && !f.params.tuple) return f.body(ctx, { vals: [a], parent: f.env });
    const vals = components(a);
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
