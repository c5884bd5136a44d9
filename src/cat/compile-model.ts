/**
 * Compiles a model (stdlib, optional bell file, then the model, with
 * `include`s expanded and variant conditionals decided) into one linear
 * list of top-level steps, allocating a cell per top-level binding at the
 * level of the `with` variables it depends on.
 */
import { DIAG_CODES, notSupported, raise, type Span } from '../diag.js';
import type { AppTest, Binding, CatFile, Expr, Instr, TestType } from './ast.js';
import { components, ExprCompiler, maxLevel, type Compiled } from './compile-expr.js';
import { variantHolds } from './compile-control.js';
import { checkNow, runLinear, type CompiledTest, type Step } from './engine.js';
import type { ModelLoader } from './load.js';
import * as ops from './ops.js';
import { lasting } from '../relation/index.js';
import { CANDIDATE_LEVEL, Cell, LazyLocal, SKELETON_LEVEL, cellAt, valueAt, type CellRef, type CompiledProc, type Ctx, type Failure, type Frame } from './runtime.js';
import { CompileEnv, LocalScope, type GlobalBinding } from './scope.js';
import { EMPTY, evalError, valset, type Value } from './values.js';

/** Where instructions are compiled: the top level (cells, may branch) or a procedure/forall body (locals). */
interface Block {
  readonly steps: Step[];
  /** Null at the top level. */
  readonly scope: LocalScope | null;
  /** Directory of the file, for includes. */
  readonly dir: string | undefined;
  /** True inside the bell file: its `instructions` declarations define annotation sets. */
  readonly inBell: boolean;
}

/** The result of compiling a model. */
export interface CompiledModel {
  readonly title: string | undefined;
  readonly bindsCo: boolean;
  readonly steps: readonly Step[];
  /** A fresh frame of a level (the skeleton's holds the cells of its top-level bindings). */
  readonly newFrame: (level: number) => (Cell | undefined)[];
  /** The value of the top-level binding at `ref` in a branch. */
  readonly read: (ctx: Ctx, ref: CellRef) => Value;
  /** Top-level bindings visible at the end of the model. */
  readonly globals: ReadonlyMap<string, GlobalBinding>;
  /** `show e as name` expressions. */
  readonly shows: ReadonlyMap<string, { readonly ref: CellRef; readonly code: Compiled['code'] }>;
  /** Annotations declared by the bell file's `instructions`. */
  readonly bellAnnotations: ReadonlySet<string>;
}

const BELL_EVENT_SETS = new Set(['R', 'W', 'F', 'RMW', 'B', 'CALL', 'SRCU']);

export class ModelCompiler {
  private readonly env: CompileEnv;
  private readonly exprs: ExprCompiler;
  private readonly top: Step[] = [];
  private readonly shows = new Map<string, { ref: CellRef; code: Compiled['code'] }>();
  private readonly bellAnnotations = new Set<string>();
  /** The top-level bindings of the skeleton level: its frame starts with their (lazy) cells. */
  private readonly skeletonDefs: { ref: CellRef; thunk: (ctx: Ctx) => Value }[] = [];
  /** A fresh frame of `level`: the lazy cells of the skeleton's top-level bindings; above, cells are made when first read. */
  private readonly newFrame = (level: number): (Cell | undefined)[] => {
    const f = new Array<Cell | undefined>(this.env.levelSizes[level] ?? 0);
    if (level === SKELETON_LEVEL) for (const d of this.skeletonDefs) f[d.ref.index] = new Cell(d.thunk, true);
    return f;
  };
  private withCount = 0;
  private bindsCo = false;
  private procIds = 0;

  constructor(private readonly loader: ModelLoader, variants: ReadonlySet<string>) {
    this.env = new CompileEnv(variants);
    this.exprs = new ExprCompiler(this.env);
  }

  /** Compiles `file` at the top level (`inBell` for the bell file). */
  addFile(file: CatFile, dir: string | undefined, inBell: boolean): void {
    this.instrs(file.instrs, { steps: this.top, scope: null, dir, inBell }, 0);
  }

  finish(title: string | undefined): CompiledModel {
    return {
      title,
      bindsCo: this.bindsCo,
      steps: this.top,
      newFrame: this.newFrame,
      read: (ctx, ref) => readCell(ctx, ref, this.env.thunks, undefined),
      globals: this.env.globals,
      shows: this.shows,
      bellAnnotations: this.bellAnnotations,
    };
  }

