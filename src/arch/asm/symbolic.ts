/**
 * Symbolic registers (herd's `%name`): a register the code names by a
 * symbol instead of a number, `MOV X0,%r`, given its initial value or
 * observed in the state without a thread, `uint64_t %r = x;`. As herd
 * does (SymbReg.allocate_regs), each thread's symbols are given, in name
 * order, the first registers of the architecture's list that its code and
 * the state's keys for that thread do not already name. A symbol the state
 * mentions must appear in the code of exactly one thread.
 */
import { DIAG_CODES, raise, type Span } from '../../diag.js';
import type { StateKey } from '../../litmus/types.js';

/** The thread of a state key naming a symbolic register before allocation (its `reg` is `%name`). */
export const SYMBOLIC_THREAD = -1;

/** What an instruction parser tells about the registers it meets, and learns about symbolic ones. */
export interface RegisterScope {
  /** The code names register `reg` (canonical name). */
  use(reg: string): void;
  /** The register `%name`, written at `span`, stands for (its own name `%name` while the code is first read). */
  symbolic(name: string, span: Span): string;
}

/** The registers each thread's code names, and its symbols, as the first reading finds them. */
export class RegisterUse {
  private readonly used: Set<string>[] = [];
  /** Each thread's symbols, with where the code first names each. */
  private readonly symbols: Map<string, Span>[] = [];

  /** The scope of thread `t`'s code for the first reading. */
  scope(t: number): RegisterScope {
    const used = (this.used[t] ??= new Set());
    const symbols = (this.symbols[t] ??= new Map());
    return {
      use: (reg) => void used.add(reg),
      symbolic: (name, span) => {
        if (!symbols.has(name)) symbols.set(name, span);
        return `%${name}`;
      },
    };
  }

  /** Whether some code names a symbolic register. */
  get any(): boolean {
    return this.symbols.some((s) => s.size > 0);
  }

  /** The registers thread `t`'s code names. */
  usedBy(t: number): ReadonlySet<string> {
    return this.used[t] ?? new Set();
  }

  /** Thread `t`'s symbols, with where its code first names each. */
  symbolsOf(t: number): ReadonlyMap<string, Span> {
    return this.symbols[t] ?? new Map();
  }
}

/**
 * Per thread (of `threads`), the register each of its symbols stands for.
 * `keys`: every state key of the test (initial state, condition, filter,
 * locations), some naming symbols (thread `SYMBOLIC_THREAD`); `allowed`:
 * the registers a symbol may take, in order.
 */
export function allocateSymbols(use: RegisterUse, threads: number, keys: readonly StateKey[], allowed: readonly string[]): Map<string, string>[] {
  const stated = new Map<string, Span>();
  for (const k of keys) {
    const name = k.kind === 'reg' && k.thread === SYMBOLIC_THREAD ? k.reg.slice(1) : undefined;
    if (name !== undefined && !stated.has(name)) stated.set(name, k.span);
  }
  const ts = Array.from({ length: threads }, (_, t) => t);
  for (const [name, span] of stated) {
    const users = ts.filter((t) => use.symbolsOf(t).has(name));
    if (users.length === 0) raise(DIAG_CODES.LITMUS_SEMANTIC, `symbolic register %${name} does not appear in the code`, span);
    if (users.length > 1) raise(DIAG_CODES.LITMUS_SEMANTIC, `ambiguous symbolic register %${name}: the code of P${users.join(' and P')} uses it`, span);
  }
  return ts.map((t) => {
    const symbols = use.symbolsOf(t);
    const taken = new Set(use.usedBy(t));
    for (const k of keys) if (k.kind === 'reg' && k.thread === t) taken.add(k.reg);
    const free = allowed.filter((r) => !taken.has(r));
    const names = [...symbols.keys()].sort();
    if (names.length > free.length) {
      const name = names[free.length] as string;
      raise(DIAG_CODES.LITMUS_SEMANTIC, `not enough free registers in P${t} for the symbolic register %${name}`, symbols.get(name));
    }
    return new Map(names.map((n, i) => [n, free[i] as string]));
  });
}

/** The scope of thread `t`'s code once its symbols have registers. */
export function allocatedScope(registers: ReadonlyMap<string, string>): RegisterScope {
  return { use: () => undefined, symbolic: (name) => registers.get(name) as string };
}

/** `k` with its symbol replaced by the thread and register allocated to it. */
export function resolveKey(k: StateKey, allocation: readonly ReadonlyMap<string, string>[]): StateKey {
  if (k.kind !== 'reg' || k.thread !== SYMBOLIC_THREAD) return k;
  const name = k.reg.slice(1);
  const thread = allocation.findIndex((m) => m.has(name));
  return { ...k, thread, reg: allocation[thread]?.get(name) as string };
}
