/**
 * AArch64 operands: registers, immediates, shifts and extensions, memory
 * addresses and condition codes. Parsing is case-insensitive like herd's
 * lexer; registers are returned with canonical names.
 */
import { DIAG_CODES, notSupported, raise } from '../../diag.js';
import type { SourceText } from '../source.js';
import type { RegisterScope } from '../../arch/asm/symbolic.js';
import { spanOf, splitOperands, trimPiece, type Piece } from '../../arch/asm/text.js';
import type { Address, Cond, ExtendKind, Operand2, Reg, ShiftKind } from './ast.js';

/** Canonical name of a general-purpose register as written (`w3` → X3), or undefined. */
export function canonicalRegister(name: string): { name: string; bits: 32 | 64 } | undefined {
  const u = name.toUpperCase();
  const m = /^([XW])(\d+)$/.exec(u);
  if (m) {
    const n = Number(m[2]);
    if (n > 30) return undefined;
    return { name: `X${n}`, bits: m[1] === 'W' ? 32 : 64 };
  }
  if (u === 'XZR') return { name: 'XZR', bits: 64 };
  if (u === 'WZR') return { name: 'XZR', bits: 32 };
  if (u === 'SP') return { name: 'SP', bits: 64 };
  if (u === 'WSP') return { name: 'SP', bits: 32 };
  return undefined;
}

/** State-key names of registers (`0:X1`, `1:W2`): W registers show as their X register. */
export function stateRegister(name: string): string | undefined {
  return canonicalRegister(name)?.name;
}

/** A symbolic register as herd's lexer reads it: `%r` or `X%r` (64 bits), `W%r` (32 bits). */
const SYMBOLIC = /^(?:[xXwW]?)%([A-Za-z_.$][\w./$-]*)$/;

const VECTOR = /^(?:[VQDSHBZP]\d+(?:\.\w+)?(?:\[\d+\])?|ZA\w*|PN\d+)$/i;

export class Operands {
  constructor(
    private readonly src: SourceText,
    private readonly mnemonic: string,
    /** Hears of the registers operands name, gives those of symbolic registers. */
    private readonly scope?: RegisterScope,
  ) {}

  fail(p: Piece, what: string): never {
    return raise(DIAG_CODES.LITMUS_SYNTAX, `${this.mnemonic}: expected ${what}, found '${p.text}'`, spanOf(this.src, p));
  }

  reg(p: Piece | undefined, at: Piece, opts: { bits?: 32 | 64; zr?: boolean } = {}): Reg {
    if (p === undefined) return this.fail(at, 'a register');
    const sym = SYMBOLIC.exec(p.text);
    if (sym) {
      if (this.scope === undefined) notSupported(`symbolic register '${p.text}'`, spanOf(this.src, p));
      const bits = /^w/i.test(p.text) ? 32 : 64;
      if (opts.bits !== undefined && bits !== opts.bits) this.fail(p, `a ${opts.bits === 32 ? 'W' : 'X'} register`);
      return { name: this.scope.symbolic(sym[1] as string, spanOf(this.src, p)), bits, span: spanOf(this.src, p) };
    }
    const r = canonicalRegister(p.text);
    if (r === undefined) {
      if (VECTOR.test(p.text)) notSupported(`SIMD/SVE/SME register '${p.text}'`, spanOf(this.src, p));
      if (/^(?:[A-Z]+_EL\d|NZCV|ELR_EL1|TPIDR)/i.test(p.text)) notSupported(`system register '${p.text}'`, spanOf(this.src, p));
      return this.fail(p, 'a register');
    }
    if (opts.bits !== undefined && r.bits !== opts.bits) this.fail(p, `a ${opts.bits === 32 ? 'W' : 'X'} register`);
    if (r.name === 'XZR' && opts.zr === false) this.fail(p, 'a register other than the zero register');
    this.scope?.use(r.name);
    return { name: r.name, bits: r.bits, span: spanOf(this.src, p) };
  }

  /** `#k`, `#-k`, `#0x..` (the `#` may be omitted, as herd allows). */
  imm(p: Piece | undefined, at: Piece): bigint {
    if (p === undefined) return this.fail(at, 'an immediate');
    const m = /^#?\s*([+-]?)(0[xX][0-9a-fA-F]+|\d+)$/.exec(p.text);
    if (!m) return this.fail(p, 'an immediate such as #1');
    const v = BigInt(m[2] as string);
    return m[1] === '-' ? -v : v;
  }

  /** A small non-negative immediate (shift amounts, bit numbers). */
  small(p: Piece | undefined, at: Piece, max: number): number {
    const v = this.imm(p, at);
    if (v < 0n || v > BigInt(max)) this.fail(p as Piece, `an amount between 0 and ${max}`);
    return Number(v);
  }

  /** A branch target: a label, or `.+k` / `.-k` (bytes from this instruction, a multiple of 4). */
  label(p: Piece | undefined, at: Piece): string {
    if (p !== undefined && /^\.\s*[+-]\s*\d+$/.test(p.text)) {
      const bytes = Number(p.text.slice(1).replace(/\s+/g, ''));
      if (bytes % 4 !== 0) this.fail(p, 'a branch offset that is a multiple of 4');
      return `.${bytes >= 0 ? '+' : ''}${bytes}`;
    }
    if (p === undefined || !/^[A-Za-z_.][\w.]*$/.test(p.text)) return this.fail(p ?? at, 'a label');
    return p.text;
  }

  cond(p: Piece | undefined, at: Piece): Cond {
    const c = parseCond(p?.text ?? '');
    if (c === undefined) return this.fail(p ?? at, 'a condition code such as EQ');
    return c;
  }

