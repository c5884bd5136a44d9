/**
 * Loading a model (parse and compile once) and evaluating it on candidate
 * executions: one outcome per `with` branch.
 */
import type { Span } from '../diag.js';
import type { CandidateExecution } from '../enumerate/types.js';
import type { EdgeList } from '../exec/types.js';
import type { ParseCache } from '../parse-cache.js';
import { closeScratch, openScratch } from '../relation/index.js';
import { ModelCompiler, type CompiledModel } from './compile-model.js';
import { runTop } from './engine.js';
import { ModelLoader } from './load.js';
import { C_ARCH_SETS, bellSetNames, predefValue, type PredefConfig } from './predef.js';
import type { ModelResolver } from './resolver.js';
import { CANDIDATE_LEVEL, Candidate, SKELETON_LEVEL, Skeleton, cellAt, sameShape, shapeHash, type BranchState, type Ctx, type Failure } from './runtime.js';
import { CatError, UNBOUND, type Value } from './values.js';

export interface LoadOptions {
  readonly resolver: ModelResolver;
  /** Selected variants (herd's `-variant`), for `if "name"` in models. */
  readonly variants: ReadonlySet<string>;
  /** A bell file (herd's `-bell`), evaluated before the model in the same environment. */
  readonly bell?: string;
  /** Event set names always defined, even when no event belongs to them (default: herd's C architecture sets). */
  readonly archSets?: readonly string[];
  /** Where parsed files may be kept from one run to the next. */
  readonly parseCache?: ParseCache;
}

export interface EvaluateOptions {
  /** Names of checks (and `call ... as name`) to skip, as herd's `-skipcheck`. */
  readonly skipChecks?: ReadonlySet<string>;
}

/** A failing check. */
export interface FailedCheck {
  readonly name: string | undefined;
  /** The property the check requires (`nonempty` for `~empty`, `cyclic` for `~acyclic`...). */
  readonly kind: 'acyclic' | 'irreflexive' | 'empty' | 'nonempty' | 'cyclic' | 'reflexive';
  readonly span: Span;
  /** The tested value: the pairs of a relation, or the events of a set. */
  evidence(): EdgeList | readonly number[];
}

export interface ModelOutcome {
  /** All (non-skipped) checks passed. herd stops evaluating a branch at its first failing check. */
  readonly consistent: boolean;
  /** The first failing check, when not consistent. */
  readonly failed?: FailedCheck;
  /** Names of `flag` checks that fired (e.g. 'data-race'), in model order. */
  readonly flags: readonly string[];
  /** An `undefined_unless` check failed (C11 models' undefined behaviour). */
  readonly undefinedBehaviour: boolean;
  /** Look up a relation or set bound at the end of this branch (e.g. 'co', 'hb'), for reports and explanations. */
  lookup(name: string): EdgeList | readonly number[] | undefined;
}

export interface CatModel {
  readonly title: string | undefined;
  /** True when the model binds `co` itself (`with co from ...`), so enumeration must not supply co. */
  readonly bindsCo: boolean;
  /** The model declares herd's `catdep` option (it computes dependencies from register events itself). */
  readonly catdep: boolean;
  /** Evaluate on one candidate; one outcome per `with` branch (in order). A `with` over an empty set yields no outcome. */
  evaluate(x: CandidateExecution, opts?: EvaluateOptions): ModelOutcome[];
  /**
   * Like `evaluate`, calling `visit` on each outcome in turn. The outcomes,
   * and the relations and sets they give, are valid only during the call:
   * the memory of one candidate's evaluation is reused for the next.
   */
  evaluateEach(x: CandidateExecution, opts: EvaluateOptions | undefined, visit: (o: ModelOutcome) => void): void;
}

const NO_SKIP: ReadonlySet<string> = new Set();
/** Skeletons kept per model (enumeration visits shapes mostly in sequence). */
const SHAPES_KEPT = 8;

/** The skeletons of the few shapes seen last, by key (a shape token, or a hash checked by `same`). */
class SkeletonCache<K> {
  private last: Skeleton | undefined;
  private lastKey: K | undefined;
  private readonly byKey = new Map<K, Skeleton>();

  get(key: K, x: CandidateExecution, same: (a: CandidateExecution, b: CandidateExecution) => boolean, make: (x: CandidateExecution) => Skeleton): Skeleton {
    if (this.last !== undefined && this.lastKey === key && (this.last.x === x || same(this.last.x, x))) return this.last;
    let s = this.byKey.get(key);
    if (s === undefined || !same(s.x, x)) {
      s = make(x);
      this.byKey.delete(key);
      if (this.byKey.size >= SHAPES_KEPT) this.byKey.delete(this.byKey.keys().next().value as K);
      this.byKey.set(key, s);
    }
    this.last = s;
    this.lastKey = key;
    return s;
  }
}