  /** Declares the lazy cell of a top-level binding. */
  private define(ref: CellRef, thunk: (ctx: Ctx) => Value): void {
    this.env.defineThunk(ref, thunk);
    if (ref.level === SKELETON_LEVEL) this.skeletonDefs.push({ ref, thunk });
  }

  private instrs(is: readonly Instr[], b: Block, depth: number): void {
    for (const i of is) this.instr(i, b, depth);
  }

  private instr(i: Instr, b: Block, depth: number): void {
    switch (i.kind) {
      case 'let':
        return this.let(i.bindings, b);
      case 'rec':
        return this.rec(i.bindings, i.test, b, i.span);
      case 'test':
        b.steps.push({ kind: 'test', test: this.test(i.test, i.type, b) });
        return;
      case 'include': {
        if (b.scope !== null) notSupported('include inside a procedure', i.span);
        if (depth > 40) raise(DIAG_CODES.MODEL_EVAL, `include nesting too deep (loop?) at "${i.file}"`, i.span);
        const f = this.loader.load(i.file, b.dir, i.span);
        this.instrs(f.file.instrs, { ...b, dir: f.dir }, depth + 1);
        return;
      }
      case 'ifVariant':
        return this.instrs(variantHolds(i.cond, this.env.variants) ? i.then : i.else, b, depth);
      case 'enum': {
        for (const t of i.tags) this.env.tags.set(t, i.name);
        this.env.enums.set(i.name, i.tags);
        const v = valset(i.name, i.tags.map((t): Value => ({ kind: 'tag', type: i.name, name: t })));
        this.bindGlobalOrLocal(i.name, { constant: v }, b, v);
        return;
      }
      case 'withFrom':
        return this.withFrom(i, b);
      case 'procedure':
        return this.procedure(i, b);
      case 'call': {
        const proc = this.exprs.variable(i.name, i.span, b.scope).code;
        const arg = this.exprs.compile(i.arg, b.scope).code;
        const names = i.checkName !== undefined ? [i.checkName, i.name] : [i.name];
        b.steps.push({ kind: 'call', proc, arg, names, span: i.span });
        return;
      }
      case 'forall': {
        const set = this.exprs.compile(i.set, b.scope).code;
        const scope = new LocalScope(b.scope);
        scope.declare(i.name);
        const body: Step[] = [];
        this.instrs(i.body, { steps: body, scope, dir: b.dir, inBell: b.inBell }, depth);
        b.steps.push({ kind: 'forall', set, frameSize: scope.size, body, span: i.span });
        return;
      }
      case 'showAs':
        if (b.scope === null) {
          const c = this.exprs.compile(i.expr, null);
          this.shows.set(i.name, { ref: this.env.allocate(c.level), code: c.code });
        }
        return;
      case 'events':
        if (b.inBell) this.declareEvents(i.name, i.args, i.span);
        return;
      case 'insMatch':
        return notSupported('instruction-level match', i.span);
      case 'show':
      case 'unshow':
      case 'debug':
        return;
    }
  }

  /** Binds `name` at the top level (a global binding) or as a local with constant value `v`. */
  private bindGlobalOrLocal(name: string, g: GlobalBinding, b: Block, v: Value): void {
    if (b.scope === null) {
      this.env.globals.set(name, g);
      return;
    }
    const slot = b.scope.declare(name);
    b.steps.push({ kind: 'local', bind: (_ctx, env) => void (env.vals[slot] = v) });
  }

  private let(bindings: readonly Binding[], b: Block): void {
    const compiled = bindings.map((x) => ({ c: this.exprs.compile(x.expr, b.scope), pat: this.exprs.pattern(x.pattern), span: x.span }));
    if (b.scope !== null) {
      const scope = b.scope;
      for (const { c, pat, span } of compiled) {
        const slots = pat.names.map((n) => scope.declare(n));
        b.steps.push({ kind: 'local', bind: (_ctx, env) => bindLocal(env, slots, pat.tuple, c.code, span) });
      }
      return;
    }
    const defs: [string, GlobalBinding][] = [];
    for (const { c, pat, span } of compiled) {
      const code = c.code;
      if (!pat.tuple) {
        if (pat.names[0] === undefined) continue;
        const ref = this.env.allocate(c.level);
        this.define(ref, (ctx) => code(ctx, null));
        defs.push([pat.names[0], { ref }]);
        continue;
      }
      const whole = this.env.allocate(c.level);
      this.define(whole, (ctx) => code(ctx, null));
      pat.names.forEach((name, k) => {
        if (name === undefined) return;
        const ref = this.env.allocate(c.level);
        const thunks = this.env.thunks;
        this.define(ref, (ctx) => part(readCell(ctx, whole, thunks, span), k, span));
        defs.push([name, { ref }]);
      });
    }
    for (const [n, g] of defs) this.env.globals.set(n, g);
  }

