/**
 * x86 and x86-64 instructions weakmem reads (herd's X86 and X86_64): moves,
 * exchanges, lock-prefixed read-modify-writes, arithmetic on memory,
 * compares, fences and branches. X86_64 tests use AT&T syntax
 * (`movl $1,(x)`), X86 tests Intel syntax (`MOV [x],$1`); both parse to
 * this one tree.
 */
import type { Span } from '../../diag.js';
import type { AsmThread } from '../../arch/asm/columns.js';

/** A register, by its canonical 64-bit (X86_64: `rax`) or 32-bit (X86: `EAX`) name, and the part used. */
export interface X86Reg {
  readonly name: string;
  readonly bits: 8 | 16 | 32 | 64;
  readonly span: Span;
}

/** An operand: register, immediate, or memory (`(x)`, `[x]`, `8(%rax)`, `(%rax,%rbx,8)`). */
export type X86Operand =
  | { readonly kind: 'reg'; readonly reg: X86Reg; readonly span: Span }
  | { readonly kind: 'imm'; readonly value: bigint; readonly span: Span }
  | { readonly kind: 'mem'; readonly addr: X86Address; readonly span: Span };

export type X86Address =
  /** A location named directly: `(x)`, `[x]`. */
  | { readonly kind: 'abs'; readonly loc: string }
  /** Through registers: disp + base + index * scale. */
  | { readonly kind: 'reg'; readonly base: X86Reg; readonly disp: bigint; readonly index?: X86Reg; readonly scale: number };

export type X86Cond = 'E' | 'NE' | 'L' | 'LE' | 'G' | 'GE' | 'S' | 'NS';

interface Base {
  readonly span: Span;
  readonly text: string;
}

export type X86Instr =
  | (Base & { readonly kind: 'nop' })
  | (Base & { readonly kind: 'fence'; readonly fence: 'MFENCE' | 'SFENCE' | 'LFENCE' })
  | (Base & { readonly kind: 'mov'; readonly bits: 8 | 16 | 32 | 64; readonly dst: X86Operand; readonly src: X86Operand })
  | (Base & { readonly kind: 'xchg'; readonly bits: 8 | 16 | 32 | 64; readonly a: X86Operand; readonly b: X86Operand })
  | (Base & {
      readonly kind: 'op';
      readonly op: 'ADD' | 'SUB' | 'XOR' | 'OR' | 'AND';
      readonly locked: boolean;
      readonly bits: 8 | 16 | 32 | 64;
      readonly dst: X86Operand;
      readonly src: X86Operand;
    })
  | (Base & { readonly kind: 'incdec'; readonly dec: boolean; readonly locked: boolean; readonly bits: 8 | 16 | 32 | 64; readonly dst: X86Operand })
  | (Base & { readonly kind: 'cmp'; readonly bits: 8 | 16 | 32 | 64; readonly a: X86Operand; readonly b: X86Operand })
  | (Base & { readonly kind: 'cmpxchg'; readonly locked: boolean; readonly bits: 8 | 16 | 32 | 64; readonly dst: X86Operand; readonly reg: X86Reg })
  | (Base & { readonly kind: 'jmp'; readonly target: string })
  | (Base & { readonly kind: 'jcc'; readonly cond: X86Cond; readonly target: string });

export type X86Thread = AsmThread<X86Instr>;
