/**
 * Run-time values of the cat interpreter, after herd's: the polymorphic
 * empty set and universe, event sets, relations, single events and pairs,
 * tags, sets of values, tuples, closures, primitives and procedures.
 */
import { DIAG_CODES, raise, type Span } from '../diag.js';
import type { EventSet, Relation } from '../relation/index.js';
import type { Code, CompiledPattern, Frame } from './runtime.js';
import type { CompiledProc } from './runtime.js';
import type { Ctx } from './runtime.js';

export interface Closure {
  readonly kind: 'closure';
  /** Unique within one evaluation: closures compare by identity. */
  readonly id: number;
  readonly name: string;
  readonly params: CompiledPattern;
  readonly body: Code;
  readonly env: Frame | null;
}

export interface Primitive {
  readonly kind: 'prim';
  readonly name: string;
  readonly fn: (arg: Value, ctx: Ctx, span: Span) => Value;
}

export interface Procedure {
  readonly kind: 'proc';
  readonly id: number;
  readonly proc: CompiledProc;
  readonly env: Frame | null;
}

export type Value =
  /** `{}`: empty, of any set or relation type. */
  | { readonly kind: 'empty' }
  /** `_`: all events, or all pairs, depending on use. */
  | { readonly kind: 'universe' }
  /** An event set (the class carries `kind: 'set'`). */
  | EventSet
  /** A relation (the class carries `kind: 'rel'`). */
  | Relation
  | { readonly kind: 'event'; readonly id: number }
  | { readonly kind: 'pair'; readonly src: number; readonly dst: number }
  /** A tag `'name` of the enum type `type`. */
  | { readonly kind: 'tag'; readonly type: string; readonly name: string }
  /** A set of values of type `elt`, keyed by `valueKey`. */
  | { readonly kind: 'valset'; readonly elt: string; readonly items: ReadonlyMap<string, Value> }
  | { readonly kind: 'tuple'; readonly items: readonly Value[] }
  | Closure
  | Primitive
  | Procedure;

export const EMPTY: Value = { kind: 'empty' };
/** Marks a predefined name the candidate does not define (compared by identity). */
export const UNBOUND: Value = Object.freeze({ kind: 'empty' }) as Value;
export const UNIVERSE: Value = { kind: 'universe' };

export const setV = (set: EventSet): Value => set;
export const relV = (rel: Relation): Value => rel;

/**
 * A model evaluation error while interpreting (what `try ... with` catches).
 * Deliberately not an Error (no stack trace to capture: models such as
 * stdlib.cat fail and recover in `try` on every candidate); the model API
 * turns it into a WeakmemError MODEL_EVAL.
 */
export class CatError {
  constructor(readonly message: string, readonly span: Span | undefined) {}

  /** Throws the equivalent WeakmemError. */
  raise(): never {
    return raise(DIAG_CODES.MODEL_EVAL, this.message, this.span);
  }
}

/** Raises a model evaluation error (caught by `try`). */
export function evalError(message: string, span: Span | undefined): never {
  throw new CatError(message, span);
}

/** herd's names for types, used in messages and as set element types. */
export function typeOf(v: Value): string {
  switch (v.kind) {
    case 'empty':
      return '{}';
    case 'universe':
      return 'universe';
    case 'set':
      return 'events';
    case 'rel':
      return 'rel';
    case 'event':
      return 'event';
    case 'pair':
      return 'pair';
    case 'tag':
      return v.type;
    case 'valset':
      return `${v.elt} set`;
    case 'tuple':
      return `(${v.items.map(typeOf).join(' * ')})`;
    case 'closure':
    case 'prim':
      return 'closure';
    case 'proc':
      return 'procedure';
  }
}

/** Unifies two types, the empty type `{}` matching any set or relation type; undefined when incompatible. */
export function unifyTypes(a: string, b: string): string | undefined {
  if (a === b) return a;
  const setLike = (t: string): boolean => t === 'events' || t === 'rel' || t.endsWith(' set');
  if (a === '{}' && setLike(b)) return b;
  if (b === '{}' && setLike(a)) return a;
  if (a.endsWith(' set') && b.endsWith(' set')) {
    const t = unifyTypes(a.slice(0, -4), b.slice(0, -4));
    return t === undefined ? undefined : `${t} set`;
  }
  return undefined;
}

/** Canonical key: equal for values herd compares equal (an empty set of any type equals `{}`). */
export function valueKey(v: Value): string {
  switch (v.kind) {
    case 'empty':
      return '{}';
    case 'set':
      return v.isEmpty() ? '{}' : `S${v.key()}`;
    case 'rel':
      return v.isEmpty() ? '{}' : `R${v.key()}`;
    case 'valset':
      return v.items.size === 0 ? '{}' : `V{${[...v.items.keys()].sort().join('|')}}`;
    case 'event':
      return `e${v.id}`;
    case 'pair':
      return `p${v.src},${v.dst}`;
    case 'tag':
      return `'${v.name}`;
    case 'tuple':
      return `(${v.items.map(valueKey).join(',')})`;
    case 'closure':
      return `c${v.id}`;
    case 'prim':
      return `P${v.name}`;
    case 'proc':
      return `proc${v.id}`;
    case 'universe':
      return evalError('universe in a set or comparison', undefined);
  }
}

/** A set of values of element type `elt`. */
export function valset(elt: string, items: Iterable<Value>): Value {
  const m = new Map<string, Value>();
  for (const v of items) m.set(valueKey(v), v);
  return { kind: 'valset', elt, items: m };
}

/**
 * A set of values known to be pairwise distinct (an enumeration's
 * results): its elements are keyed only when the set is looked up by key,
 * which a `with` over it never does.
 */
class DistinctValset {
  readonly kind = 'valset' as const;
  private keyed: ReadonlyMap<string, Value> | undefined;
  constructor(readonly elt: string, readonly list: readonly Value[]) {}

  get items(): ReadonlyMap<string, Value> {
    return (this.keyed ??= new Map(this.list.map((v) => [valueKey(v), v])));
  }
}

/** The set of values `items`, which must be pairwise distinct (not checked). */
export function distinctValset(elt: string, items: readonly Value[]): Value {
  return new DistinctValset(elt, items);
}

/** Elements of a set-like value, in a deterministic order (events and pairs ascending). */
export function elementsOf(v: Value, span: Span): Value[] {
  switch (v.kind) {
    case 'empty':
      return [];
    case 'set':
      return v.toArray().map((id) => ({ kind: 'event', id }) as Value);
    case 'rel':
      return v.edges().map(([src, dst]) => ({ kind: 'pair', src, dst }) as Value);
    case 'valset':
      return v instanceof DistinctValset ? [...v.list] : [...v.items.values()];
    default:
      return evalError(`set expected, ${typeOf(v)} found`, span);
  }
}

/** Short rendering of a value for messages. */
export function showValue(v: Value): string {
  switch (v.kind) {
    case 'tag':
      return `'${v.name}`;
    case 'empty':
      return '{}';
    case 'closure':
      return `${v.name}_${v.id}`;
    case 'tuple':
      return `(${v.items.map(showValue).join(',')})`;
    case 'valset':
      return `{${[...v.items.values()].map(showValue).join(',')}}`;
    default:
      return `<${typeOf(v)}>`;
  }
}
