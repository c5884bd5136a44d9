/**
 * x86 instructions from text: AT&T syntax for X86_64 tests (`movl $1,(x)`,
 * source first, size suffixes b/w/l/q, `lock` prefix) and Intel syntax for
 * X86 tests (`MOV [x],$1`, destination first).
 */
import { DIAG_CODES, notSupported, raise } from '../../diag.js';
import type { SourceText } from '../source.js';
import { spanOf, splitOperands, trimPiece, type Piece } from '../../arch/asm/text.js';
import type { X86Cond, X86Instr, X86Operand, X86Reg } from './ast.js';
import { x86Register } from './registers.js';

export type X86Syntax = 'att' | 'intel';

const SIZES: Readonly<Record<string, 8 | 16 | 32 | 64>> = { b: 8, w: 16, l: 32, q: 64 };
const CONDS: Readonly<Record<string, X86Cond>> = {
  E: 'E', Z: 'E', NE: 'NE', NZ: 'NE', L: 'L', LE: 'LE', G: 'G', GE: 'GE', S: 'S', NS: 'NS',
};

export function parseX86Instr(src: SourceText, cell: Piece, syntax: X86Syntax): X86Instr {
  let body = cell;
  let locked = false;
  const lock = /^lock\s*;?\s+/i.exec(body.text);
  if (lock) {
    locked = true;
    body = trimPiece({ text: body.text.slice(lock[0].length), start: body.start + lock[0].length });
  }
  const m = /^(\S+)\s*/.exec(body.text);
  const word = m ? (m[1] as string) : body.text;
  const rest = trimPiece({ text: body.text.slice(word.length), start: body.start + word.length });
  const ops = splitOperands(rest);
  const base = { span: spanOf(src, cell), text: cell.text };
  const lower = word.toLowerCase();
  const fail = (p: Piece, what: string): never =>
    raise(DIAG_CODES.LITMUS_SYNTAX, `${word}: expected ${what}, found '${p.text}'`, spanOf(src, p));
  const arity = (n: number): void => {
    if (ops.length !== n) raise(DIAG_CODES.LITMUS_SYNTAX, `${word}: expected ${n} operands, found ${ops.length}`, base.span);
  };
  const operand = (p: Piece): X86Operand => parseOperand(src, p, syntax, fail);
  // Operands in destination-last (AT&T) or destination-first (Intel) order.
  const pair = (): { dst: X86Operand; src: X86Operand } => {
    arity(2);
    const [a, b] = ops as [Piece, Piece];
    return syntax === 'att' ? { src: operand(a), dst: operand(b) } : { dst: operand(a), src: operand(b) };
  };

  if (/^(nop[wlq]?|endbr64)$/.test(lower)) return { ...base, kind: 'nop' };
  if (lower === 'mfence' || lower === 'sfence' || lower === 'lfence') {
    arity(0);
    return { ...base, kind: 'fence', fence: lower.toUpperCase() as 'MFENCE' };
  }
  if (lower === 'jmp') {
    arity(1);
    return { ...base, kind: 'jmp', target: label(ops[0] as Piece, fail) };
  }
  const jcc = /^j(n?[ez]|[lg]e?|n?s)$/.exec(lower);
  if (jcc) {
    arity(1);
    return { ...base, kind: 'jcc', cond: CONDS[(jcc[1] as string).toUpperCase()] as X86Cond, target: label(ops[0] as Piece, fail) };
  }
  const sized = /^(mov|xchg|add|sub|xor|or|and|inc|dec|cmp|cmpxchg)([bwlq]?)$/.exec(lower);
  if (sized) {
    const mn = sized[1] as string;
    const suffix = syntax === 'att' ? sized[2] : '';
    if (syntax === 'intel' && sized[2] !== '') return unsupported(word, base.span);
    const sizeOf = (...os: X86Operand[]): 8 | 16 | 32 | 64 => {
      if (suffix !== undefined && suffix !== '') return SIZES[suffix] as 8 | 16 | 32 | 64;
      const r = os.find((o) => o.kind === 'reg');
      if (r !== undefined && r.kind === 'reg') return r.reg.bits;
      return syntax === 'att' ? 64 : 32;
    };
    if (mn === 'inc' || mn === 'dec') {
      arity(1);
      const dst = operand(ops[0] as Piece);
      return { ...base, kind: 'incdec', dec: mn === 'dec', locked, bits: sizeOf(dst), dst };
    }
    const { dst, src: s } = pair();
    if (mn === 'mov') return lockless(locked, word, base.span), { ...base, kind: 'mov', bits: sizeOf(dst, s), dst, src: s };
    if (mn === 'xchg') return { ...base, kind: 'xchg', bits: sizeOf(dst, s), a: dst, b: s };
    if (mn === 'cmp') return lockless(locked, word, base.span), { ...base, kind: 'cmp', bits: sizeOf(dst, s), a: dst, b: s };
    if (mn === 'cmpxchg') {
      if (s.kind !== 'reg') fail((syntax === 'att' ? ops[0] : ops[1]) as Piece, 'a register');
      return { ...base, kind: 'cmpxchg', locked, bits: sizeOf(dst, s), dst, reg: (s as Extract<X86Operand, { kind: 'reg' }>).reg };
    }
    const op = mn.toUpperCase() as 'ADD' | 'SUB' | 'XOR' | 'OR' | 'AND';
    return { ...base, kind: 'op', op, locked, bits: sizeOf(dst, s), dst, src: s };
  }
  return unsupported(word, base.span);
}

