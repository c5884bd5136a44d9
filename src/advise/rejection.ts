/**
 * Why the model rejects one execution: the first failing check (its `as
 * NAME`) and a witness of the failure in base edges — a shortest cycle of
 * the checked relation for `acyclic`, a reflexive edge unfolded into a
 * cycle for `irreflexive`, one pair for `empty`.
 */
import type { Span } from '../diag.js';
import type { FailedCheck } from '../cat/index.js';
import { Relation, shortestCycle } from '../relation/index.js';
import type { ExecutionFacts } from './facts.js';
import { BaseGraph, rotateToFirst, type BaseEdge } from './unfold.js';
import type { VocabularyEntry } from './toolkit.js';

export interface Rejection {
  /** The check's name (`as NAME`), or undefined for an unnamed check. */
  readonly check: string | undefined;
  readonly kind: FailedCheck['kind'];
  /** Where the check is in the model. */
  readonly span: Span;
  /**
   * `cycle`: `edges` go round back to their start; `pair`: `edges` are a
   * path between the two events of a pair that must not exist; `events`:
   * `events` are members of a set that must be empty; `none`: the check
   * wants something present and it is not.
   */
  readonly shape: 'cycle' | 'pair' | 'events' | 'none';
  readonly edges: readonly BaseEdge[];
  /**
   * For `pair`: another path between the same events (`back` false: the
   * pair is also reached that way; true: a path back from its end), which
   * is why the pair is in an intersection the check wants empty.
   */
  readonly also?: { readonly back: boolean; readonly edges: readonly BaseEdge[] };
  readonly events: readonly number[];
}

/** Explains the failure of `failed` on the execution `f` in base edges. */
export function explainRejection(f: ExecutionFacts, failed: FailedCheck, vocabulary: readonly VocabularyEntry[]): Rejection {
  const base = { check: failed.name, kind: failed.kind, span: failed.span };
  const g = new BaseGraph(f, vocabulary);
  const name = failed.name ?? 'checked relation';
  const ev = failed.evidence();
  const pairs = ev.length > 0 && Array.isArray(ev[0]) ? (ev as readonly (readonly [number, number])[]) : undefined;
  switch (failed.kind) {
    case 'acyclic': {
      const cycle = pairs === undefined ? undefined : shortestCycle(Relation.fromEdges(f.n, pairs));
      if (cycle === undefined) return { ...base, shape: 'none', edges: [], events: [] };
      return { ...base, shape: 'cycle', edges: g.unfoldCycle(cycle, name), events: cycle };
    }
    case 'irreflexive': {
      const self = pairs?.find(([a, b]) => a === b);
      if (self === undefined) return { ...base, shape: 'none', edges: [], events: [] };
      return { ...base, shape: 'cycle', edges: rotateToFirst(f, g.unfoldEdge(self[0], self[0], name)), events: [self[0]] };
    }
    case 'empty': {
      if (pairs !== undefined) {
        const [a, b] = pairs[0] as readonly [number, number];
        if (a === b) return { ...base, shape: 'cycle', edges: rotateToFirst(f, g.unfoldEdge(a, a, name)), events: [a, b] };
        const also = g.otherPath(a, b);
        return { ...base, shape: 'pair', edges: g.unfoldEdge(a, b, name), ...(also !== undefined ? { also } : {}), events: [a, b] };
      }
      return { ...base, shape: 'events', edges: [], events: ev as readonly number[] };
    }
    default:
      return { ...base, shape: 'none', edges: [], events: [] };
  }
}
