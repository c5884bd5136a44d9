/**
 * The architectures weakmem reads assembly tests for, and the lookup from
 * a test's header word. C is registered by the session (its semantics need
 * the macro table).
 */
import type { LitmusTest } from '../litmus/types.js';
import { parseAArch64Litmus } from '../litmus/aarch64/parse.js';
import { parseX86Litmus, parseX86_64Litmus } from '../litmus/x86/parse.js';
import type { AArch64Thread } from '../litmus/aarch64/ast.js';
import type { X86Thread } from '../litmus/x86/ast.js';
import { aarch64Semantics } from '../exec/aarch64/index.js';
import { x86Semantics } from '../exec/x86/index.js';
import { AARCH64_SETS, X86_SETS } from './sets.js';
import type { Arch } from './types.js';

/** herd orders registers by number (XZR, X0, X1, ..., X10), not by name. */
function compareAArch64Registers(a: string, b: string): number {
  const rank = (r: string): number => (r === 'XZR' ? -1 : /^X\d+$/.test(r) ? Number(r.slice(1)) : 1000);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

const X86_64_ORDER = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
function compareX86Registers(a: string, b: string): number {
  const rank = (r: string): number => {
    const i = X86_64_ORDER.indexOf(r.toLowerCase().replace(/^e/, 'r'));
    return i < 0 ? 1000 : i;
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

export const AARCH64: Arch<AArch64Thread> = {
  name: 'AArch64',
  headers: ['AArch64'],
  parse: parseAArch64Litmus,
  semantics: (test: LitmusTest<AArch64Thread>, opts) => aarch64Semantics(test, opts),
  defaultModel: 'aarch64',
  sets: AARCH64_SETS,
  compareRegisters: compareAArch64Registers,
};

export const X86_64: Arch<X86Thread> = {
  name: 'X86_64',
  headers: ['X86_64'],
  parse: parseX86_64Litmus,
  semantics: (test: LitmusTest<X86Thread>, opts) => x86Semantics(test, opts),
  defaultModel: 'x86tso',
  sets: X86_SETS,
  compareRegisters: compareX86Registers,
};

export const X86: Arch<X86Thread> = {
  name: 'X86',
  headers: ['X86'],
  parse: parseX86Litmus,
  semantics: (test: LitmusTest<X86Thread>, opts) => x86Semantics(test, opts),
  defaultModel: 'x86tso',
  sets: X86_SETS,
  compareRegisters: compareX86Registers,
};

/** Every registered assembly architecture. */
export const ARCHS: readonly Arch[] = [AARCH64 as Arch, X86_64 as Arch, X86 as Arch];

/** The architecture a header word (`AArch64`, `X86_64`, `X86`) selects, if weakmem has it. */
export function archForHeader(word: string): Arch | undefined {
  return ARCHS.find((a) => a.headers.includes(word));
}