  /** `let rec`: functions are closures over the group; values are a least fixpoint from `{}`. */
  private rec(bindings: readonly Binding[], testI: AppTest | undefined, b: Block, span: Span): void {
    if (b.scope !== null) notSupported('let rec inside a procedure', span);
    const members = bindings.map((x) => ({ pat: this.exprs.pattern(x.pattern), isFun: x.expr.kind === 'fun', expr: x.expr, span: x.span }));
    // References to the group resolve to these refs; their level is fixed once the group is compiled.
    const refs = members.map((m) => m.pat.names.map((name) => ({ name, ref: { level: 0, index: -1 } })));
    for (const { name, ref } of refs.flat()) if (name !== undefined) this.env.globals.set(name, { ref, volatile: true });
    const compiled = members.map((m) => this.exprs.compile(m.expr, null));
    const testC = testI === undefined ? undefined : this.exprs.compile(testI.expr, null);
    const test = testI === undefined || testC === undefined ? undefined : this.testOf(testI, 'check', testC, undefined);
    const level = Math.max(maxLevel(compiled), testC?.level ?? 0);
    for (const { ref } of refs.flat()) Object.assign(ref, this.env.allocate(level));
    for (const { name, ref } of refs.flat()) if (name !== undefined) this.env.globals.set(name, { ref });
    const values = members
      .map((m, k) => ({ ...m, code: compiled[k].code, refs: refs[k].map((x) => x.ref as CellRef) }))
      .filter((m) => !m.isFun);
    const solve = (ctx: Ctx, skip: ReadonlySet<string>): Failure | undefined => {
      const cells = values.map((m) => m.refs.map((r) => cellAt(ctx, r, this.env.thunks[r.level][r.index])));
      try {
        for (const cs of cells) for (const c of cs) c?.set(EMPTY);
        let old: Value[] = values.map(() => EMPTY);
        for (;;) {
          const neu = values.map((m, k) => {
            const v = m.code(ctx, null);
            if (!m.pat.tuple) cells[k][0]?.set(v);
            else cells[k].forEach((c, j) => c?.set(part(v, j, m.span)));
            return v;
          });
          if (test !== undefined && !(test.name !== undefined && skip.has(test.name))) {
            const f = checkNow(test, ctx, null);
            if (f !== undefined) return f;
          }
          if (neu.every((v, k) => ops.stabilised(old[k], v, ctx.cand, span))) return undefined;
          old = neu;
        }
      } catch (e) {
        for (const cs of cells) for (const c of cs) c?.fail(e);
        throw e;
      }
    };
    members.forEach((m, k) => {
      const code = compiled[k].code;
      for (const { ref } of refs[k]) {
        const thunk = m.isFun
          ? (ctx: Ctx): Value => code(ctx, null)
          : (ctx: Ctx): Value => {
              solve(ctx, NO_SKIP);
              return ctx.frames[ref.level][ref.index]?.peek() ?? EMPTY;
            };
        this.define(ref, thunk);
      }
    });
    // The values of a skeleton-level group outlive the candidate that first needs them.
    const run = level === SKELETON_LEVEL ? (ctx: Ctx, skip: ReadonlySet<string>) => lasting(() => solve(ctx, skip)) : solve;
    if (test !== undefined) this.top.push({ kind: 'solve', run: (ctx, _env, skip) => run(ctx, skip) });
  }

  private testOf(t: AppTest, type: TestType, c: Compiled, ref: CellRef | undefined): CompiledTest {
    const code = c.code;
    return { negated: t.negated, test: t.test, name: t.name, type, span: t.span, code, ref, thunk: (ctx) => code(ctx, null) };
  }

