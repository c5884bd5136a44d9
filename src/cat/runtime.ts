/**
 * Run-time structures of compiled models. Top-level bindings (and hoisted
 * subexpressions) live in lazy cells grouped by *level*, the most variable
 * thing they depend on:
 *   - level 0 (skeleton): the events up to their values and the static
 *     relations (po, dependencies...): shared by all candidates of a shape;
 *   - level 1 (candidate): rf, co, final writes, values;
 *   - level 1+k: the variable of the k-th `with` of the model.
 * A branch of the k-th `with` gets a fresh level-(1+k) frame and shares the
 * frames of lower levels with its siblings, so what does not depend on the
 * choice is evaluated once. Local variables (function parameters, `let ...
 * in`) live in linked frames.
 */
import type { Span } from '../diag.js';
import { WeakmemError, DIAG_CODES } from '../diag.js';
import type { CandidateExecution } from '../enumerate/types.js';
import type { EdgeList } from '../exec/types.js';
import { EventSet, Relation, lasting } from '../relation/index.js';
import type { Value } from './values.js';
import { CatError, evalError } from './values.js';

/** Compiled expression. */
export type Code = (ctx: Ctx, env: Frame | null) => Value;

/** A local-variable frame. */
export interface Frame {
  readonly vals: Slot[];
  readonly parent: Frame | null;
}

/** A local slot: a value, or a lazily evaluated `let ... in` binding. */
export type Slot = Value | LazyLocal | undefined;

const PENDING = 0, RUNNING = 1, DONE = 2, FAILED = 3;

/** A lazily evaluated local binding (herd evaluates `let` bindings on demand). */
export class LazyLocal {
  private state = PENDING;
  private value: Value | undefined;
  private error: unknown;
  constructor(private readonly code: Code, private readonly env: Frame | null) {}

  force(ctx: Ctx, span: Span): Value {
    if (this.state === DONE) return this.value as Value;
    if (this.state === FAILED) throw this.error;
    if (this.state === RUNNING) evalError('recursive definition evaluated during its own evaluation', span);
    this.state = RUNNING;
    try {
      this.value = this.code(ctx, this.env);
      this.state = DONE;
      return this.value;
    } catch (e) {
      this.state = FAILED;
      this.error = e;
      throw e;
    }
  }
}

/**
 * A top-level binding, or a cached anonymous expression (check, `with` set), of one branch.
 *
 * A cell above the skeleton level whose evaluation turns out to read
 * nothing that varies between the candidates of a skeleton (rf, co, final
 * writes, values, a `with` choice, a fresh closure), through the cells it
 * reads or otherwise, has a value every candidate of the skeleton shares:
 * the skeleton keeps it (see `Skeleton.constantAt`), and the cell of the
 * next candidate takes it without evaluating anything. (Evaluation is
 * deterministic, and its only side effect is numbering closures.)
 */
export class Cell {
  private state = PENDING;
  private value: Value | undefined;
  private error: unknown;
  /** The value may vary between the candidates of the skeleton (see `Candidate.readsDynamic`). */
  private dynamic = true;
  /** Cached outcome of the check on this value, when the cell is a check's expression. */
  checkResult: boolean | undefined;
  /**
   * `lasts`: the cell is kept beyond one candidate (skeleton level), so is
   * its value (see `lasting`); `ref`: where the cell is, for one above the
   * skeleton level whose value the skeleton may keep.
   */
  constructor(private readonly thunk: (ctx: Ctx) => Value, private readonly lasts = false, private readonly ref?: CellRef) {}

  force(ctx: Ctx, span: Span | undefined): Value {
    const cand = ctx.cand;
    if (this.state === DONE) {
      if (this.dynamic) cand.readsDynamic = true;
      return this.value as Value;
    }
    if (this.state === FAILED) {
      cand.readsDynamic = true;
      throw this.error;
    }
    if (this.state === RUNNING) evalError('definition depends on itself (use let rec)', span);
    if (this.ref !== undefined) {
      const known = cand.skeleton.constantAt(this.ref);
      if (known !== undefined) {
        this.value = known;
        this.state = DONE;
        this.dynamic = false;
        return known;
      }
    }
    this.state = RUNNING;
    const outer = cand.readsDynamic;
    cand.readsDynamic = false;
    try {
      const v = this.lasts ? lastingValue(this.thunk, ctx) : this.thunk(ctx);
      this.dynamic = cand.readsDynamic && !this.lasts;
      this.value = !this.dynamic && this.ref !== undefined ? cand.skeleton.keepConstant(this.ref, v) : v;
      this.state = DONE;
      cand.readsDynamic = outer || this.dynamic;
      return this.value;
    } catch (e) {
      this.state = FAILED;
      this.error = e;
      cand.readsDynamic = true;
      throw e;
    }
  }

