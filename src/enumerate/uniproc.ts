/**
 * SC per location (herd's *uniproc*: po-loc, rf, co and fr make no cycle).
 * herd generates only candidates that keep it (its default `-optace`), and
 * every model checks it anyway. Enumeration uses it twice: to prune the
 * choices of a layout cheaply (`uniprocOf`), and to decide exactly whether
 * a candidate could keep it (`keepsScPerLocation`), for traces whose
 * candidates must not reach the model.
 */
import type { EdgeList } from '../exec/types.js';
import { isAcyclic, Relation } from '../relation/index.js';
import { permutations, product } from './combinatorics.js';
import type { Layout } from './layout.js';
import type { ExecutionEvent } from './types.js';

/**
 * What SC per location leaves of a layout's choices, checked one read or
 * one location at a time:
 *   - a read takes its value neither from a write po-after it, nor from the
 *     initial write or a po-earlier write when a po-later write to the same
 *     location also precedes it in po (that write is co-after, so the read
 *     would be fr-before a write po-before it);
 *   - co orders each thread's writes to a location in program order, so a
 *     write po-before another write to its location is never co-last.
 * Candidates built from these choices may still break it (two reads of one
 * location in po reading against co): models reject those.
 */
export interface Uniproc {
  /** For each read of the layout: the writes it may read from (before comparing values). */
  readonly writers: readonly (readonly number[])[];
  /** `layout.finalWriteChoices` without the writes some write to the same location follows in po. */
  readonly finalWriteChoices: readonly (readonly number[])[];
  /** For each location of `layout.locWrites`: the orders of its writes (after the initial one) that co may take (made when first asked for: only native co needs them). */
  coOrders(): readonly (readonly number[][])[];
}

/** The choices of `layout` (all of them when `prune` is false). */
export function uniprocOf(layout: Layout, prune: boolean): Uniproc {
  const allOrders = (): number[][][] => layout.locWrites.map((p) => [...permutations(p.writes)]);
  if (!prune) return { writers: layout.writesAtLoc, finalWriteChoices: layout.finalWriteChoices, coOrders: once(allOrders) };
  // Event ids are below `size`: po relates thread events, the others are initial writes.
  let size = layout.locWrites.length;
  for (const [a, b] of layout.relations.po) size = Math.max(size, a + 1, b + 1);
  const po = new Set<number>();
  for (const [a, b] of layout.relations.po) po.add(a * size + b);
  const poBefore = (a: number, b: number): boolean => a < size && b < size && po.has(a * size + b);
  const inits = new Set(layout.locWrites.map((l) => l.init));
  const writers = layout.reads.map((r, i) => {
    const atLoc = layout.writesAtLoc[i] as readonly number[];
    const earlier = atLoc.filter((w) => poBefore(w, r));
    return atLoc.filter((w) => !poBefore(r, w) && !earlier.some((w2) => w2 !== w && (inits.has(w) || poBefore(w, w2))));
  });
  const finalWriteChoices = layout.finalWriteChoices.map((ws) => ws.filter((w) => !ws.some((w2) => poBefore(w, w2))));
  const keepsPo = (seq: readonly number[]): boolean => seq.every((w, i) => seq.every((v, j) => j <= i || !poBefore(v, w)));
  return { writers, finalWriteChoices, coOrders: once(() => allOrders().map((orders) => orders.filter(keepsPo))) };
}

/** `make()`, computed on the first call only. */
function once<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
}

/**
 * Whether some coherence order `uni` allows makes po-loc ∪ rf ∪ co ∪ fr
 * acyclic for the candidates of `layout` with reads-from `rf` (program
 * order between instructions only: with fewer edges, fewer candidates are
 * ruled out).
 */
export function keepsScPerLocation(layout: Layout, events: readonly ExecutionEvent[], rf: EdgeList, uni: Uniproc): boolean {
  const n = events.length;
  const isMem = (e: ExecutionEvent): boolean => (e.action === 'R' || e.action === 'W') && e.loc !== undefined;
  const base: [number, number][] = [];
  for (const [a, b] of layout.relations.po) {
    const x = events[a] as ExecutionEvent, y = events[b] as ExecutionEvent;
    if (isMem(x) && isMem(y) && x.loc === y.loc) base.push([a, b]);
  }
  for (const [w, r] of rf) base.push([w, r]);
  for (const choice of product(uni.coOrders())) {
    const edges = base.slice();
    // Position of each write in the coherence order of its location.
    const rank = new Map<number, number>();
    const orderOf = new Map<string, readonly number[]>();
    layout.locWrites.forEach((p, i) => {
      const seq = [p.init, ...(choice[i] as number[])];
      seq.forEach((w, k) => rank.set(w, k));
      orderOf.set(p.loc, seq);
      for (let k = 1; k < seq.length; k++) edges.push([seq[k - 1] as number, seq[k] as number]);
    });
    for (const [w, r] of rf) {
      const seq = orderOf.get((events[r] as ExecutionEvent).loc as string);
      const k = rank.get(w);
      if (seq === undefined || k === undefined) continue;
      for (const later of seq.slice(k + 1)) edges.push([r, later]);
    }
    if (isAcyclic(Relation.fromEdges(n, edges))) return true;
  }
  return false;
}
