/**
 * x86 register names. X86_64 states name registers by their 64-bit name in
 * lower case (`0:rax`, whatever part the code used: `%eax`, `%al`); X86
 * states use the 32-bit name (`0:EAX`).
 */
import type { ArchName } from '../types.js';

const GPR64 = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp'];
const LEGACY = ['a', 'b', 'c', 'd'];

/** Canonical name and operand width of a register as written, or undefined. */
export function x86Register(written: string, arch: Extract<ArchName, 'X86' | 'X86_64'>): { name: string; bits: 8 | 16 | 32 | 64 } | undefined {
  const t = written.replace(/^%/, '').toLowerCase();
  if (arch === 'X86') {
    const m = /^e(ax|bx|cx|dx|si|di|bp|sp)$/.exec(t);
    return m ? { name: t.toUpperCase(), bits: 32 } : undefined;
  }
  if (GPR64.includes(t)) return { name: t, bits: 64 };
  const e = /^e(ax|bx|cx|dx|si|di|bp|sp)$/.exec(t);
  if (e) return { name: `r${e[1] as string}`, bits: 32 };
  const w = /^(ax|bx|cx|dx|si|di|bp|sp)$/.exec(t);
  if (w) return { name: `r${w[1] as string}`, bits: 16 };
  const b = /^([abcd])l$/.exec(t);
  if (b && LEGACY.includes(b[1] as string)) return { name: `r${b[1] as string}x`, bits: 8 };
  const r = /^r(\d+)([dwb]?)$/.exec(t);
  if (r && Number(r[1]) >= 8 && Number(r[1]) <= 15) {
    const bits = r[2] === 'd' ? 32 : r[2] === 'w' ? 16 : r[2] === 'b' ? 8 : 64;
    return { name: `r${r[1] as string}`, bits };
  }
  return undefined;
}

/** State-key names: general registers canonically; other registers herd shows (`rip`, `cs`) as written, in lower case. */
export function x86StateRegister(arch: Extract<ArchName, 'X86' | 'X86_64'>): (name: string) => string | undefined {
  return (name) => x86Register(name, arch)?.name ?? (/^[A-Za-z]\w*$/.test(name) ? (arch === 'X86' ? name.toUpperCase() : name.toLowerCase()) : undefined);
}
