/**
 * Primitive functions of the initial environment (herd's `domain`,
 * `range`, `linearisations`, `classes-loc`...) and weakmem's native helpers
 * used by its own library files (`wm.cross`, `wm.generate-orders`,
 * `wm.map`, `wm.fencerel`). Primitives outside the supported set raise
 * NOT_SUPPORTED when called.
 */
import type { Span } from '../diag.js';
import { notSupported } from '../diag.js';
import { EventSet, Relation, linearExtensions, linearOrders, reachClasses } from '../relation/index.js';
import { apply } from './compile-expr.js';
import * as ops from './ops.js';
import type { Candidate, Ctx } from './runtime.js';
import { EMPTY, distinctValset, evalError, relV, setV, showValue, valset, type Primitive, type Value } from './values.js';

type PrimFn = (arg: Value, ctx: Ctx, span: Span) => Value;

const mismatch = (name: string, span: Span): never => evalError(`primitive ${name}: argument mismatch`, span);

/** herd's name of the event set of a tag: first letter upper-cased (`'rmb` → `Rmb`). */
export function tagSetName(tag: string): string {
  return tag.length === 0 ? tag : tag[0].toUpperCase() + tag.slice(1);
}

/** Events grouped by location (events without one are left out), in order of first occurrence. */
export function byLocation(s: EventSet, cand: Candidate): EventSet[] {
  const groups = new Map<string, number[]>();
  s.forEach((i) => {
    const loc = cand.x.events[i].loc;
    if (loc === undefined) return;
    const g = groups.get(loc);
    if (g === undefined) groups.set(loc, [i]);
    else g.push(i);
  });
  return [...groups.values()].map((ids) => EventSet.of(cand.n, ids));
}

/** All unions taking one relation from each set (herd's `cross`). */
export function crossUnions(choices: readonly (readonly Relation[])[], n: number): Relation[] {
  // Every relation of `acc` is fresh: a single choice is added to each in place.
  let acc: Relation[] = [Relation.empty(n)];
  for (const os of choices) {
    if (os.length === 1) {
      for (const ys of acc) ys.orInPlace(os[0]);
      continue;
    }
    const next: Relation[] = [];
    for (const ys of acc) for (const o of os) next.push(ys.copy().orInPlace(o));
    acc = next;
  }
  return acc;
}

/** Every choice of one element of each list, the first list varying slowest (the order of `crossUnions`). */
function product<T>(lists: readonly (readonly T[])[]): T[][] {
  if (lists.every((xs) => xs.length === 1)) return [lists.map((xs) => xs[0])];
  let acc: T[][] = [[]];
  for (const xs of lists) acc = acc.flatMap((ys) => xs.map((x) => [...ys, x]));
  return acc;
}

const relsOf = (v: Value, ctx: Ctx, span: Span): Relation[] => {
  if (v.kind === 'empty') return [];
  if (v.kind !== 'valset') return mismatch('cross', span);
  return [...v.items.values()].map((r) => ops.asRel(r, ctx.cand, span));
};

function vmsaOnly(name: string, a: Value, span: Span): Value {
  if (a.kind === 'empty' || (a.kind === 'rel' && a.isEmpty())) return a;
  return notSupported(`primitive ${name} on page-table events (VMSA)`, span);
}