  /** Sets the value directly (fixpoint iteration, `with` variables); above the skeleton level, it counts as varying. */
  set(v: Value): void {
    this.value = v;
    this.state = DONE;
    this.dynamic = !this.lasts;
  }

  fail(e: unknown): void {
    this.error = e;
    this.state = FAILED;
  }

  get isDone(): boolean {
    return this.state === DONE;
  }

  /** The value, when evaluated (no evaluation triggered). */
  peek(): Value | undefined {
    return this.state === DONE ? this.value : undefined;
  }
}

/**
 * The value of `thunk`, which outlives the candidate being evaluated (see
 * `lasting`). Kept apart so that the callers' frames make no closure.
 */
function lastingValue(thunk: (ctx: Ctx) => Value, ctx: Ctx): Value {
  return lasting(() => thunk(ctx));
}

function lastingPredef(compute: (name: string, cand: Candidate) => Value, name: string, cand: Candidate): Value {
  return lasting(() => compute(name, cand));
}

/** Position of a top-level cell. */
export interface CellRef {
  readonly level: number;
  readonly index: number;
}

/** Level of the cells that depend only on the events and static relations (shared by candidates). */
export const SKELETON_LEVEL = 0;
/** Level of the cells that depend on rf, co or final writes (one candidate). */
export const CANDIDATE_LEVEL = 1;

/**
 * Predefined names that vary between candidates of the same shape: those
 * built from rf, co or the final writes, and `different-values` (the only
 * one reading the events' values).
 */
export const DYNAMIC_PREDEFS: ReadonlySet<string> = new Set(['rf', 'co', 'coe', 'coi', 'fr', 'fre', 'fri', 'pco', 'FW', 'different-values']);

/**
 * A cheap hash of a candidate's *shape* (events without their values, and
 * the static relations); `sameShape` decides.
 */
export function shapeHash(x: CandidateExecution): number {
  let h = 0x811c9dc5;
  const mix = (v: number): void => {
    h = Math.imul(h ^ v, 0x01000193);
  };
  for (const e of x.events) {
    mix(e.action.charCodeAt(0) + (e.action.length << 8));
    mix(e.loc === undefined ? -1 : e.loc.charCodeAt(0) + (e.loc.length << 8));
    mix(e.thread);
    mix(e.instr);
    mix(e.tags.length + ((e.tags[0]?.length ?? 0) << 4) + ((e.sets?.length ?? 0) << 12));
  }
  for (const r of [x.po, x.addr, x.data, x.ctrl, x.rmw, x.iicoData, x.iicoCtrl]) mix(r.length);
  return h >>> 0;
}

const sameStrings = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
  (a ?? []).length === (b ?? []).length && (a ?? []).every((t, i) => (b ?? [])[i] === t);

const sameEdges = (a: EdgeList, b: EdgeList): boolean => a === b || (a.length === b.length && a.every(([p, q], i) => b[i][0] === p && b[i][1] === q));

/** True when two candidates have the same shape. */
export function sameShape(x: CandidateExecution, y: CandidateExecution): boolean {
  if (x.events.length !== y.events.length) return false;
  for (let i = 0; i < x.events.length; i++) {
    const a = x.events[i], b = y.events[i];
    if (a === b) continue;
    if (a.action !== b.action || a.loc !== b.loc || a.thread !== b.thread || a.instr !== b.instr || a.isInit !== b.isInit) return false;
    if (!sameStrings(a.tags, b.tags) || !sameStrings(a.sets, b.sets)) return false;
  }
  return sameEdges(x.po, y.po) && sameEdges(x.addr, y.addr) && sameEdges(x.data, y.data) && sameEdges(x.ctrl, y.ctrl) &&
    sameEdges(x.rmw, y.rmw) && sameEdges(x.iicoData, y.iicoData) && sameEdges(x.iicoCtrl, y.iicoCtrl);
}

/**
 * What candidates of the same shape share: the skeleton-level cells and
 * predefined names, and the identity counter of closures.
 */
