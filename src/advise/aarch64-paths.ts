/**
 * The path one thread of an AArch64 execution took through its code: the
 * instructions it entered, in order, rebuilt from its events (each names
 * its instruction by source position) and the branches between them. An
 * instruction with no events of its own (a register-only one, when the
 * model drops register events) is walked through. A program point (an
 * instruction the fix search would insert something before) lies between
 * two events when the path enters it after the first and by the second.
 */
import type { ExecutionEvent } from '../enumerate/types.js';
import type { AArch64Instr, AArch64Thread } from '../litmus/aarch64/ast.js';
import type { InstrSite } from './aarch64-source.js';
import type { ExecutionFacts } from './facts.js';

/** One entry of the path into an instruction. */
interface Entry {
  /** Index of the instruction in the thread. */
  readonly pos: number;
  /** The first event at or after the entry (undefined past the last event). */
  readonly next: number | undefined;
}

export class ThreadPath {
  private readonly entries: Entry[] = [];
  /** Event id -> index in `entries` of the entry into its instruction. */
  private readonly entryOf = new Map<number, number>();

  constructor(
    f: ExecutionFacts,
    thread: number,
    private readonly code: AArch64Thread,
    siteOf: (e: ExecutionEvent) => InstrSite | undefined,
  ) {
    let pos = -1;
    let instance: number | undefined;
    for (const e of f.threadEvents(thread)) {
      const site = siteOf(e);
      if (site === undefined) continue;
      if (e.instr !== instance) {
        instance = e.instr;
        for (const p of this.walk(pos, site.index)) this.entries.push({ pos: p, next: e.id });
        pos = site.index;
      }
      this.entryOf.set(e.id, this.entries.length - 1);
    }
  }

  /** The path enters instruction `pos` after event `a` and no later than event `b`; the first event after that entry. */
  entered(pos: number, a: number, b: number): { readonly next: number | undefined } | undefined {
    const from = this.entryOf.get(a), to = this.entryOf.get(b);
    if (from === undefined || to === undefined) return undefined;
    for (let i = from + 1; i <= to; i++) {
      const e = this.entries[i] as Entry;
      if (e.pos === pos) return e;
    }
    return undefined;
  }

  /** The instructions entered going from `from` (-1: the thread's start) to `to`, `to` included. */
  private walk(from: number, to: number): number[] {
    const n = this.code.instrs.length;
    const out: number[] = [];
    let p = from;
    if (p < 0) {
      p = 0;
      out.push(0);
    }
    for (let steps = 0; p !== to && steps <= n; steps++) {
      p = this.step(p, to);
      if (p < 0) return [to];
      out.push(p);
      if (p !== to && !silent(this.code.instrs[p])) return [to];
    }
    return p === to ? out : [to];
  }

  /** The instruction after `p` on the way to `to` (-1 when its code does not tell: a branch to a register). */
  private step(p: number, to: number): number {
    const i = this.code.instrs[p] as AArch64Instr;
    switch (i.kind) {
      case 'b':
      case 'bl':
        return this.target(i.target, p);
      case 'branchReg':
        return -1;
      case 'bcond':
      case 'cbz':
      case 'tbz':
        return this.reaches(p + 1, to) ? p + 1 : this.target(i.target, p);
      default:
        return p + 1;
    }
  }

  /** `to` follows `q` through instructions that leave no events. */
  private reaches(q: number, to: number): boolean {
    for (let p = q; p !== to; p++) if (p >= this.code.instrs.length || !silent(this.code.instrs[p])) return false;
    return true;
  }

  private target(t: string, p: number): number {
    return /^\.[+-]\d+$/.test(t) ? p + Number(t.slice(1)) / 4 : (this.code.labels.get(t) ?? p + 1);
  }
}

/** Register-only instructions: no memory, fence or branching event (their register events may be dropped). BL branches but has none either. */
export function silent(i: AArch64Instr | undefined): boolean {
  switch (i?.kind) {
    case 'adr':
    case 'bl':
    case 'movConst':
    case 'movk':
    case 'movReg':
    case 'alu':
    case 'csel':
    case 'bfm':
    case 'madd':
    case 'maddl':
    case 'unary':
    case 'nzcv':
      return true;
    default:
      return false;
  }
}

/** An instruction that accesses memory: any but register-only ones, branches, barriers and NOP. */
export function isMemoryInstr(i: AArch64Instr): boolean {
  if (silent(i)) return false;
  switch (i.kind) {
    case 'nop':
    case 'b':
    case 'bcond':
    case 'cbz':
    case 'tbz':
    case 'branchReg':
    case 'fence':
      return false;
    default:
      return true;
  }
}

/** A memory instruction that reads (a load or an atomic). */
export function readsMemory(i: AArch64Instr): boolean {
  return isMemoryInstr(i) && !/^store/.test(i.kind);
}

export function isConditionalBranch(i: AArch64Instr): boolean {
  return i.kind === 'bcond' || i.kind === 'cbz' || i.kind === 'tbz';
}