  /** A check; at the top level its value is cached in a cell shared by the branches that agree on its level. */
  private test(t: AppTest, type: TestType, b: Block): CompiledTest {
    const c = this.exprs.compile(t.expr, b.scope);
    return this.testOf(t, type, c, b.scope === null ? this.env.allocate(c.level) : undefined);
  }

  private withFrom(i: Extract<Instr, { kind: 'withFrom' }>, b: Block): void {
    if (b.scope !== null) notSupported('with ... from inside a procedure or forall', i.span);
    const c = this.exprs.compile(i.set, null);
    const setRef = this.env.allocate(c.level);
    const depth = CANDIDATE_LEVEL + ++this.withCount;
    const varRef = this.env.allocate(depth);
    this.env.globals.set(i.name, { ref: varRef });
    if (i.name === 'co') this.bindsCo = true;
    const set = c.code;
    this.top.push({ kind: 'with', depth, newFrame: this.newFrame, set, setRef, setThunk: (ctx) => set(ctx, null), varRef, span: i.span });
  }

  private procedure(i: Extract<Instr, { kind: 'procedure' }>, b: Block): void {
    if (b.scope !== null) notSupported('procedure inside a procedure', i.span);
    const scope = new LocalScope(null);
    const params = this.exprs.pattern(i.params);
    for (const n of params.names) scope.declare(n);
    const body: Step[] = [];
    const proc: CompiledProc = {
      name: i.name,
      params,
      get frameSize() {
        return scope.size;
      },
      run: (ctx, env, branch) => runLinear(body, ctx, env, branch),
    };
    const value: Value = { kind: 'proc', id: this.procIds++, proc, env: null };
    if (i.isRec) this.env.globals.set(i.name, { constant: value });
    this.instrs(i.body, { steps: body, scope, dir: b.dir, inBell: b.inBell }, 0);
    this.env.globals.set(i.name, { constant: value });
  }

  /** Bell `instructions X[tags]`: the annotations get event sets named after them. */
  private declareEvents(name: string, args: readonly Expr[], span: Span): void {
    if (!BELL_EVENT_SETS.has(name)) evalError(`event type ${name} is not part of legal {${[...BELL_EVENT_SETS].join(',')}}`, span);
    for (const a of args) for (const t of this.staticTags(a)) this.bellAnnotations.add(t);
  }

  /** Tags denoted by a bell declaration argument: a tag, an enum name, a set or union of those. */
  private staticTags(e: Expr): string[] {
    switch (e.kind) {
      case 'tag':
        return [e.name];
      case 'var': {
        const g = this.env.globals.get(e.name);
        if (g?.constant?.kind === 'valset') return [...g.constant.items.values()].flatMap((v) => (v.kind === 'tag' ? [v.name] : []));
        return notSupported(`bell declaration argument '${e.name}' (not an enum)`, e.span);
      }
      case 'set':
        return e.elems.flatMap((x) => this.staticTags(x));
      case 'op':
        if (e.op === 'union') return e.args.flatMap((x) => this.staticTags(x));
        break;
      default:
        break;
    }
    return notSupported('bell declaration argument (expected tags)', e.span);
  }
}

const NO_SKIP: ReadonlySet<string> = new Set();

function readCell(ctx: Ctx, ref: CellRef, thunks: readonly (readonly ((ctx: Ctx) => Value)[])[], span: Span | undefined): Value {
  const c = ctx.frames[ref.level][ref.index];
  if (c !== undefined) return c.force(ctx, span);
  const thunk = thunks[ref.level]?.[ref.index];
  return thunk === undefined ? evalError('internal: binding not yet defined', span) : valueAt(ctx, ref, thunk, span);
}

/** Component `k` of a value bound to a tuple pattern. */
function part(v: Value, k: number, span: Span): Value {
  const parts = components(v);
  return k < parts.length ? parts[k] : evalError('binding mismatch', span);
}

function bindLocal(env: Frame, slots: readonly number[], tuple: boolean, code: Compiled['code'], span: Span): void {
  if (!tuple) {
    env.vals[slots[0]] = new LazyLocal(code, env);
    return;
  }
  const whole = new LazyLocal(code, env);
  slots.forEach((slot, k) => {
    env.vals[slot] = new LazyLocal((ctx) => part(whole.force(ctx, span), k, span), null);
  });
}