export class Skeleton {
  readonly n: number;
  readonly predefs = new Map<string, Value>();
  /** The same values, by compile-time slot (see `Candidate.predefAt`). */
  readonly predefSlots: (Value | undefined)[] = [];
  /** Level-0 cells. */
  readonly frame: (Cell | undefined)[];
  /** Counter giving closures and procedures their identity. */
  nextId = 0;
  /** Values computed from the events and a value (by identity): see `derive`. */
  private readonly derived = new WeakMap<object, unknown>();
  private allSet: EventSet | undefined;
  private idRel: Relation | undefined;
  private unvRel: Relation | undefined;
  /** The values of cells above the skeleton level that are the same for every candidate, by level and index. */
  private readonly constants: (Value | undefined)[][] = [];

  constructor(readonly x: CandidateExecution, frame: (Cell | undefined)[]) {
    this.n = x.events.length;
    this.frame = frame;
  }

  /** True when `y` has the same events and static relations (by identity) as this skeleton's. */
  matches(y: CandidateExecution): boolean {
    const x = this.x;
    return x.events === y.events && x.po === y.po && x.addr === y.addr && x.data === y.data && x.ctrl === y.ctrl &&
      x.rmw === y.rmw && x.iicoData === y.iicoData && x.iicoCtrl === y.iicoCtrl;
  }

  /**
   * `make(key)`, computed once for the candidates of this skeleton: `make`
   * must depend on `key` and on the events up to their values only.
   */
  derive<K extends object, V>(key: K, make: (key: K) => V): V {
    if (this.derived.has(key)) return this.derived.get(key) as V;
    const v = lasting(() => make(key));
    this.derived.set(key, v);
    return v;
  }

  /** The value every candidate of this skeleton has in the cell at `ref`, when known. */
  constantAt(ref: CellRef): Value | undefined {
    return this.constants[ref.level]?.[ref.index];
  }

  /**
   * Keeps `v`, the value of the cell at `ref` for every candidate of this
   * skeleton, when it is a value that can outlive the candidate (a copy of
   * its words); returns the value to use.
   */
  keepConstant(ref: CellRef, v: Value): Value {
    let kept: Value | undefined;
    switch (v.kind) {
      case 'rel':
      case 'set':
        kept = lasting(() => v.copy());
        break;
      case 'empty':
      case 'universe':
      case 'tag':
      case 'event':
      case 'pair':
        kept = v;
        break;
      default:
        return v;
    }
    while (this.constants.length <= ref.level) this.constants.push([]);
    this.constants[ref.level][ref.index] = kept;
    return kept;
  }

  get all(): EventSet {
    return this.allSet ?? this.makeAll();
  }
  get id(): Relation {
    return this.idRel ?? this.makeId();
  }
  get unv(): Relation {
    return this.unvRel ?? this.makeUnv();
  }

  // Made on first use, which may be while a candidate is evaluated: they outlive it.
  private makeAll(): EventSet {
    return (this.allSet = lasting(() => EventSet.full(this.n)));
  }
  private makeId(): Relation {
    return (this.idRel = lasting(() => Relation.identity(this.n)));
  }
  private makeUnv(): Relation {
    return (this.unvRel = lasting(() => Relation.universe(this.n)));
  }
}

/** Per-candidate data shared by all branches. */
export class Candidate {
  readonly n: number;
  private readonly predefs = new Map<string, Value>();
  private readonly predefSlots: (Value | undefined)[] = [];

  /** `compute` gives the predefined names (UNBOUND when undefined); each is computed once. */
  constructor(readonly x: CandidateExecution, readonly skeleton: Skeleton, private readonly compute: (name: string, cand: Candidate) => Value) {
    this.n = x.events.length;
  }

  /**
   * Set when the evaluation under way has read something that varies
   * between the candidates of the skeleton: a cell evaluates with it
   * cleared and passes it on to the evaluation that reads the cell.
   */
  readsDynamic = false;

  /** `predef(name)` (`dynamic` when `name` is in DYNAMIC_PREDEFS), cached in a slot the compiler gave `name`. */
  predefAt(slot: number, name: string, dynamic: boolean): Value {
    if (dynamic && this.varies(name)) this.readsDynamic = true;
    const cache = dynamic ? this.predefSlots : this.skeleton.predefSlots;
    const v = cache[slot];
    return v !== undefined ? v : (cache[slot] = this.predef(name));
  }

  /** The value of predefined `name`, or UNBOUND. */
  predef(name: string): Value {
    const dynamic = DYNAMIC_PREDEFS.has(name);
    if (dynamic && this.varies(name)) this.readsDynamic = true;
    const cache = dynamic ? this.predefs : this.skeleton.predefs;
    let v = cache.get(name);
    if (v === undefined) {
      v = dynamic ? this.compute(name, this) : lastingPredef(this.compute, name, this);
      cache.set(name, v);
    }
    return v;
  }

