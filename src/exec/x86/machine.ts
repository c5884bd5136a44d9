/**
 * Primitive effects of herd's X86 and X86_64 semantics: register accesses
 * (events on `thread:reg`, flags ZF/SF/CF as registers), memory accesses
 * (`X` when atomic: xchg with memory, lock-prefixed instructions), fences
 * and branching events.
 */
import { notSupported, type Span } from '../../diag.js';
import type { Chooser } from '../../arch/asm/explore.js';
import type { TraceBuilder } from '../../arch/asm/trace.js';
import { add, fromLitmus, isSym, mul, showValue, sym, SymbolicArithmetic, toLitmus, word, zext, type AsmValue, type SymAddr } from '../../arch/asm/value.js';
import type { Value } from '../../litmus/types.js';
import type { X86Address, X86Operand, X86Reg } from '../../litmus/x86/ast.js';
import { accessedLocation, type ThreadEnv } from '../../arch/asm/env.js';

type Ev = number | undefined;

export interface Access {
  readonly ev: Ev;
  readonly value: AsmValue;
}

/** Where an operand lives once its address is computed. */
export type Place =
  | { readonly kind: 'reg'; readonly reg: X86Reg }
  /** Memory at `addr`; the location is known with the access's width (an array element must be covered whole). */
  | { readonly kind: 'mem'; readonly addr: SymAddr; readonly from: readonly Ev[] }
  | { readonly kind: 'imm'; readonly value: AsmValue };

export class X86Machine {
  readonly regs: Map<string, AsmValue>;
  span: Span = { file: '', line: 0, col: 0 };

  constructor(
    readonly env: ThreadEnv,
    readonly tb: TraceBuilder,
    readonly chooser: Chooser,
    initial: ReadonlyMap<string, AsmValue>,
    private readonly acc: string,
  ) {
    this.regs = new Map(initial);
  }

  /** The accumulator (`rax` / `EAX`), implicit operand of cmpxchg. */
  accumulator(): string {
    return this.acc;
  }

  readReg(name: string, bits = 64, role: 'data' | 'ord' = 'ord'): Access {
    const value = this.regs.get(name) ?? 0n;
    const ev = this.tb.add({
      action: 'Rreg',
      loc: `${this.env.thread}:${name}`,
      value: toLitmus(value, 'int64_t'),
      sets: ['Rreg', 'Exp', role === 'data' ? 'DATA' : 'ADDR'],
    });
    return { ev, value: zext(value, bits) };
  }

  /** herd writes part of a register by reading it first and merging (32-bit writes zero-extend). */
  writeReg(r: X86Reg, value: AsmValue): Ev {
    const old = this.readReg(r.name);
    const low = zext(value, r.bits);
    const merged: AsmValue =
      r.bits >= 32 || typeof low !== 'bigint' || typeof old.value !== 'bigint' ? low : (old.value & ~((1n << BigInt(r.bits)) - 1n)) | low;
    this.regs.set(r.name, merged);
    const w = this.tb.add({ action: 'Wreg', loc: `${this.env.thread}:${r.name}`, value: toLitmus(merged, 'int64_t'), sets: ['Wreg', 'Exp'] });
    this.tb.data(old.ev, w);
    return w;
  }

  writeFlag(name: 'ZF' | 'SF' | 'CF', value: boolean): Ev {
    const v = value ? 1n : 0n;
    this.regs.set(name, v);
    return this.tb.add({ action: 'Wreg', loc: `${this.env.thread}:${name}`, value: Number(v), sets: ['Wreg', 'Exp'] });
  }

  readMem(loc: string, bits: number, atomic: boolean): Access {
    const values = this.env.readValues(loc);
    const v = values[this.chooser.choose(values.length)] as Value;
    const ev = this.tb.add({ action: 'R', loc, value: v, tags: atomic ? ['X'] : [], sets: atomic ? ['Exp', 'X'] : ['Exp'] });
    return { ev, value: zext(fromLitmus(v), bits) };
  }

  writeMem(loc: string, bits: number, atomic: boolean, value: AsmValue): number {
    const v = toLitmus(zext(value, bits), this.env.memType(loc));
    return this.tb.add({ action: 'W', loc, value: v, tags: atomic ? ['X'] : [], sets: atomic ? ['Exp', 'X'] : ['Exp'] });
  }

  /** The place an operand denotes; memory operands read their address registers (ADDR). */
  place(o: X86Operand): Place {
    if (o.kind === 'imm') return { kind: 'imm', value: word(o.value) };
    if (o.kind === 'reg') return { kind: 'reg', reg: o.reg };
    return this.address(o.addr);
  }

  private address(a: X86Address): Place {
    if (a.kind === 'abs') return { kind: 'mem', addr: sym(a.loc), from: [] };
    const b = this.readReg(a.base.name);
    const i = a.index !== undefined ? this.readReg(a.index.name) : undefined;
    const addr = this.arith(() => {
      let v = add(b.value, a.disp);
      if (i !== undefined) v = add(v, mul(i.value, BigInt(a.scale)));
      return v;
    });
    if (!isSym(addr)) notSupported(`memory access to the integer address ${showValue(addr)}`, this.span);
    return { kind: 'mem', addr, from: [b.ev, i?.ev] };
  }

  /** Reads a place (memory reads get `atomic`); the events it came from flow into the read. */
  read(p: Place, bits: number, atomic: boolean, role: 'data' | 'ord' = 'ord'): Access {
    if (p.kind === 'imm') return { ev: undefined, value: p.value };
    if (p.kind === 'reg') return this.readReg(p.reg.name, Math.min(bits, p.reg.bits), role);
    const r = this.readMem(accessedLocation(this.env, p.addr, bits, this.span), bits, atomic);
    this.tb.data(p.from, r.ev);
    return r;
  }

  write(p: Place, bits: number, atomic: boolean, value: AsmValue): Ev {
    if (p.kind === 'imm') return undefined;
    if (p.kind === 'reg') return this.writeReg(p.reg, value);
    const w = this.writeMem(accessedLocation(this.env, p.addr, bits, this.span), bits, atomic, value);
    this.tb.data(p.from, w);
    return w;
  }

  fence(name: string): number {
    return this.tb.add({ action: 'F', tags: [name], sets: [name] });
  }

  commit(): number {
    return this.tb.add({ action: 'Commit', tags: ['BCC'], sets: ['B', 'BCC'] });
  }

  arith<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof SymbolicArithmetic) notSupported(e.message, this.span);
      throw e;
    }
  }
}
