/**
 * Running assembly threads path by path, for every architecture: each
 * thread is run instruction by instruction on concrete register values,
 * once per choice of read values and of instruction alternatives (see
 * explore.ts), following branches. A branch to a code address of another
 * thread runs that thread's instructions on this thread's registers, its
 * events in this thread's trace, until a branch comes back (herd lays out
 * the code of P0, P1, ... one after the other in one address space).
 * Backward branches to the thread's own code may go to one instruction at
 * most `unroll` times on a path (herd's -unroll, 2 by default): longer
 * paths are cut and the test reports `Loop`. A path that
 * runs more than MAX_STEPS instructions (a loop whose branches do not
 * count, see `KnownBranches`) stops with BOUND_EXCEEDED. An instruction that throws
 * `DeferredUnsupported` ends its path with a trace that carries the
 * diagnostic (`ThreadTrace.unsupported`), when the rest of the thread from
 * there cannot write memory; otherwise the diagnostic is raised at once.
 *
 * A thread's traces depend only on the values its reads may return, so
 * they are computed again only when one of those value lists changes
 * (read-value discovery asks for every thread at every round).
 */
import { DIAG_CODES, notSupported, raise, WeakmemError, type Diagnostic, type Span } from '../../diag.js';
import { propKeys } from '../../litmus/prop.js';
import type { LitmusTest, Value } from '../../litmus/types.js';
import type { AsmThread } from './columns.js';
import type { AsmSemanticsOptions, AsmThreadSemantics, ThreadEnv } from './env.js';
import { DeferredUnsupported, explorePaths, PathCut, type Chooser } from './explore.js';
import type { AsmInitialState } from './thread-state.js';
import { TraceBuilder, type AsmTrace } from './trace.js';
import { isCode, showValue, toLitmus, type AsmValue } from './value.js';

/** Instructions one path may execute (loops whose branches do not count run in full, as in herd). */
export const MAX_STEPS = 10000;

/** What the runner needs of an instruction. */
export interface AsmInstruction {
  readonly span: Span;
  readonly text: string;
}

/** The state one path runs on: registers, and the instruction being run (for diagnostics). */
export interface PathMachine {
  span: Span;
  readonly regs: ReadonlyMap<string, AsmValue>;
}

/**
 * Backward branches whose direction is known without the values of memory
 * reads: herd decides them while building a thread, so they do not count
 * against the unrolling bound. `unknown` holds the registers (and flags)
 * whose values depend on reads, along one path.
 */
export interface KnownBranches<I> {
  readonly decided: (i: I, unknown: ReadonlySet<string>) => boolean;
  /** Updates `unknown` after `i` has run. */
  readonly track: (i: I, unknown: Set<string>) => void;
}

/** Where a branch goes: instruction `index` of thread `thread`'s code (its length for the end). */
export interface CodeTarget {
  readonly thread: number;
  readonly index: number;
}

/** An architecture's instruction semantics, as the runner uses them. */
export interface AsmMachineSemantics<I extends AsmInstruction, M extends PathMachine> {
  /** A fresh machine for one path of one thread. */
  readonly machine: (env: ThreadEnv, tb: TraceBuilder, chooser: Chooser, regs: ReadonlyMap<string, AsmValue>) => M;
  /**
   * Executes instruction `pc` of thread `code`'s code (`labels`: that
   * code's labels); returns the index of the next one in the same code, or
   * a target in any thread's code. `unknown`: see `KnownBranches` (empty
   * without them).
   */
  readonly step: (m: M, i: I, pc: number, labels: ReadonlyMap<string, number>, unknown: ReadonlySet<string>, code: number) => number | CodeTarget;
  /** Whether a register is part of the final state (`declared`: its type, when the test declares one). */
  readonly shownRegister: (name: string, declared: string | undefined) => boolean;
  /** Without it, every backward branch counts against the unrolling bound. */
  readonly knownBranches?: KnownBranches<I>;
  /** The semantics models array elements (`env.arrays`). */
  readonly arrays?: boolean;
  /**
   * Whether running `code` (thread `thread`'s) from instruction `pc` on
   * (that instruction included) may write memory, by any path (true when unsure). Without
   * it, a `DeferredUnsupported` is raised at once.
   */
  readonly mayWriteMemoryFrom?: (code: AsmThread<I>, pc: number, thread: number) => boolean;
}

/** A thread's last traces and the read values they were computed with. */
interface Memo {
  readonly asked: ReadonlyMap<string, readonly Value[]>;
  readonly traces: AsmTrace[];
}

