/**
 * Semantics of the cat operators on run-time values, case by case as in
 * herd's interpreter (the polymorphic `{}` and `_`, tags lifted to
 * singleton sets, errors for ill-typed operands).
 */
import type { Span } from '../diag.js';
import { EventSet, Relation } from '../relation/index.js';
import type { Candidate } from './runtime.js';
import {
  EMPTY, UNIVERSE, evalError, relV, setV, typeOf, unifyTypes, valset, valueKey, type Value,
} from './values.js';

/** An operand with the span of its expression, for messages. */
export interface Located {
  readonly v: Value;
  readonly span: Span;
}

const typeError = (want: string, v: Value, span: Span): never => evalError(`type ${want} expected, ${typeOf(v)} found`, span);

/** herd's `eval_events`: an event set from a set, an event, `{}` or `_`. */
export function asEvents(v: Value, cand: Candidate, span: Span): EventSet {
  switch (v.kind) {
    case 'set':
      return v;
    case 'event':
      return EventSet.of(cand.n, [v.id]);
    case 'empty':
      return EventSet.empty(cand.n);
    case 'universe':
      return cand.all;
    default:
      return typeError('events', v, span);
  }
}

/** herd's `eval_rel`: a relation from a relation, a pair, `{}` or `_`. */
export function asRel(v: Value, cand: Candidate, span: Span): Relation {
  switch (v.kind) {
    case 'rel':
      return v;
    case 'pair':
      return Relation.fromEdges(cand.n, [[v.src, v.dst]]);
    case 'empty':
      return Relation.empty(cand.n);
    case 'universe':
      return cand.unv;
    default:
      return typeError('rel', v, span);
  }
}

/** A tag becomes the singleton set of itself. */
export function tagToSet(v: Value): Value {
  return v.kind === 'tag' ? valset(v.type, [v]) : v;
}

/** Unifies the types of the operands; error at the first mismatch. */
function unifyAll(vs: readonly Located[]): string {
  let t = typeOf(vs[0].v);
  for (let k = 1; k < vs.length; k++) {
    const u = unifyTypes(t, typeOf(vs[k].v));
    if (u === undefined) evalError(`type ${t} expected, ${typeOf(vs[k].v)} found`, vs[k].span);
    t = u;
  }
  return t;
}

function valsetItems(v: Value): ReadonlyMap<string, Value> {
  return v.kind === 'valset' ? v.items : new Map();
}

export function union(vals: readonly Value[], spans: readonly Span[], cand: Candidate, span: Span): Value {
  // Fast path: all relations (or {}).
  let allRel = true;
  for (const v of vals) {
    if (v.kind === 'universe') return UNIVERSE;
    if (v.kind !== 'rel' && v.kind !== 'empty') allRel = false;
  }
  if (allRel) {
    // The first relation stands for the union until a second non-empty one is met.
    let r: Relation | undefined, fresh = false;
    for (const v of vals) {
      if (v.kind !== 'rel') continue;
      if (r === undefined || r.isEmpty()) r = v;
      else if (v.isEmpty()) continue;
      else if (fresh) r.orInPlace(v);
      else {
        r = r.copy().orInPlace(v);
        fresh = true;
      }
    }
    return r === undefined ? EMPTY : relV(r);
  }
  const vs: Located[] = [];
  vals.forEach((v, k) => {
    if (v.kind !== 'empty') vs.push({ v: tagToSet(v), span: spans[k] });
  });
  if (vs.length === 0) return EMPTY;
  const t = unifyAll(vs);
  if (t === 'events') {
    let s = EventSet.empty(cand.n);
    for (const { v } of vs) if (v.kind === 'set') s = s.union(v);
    return setV(s);
  }
  if (t.endsWith(' set')) {
    const m = new Map<string, Value>();
    for (const { v } of vs) for (const [k, x] of valsetItems(v)) m.set(k, x);
    return { kind: 'valset', elt: t.slice(0, -4), items: m };
  }
  return evalError(`cannot perform union on type '${t}'`, span);
}

const NON_SET = new Set(['event', 'pair', 'closure', 'prim', 'proc', 'tuple']);

