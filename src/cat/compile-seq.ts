/**
 * Compilation of sequences `e1 ; e2 ; ...`. Operands `[S]` restrict the
 * domain or range of what precedes, and evaluation stops at the first
 * empty prefix (`[S]` included): the remaining operands are not evaluated.
 * (herd evaluates them all: only an error they would raise can tell.)
 *
 * In a `let rec` fixpoint, the operands before and after those that change
 * between iterations are composed once (cached), not at every iteration.
 * A cached prefix is evaluated exactly as the operands it replaces. A
 * cached suffix is not: it is evaluated as a whole, where the operands it
 * replaces might not all have been (after an empty prefix); so when it is
 * not a relation (`{}`, an error), the operands are evaluated one by one,
 * as if it were not there. It is all the rows of the suffix, where the
 * prefix may lead to a few: it is made only for a prefix of many rows
 * (and used once made); a prefix of a few rows goes through the operands.
 */
import type { Span } from '../diag.js';
import { EventSet, Relation } from '../relation/index.js';
import type { Expr } from './ast.js';
import { compiled, meta, type Compiled, type ExprCompiler } from './compile-expr.js';
import * as ops from './ops.js';
import { isKnown, valueAt, type CellRef, type Code, type Ctx } from './runtime.js';
import type { LocalScope } from './scope.js';
import { EMPTY, type Value } from './values.js';

/** An operand: `[S]` (`isId`, `c` computing S) or a relation. */
interface Operand {
  readonly isId: boolean;
  readonly span: Span;
  readonly c: Compiled;
}

/** A cached suffix: its cell and the code filling it. */
interface Suffix {
  readonly ref: CellRef;
  readonly thunk: (ctx: Ctx) => Value;
}

/** Up to this many rows, a prefix is composed with the operands of a suffix not made yet, one by one. */
const FEW_ROWS = 16;

/** An operand as evaluated. */
interface Part {
  readonly isId: boolean;
  readonly span: Span;
  readonly code: Code;
}

export function compileSequence(comp: ExprCompiler, args: readonly Expr[], scope: LocalScope | null): Compiled {
  const raw = args.map((a): Operand => {
    const isId = a.kind === 'op1' && a.op === 'toid';
    const inner = isId ? a.arg : a;
    return { isId, span: inner.span, c: comp.compile(inner, scope) };
  });
  return sequenceOf(comp, raw);
}

const hasRelation = (xs: readonly Operand[]): boolean => xs.some((p) => !p.isId);

function sequenceOf(comp: ExprCompiler, raw: readonly Operand[]): Compiled {
  const m = meta(raw.map((p) => p.c));
  const parts = (xs: readonly Operand[]): Part[] => xs.map((p) => ({ isId: p.isId, span: p.span, code: comp.use(p.c, m) }));
  if (!m.volatile) return compiled(evaluator(parts(raw), raw.length, undefined), m);
  let k = 0;
  while (k < raw.length && !raw[k].c.volatile) k++;
  if (k >= 2 && hasRelation(raw.slice(0, k))) {
    const prefix = sequenceOf(comp, raw.slice(0, k));
    return sequenceOf(comp, [{ isId: false, span: raw[0].span, c: prefix }, ...raw.slice(k)]);
  }
  let j = raw.length;
  while (j > 0 && !raw[j - 1].c.volatile) j--;
  if (raw.length - j >= 2 && hasRelation(raw.slice(j))) {
    const suffix = sequenceOf(comp, raw.slice(j)), code = suffix.code;
    return compiled(evaluator(parts(raw), j, { ref: comp.env.allocate(suffix.level), thunk: (ctx) => code(ctx, null) }), m);
  }
  return compiled(evaluator(parts(raw), raw.length, undefined), m);
}

/** The code of a sequence; `suffix`, when given, composes the parts from `from` on. */
function evaluator(parts: readonly Part[], from: number, suffix: Suffix | undefined): Code {
  return (ctx, env) => {
    const cand = ctx.cand;
    let dom: EventSet | undefined;
    let acc: Relation | undefined;
    let owned = false;
    for (let i = 0; i < parts.length; i++) {
      if (i === from && acc !== undefined && suffix !== undefined && (acc.rowCount > FEW_ROWS || isKnown(ctx, suffix.ref))) {
        const s = valueOrError(suffix, ctx);
        if (s !== undefined && s.kind === 'rel') return owned ? acc.seqOwned(s) : acc.seq(s);
      }
      const p = parts[i], v = p.code(ctx, env);
      if (p.isId) {
        const s = ops.asEvents(v, cand, p.span);
        if (acc === undefined) {
          dom = dom === undefined ? s : dom.inter(s);
          if (dom.isEmpty()) return Relation.empty(cand.n);
          continue;
        }
        if (owned) acc.maskColumnsInPlace(s);
        else {
          const r = acc.restrict(undefined, s);
          owned = r !== acc;
          acc = r;
        }
        if (acc.isEmpty()) return acc;
        continue;
      }
      if (v.kind === 'empty') return EMPTY;
      const r = ops.asRel(v, cand, p.span);
      if (acc === undefined) {
        acc = dom === undefined ? r : r.restrict(dom, undefined);
        owned = acc !== r;
      } else {
        const next: Relation = owned ? acc.seqOwned(r) : acc.seq(r);
        // The result may be either operand (one is empty, or the identity).
        owned = next === acc ? owned : next !== r;
        acc = next;
      }
      // Nothing can follow an empty prefix (the remaining operands are not evaluated).
      if (acc.isEmpty()) return acc;
    }
    return acc ?? Relation.identityOn(dom ?? cand.all);
  };
}

/** The value of the suffix, or undefined when it raises an error. */
function valueOrError(suffix: Suffix, ctx: Ctx): Value | undefined {
  try {
    return valueAt(ctx, suffix.ref, suffix.thunk, undefined);
  } catch {
    return undefined;
  }
}
