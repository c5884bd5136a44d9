/** X86 (Intel syntax) and X86_64 (AT&T syntax) litmus tests. */
import type { LitmusTest } from '../types.js';
import { parseAsmTest, type AsmDialect } from '../../arch/asm/test-file.js';
import type { X86Instr, X86Thread } from './ast.js';
import { parseX86Instr } from './instr.js';
import { x86StateRegister } from './registers.js';

export const X86_64_DIALECT: AsmDialect<X86Instr> = {
  arch: 'X86_64',
  headers: ['X86_64'],
  register: x86StateRegister('X86_64'),
  arrays: true,
  instruction: (src, cell) => parseX86Instr(src, cell, 'att'),
};

export const X86_DIALECT: AsmDialect<X86Instr> = {
  arch: 'X86',
  headers: ['X86'],
  register: x86StateRegister('X86'),
  arrays: true,
  instruction: (src, cell) => parseX86Instr(src, cell, 'intel'),
};

export function parseX86_64Litmus(text: string, file: string): LitmusTest<X86Thread> {
  return parseAsmTest(X86_64_DIALECT, text, file);
}

export function parseX86Litmus(text: string, file: string): LitmusTest<X86Thread> {
  return parseAsmTest(X86_DIALECT, text, file);
}
