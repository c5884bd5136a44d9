/**
 * What an architecture brings to explanations and fixes, behind one
 * interface: the names of its base orderings in models (so a derived edge
 * can be unfolded into them), its ordering tools with their costs, how to
 * find and edit program points in its tests, and why a pair of accesses is
 * left unordered. C (Linux-kernel, `c-toolkit.ts`) and AArch64
 * (`aarch64-toolkit.ts`) implement it; another architecture plugs in by
 * implementing it and adding a line to `toolkitFor`.
 */
import type { ArchName, Quantifier } from '../litmus/types.js';
import type { Relation } from '../relation/index.js';
import type { ExecutionFacts } from './facts.js';

/** The kinds of base edge, each drawn in its own colour. */
export type BaseKind = 'po' | 'rf' | 'co' | 'fr' | 'fence' | 'dep' | 'rmw' | 'acqrel' | 'sync' | 'derived';

/** One base ordering: its label in explanations and the relation names models bind it to. */
export interface VocabularyEntry {
  /** Label printed on the edge (`--wmb-->`). */
  readonly label: string;
  readonly kind: BaseKind;
  /** Relation names tried in order, first bound one wins (our built-in model's name, then herd's). */
  readonly names: readonly string[];
  /**
   * Computes the ordering from the execution's events when the model binds
   * none of `names` (herd's aarch64.cat keeps DMB ordering inside `bob`).
   */
  readonly derive?: (f: ExecutionFacts) => Relation;
  /**
   * The model's whole local order (`lob`): used to decide which pairs are
   * already ordered, never as a label (it is too coarse to explain anything).
   */
  readonly localOnly?: boolean;
}

/** Derived relations of each execution, computed once (explanations and fixes ask repeatedly). */
const derived = new WeakMap<ExecutionFacts, Map<VocabularyEntry, Relation>>();

/** The relation a vocabulary entry stands for in one execution: the first bound name, else its derivation. */
export function vocabularyRelation(f: ExecutionFacts, v: VocabularyEntry): Relation | undefined {
  for (const name of v.names) {
    const r = f.relation(name);
    if (r !== undefined) return r;
  }
  if (v.derive === undefined) return undefined;
  let memo = derived.get(f);
  if (memo === undefined) derived.set(f, (memo = new Map()));
  let r = memo.get(v);
  if (r === undefined) memo.set(v, (r = v.derive(f)));
  return r;
}

/** An ordering tool the fix search may use. */
export interface ToolSpec {
  /** The name used in `--cost` (`smp_wmb`, `smp_store_release`). */
  readonly name: string;
  /** Default cost. */
  readonly cost: number;
  /** What it orders, for `--help` and the README. */
  readonly orders: string;
}

/** One way to add ordering to a test: a fence at a program point or a stronger access. */
export interface FixCandidate {
  /** Index in `FixableTest.candidates`. */
  readonly id: number;
  /** Tool name (a `ToolSpec.name`). */
  readonly tool: string;
  readonly thread: number;
  /** Source line the change is made at (the statement it goes before, or the one it rewrites). */
  readonly line: number;
  /** `smp_wmb() before line 16 WRITE_ONCE(*down, 0)`. */
  readonly words: string;
  /** What the change writes, as in the test: `smp_wmb()`, `DMB ISHST`, `STLR W2,[X3]`. */
  readonly device: string;
  /** Where it goes: `before P0 line 16 WRITE_ONCE(*down, 0)`, `at P0 line 12`. */
  readonly where: string;
  /** Fixes with the same slot are never proposed together (two barriers at one point). */
  readonly slot: string;
}

/** An ordering device already in the test: a barrier, a release store, an acquire load. */
export interface ExistingItem {
  /** Index in `FixableTest.existing`. */
  readonly id: number;
  /** Tool name of the device (`smp_mb`, `smp_store_release`, ...). */
  readonly tool: string;
  readonly thread: number;
  readonly line: number;
  /** The statement as written. */
  readonly text: string;
  /** `smp_wmb() at P0 line 17`. */
  readonly words: string;
  /** What removing it means: `delete the line`, `make it WRITE_ONCE()`. */
  readonly removal: string;
}

/** A test prepared for fixing: its candidate fixes, its ordering devices, and text edits. */
export interface FixableTest {
  /** The quantifier of the test's condition (which side of it is the outcome of interest). */
  readonly quantifier: Quantifier;
  readonly candidates: readonly FixCandidate[];
  readonly existing: readonly ExistingItem[];
  /** Candidate fixes that order the program-order pair (a, b) of the execution. */
  fixesFor(f: ExecutionFacts, a: number, b: number): number[];
  /** Existing devices that order the pair (a, b) of the execution. */
  existingFor(f: ExecutionFacts, a: number, b: number): number[];
  /** The test's text with `fixes` applied and the `remove`d devices taken out. */
  patch(fixes: readonly number[], remove: readonly number[]): string;
  /**
   * How a fix relates to an existing device it could take the place of:
   * `replace` when it goes where the device is (a stronger barrier there),
   * `move` when it is the same device elsewhere on the thread.
   */
  relation(fix: number, existing: number): 'replace' | 'move' | undefined;
}

export interface OrderingToolkit {
  readonly arch: ArchName;
  /** Base orderings, strongest first: a pair in several gets the first label. */
  readonly vocabulary: readonly VocabularyEntry[];
  readonly tools: readonly ToolSpec[];
  /** The strongest barrier, as written in tests (`smp_mb()`, `DMB ISH`), for advice in words. */
  readonly fullBarrier: string;
  /** Prepares a test for fixing. Throws WeakmemError when its text cannot be read. */
  prepare(source: string, file: string): FixableTest;
  /** Why nothing orders the program-order pair (a, b) of the execution, in one sentence. */
  whyUnordered(f: ExecutionFacts, a: number, b: number): string;
}

/** The cost of each tool: defaults overridden by `--cost NAME=N`. */
export type CostTable = ReadonlyMap<string, number>;

export function defaultCosts(t: OrderingToolkit): Map<string, number> {
  return new Map(t.tools.map((s) => [s.name, s.cost]));
}
