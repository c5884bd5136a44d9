/**
 * The plug-in interface of an architecture: how its tests are parsed, how
 * its threads run (events, registers, dependencies), and which model
 * checks them by default. Adding an architecture is one folder under
 * `litmus/`, one under `exec/`, and one line in `registry.ts`.
 */
import type { ThreadSemantics } from '../exec/types.js';
import type { ArchName, LitmusTest } from '../litmus/types.js';

/**
 * Thread semantics of an assembly architecture. Traces contain register
 * events (actions `Rreg`/`Wreg`, `loc` = `thread:REG`) besides memory,
 * fence (`F`) and branching (`Commit`) events: herd keeps them only for
 * models marked `catdep` (aarch64.cat), which compute addr/data/ctrl from
 * them; for other models they are dropped and the traces' own `addr`,
 * `data`, `ctrl` (herd's native dependencies) are used. `po` relates
 * events of different instruction instances only (`instr` strictly
 * increasing), never two events of one instruction.
 */
export interface ArchSemantics extends ThreadSemantics {
  /**
   * True once some thread path was cut because a loop hit the unrolling
   * bound (herd then prints `Loop Ok` / `Loop No`). Meaningful after
   * enumeration asked for the traces.
   */
  loopCut(): boolean;
}

export interface Arch<TCode = unknown> {
  readonly name: ArchName;
  /** Header words that select this architecture (`AArch64`, `X86`, `X86_64`). */
  readonly headers: readonly string[];
  /** Parses a whole test. Throws WeakmemError with a `file:line:col` span. */
  parse(text: string, file: string): LitmusTest<TCode>;
  /** Thread semantics of a parsed test. */
  semantics(test: LitmusTest<TCode>, opts?: { readonly unroll?: number }): ArchSemantics;
  /** Name of the built-in model herd uses for this architecture. */
  readonly defaultModel: string;
  /**
   * Event-set names herd always defines for this architecture, empty when
   * no event belongs to them (pass as the cat loader's `archSets`).
   */
  readonly sets: readonly string[];
  /**
   * herd's order of register keys in printed states (by register number,
   * the zero register first), when it differs from name order.
   */
  compareRegisters(a: string, b: string): number;
}
