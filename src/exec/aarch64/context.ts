/**
 * The machine state an AArch64 thread runs on and the primitive effects
 * of herd's AArch64Sem: register reads and writes (events on `thread:REG`),
 * memory reads (one path per possible value) and writes, fences and
 * branching events. Instruction semantics in `mem.ts` and `alu.ts` combine
 * them and add the intra-instruction dependencies.
 */
import { DIAG_CODES, notSupported, type Span } from '../../diag.js';
import { DeferredUnsupported, type Chooser } from '../../arch/asm/explore.js';
import { accessedLocation, type ThreadEnv } from '../../arch/asm/env.js';
import type { TraceBuilder } from '../../arch/asm/trace.js';
import { fromLitmus, isCode, isSym, showValue, SymbolicArithmetic, toLitmus, zext, type AsmValue } from '../../arch/asm/value.js';
import type { Value } from '../../litmus/types.js';
import type { AccessBits, Reg } from '../../litmus/aarch64/ast.js';

/** herd's AArch64 memory annotations (AArch64Annot) and the sets they put an event in (`NTA`: non-temporal pairs). */
export type Annot = 'N' | 'NTA' | 'A' | 'Q' | 'L' | 'X' | 'XA' | 'XQ' | 'XL' | 'NoRet' | 'EX' | 'EXA' | 'EXL';

const ANNOT_SETS: Readonly<Record<Annot, readonly string[]>> = {
  N: [],
  NTA: ['NTA'],
  A: ['A'],
  Q: ['Q'],
  L: ['L'],
  X: ['X'],
  XA: ['X', 'A'],
  XQ: ['X', 'Q'],
  XL: ['X', 'L'],
  NoRet: ['X', 'NoRet'],
  EX: ['EX'],
  EXA: ['EX', 'A'],
  EXL: ['EX', 'L'],
};

/** How a register read is used: data read (its value is stored to memory) or any other read. */
export type ReadRole = 'data' | 'ord';

/** A register read: its event (none for the zero register) and value. */
export interface RegRead {
  readonly ev: number | undefined;
  readonly value: AsmValue;
}

/** A memory read: its event, the value (cut to the access size) and the location. */
export interface MemRead {
  readonly ev: number;
  readonly value: AsmValue;
  readonly loc: string;
}

export class Machine {
  readonly regs: Map<string, AsmValue>;
  /** Size of the last load-exclusive on this path (herd's `lx_sz`); a store-exclusive without one always fails. */
  lastExclusive: AccessBits | undefined;
  /** The reads of the last load-exclusive (each paired with a successful store-exclusive's write to its location in `rmw`). */
  lastExclusiveReads: readonly MemRead[] = [];
  span: Span = { file: '', line: 0, col: 0 };

  constructor(
    readonly env: ThreadEnv,
    readonly tb: TraceBuilder,
    readonly chooser: Chooser,
    initial: ReadonlyMap<string, AsmValue>,
  ) {
    this.regs = new Map(initial);
  }

  private regLoc(name: string): string {
    return `${this.env.thread}:${name}`;
  }

  /** Reads a named register (NZCV, ResAddr...) or a general register's full 64 bits. */
  readNamed(name: string, role: ReadRole = 'ord'): RegRead {
    const value = this.regs.get(name) ?? 0n;
    const ev = this.tb.add({
      action: 'Rreg',
      loc: this.regLoc(name),
      value: toLitmus(value, 'int64_t'),
      sets: ['Rreg', 'Exp', role === 'data' ? 'DATA' : 'ADDR'],
    });
    return { ev, value };
  }

  /** Reads `r` (zero register: no event); `bits` < 64 keeps only the low bits (herd's read_reg_sz). */
  read(r: Reg, role: ReadRole = 'ord', bits: number = r.bits): RegRead {
    if (r.name === 'XZR') return { ev: undefined, value: 0n };
    const { ev, value } = this.readNamed(r.name, role);
    return { ev, value: zext(value, bits) };
  }

  writeNamed(name: string, value: AsmValue): number {
    this.regs.set(name, value);
    return this.tb.add({ action: 'Wreg', loc: this.regLoc(name), value: toLitmus(value, 'int64_t'), sets: ['Wreg', 'Exp'] });
  }

  /** Writes `r` (zero register: no event); W registers are zero-extended. */
  write(r: Reg, value: AsmValue, bits: number = r.bits): number | undefined {
    if (r.name === 'XZR') return undefined;
    return this.writeNamed(r.name, zext(value, bits));
  }

  /**
   * The location a `bits`-wide access to address `a` names: a scalar
   * location, or the element of an array the access covers exactly. Other
   * accesses (inside a scalar, across or inside elements) mix sizes. An
   * integer address stops the path with a deferred diagnostic: herd may
   * prune every candidate of the path before the access matters.
   */
  location(a: AsmValue, bits: AccessBits): string {
    if (isCode(a)) notSupported(`memory access to the code address ${showValue(a)} (instruction fetch)`, this.span);
    if (!isSym(a)) {
      const message = `not supported: memory access to the integer address ${showValue(a)}`;
      throw new DeferredUnsupported({ code: DIAG_CODES.NOT_SUPPORTED, message, span: this.span });
    }
    return accessedLocation(this.env, a, bits, this.span);
  }

  /** A memory read: one path per value the location may hold (or the value `pick` chose already). */
  readMem(a: AsmValue, bits: AccessBits, annot: Annot, pick?: number): MemRead {
    const loc = this.location(a, bits);
    const values = this.env.readValues(loc);
    const v = values[pick ?? this.chooser.choose(values.length)] as Value;
    const ev = this.tb.add({ action: 'R', loc, value: v, tags: annotTags(annot), sets: ['Exp', ...ANNOT_SETS[annot]] });
    return { ev, value: zext(fromLitmus(v), bits), loc };
  }

  writeMem(a: AsmValue, bits: AccessBits, annot: Annot, value: AsmValue): number {
    const loc = this.location(a, bits);
    if (isCode(value)) notSupported(`storing the code address ${showValue(value)} to memory`, this.span);
    const v = toLitmus(zext(value, bits), this.env.memType(loc));
    return this.tb.add({ action: 'W', loc, value: v, tags: annotTags(annot), sets: ['Exp', ...ANNOT_SETS[annot]] });
  }

  fence(name: string): number {
    return this.tb.add({ action: 'F', tags: [name], sets: [name] });
  }

  /** A branching event: `BCC` for conditional branches, `PRED` inside an instruction. */
  commit(kind: 'BCC' | 'PRED'): number {
    return this.tb.add({ action: 'Commit', tags: [kind], sets: ['B', kind] });
  }

  noAction(): number {
    return this.tb.add({ action: 'NoAction' });
  }

  choose(n: number): number {
    return this.chooser.choose(n);
  }

  /** Runs value arithmetic, turning operations herd cannot do on addresses into `not supported`. */
  arith<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof SymbolicArithmetic) notSupported(e.message, this.span);
      throw e;
    }
  }
}

function annotTags(a: Annot): readonly string[] {
  return a === 'N' ? [] : [a];
}