  /** The second operand of ADD/SUB/AND/... : an immediate or a shifted or extended register. */
  operand2(ops: readonly Piece[], i: number, at: Piece): Operand2 {
    const p = ops[i];
    if (p === undefined) return this.fail(at, 'an operand');
    const span = spanOf(this.src, p);
    if (/^#|^[+-]?\d/.test(p.text)) {
      let value = this.imm(p, at);
      const sh = ops[i + 1];
      if (sh !== undefined) {
        const m = /^LSL\s*#?\s*(\d+)$/i.exec(sh.text);
        if (!m) this.fail(sh, "'LSL #0' or 'LSL #12'");
        value <<= BigInt(m[1] as string);
      }
      return { kind: 'imm', value, span };
    }
    const reg = this.reg(p, at, { zr: true });
    const mod = ops[i + 1];
    if (mod === undefined) return { kind: 'shifted', reg, shift: 'LSL', amount: 0, span };
    const m = /^([A-Za-z]+)\s*(?:#?\s*(\d+))?$/.exec(mod.text);
    const kind = m?.[1]?.toUpperCase() ?? '';
    const amount = m?.[2] !== undefined ? Number(m[2]) : 0;
    if (['LSL', 'LSR', 'ASR', 'ROR'].includes(kind)) {
      if (m?.[2] === undefined) this.fail(mod, 'a shift amount');
      return { kind: 'shifted', reg, shift: kind as ShiftKind, amount, span };
    }
    if (isExtend(kind)) return { kind: 'extended', reg, extend: kind, amount, span };
    return this.fail(mod, 'a shift (LSL, LSR, ASR, ROR) or an extension (UXTW, SXTW...)');
  }

  /**
   * A memory operand: the piece `[...]` (with an optional `!`) and an
   * optional post-index immediate in the next operand.
   */
  address(p: Piece | undefined, post: Piece | undefined, at: Piece): Address {
    if (p === undefined) return this.fail(at, 'a memory operand [Xn]');
    const span = spanOf(this.src, p);
    const m = /^\[(.*)\](!?)$/s.exec(p.text);
    if (!m) return this.fail(p, 'a memory operand such as [X1]');
    const inner = splitOperands({ text: m[1] as string, start: p.start + 1 });
    const base = this.reg(inner[0], p, { bits: 64 });
    const pre = m[2] === '!';
    if (post !== undefined) {
      if (inner.length > 1 || pre) this.fail(post, 'nothing after a pre-indexed or offset address');
      return { kind: 'imm', base, offset: this.imm(post, at), mode: 'post', span };
    }
    if (inner.length === 1) return { kind: 'imm', base, offset: 0n, mode: pre ? 'pre' : 'offset', span };
    const off = inner[1] as Piece;
    if (/^#|^[+-]?\d/.test(off.text)) {
      if (inner.length > 2) this.fail(inner[2] as Piece, "']'");
      return { kind: 'imm', base, offset: this.imm(off, p), mode: pre ? 'pre' : 'offset', span };
    }
    if (pre) this.fail(p, 'an immediate offset before !');
    const index = this.reg(off, p, { zr: true });
    const ext = inner[2];
    if (ext === undefined) {
      return { kind: 'reg', base, index, extend: 'LSL', amount: 0, span };
    }
    const e = /^([A-Za-z]+)\s*(?:#?\s*(\d+))?$/.exec(ext.text);
    const kind = e?.[1]?.toUpperCase() ?? '';
    if (!['LSL', 'UXTW', 'SXTW', 'SXTX'].includes(kind)) return this.fail(ext, 'LSL, UXTW, SXTW or SXTX');
    return { kind: 'reg', base, index, extend: kind as 'LSL' | 'UXTW' | 'SXTW' | 'SXTX', amount: e?.[2] !== undefined ? Number(e[2]) : 0, span };
  }
}

function isExtend(k: string): k is ExtendKind {
  return ['UXTB', 'UXTH', 'UXTW', 'UXTX', 'SXTB', 'SXTH', 'SXTW', 'SXTX'].includes(k);
}

const CONDS: readonly Cond[] = ['EQ', 'NE', 'CS', 'CC', 'MI', 'PL', 'VS', 'VC', 'HI', 'LS', 'GE', 'LT', 'GT', 'LE', 'AL', 'NV'];

export function parseCond(t: string): Cond | undefined {
  const u = t.toUpperCase();
  if (u === 'HS') return 'CS';
  if (u === 'LO') return 'CC';
  return CONDS.find((c) => c === u);
}

/** The opposite condition (CSET, CINC... are defined with it). */
export function invertCond(c: Cond): Cond {
  const pairs: Record<Cond, Cond> = {
    EQ: 'NE', NE: 'EQ', CS: 'CC', CC: 'CS', MI: 'PL', PL: 'MI', VS: 'VC', VC: 'VS',
    HI: 'LS', LS: 'HI', GE: 'LT', LT: 'GE', GT: 'LE', LE: 'GT', AL: 'NV', NV: 'AL',
  };
  return pairs[c];
}

/** Mnemonic and operand pieces of an instruction cell. */
export function splitInstruction(cell: Piece): { mnemonic: Piece; operands: Piece[] } {
  const m = /^(\S+)\s*/.exec(cell.text);
  const mn = m ? (m[1] as string) : cell.text;
  const rest = trimPiece({ text: cell.text.slice(mn.length), start: cell.start + mn.length });
  return { mnemonic: { text: mn, start: cell.start }, operands: splitOperands(rest) };
}
