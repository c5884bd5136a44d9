/** AArch64 litmus tests: herd's assembly layout with AArch64 instructions. */
import type { LitmusTest } from '../types.js';
import { parseAsmTest, type AsmDialect } from '../../arch/asm/test-file.js';
import type { AArch64Instr, AArch64Thread } from './ast.js';
import { parseAArch64Instr } from './instr.js';
import { stateRegister } from './operands.js';

export const AARCH64_DIALECT: AsmDialect<AArch64Instr> = {
  arch: 'AArch64',
  headers: ['AArch64'],
  register: stateRegister,
  instruction: parseAArch64Instr,
  arrays: true,
  // herd's AArch64Base.allowed_for_symb: the general registers but the link register X30.
  symbolicRegisters: Array.from({ length: 30 }, (_, i) => `X${i}`),
  conditionSymbolsFromInit: true,
};

export function parseAArch64Litmus(text: string, file: string): LitmusTest<AArch64Thread> {
  return parseAsmTest(AARCH64_DIALECT, text, file);
}