export function inter(x1: Value, x2: Value, s1: Span, s2: Span, span: Span): Value {
  const v1 = tagToSet(x1), v2 = tagToSet(x2);
  if (v1.kind === 'rel' && v2.kind === 'rel') return relV(v1.inter(v2));
  if (v1.kind === 'set' && v2.kind === 'set') return setV(v1.inter(v2));
  if (v1.kind === 'valset' && v2.kind === 'valset') {
    const m = new Map<string, Value>();
    for (const [k, x] of v1.items) if (v2.items.has(k)) m.set(k, x);
    return { kind: 'valset', elt: v1.elt, items: m };
  }
  if (v1.kind === 'universe') return v2;
  if (v2.kind === 'universe') return v1;
  if (v1.kind === 'empty' || v2.kind === 'empty') return EMPTY;
  if (NON_SET.has(v1.kind)) evalError(`intersection on ${typeOf(v1)}`, s1);
  if (NON_SET.has(v2.kind)) evalError(`intersection on ${typeOf(v2)}`, s2);
  return evalError(`mixing ${typeOf(v1)} and ${typeOf(v2)} in intersection`, span);
}

export function diff(x1: Value, x2: Value, s1: Span, s2: Span, cand: Candidate, span: Span): Value {
  const v1 = tagToSet(x1), v2 = tagToSet(x2);
  if (v1.kind === 'rel' && v2.kind === 'rel') return relV(v1.diff(v2));
  if (v1.kind === 'set' && v2.kind === 'set') return setV(v1.diff(v2));
  if (v1.kind === 'valset' && v2.kind === 'valset') {
    const m = new Map<string, Value>();
    for (const [k, x] of v1.items) if (!v2.items.has(k)) m.set(k, x);
    return { kind: 'valset', elt: v1.elt, items: m };
  }
  if (v1.kind === 'universe') {
    if (v2.kind === 'rel') return relV(cand.unv.diff(v2));
    if (v2.kind === 'set') return setV(cand.all.diff(v2));
    if (v2.kind === 'empty') return UNIVERSE;
    if (v2.kind === 'universe') return EMPTY;
    if (v2.kind === 'valset') return evalError(`cannot build universe for element type ${v2.elt}`, s1);
  }
  if (NON_SET.has(v1.kind)) evalError(`difference on ${typeOf(v1)}`, s1);
  if (NON_SET.has(v2.kind)) evalError(`difference on ${typeOf(v2)}`, s2);
  if (v2.kind === 'universe' || v1.kind === 'empty') return EMPTY;
  if (v2.kind === 'empty') return v1;
  return evalError(`mixing ${typeOf(v1)} and ${typeOf(v2)} in difference`, span);
}

/** `e1 ++ e2`: add an element to a set (or a pair to a relation). */
export function add(v1: Value, v2: Value, s1: Span, s2: Span, cand: Candidate, span: Span): Value {
  if (v1.kind === 'universe') return evalError('universe in set ++', span);
  switch (v2.kind) {
    case 'universe':
      return UNIVERSE;
    case 'empty':
      if (v1.kind === 'event') return setV(EventSet.of(cand.n, [v1.id]));
      if (v1.kind === 'pair') return relV(Relation.fromEdges(cand.n, [[v1.src, v1.dst]]));
      return valset(typeOf(v1), [v1]);
    case 'valset': {
      const t = unifyTypes(typeOf(v1), v2.elt);
      if (t === undefined) return evalError(`heterogeneous set elements: types ${typeOf(v1)} and ${v2.elt}`, s1);
      const m = new Map(v2.items);
      m.set(valueKey(v1), v1);
      return { kind: 'valset', elt: t, items: m };
    }
    case 'rel':
      if (v1.kind === 'pair') return relV(v2.with(v1.src, v1.dst));
      if (v1.kind === 'tuple' && v1.items.length === 2 && v1.items[0].kind === 'event' && v1.items[1].kind === 'event') {
        return relV(v2.with(v1.items[0].id, v1.items[1].id));
      }
      return evalError(`this expression of type '${typeOf(v1)}' should be a pair`, s1);
    case 'set':
      if (v1.kind === 'event') return setV(v2.with(v1.id));
      return evalError(`this expression of type '${typeOf(v1)}' should be an event`, s1);
    default:
      return evalError(`this expression of type '${typeOf(v2)}' should be a set`, s2);
  }
}

