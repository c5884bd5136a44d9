/**
 * Syntax tree of herd's cat language (models `.cat` and bell files
 * `.bell`). Every node carries the span of its source text.
 */
import type { Span } from '../diag.js';

/** Unary operators. */
export type Op1 =
  /** `e+` or `e^+`: transitive closure. */
  | 'plus'
  /** `e*`: reflexive-transitive closure. */
  | 'star'
  /** `e?`: union with the identity. */
  | 'opt'
  /** `~e`: complement of a set or relation. */
  | 'comp'
  /** `e^-1`: inverse relation. */
  | 'inv'
  /** `[e]`: identity relation on a set. */
  | 'toid';

/** N-ary (union, inter, seq) and binary operators. */
export type Op2 =
  /** `e1 | e2 | ...` */
  | 'union'
  /** `e1 & e2` */
  | 'inter'
  /** `e1 \ e2` */
  | 'diff'
  /** `e1 ; e2 ; ...` */
  | 'seq'
  /** `e1 * e2`: cartesian product of two sets. */
  | 'cartesian'
  /** `e1 ++ e2`: add an element to a set. */
  | 'add';

/** A variable binder: a name, or `_` (undefined) to ignore the value. */
export type Binder = string | undefined;

/** A binding pattern: one name, or a tuple of names. */
export type Pattern =
  | { readonly kind: 'pvar'; readonly name: Binder; readonly span: Span }
  | { readonly kind: 'ptuple'; readonly names: readonly Binder[]; readonly span: Span };

/** `pattern = expr`, in `let` and `let rec`. */
export interface Binding {
  readonly pattern: Pattern;
  readonly expr: Expr;
  readonly span: Span;
}

/** A condition on variants: `"name"`, `not c`, `c && c`, `c || c`. */
export type VariantCond =
  | { readonly kind: 'variant'; readonly name: string; readonly span: Span }
  | { readonly kind: 'not'; readonly arg: VariantCond; readonly span: Span }
  | { readonly kind: 'and' | 'or'; readonly left: VariantCond; readonly right: VariantCond; readonly span: Span };

/** The condition of an `if` expression. */
export type Cond =
  | { readonly kind: 'eq' | 'subset' | 'in'; readonly left: Expr; readonly right: Expr; readonly span: Span }
  | { readonly kind: 'variantCond'; readonly cond: VariantCond; readonly span: Span };

/** `|| 'tag -> e` in a tag match. */
export interface TagClause {
  readonly tag: string;
  readonly body: Expr;
  readonly span: Span;
}

/** The non-empty clause of a set match. */
export type SetClause =
  /** `e ++ rest -> body`: one element and the others. */
  | { readonly kind: 'eltRem'; readonly elt: Binder; readonly rest: Binder; readonly body: Expr; readonly span: Span }
  /** `pre | e ++ post -> body`: split around one element. */
  | {
      readonly kind: 'preEltPost';
      readonly pre: Binder;
      readonly elt: Binder;
      readonly post: Binder;
      readonly body: Expr;
      readonly span: Span;
    };

export type Expr =
  /** `0`: the empty relation. */
  | { readonly kind: 'emptyRel'; readonly span: Span }
  /** `_`: the universe (all events, or all pairs). */
  | { readonly kind: 'universe'; readonly span: Span }
  /** `'name`: a tag declared by `enum`. */
  | { readonly kind: 'tag'; readonly name: string; readonly span: Span }
  | { readonly kind: 'var'; readonly name: string; readonly span: Span }
  | { readonly kind: 'op1'; readonly op: Op1; readonly arg: Expr; readonly span: Span }
  | { readonly kind: 'op'; readonly op: Op2; readonly args: readonly Expr[]; readonly span: Span }
  /** `(e1, e2, ...)`, and `()`. */
  | { readonly kind: 'tuple'; readonly elems: readonly Expr[]; readonly span: Span }
  /** `f arg`, `f(args)`. */
  | { readonly kind: 'app'; readonly fn: Expr; readonly arg: Expr; readonly span: Span }
  /** `let b1 and b2 in body` (bindings do not see each other). */
  | { readonly kind: 'let'; readonly bindings: readonly Binding[]; readonly body: Expr; readonly span: Span }
  /** `let rec b1 and b2 in body`: functions, or a least fixpoint of values. */
  | { readonly kind: 'letrec'; readonly bindings: readonly Binding[]; readonly body: Expr; readonly span: Span }
  /** `fun x -> e`, `fun (x, y) -> e`; `name` is the binding name for `let f x = ...`. */
  | { readonly kind: 'fun'; readonly params: Pattern; readonly body: Expr; readonly name: string; readonly span: Span }
  /** `{e1, e2, ...}`, and `{}`. */
  | { readonly kind: 'set'; readonly elems: readonly Expr[]; readonly span: Span }
  /** `match e with || 'a -> e1 || _ -> e2 end`. */
  | {
      readonly kind: 'match';
      readonly scrutinee: Expr;
      readonly clauses: readonly TagClause[];
      readonly otherwise: Expr | undefined;
      readonly span: Span;
    }
  /** `match s with || {} -> e1 || x ++ r -> e2 end`. */
  | {
      readonly kind: 'matchSet';
      readonly scrutinee: Expr;
      readonly ifEmpty: Expr;
      readonly clause: SetClause;
      readonly span: Span;
    }
  /** `try e with fallback`: the fallback when evaluating `e` fails. */
  | { readonly kind: 'try'; readonly body: Expr; readonly fallback: Expr; readonly span: Span }
  | { readonly kind: 'if'; readonly cond: Cond; readonly then: Expr; readonly else: Expr; readonly span: Span };

