/**
 * The architecture-independent shape of a parsed litmus test: header,
 * initial state, per-thread code (architecture specific), observed
 * locations, filter and final condition. Produced by `litmus/<arch>/`,
 * consumed by `exec/` and `report/`.
 */
import type { Span } from '../diag.js';

/** A run-time value: an integer, or the address of a location (its name). */
export type Value = number | string;

/** Architectures weakmem reads. */
export type ArchName = 'C' | 'AArch64' | 'X86' | 'X86_64';

/**
 * A register of a thread, or a memory location, as named in conditions. An
 * array element is the location `x[1]`; a whole array (`x={1,2}` in an
 * assembly condition) is the key of the array's name with `array` set.
 */
export type StateKey =
  | { readonly kind: 'reg'; readonly thread: number; readonly reg: string; readonly span: Span }
  | {
      readonly kind: 'mem';
      readonly loc: string;
      /** The key stands for every element of the array `loc`; its value prints as `{v0,v1,...}`. */
      readonly array?: true;
      readonly span: Span;
    };

/** The value side of a condition atom. */
export interface ValueExpr {
  readonly value: Value;
  /** The constant as written, when herd prints it so in the Condition line (e.g. `0xff`). */
  readonly text?: string;
  readonly span: Span;
}

/** A proposition over the final state (conditions and filters). */
export type Prop =
  | { readonly kind: 'true'; readonly span: Span }
  | { readonly kind: 'false'; readonly span: Span }
  | { readonly kind: 'eq'; readonly key: StateKey; readonly value: ValueExpr; readonly span: Span }
  /** Equality of two state keys, e.g. `0:r0=1:r1` (rare). */
  | { readonly kind: 'eqKeys'; readonly left: StateKey; readonly right: StateKey; readonly span: Span }
  | { readonly kind: 'not'; readonly arg: Prop; readonly span: Span }
  | { readonly kind: 'and'; readonly args: readonly Prop[]; readonly span: Span }
  | { readonly kind: 'or'; readonly args: readonly Prop[]; readonly span: Span }
  | { readonly kind: 'implies'; readonly left: Prop; readonly right: Prop; readonly span: Span };

export type Quantifier = 'exists' | '~exists' | 'forall';

export interface Condition {
  readonly quantifier: Quantifier;
  readonly prop: Prop;
  readonly span: Span;
}

/** One initial-state entry: `int x = 1;`, `int *p = &y;`, `0:X1=x;`, `x=1;`. */
export interface InitEntry {
  /** A memory location or a thread register. */
  readonly target: StateKey;
  /** The initial value (0 when the declaration gives none). */
  readonly value: Value;
  /** Declared C type or herd type as written (`int`, `int *`, `spinlock_t`, `uint64_t`...), if any. */
  readonly type?: string;
  readonly span: Span;
}

/**
 * An array of an assembly test's initial state (`int x[2] = {1,2};`). Its
 * elements are the locations `x[0]`, `x[1]`, ..., each with an entry of
 * its own in `init`; the address `x` is the address of `x[0]`.
 */
export interface ArrayDecl {
  readonly name: string;
  /** The element type as written (`int`, `uint64_t`...). */
  readonly type: string;
  readonly length: number;
  readonly span: Span;
}

/** The location of element `index` of array `name`. */
export function elementLoc(name: string, index: number): string {
  return `${name}[${index}]`;
}

/** A parsed litmus test. `TCode` is the architecture's thread representation. */
export interface LitmusTest<TCode = unknown> {
  readonly arch: ArchName;
  readonly name: string;
  /** The optional quoted doc string after the header. */
  readonly doc?: string;
  /** File name as given. */
  readonly file: string;
  /** Full source text (for diagnostics and explanations). */
  readonly source: string;
  readonly init: readonly InitEntry[];
  /** Arrays of the initial state (assembly tests); their elements are in `init`. */
  readonly arrays?: readonly ArrayDecl[];
  /** Threads in order P0, P1, ...; index = thread number. */
  readonly threads: readonly TCode[];
  /** `locations [...]`: extra state keys to show in the final states. */
  readonly locations: readonly StateKey[];
  /** `filter (...)`: executions not satisfying it are discarded before counting. */
  readonly filter?: Prop;
  readonly condition: Condition;
}