  /** True when predefined `name` (one of DYNAMIC_PREDEFS) may differ between the candidates of the skeleton. */
  private varies(name: string): boolean {
    return !(name === 'FW' && this.x.fixedFinalWrites === true);
  }

  /** A fresh identity for a closure or procedure. */
  newId(): number {
    this.readsDynamic = true;
    return this.skeleton.nextId++;
  }
  /** All events. */
  get all(): EventSet {
    return this.skeleton.all;
  }
  get id(): Relation {
    return this.skeleton.id;
  }
  /** All pairs of events. */
  get unv(): Relation {
    return this.skeleton.unv;
  }
}

/** Evaluation context of one branch. */
export interface Ctx {
  readonly cand: Candidate;
  /** `frames[level][index]`; frames of lower levels are shared with sibling branches. */
  readonly frames: (Cell | undefined)[][];
}

/** The cell at `ref`, created with `thunk` when this branch (or a sibling sharing the level) has none yet. */
export function cellAt(ctx: Ctx, ref: CellRef, thunk: (ctx: Ctx) => Value): Cell {
  const frame = ctx.frames[ref.level];
  let c = frame[ref.index];
  if (c === undefined) {
    c = ref.level === SKELETON_LEVEL ? new Cell(thunk, true) : new Cell(thunk, false, ref);
    frame[ref.index] = c;
  }
  return c;
}

/**
 * The value of the cell at `ref`: a value the skeleton keeps for every
 * candidate needs no cell; otherwise the cell is made (with `thunk`) when
 * this branch, or a sibling sharing the level, has none yet.
 */
export function valueAt(ctx: Ctx, ref: CellRef, thunk: (ctx: Ctx) => Value, span: Span | undefined): Value {
  const frame = ctx.frames[ref.level];
  let c = frame[ref.index];
  if (c === undefined) {
    if (ref.level === SKELETON_LEVEL) c = new Cell(thunk, true);
    else {
      const known = ctx.cand.skeleton.constantAt(ref);
      if (known !== undefined) return known;
      c = new Cell(thunk, false, ref);
    }
    frame[ref.index] = c;
  }
  return c.force(ctx, span);
}

/** True when the value of the cell at `ref` is known in this branch (evaluated, or kept by the skeleton). */
export function isKnown(ctx: Ctx, ref: CellRef): boolean {
  const c = ctx.frames[ref.level][ref.index];
  return c !== undefined ? c.isDone : ref.level !== SKELETON_LEVEL && ctx.cand.skeleton.constantAt(ref) !== undefined;
}

/** Reads local slot `index` of the frame `depth` levels up. */
export function readLocal(ctx: Ctx, env: Frame | null, depth: number, index: number, span: Span): Value {
  let f = env;
  for (let d = 0; d < depth; d++) f = (f as Frame).parent;
  const s = (f as Frame).vals[index];
  if (s === undefined) return evalError('variable used before its definition', span);
  return s instanceof LazyLocal ? s.force(ctx, span) : s;
}

/** A compiled binding pattern. */
export interface CompiledPattern {
  /** Bound names (undefined for `_`); a tuple pattern has several. */
  readonly names: readonly (string | undefined)[];
  readonly tuple: boolean;
}

/** A compiled procedure: its body runs in a fresh frame holding the parameters and local `let`s. */
export interface CompiledProc {
  readonly name: string;
  readonly params: CompiledPattern;
  readonly frameSize: number;
  /** Runs the body; returns undefined when all checks pass, else the failure. */
  readonly run: (ctx: Ctx, env: Frame, branch: BranchState) => Failure | undefined;
}

/** What a branch accumulates: flags that fired, undefined behaviour, options. */
export interface BranchState {
  readonly flags: string[];
  undefinedBehaviour: boolean;
  readonly skip: ReadonlySet<string>;
}

/** A failing check. */
export interface Failure {
  readonly name: string | undefined;
  readonly kind: 'acyclic' | 'irreflexive' | 'empty' | 'nonempty' | 'cyclic' | 'reflexive';
  readonly span: Span;
  /** The value tested. */
  readonly value: Value;
}

/** True for errors `try ... with` catches: model evaluation errors (not unsupported constructs). */
export function isCatchable(e: unknown): boolean {
  return e instanceof CatError || (e instanceof WeakmemError && e.diagnostic.code === DIAG_CODES.MODEL_EVAL);
}