function lockless(locked: boolean, word: string, span: X86Instr['span']): void {
  if (locked) raise(DIAG_CODES.LITMUS_SYNTAX, `lock prefix not allowed on ${word}`, span);
}

function unsupported(word: string, span: X86Instr['span']): never {
  return notSupported(`x86 instruction ${word}`, span);
}

function label(p: Piece, fail: (p: Piece, what: string) => never): string {
  if (!/^[A-Za-z_.][\w.]*$/.test(p.text)) fail(p, 'a label');
  return p.text;
}

function parseOperand(src: SourceText, p: Piece, syntax: X86Syntax, fail: (p: Piece, what: string) => never): X86Operand {
  const span = spanOf(src, p);
  const t = p.text;
  const reg = (name: string, at: Piece): X86Reg => {
    const r = x86Register(name, syntax === 'att' ? 'X86_64' : 'X86');
    if (r === undefined) {
      if (/^%?(xmm|ymm|zmm|st)\d*/i.test(name)) notSupported(`vector register '${name}'`, spanOf(src, at));
      if (/^%?[cdefgs]s$/i.test(name)) notSupported(`segment register '${name}'`, spanOf(src, at));
      return fail(at, 'a register');
    }
    return { ...r, span: spanOf(src, at) };
  };
  const int = (s: string): bigint | undefined => {
    const m = /^([+-]?)(0[xX][0-9a-fA-F]+|\d+)$/.exec(s.trim());
    if (!m) return undefined;
    const v = BigInt(m[2] as string);
    return m[1] === '-' ? -v : v;
  };
  if (t.startsWith('$')) {
    const v = int(t.slice(1));
    if (v === undefined) return fail(p, 'an immediate such as $1');
    return { kind: 'imm', value: v, span };
  }
  if (syntax === 'att') {
    if (t.startsWith('%')) return { kind: 'reg', reg: reg(t, p), span };
    const m = /^([^(]*)\((.*)\)$/.exec(t);
    if (!m) return fail(p, 'an operand ($imm, %reg or (x))');
    const disp = (m[1] as string).trim();
    const inner = (m[2] as string).split(',').map((s) => s.trim());
    if (inner.length === 1 && /^[A-Za-z_]\w*$/.test(inner[0] as string) && disp === '') return { kind: 'mem', addr: { kind: 'abs', loc: inner[0] as string }, span };
    const d = disp === '' ? 0n : int(disp);
    if (d === undefined) return fail(p, 'a displacement');
    const baseReg = reg(inner[0] as string, p);
    const index = inner[1] !== undefined ? reg(inner[1], p) : undefined;
    const scale = inner[2] !== undefined ? Number(inner[2]) : 1;
    return { kind: 'mem', addr: { kind: 'reg', base: baseReg, disp: d, ...(index !== undefined ? { index } : {}), scale }, span };
  }
  const bracket = /^\[\s*(.*?)\s*\]$/.exec(t);
  if (bracket) {
    const inner = bracket[1] as string;
    if (x86Register(inner, 'X86') !== undefined) return { kind: 'mem', addr: { kind: 'reg', base: reg(inner, p), disp: 0n, scale: 1 }, span };
    if (/^[A-Za-z_]\w*$/.test(inner)) return { kind: 'mem', addr: { kind: 'abs', loc: inner }, span };
    return fail(p, 'a memory operand such as [x] or [EAX]');
  }
  const v = int(t);
  if (v !== undefined) return { kind: 'imm', value: v, span };
  return { kind: 'reg', reg: reg(t, p), span };
}