const PRIMS: Readonly<Record<string, PrimFn>> = {
  domain: (a, _ctx, span) =>
    a.kind === 'empty' || a.kind === 'universe' ? a : a.kind === 'rel' ? setV(a.domain()) : mismatch('domain', span),
  range: (a, _ctx, span) =>
    a.kind === 'empty' || a.kind === 'universe' ? a : a.kind === 'rel' ? setV(a.range()) : mismatch('range', span),
  fail: (a, _ctx, span) => evalError(`fail on ${showValue(a)}`, span),
  'classes-loc': (a, ctx, span) => (a.kind === 'set' ? valset('events', byLocation(a, ctx.cand).map(setV)) : mismatch('classes-loc', span)),
  classes: (a, _ctx, span) => (a.kind === 'rel' ? valset('events', reachClasses(a).map(setV)) : mismatch('classes', span)),
  linearisations: (a, _ctx, span) => {
    if (a.kind !== 'tuple' || a.items.length !== 2) return mismatch('linearisations', span);
    const [s, r] = a.items;
    if (s.kind !== 'set' || r.kind !== 'rel') return mismatch('linearisations', span);
    return valset('rel', linearExtensions(s, r).map(relV));
  },
  'different-values': (a, ctx, span) => {
    if (a.kind !== 'rel') return mismatch('different-values', span);
    const evs = ctx.cand.x.events;
    return relV(a.filter((i, j) => evs[i].value !== evs[j].value));
  },
  fromto: (a, ctx, span) => {
    if (a.kind !== 'set') return mismatch('fromto', span);
    const po = Relation.fromEdges(ctx.cand.n, ctx.cand.x.po);
    return relV(fenceRelation(a, po, ctx.cand, true));
  },
  loc2events: (a, ctx, span) => {
    if (a.kind !== 'tag') return mismatch('loc2events', span);
    return setV(EventSet.filter(ctx.cand.n, (i) => ctx.cand.x.events[i].loc === a.name));
  },
  // Virtual-memory primitives (aarch64bbm.cat): meaningful only on page-table
  // events, which weakmem does not model (VMSA tests stop earlier with "not
  // supported"). On an empty relation the answer is empty; anything else is refused.
  'same-oa': (a, _ctx, span) => vmsaOnly('same-oa', a, span),
  'at-least-one-writable': (a, _ctx, span) => vmsaOnly('at-least-one-writable', a, span),
  as_transitive: (a, _ctx, span) => (a.kind === 'rel' || a.kind === 'empty' ? a : mismatch('as_transitive', span)),
  tag2scope: (a, _ctx, span) => evalError(`primitive tag2scope: cannot find scope instance ${showValue(a)} (the test has no scope tree)`, span),
  tag2level: (a, _ctx, span) => evalError(`primitive tag2level: cannot find level ${showValue(a)} (the test has no scope tree)`, span),
  'wm.cross': (a, ctx, span) => {
    if (a.kind === 'empty') return valset('rel', [relV(Relation.empty(ctx.cand.n))]);
    if (a.kind !== 'valset') return mismatch('cross', span);
    const choices = [...a.items.values()].map((os) => relsOf(os, ctx, span));
    return valset('rel', crossUnions(choices, ctx.cand.n).map(relV));
  },
  'wm.generate-orders': (a, ctx, span) => {
    if (a.kind !== 'tuple' || a.items.length !== 2) return mismatch('generate_orders', span);
    const s = ops.asEvents(a.items[0], ctx.cand, span), pco = ops.asRel(a.items[1], ctx.cand, span);
    const cand = ctx.cand, writes = cand.skeleton.derive(s, (ws) => byLocation(ws, cand));
    const choices = writes.map((ws) => linearOrders(ws, pco));
    // Distinct: the chosen orders differ on some location, and locations have disjoint writes.
    return distinctValset('rel', product(choices).map((orders) => relV(Relation.fromChains(ctx.cand.n, orders))));
  },
  'wm.fencerel': (a, ctx, span) => {
    const po = Relation.fromEdges(ctx.cand.n, ctx.cand.x.po);
    return relV(fenceRelation(ops.asEvents(a, ctx.cand, span), po, ctx.cand, false));
  },
  'wm.map': (f) => prim('wm.map-applied', (s, ctx, span) => {
    const elts = s.kind === 'empty' ? [] : s.kind === 'valset' ? [...s.items.values()] : s.kind === 'set' ? s.toArray().map((id): Value => ({ kind: 'event', id })) : s.kind === 'rel' ? s.edges().map(([src, dst]): Value => ({ kind: 'pair', src, dst })) : mismatch('map', span);
    let acc: Value = EMPTY;
    for (let k = elts.length - 1; k >= 0; k--) acc = ops.add(apply(f, elts[k], ctx, span), acc, span, span, ctx.cand, span);
    return acc;
  }),
};

/** Primitives herd has that weakmem does not implement (yet). */
const UNSUPPORTED = ['lift', 'delift', 'deliftinter', 'bisimulation', 'tag2fenced', 'same-oa', 'oa-changes', 'at-least-one-writable'];

function prim(name: string, fn: PrimFn): Primitive {
  return { kind: 'prim', name, fn };
}

/** Pairs (a, b) with a po-before and b po-after some event of `fences` (all fences of `s` when `onlyF`). */
function fenceRelation(s: EventSet, po: Relation, cand: Candidate, onlyF: boolean): Relation {
  const inv = po.inverse();
  let r = Relation.empty(cand.n);
  s.forEach((f) => {
    if (onlyF && cand.x.events[f].action !== 'F') return;
    r = r.union(Relation.cartesian(inv.row(f), po.row(f)));
  });
  return r;
}

/** The primitive bound to `name` in the initial environment, if any. */
export function primitive(name: string): Primitive | undefined {
  const fn = PRIMS[name];
  if (fn !== undefined) return prim(name, fn);
  if (UNSUPPORTED.includes(name)) return prim(name, (_a, _ctx, span) => notSupported(`cat primitive '${name}'`, span));
  return undefined;
}
