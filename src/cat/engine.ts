/**
 * Runs compiled instruction steps on one candidate. Top-level steps may
 * branch (`with x from S`: the rest runs once per element, each branch in
 * a context sharing the lower-level cells of its parent); procedure and
 * `forall` bodies run linearly in a local frame.
 */
import { DIAG_CODES, raise, type Span } from '../diag.js';
import { isAcyclic } from '../relation/index.js';
import type { TestKind, TestType } from './ast.js';
import { components } from './compile-expr.js';
import { tagToSet } from './ops.js';
import {
  Cell, cellAt, type BranchState, type CellRef, type Code, type CompiledPattern, type Ctx, type Failure, type Frame,
} from './runtime.js';
import { elementsOf, evalError, typeOf, type Value } from './values.js';

/** A check instruction. In top-level steps its value is cached in a cell (`ref`), shared with sibling branches. */
export interface CompiledTest {
  readonly negated: boolean;
  readonly test: TestKind;
  readonly name: string | undefined;
  readonly type: TestType;
  readonly span: Span;
  readonly code: Code;
  readonly ref: CellRef | undefined;
  /** `code` with no local frame, the thunk of the cell at `ref`. */
  readonly thunk: (ctx: Ctx) => Value;
}

export type Step =
  /** Local binding (procedure body): stores a lazy value in the frame. */
  | { readonly kind: 'local'; readonly bind: (ctx: Ctx, env: Frame) => void }
  /** A `let rec ... when test` group, solved eagerly because of its test. */
  | { readonly kind: 'solve'; readonly run: (ctx: Ctx, env: Frame | null, skip: ReadonlySet<string>) => Failure | undefined }
  | { readonly kind: 'test'; readonly test: CompiledTest }
  /** `with x from S`: `depth` is the level of the branch frames, made by `newFrame`. */
  | {
      readonly kind: 'with';
      readonly depth: number;
      readonly newFrame: (level: number) => (Cell | undefined)[];
      readonly set: Code;
      readonly setRef: CellRef;
      /** `set` with no local frame, the thunk of the cell at `setRef`. */
      readonly setThunk: (ctx: Ctx) => Value;
      readonly varRef: CellRef;
      readonly span: Span;
    }
  | { readonly kind: 'call'; readonly proc: Code; readonly arg: Code; readonly names: readonly string[]; readonly span: Span }
  | { readonly kind: 'forall'; readonly set: Code; readonly frameSize: number; readonly body: readonly Step[]; readonly span: Span };

/** Receives the end state of each branch. */
export interface BranchSink {
  (ctx: Ctx, branch: BranchState, failure: Failure | undefined): void;
}

/** herd's `eval_rel_set` then the test predicate (before negation). */
function predicate(t: CompiledTest, v: Value, ctx: Ctx): boolean {
  const n = ctx.cand.n;
  switch (v.kind) {
    case 'rel':
      return t.test === 'acyclic' ? isAcyclic(v) : t.test === 'irreflexive' ? v.isIrreflexive() : v.isEmpty();
    case 'empty':
      return true;
    case 'universe':
      return n === 0;
    case 'pair':
      return t.test !== 'empty' && v.src !== v.dst;
    case 'set':
    case 'event':
      if (t.test !== 'empty') return evalError('relation expected', t.span);
      return v.kind === 'set' ? v.isEmpty() : false;
    default:
      return evalError('relation or set expected', t.span);
  }
}

function failureOf(t: CompiledTest, value: Value): Failure {
  const kind = !t.negated ? t.test : t.test === 'empty' ? 'nonempty' : t.test === 'acyclic' ? 'cyclic' : 'reflexive';
  return { name: t.name, kind, span: t.span, value };
}

/** Evaluates a check now (no caching); the failure when it does not hold. */
export function checkNow(t: CompiledTest, ctx: Ctx, env: Frame | null): Failure | undefined {
  const value = t.code(ctx, env);
  return predicate(t, value, ctx) !== t.negated ? undefined : failureOf(t, value);
}