/** Thread semantics of `test` from its architecture's instruction semantics. */
export function asmSemantics<I extends AsmInstruction, M extends PathMachine>(
  test: LitmusTest<AsmThread<I>>,
  init: AsmInitialState,
  sem: AsmMachineSemantics<I, M>,
  opts: AsmSemanticsOptions = {},
): AsmThreadSemantics {
  const unroll = opts.unroll ?? 2;
  const memTypes = init.memTypes;
  const memType = (loc: string): string => memTypes.get(loc) ?? 'int';
  const memos: (Memo | undefined)[] = [];
  const observed = observedRegisters(test);
  let cut = false;
  const explore = (thread: number, readValues: (loc: string) => readonly Value[]): AsmTrace[] => {
    const codeOf = (t: number): AsmThread<I> => test.threads[t] as AsmThread<I>;
    const env: ThreadEnv = { thread, readValues, memType, ...(sem.arrays === true ? { arrays: init.arrays } : {}) };
    const regTypes = init.regTypes[thread] as ReadonlyMap<string, string>;
    const regs0 = init.regs[thread] as ReadonlyMap<string, AsmValue>;
    const known = sem.knownBranches;
    const run = (chooser: Chooser): AsmTrace => {
      const tb = new TraceBuilder(thread);
      const m = sem.machine(env, tb, chooser, regs0);
      const taken = new Map<number, number>();
      const unknown = new Set<string>();
      let at = thread;
      let code = codeOf(at);
      let pc = 0;
      let steps = 0;
      let unsupported: Diagnostic | undefined;
      try {
        while (pc < code.instrs.length) {
          const ins = code.instrs[pc] as I;
          tb.begin(ins.span, ins.text);
          m.span = ins.span;
          const next = sem.step(m, ins, pc, code.labels, unknown, at);
          const to = typeof next === 'number' ? { thread: at, index: next } : next;
          // As herd, count the backward jumps to each target (a return goes back to several), only
          // to the thread's own code: from there or from the code of a later thread (higher addresses).
          if (to.thread === thread && (at > thread || (at === thread && to.index <= pc)) && (known === undefined || !known.decided(ins, unknown))) {
            const n = (taken.get(to.index) ?? 0) + 1;
            if (n > unroll) throw new PathCut('loop');
            taken.set(to.index, n);
          }
          known?.track(ins, unknown);
          if (++steps > MAX_STEPS) raise(DIAG_CODES.BOUND_EXCEEDED, `P${thread} runs more than ${MAX_STEPS} instructions: a loop that does not end?`, ins.span);
          at = to.thread;
          code = codeOf(at);
          pc = to.index;
        }
      } catch (e) {
        if (!(e instanceof DeferredUnsupported)) throw e;
        // Past this point the path could only add reads, never values other threads may read.
        if (sem.mayWriteMemoryFrom === undefined || sem.mayWriteMemoryFrom(code, pc, at)) throw new WeakmemError(e.diagnostic);
        unsupported = e.diagnostic;
      }
      const regs = new Map<string, Value>();
      for (const [name, v] of m.regs) {
        const declared = regTypes.get(name);
        if (!sem.shownRegister(name, declared)) continue;
        const at = observed.get(`${thread}:${name}`);
        if (at !== undefined && isCode(v) && v.label === undefined) {
          notSupported(`${thread}:${name} ends with the code address ${showValue(v)}, which herd shows as a number weakmem does not know`, at);
        }
        regs.set(name, toLitmus(v, declared ?? 'int'));
      }
      return tb.finish(regs, unsupported);
    };
    return explorePaths(run, (why) => {
      if (why === 'loop') cut = true;
    });
  };
  return {
    initial: init.memory,
    threadCount: test.threads.length,
    poWithinInstruction: false,
    derivedDependencies: true,
    loopCut: () => cut,
    traces(thread, readValues) {
      const memo = memos[thread];
      if (memo !== undefined && sameAnswers(memo.asked, readValues)) return memo.traces;
      const asked = new Map<string, readonly Value[]>();
      const recorded = (loc: string): readonly Value[] => {
        let vs = asked.get(loc);
        if (vs === undefined) {
          // A copy: the caller may grow its lists in place.
          vs = readValues(loc).slice();
          asked.set(loc, vs);
        }
        return vs;
      };
      const traces = explore(thread, recorded);
      memos[thread] = { asked, traces };
      return traces;
    },
  };
}

/** The registers a test's condition, filter and `locations` name (`thread:REG`), with where. */
function observedRegisters(test: LitmusTest): Map<string, Span> {
  const keys = [...propKeys(test.condition.prop), ...(test.filter !== undefined ? propKeys(test.filter) : []), ...test.locations];
  const out = new Map<string, Span>();
  for (const k of keys) if (k.kind === 'reg' && !out.has(`${k.thread}:${k.reg}`)) out.set(`${k.thread}:${k.reg}`, k.span);
  return out;
}

/** True when `readValues` gives every location asked before the values it gave then. */
function sameAnswers(asked: ReadonlyMap<string, readonly Value[]>, readValues: (loc: string) => readonly Value[]): boolean {
  for (const [loc, before] of asked) {
    const now = readValues(loc);
    if (now.length !== before.length) return false;
    for (let i = 0; i < now.length; i++) if (now[i] !== before[i]) return false;
  }
  return true;
}