/** Parses and compiles the model at `path` (found through the resolver). Throws WeakmemError with a span. */
export function loadModel(path: string, opts: LoadOptions): CatModel {
  const loader = new ModelLoader(opts.resolver, opts.parseCache);
  const main = loader.load(path, undefined);
  return build(loader, main.file, main.dir, opts);
}

/** Parses and compiles model text given directly (`displayPath` names it in messages). */
export function loadModelText(text: string, displayPath: string, opts: LoadOptions): CatModel {
  const loader = new ModelLoader(opts.resolver, opts.parseCache);
  const file = loader.parse(text, displayPath);
  const slash = displayPath.lastIndexOf('/');
  return build(loader, file, slash >= 0 ? displayPath.slice(0, slash) : undefined, opts);
}

function build(loader: ModelLoader, main: ReturnType<ModelLoader['parse']>, dir: string | undefined, opts: LoadOptions): CatModel {
  const compiler = new ModelCompiler(loader, opts.variants);
  const std = loader.load('stdlib.cat', undefined);
  compiler.addFile(std.file, std.dir, false);
  if (opts.bell !== undefined) {
    const bell = loader.load(opts.bell, dir);
    compiler.addFile(bell.file, bell.dir, true);
  }
  compiler.addFile(main, dir, false);
  const compiled = compiler.finish(main.title);
  const cfg: PredefConfig = { bellSets: bellSetNames(compiled.bellAnnotations), archSets: new Set(opts.archSets ?? C_ARCH_SETS) };
  // Candidates of the same shape (events up to their values, static relations) share the
  // skeleton-level work: found by the enumerator's shape token, else by hashing the shape.
  const skeletons = new SkeletonCache<object>();
  const byHash = new SkeletonCache<number>();
  const newSkeleton = (x: CandidateExecution): Skeleton => new Skeleton(x, compiled.newFrame(SKELETON_LEVEL));
  const skeletonOf = (x: CandidateExecution): Skeleton =>
    x.shape !== undefined ? skeletons.get(x.shape, x, () => true, newSkeleton) : byHash.get(shapeHash(x), x, sameShape, newSkeleton);
  return {
    title: compiled.title,
    bindsCo: compiled.bindsCo,
    catdep: main.options.includes('catdep'),
    evaluate: (x, o) => evaluate(compiled, cfg, x, skeletonOf(x), o?.skipChecks ?? NO_SKIP),
    evaluateEach: (x, o, visit) => {
      const mark = openScratch();
      try {
        for (const out of evaluate(compiled, cfg, x, skeletonOf(x), o?.skipChecks ?? NO_SKIP)) visit(out);
      } finally {
        closeScratch(mark);
      }
    },
  };
}

function evaluate(m: CompiledModel, cfg: PredefConfig, x: CandidateExecution, skeleton: Skeleton, skip: ReadonlySet<string>): ModelOutcome[] {
  const cand = new Candidate(x, skeleton, (name, c) => predefValue(name, c, cfg));
  const ctx: Ctx = { cand, frames: [skeleton.frame, m.newFrame(CANDIDATE_LEVEL)] };
  const out: ModelOutcome[] = [];
  const branch: BranchState = { flags: [], undefinedBehaviour: false, skip };
  try {
    runTop(m.steps, 0, ctx, branch, (c, b, failure) => out.push(outcome(m, c, b, failure)));
  } catch (e) {
    if (e instanceof CatError) e.raise();
    throw e;
  }
  return out;
}

function outcome(m: CompiledModel, ctx: Ctx, b: BranchState, failure: Failure | undefined): ModelOutcome {
  const lookup = (name: string): EdgeList | readonly number[] | undefined => {
    try {
      return toData(lookupValue(m, ctx, name));
    } catch {
      return undefined;
    }
  };
  const base = { flags: b.flags, undefinedBehaviour: b.undefinedBehaviour, lookup };
  if (failure === undefined) return { consistent: true, ...base };
  const { name, kind, span, value } = failure;
  return { consistent: false, failed: { name, kind, span, evidence: () => toData(value) ?? [] }, ...base };
}

function lookupValue(m: CompiledModel, ctx: Ctx, name: string): Value | undefined {
  const g = m.globals.get(name);
  if (g?.constant !== undefined) return g.constant;
  if (g?.ref !== undefined) return ctx.frames[g.ref.level] === undefined ? undefined : m.read(ctx, g.ref);
  const s = m.shows.get(name);
  if (s !== undefined && ctx.frames[s.ref.level] !== undefined) return cellAt(ctx, s.ref, (c) => s.code(c, null)).force(ctx, undefined);
  const v = ctx.cand.predef(name);
  return v === UNBOUND ? undefined : v;
}

function toData(v: Value | undefined): EdgeList | readonly number[] | undefined {
  if (v === undefined) return undefined;
  switch (v.kind) {
    case 'rel':
      return v.edges();
    case 'set':
      return v.toArray();
    case 'empty':
      return [];
    case 'pair':
      return [[v.src, v.dst]];
    case 'event':
      return [v.id];
    default:
      return undefined;
  }
}