/** Unary operators `+`, `*`, `?`, `~`, `^-1`, `[.]`; `enumTags` gives the tags of an enum type (for `~` on tag sets). */
export function op1(op: 'plus' | 'star' | 'opt' | 'comp' | 'inv' | 'toid', v: Value, vspan: Span, cand: Candidate, enumTags: (type: string) => readonly string[] | undefined): Value {
  switch (op) {
    case 'plus':
      if (v.kind === 'rel') return relV(v.plus());
      if (v.kind === 'empty' || v.kind === 'universe') return v;
      return typeError('rel', v, vspan);
    case 'star':
    case 'opt':
      if (v.kind === 'rel') return relV(v.isEmpty() ? cand.id : op === 'star' ? v.star() : v.opt());
      if (v.kind === 'empty') return relV(cand.id);
      if (v.kind === 'universe') return v;
      return typeError('rel', v, vspan);
    case 'comp':
      switch (v.kind) {
        case 'empty':
          return UNIVERSE;
        case 'universe':
          return EMPTY;
        case 'set':
          return setV(v.complement());
        case 'rel':
          return relV(v.complement());
        case 'tag':
        case 'valset': {
          const s = tagToSet(v);
          const tags = s.kind === 'valset' ? enumTags(s.elt) : undefined;
          if (s.kind === 'valset' && tags !== undefined) {
            return valset(s.elt, tags.filter((t) => !s.items.has(`'${t}`)).map((t) => ({ kind: 'tag', type: s.elt, name: t }) as Value));
          }
          break;
        }
        default:
          break;
      }
      return evalError(`set or relation expected, ${typeOf(v)} found`, vspan);
    case 'inv':
      if (v.kind === 'rel') return relV(v.inverse());
      if (v.kind === 'pair') return { kind: 'pair', src: v.dst, dst: v.src };
      if (v.kind === 'empty' || v.kind === 'universe') return v;
      return typeError('rel', v, vspan);
    case 'toid':
      if (v.kind === 'set') return relV(Relation.identityOn(v));
      if (v.kind === 'empty') return EMPTY;
      if (v.kind === 'universe') return relV(cand.id);
      return typeError('events', v, vspan);
  }
}

export function cartesian(v1: Value, v2: Value, s1: Span, s2: Span, cand: Candidate): Value {
  return relV(Relation.cartesian(asEvents(v1, cand, s1), asEvents(v2, cand, s2)));
}

/** `e1 = e2` in a condition: herd's structural comparison. */
export function valueEquals(a: Value, b: Value, span: Span): boolean {
  if (a.kind === 'universe' || b.kind === 'universe') evalError('universe in comparison', span);
  return valueKey(a) === valueKey(b);
}

export function subset(a: Located, b: Located, cand: Candidate, span: Span): boolean {
  const t = unifyAll([a, b]);
  if (t === 'rel') return asRel(a.v, cand, a.span).subsetOf(asRel(b.v, cand, b.span));
  if (t === 'events') return asEvents(a.v, cand, a.span).subsetOf(asEvents(b.v, cand, b.span));
  if (t.endsWith(' set') || t === '{}') {
    const bi = valsetItems(b.v);
    for (const k of valsetItems(a.v).keys()) if (!bi.has(k)) return false;
    return true;
  }
  return evalError(`cannot perform subset on type '${t}'`, span);
}

export function member(a: Located, b: Located, cand: Candidate): boolean {
  const v1 = a.v;
  if (v1.kind === 'event') return asEvents(b.v, cand, b.span).has(v1.id);
  if (v1.kind === 'pair') return asRel(b.v, cand, b.span).has(v1.src, v1.dst);
  if (v1.kind === 'tuple' && v1.items.length === 2 && v1.items[0].kind === 'event' && v1.items[1].kind === 'event') {
    return asRel(b.v, cand, b.span).has(v1.items[0].id, v1.items[1].id);
  }
  const v2 = tagToSet(b.v);
  if (v2.kind !== 'valset') return evalError(`set expected, found ${typeOf(v2)}`, b.span);
  if (unifyTypes(typeOf(v1), v2.elt) === undefined) return typeError(v2.elt, v1, a.span);
  return v2.items.has(valueKey(v1));
}

/**
 * herd's fixpoint test for `let rec`: the new value adds nothing to the
 * old one. Raises on values that cannot be compared.
 */
export function stabilised(old: Value, neu: Value, cand: Candidate, span: Span): boolean {
  if (neu.kind === 'empty' || old.kind === 'universe') return true;
  if (old.kind === 'empty') {
    if (neu.kind === 'rel') return neu.isEmpty();
    if (neu.kind === 'set') return neu.isEmpty();
    if (neu.kind === 'valset') return neu.items.size === 0;
  }
  if (old.kind === 'rel' && neu.kind === 'rel') return neu.subsetOf(old);
  if (old.kind === 'rel' && neu.kind === 'universe') return cand.unv.subsetOf(old);
  if (old.kind === 'set' && neu.kind === 'set') return neu.subsetOf(old);
  if (old.kind === 'set' && neu.kind === 'universe') return cand.all.subsetOf(old);
  if (old.kind === 'valset' && neu.kind === 'valset') {
    for (const k of neu.items.keys()) if (!old.items.has(k)) return false;
    return true;
  }
  return evalError(`illegal recursion on type '${typeOf(neu)}'`, span);
}