/** Runs a test; returns a failure when a plain check fails. Flags and undefined behaviour go to `branch`. */
function runTest(t: CompiledTest, ctx: Ctx, env: Frame | null, branch: BranchState): Failure | undefined {
  if (t.name !== undefined && branch.skip.has(t.name)) return undefined;
  let ok: boolean, value: Value;
  if (t.ref !== undefined) {
    const cell = cellAt(ctx, t.ref, t.thunk);
    value = cell.force(ctx, t.span);
    if (cell.checkResult === undefined) cell.checkResult = predicate(t, value, ctx) !== t.negated;
    ok = cell.checkResult;
  } else {
    value = t.code(ctx, env);
    ok = predicate(t, value, ctx) !== t.negated;
  }
  switch (t.type) {
    case 'check':
      return ok ? undefined : failureOf(t, value);
    case 'flag':
      if (ok && t.name !== undefined) branch.flags.push(t.name);
      return undefined;
    case 'undefinedUnless':
      if (!ok) branch.undefinedBehaviour = true;
      return undefined;
    case 'assert':
      if (!ok) raise(DIAG_CODES.MODEL_EVAL, `${t.name ?? '(unknown)'} assertion failed, check input test`, t.span);
      return undefined;
  }
}

/** Binds procedure parameters into a fresh frame of `size` slots. */
export function bindParams(p: CompiledPattern, v: Value, size: number, parent: Frame | null, span: Span): Frame {
  const vals = new Array<Value | undefined>(size);
  const parts = p.names.length === 1 && !p.tuple ? [v] : components(v);
  if (parts.length !== p.names.length) evalError('argument mismatch', span);
  parts.forEach((x, k) => (vals[k] = x));
  return { vals, parent };
}

/** Runs steps without branching (procedure and forall bodies). */
export function runLinear(steps: readonly Step[], ctx: Ctx, env: Frame, branch: BranchState): Failure | undefined {
  for (const s of steps) {
    const f = runStep(s, ctx, env, branch);
    if (f !== undefined) return f;
  }
  return undefined;
}

function runStep(s: Step, ctx: Ctx, env: Frame | null, branch: BranchState): Failure | undefined {
  switch (s.kind) {
    case 'local':
      s.bind(ctx, env as Frame);
      return undefined;
    case 'solve':
      return s.run(ctx, env, branch.skip);
    case 'test':
      return runTest(s.test, ctx, env, branch);
    case 'call': {
      if (s.names.some((n) => branch.skip.has(n))) return undefined;
      const p = s.proc(ctx, env);
      if (p.kind !== 'proc') return evalError(`procedure expected, ${typeOf(p)} found`, s.span);
      const frame = bindParams(p.proc.params, s.arg(ctx, env), p.proc.frameSize, p.env, s.span);
      return p.proc.run(ctx, frame, branch);
    }
    case 'forall': {
      const v = tagToSet(s.set(ctx, env));
      if (v.kind !== 'empty' && v.kind !== 'valset') return evalError('forall instruction applied to non-set value', s.span);
      for (const x of elementsOf(v, s.span)) {
        const frame: Frame = { vals: new Array(s.frameSize), parent: env };
        frame.vals[0] = x;
        const f = runLinear(s.body, ctx, frame, branch);
        if (f !== undefined) return f;
      }
      return undefined;
    }
    case 'with':
      return evalError('internal: with outside the top level', s.span);
  }
}

/** Runs top-level steps from `pc`, branching at `with`; reports each branch's end to `sink`. */
export function runTop(steps: readonly Step[], pc: number, ctx: Ctx, branch: BranchState, sink: BranchSink): void {
  for (let i = pc; i < steps.length; i++) {
    const s = steps[i];
    if (s.kind !== 'with') {
      const f = runStep(s, ctx, null, branch);
      if (f !== undefined) {
        sink(ctx, branch, f);
        return;
      }
      continue;
    }
    const set = cellAt(ctx, s.setRef, s.setThunk).force(ctx, s.span);
    if (set.kind !== 'empty' && set.kind !== 'valset') evalError(`set expected, ${typeOf(set)} found`, s.span);
    for (const x of elementsOf(set, s.span)) {
      const frames = ctx.frames.slice(0, s.depth);
      const frame = s.newFrame(s.depth);
      frames.push(frame);
      const cell = new Cell(() => x);
      cell.set(x);
      frame[s.varRef.index] = cell;
      runTop(steps, i + 1, { cand: ctx.cand, frames }, { flags: [...branch.flags], undefinedBehaviour: branch.undefinedBehaviour, skip: branch.skip }, sink);
    }
    return;
  }
  sink(ctx, branch, undefined);
}
