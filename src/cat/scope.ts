/**
 * Compile-time name resolution. Models are lexically scoped: each name
 * occurrence is resolved once, when compiled, to a local slot, a top-level
 * cell, or a predefined name of the candidate execution.
 */
import type { CellRef, Ctx } from './runtime.js';
import type { Value } from './values.js';

/** A top-level binding: a cell at a level, a predefined name, or a constant. */
export interface GlobalBinding {
  /** The cell of a model binding. */
  readonly ref?: CellRef;
  /** Set for predefined names: their value comes from the candidate. */
  readonly predef?: string;
  /** Set for constants known at compile time (enum tag sets). */
  readonly constant?: Value;
  /** A `let rec` binding while its group is compiled: its value changes during the fixpoint. */
  readonly volatile?: boolean;
}

/** The names of one run-time local frame. */
export class LocalScope {
  private readonly names = new Map<string, number>();
  size = 0;
  constructor(readonly parent: LocalScope | null) {}

  /** Allocates a slot for `name` (undefined: an anonymous slot). Later lookups of `name` find it. */
  declare(name: string | undefined): number {
    const i = this.size++;
    if (name !== undefined) this.names.set(name, i);
    return i;
  }

  lookup(name: string): { depth: number; index: number } | undefined {
    const i = this.names.get(name);
    if (i !== undefined) return { depth: 0, index: i };
    const up = this.parent?.lookup(name);
    return up === undefined ? undefined : { depth: up.depth + 1, index: up.index };
  }
}

/** State of the compiler along the top-level instruction stream. */
export class CompileEnv {
  /** Visible top-level bindings. */
  readonly globals = new Map<string, GlobalBinding>();
  /** Visible tags: tag name -> enum type. */
  readonly tags = new Map<string, string>();
  /** Tags of each enum type (latest declaration). */
  readonly enums = new Map<string, readonly string[]>();
  /** Number of cells per level (0: skeleton, 1: candidate, 1+j: j-th `with`). */
  readonly levelSizes: number[] = [0, 0];

  constructor(readonly variants: ReadonlySet<string>) {}

  /** Cache slots of predefined names, by name (see `Candidate.predefAt`). */
  private readonly predefSlots = new Map<string, number>();

  /** The cache slot of predefined `name`. */
  predefSlot(name: string): number {
    let slot = this.predefSlots.get(name);
    if (slot === undefined) {
      slot = this.predefSlots.size;
      this.predefSlots.set(name, slot);
    }
    return slot;
  }

  /** The thunk of each top-level cell, by level and index (cells above the skeleton level are made when first read). */
  readonly thunks: ((ctx: Ctx) => Value)[][] = [];

  /** Records the thunk of the top-level cell at `ref`. */
  defineThunk(ref: CellRef, thunk: (ctx: Ctx) => Value): void {
    while (this.thunks.length <= ref.level) this.thunks.push([]);
    this.thunks[ref.level][ref.index] = thunk;
  }

  /** Allocates a cell at `level`. */
  allocate(level: number): CellRef {
    while (this.levelSizes.length <= level) this.levelSizes.push(0);
    return { level, index: this.levelSizes[level]++ };
  }

  /** The binding of a name: a model binding, else a predefined name. */
  global(name: string): GlobalBinding {
    return this.globals.get(name) ?? { predef: name };
  }
}