/** The predicate of a check. */
export type TestKind = 'acyclic' | 'irreflexive' | 'empty';

/** `[~]acyclic e as name` and friends. */
export interface AppTest {
  /** `~acyclic`, `~empty`...: the check passes when the predicate is false. */
  readonly negated: boolean;
  readonly test: TestKind;
  readonly expr: Expr;
  readonly name: string | undefined;
  readonly span: Span;
}

/**
 * What a test does: `check` (plain; failing rejects the execution), `flag`
 * (records a flag when the test passes), `undefinedUnless` (marks undefined
 * behaviour when it fails), `assert` (a failure is an error in the input).
 */
export type TestType = 'check' | 'flag' | 'undefinedUnless' | 'assert';

export type Instr =
  | { readonly kind: 'let'; readonly bindings: readonly Binding[]; readonly span: Span }
  | { readonly kind: 'rec'; readonly bindings: readonly Binding[]; readonly test: AppTest | undefined; readonly span: Span }
  /** Instruction-level `match e with 'a -> instrs || ... end`. */
  | {
      readonly kind: 'insMatch';
      readonly scrutinee: Expr;
      readonly clauses: readonly { readonly tag: string; readonly body: readonly Instr[] }[];
      readonly otherwise: readonly Instr[] | undefined;
      readonly span: Span;
    }
  | { readonly kind: 'test'; readonly test: AppTest; readonly type: TestType; readonly span: Span }
  | { readonly kind: 'show' | 'unshow'; readonly names: readonly string[]; readonly span: Span }
  | { readonly kind: 'showAs'; readonly expr: Expr; readonly name: string; readonly span: Span }
  | { readonly kind: 'include'; readonly file: string; readonly span: Span }
  | {
      readonly kind: 'procedure';
      readonly name: string;
      readonly params: Pattern;
      readonly body: readonly Instr[];
      readonly isRec: boolean;
      readonly span: Span;
    }
  /** `call p(args) as name`: run a procedure; `name` lets -skipcheck skip it. */
  | { readonly kind: 'call'; readonly name: string; readonly arg: Expr; readonly checkName: string | undefined; readonly span: Span }
  /** `enum Name = 'a || 'b`: declares tags and binds `Name` to the set of them. */
  | { readonly kind: 'enum'; readonly name: string; readonly tags: readonly string[]; readonly span: Span }
  | { readonly kind: 'forall'; readonly name: string; readonly set: Expr; readonly body: readonly Instr[]; readonly span: Span }
  | { readonly kind: 'debug'; readonly expr: Expr; readonly span: Span }
  /** `with x from S`: the rest of the model runs once per element of S. */
  | { readonly kind: 'withFrom'; readonly name: string; readonly set: Expr; readonly span: Span }
  /** Bell declarations `instructions R[...]` and `default R[...]`. */
  | { readonly kind: 'events'; readonly name: string; readonly args: readonly Expr[]; readonly isDefault: boolean; readonly span: Span }
  /** `if "variant" instrs else instrs end`. */
  | {
      readonly kind: 'ifVariant';
      readonly cond: VariantCond;
      readonly then: readonly Instr[];
      readonly else: readonly Instr[];
      readonly span: Span;
    };

/** One parsed model or bell file. */
export interface CatFile {
  /** Display path of the file. */
  readonly file: string;
  /** The model's title (the quoted string or name at the top), if any. */
  readonly title: string | undefined;
  /** Model options after the title (`catdep`). */
  readonly options: readonly string[];
  readonly instrs: readonly Instr[];
}
