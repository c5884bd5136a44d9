/**
 * The static control flow of an AArch64 thread's code: where each branch
 * goes, the check that every target is inside the code, and which
 * instructions a path may still run from a given one.
 */
import { DIAG_CODES, raise } from '../../diag.js';
import type { AArch64Instr, AArch64Thread } from '../../litmus/aarch64/ast.js';

/** A label, or `.+k`/`.-k` bytes from the branch (labels may also start with a dot, like `.text`). */
function isOffset(t: string): boolean {
  return /^\.[+-]\d+$/.test(t);
}

/** The index of the instruction branch target `t` of the instruction at `pc` names (`instrs.length`: the end of the code). */
export function target(t: string, pc: number, labels: ReadonlyMap<string, number>): number {
  if (isOffset(t)) return pc + Number(t.slice(1)) / 4;
  return labels.get(t) as number;
}

/** The index of the least label at instruction `index` (herd's Label.norm), if there is one. */
export function labelAt(index: number, labels: ReadonlyMap<string, number>): string | undefined {
  let least: string | undefined;
  for (const [l, at] of labels) if (at === index && (least === undefined || l < least)) least = l;
  return least;
}

/** The label operand of a direct branch or of ADR, if `i` has one. */
function branchTarget(i: AArch64Instr): string | undefined {
  switch (i.kind) {
    case 'b':
    case 'bcond':
    case 'cbz':
    case 'tbz':
    case 'bl':
    case 'adr':
      return i.target;
    default:
      return undefined;
  }
}

/** Every branch target must name an instruction of the thread or its end. */
export function checkTargets(th: AArch64Thread): void {
  th.instrs.forEach((i, pc) => {
    const t = branchTarget(i);
    if (t === undefined) return;
    const dest = isOffset(t) ? pc + Number(t.slice(1)) / 4 : th.labels.get(t);
    if (dest === undefined) raise(DIAG_CODES.LITMUS_SEMANTIC, `undefined label '${t}'`, i.span);
    if (dest < 0 || dest > th.instrs.length) raise(DIAG_CODES.LITMUS_SEMANTIC, `branch target ${t} is outside the thread's code`, i.span);
  });
}

/** Instructions with a memory write event on some path. */
function writesMemory(i: AArch64Instr): boolean {
  switch (i.kind) {
    case 'store':
    case 'storePair':
    case 'storeExclusive':
    case 'storeExclusivePair':
    case 'swp':
    case 'cas':
    case 'casp':
    case 'ldop':
      return true;
    default:
      return false;
  }
}

/**
 * Where a path may go after instruction `pc` of thread `t`'s code, as
 * (thread, index) pairs. `crossThread`: whether a branch through a register
 * may go to another thread's code (a label value of the initial state).
 */
function successors(threads: readonly AArch64Thread[], t: number, pc: number, crossThread: boolean): [number, number][] {
  const th = threads[t] as AArch64Thread;
  const i = th.instrs[pc] as AArch64Instr;
  switch (i.kind) {
    case 'b':
    case 'bl':
      return [[t, target(i.target, pc, th.labels)]];
    case 'branchReg':
      // Any instruction whose address the code can make (ADR, BL, BLR, a label value).
      return (crossThread ? threads.map((_, u) => u) : [t]).flatMap((u) => (threads[u] as AArch64Thread).instrs.map((_, k): [number, number] => [u, k]));
    case 'bcond':
    case 'cbz':
    case 'tbz':
      return [[t, pc + 1], [t, target(i.target, pc, th.labels)]];
    default:
      return [[t, pc + 1]];
  }
}

/** Whether some path from instruction `pc` of thread `t`'s code on (`pc` included) runs an instruction that may write memory. */
export function mayWriteMemoryFrom(threads: readonly AArch64Thread[], t: number, pc: number, crossThread: boolean): boolean {
  const seen = new Set<string>();
  const todo: [number, number][] = [[t, pc]];
  while (todo.length > 0) {
    const [u, p] = todo.pop() as [number, number];
    const th = threads[u] as AArch64Thread;
    if (seen.has(`${u}:${p}`) || p < 0 || p >= th.instrs.length) continue;
    seen.add(`${u}:${p}`);
    if (writesMemory(th.instrs[p] as AArch64Instr)) return true;
    todo.push(...successors(threads, u, p, crossThread));
  }
  return false;
}
