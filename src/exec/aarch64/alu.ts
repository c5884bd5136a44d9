/**
 * Semantics of AArch64 data processing (herd's AArch64Sem: I_MOV, I_MOVK,
 * I_OP3 with flags, I_CSEL, xbfm, I_MOP): register reads flow by
 * iico_data into the register writes; CSEL decides through a branching
 * event (PRED) that controls the read of the selected register.
 */
import {
  add, addressText, bitop, lsl, lsr, asr as asrOp, mul, not64, ror, sext, sub, SymbolicArithmetic, word, zext, type AsmValue,
} from '../../arch/asm/value.js';
import type { AArch64Instr, Cond, Operand2 } from '../../litmus/aarch64/ast.js';
import type { Machine } from './context.js';

type Instr<K extends AArch64Instr['kind']> = Extract<AArch64Instr, { kind: K }>;
type Ev = number | undefined;

export function movConst(m: Machine, i: Instr<'movConst'>): void {
  m.write(i.rd, word(i.value));
}

export function movReg(m: Machine, i: Instr<'movReg'>): void {
  const r = m.read(i.rn, 'ord', i.rd.bits);
  m.tb.data(r.ev, m.write(i.rd, r.value));
}

export function movk(m: Machine, i: Instr<'movk'>): void {
  const r = m.read(i.rd, 'data', i.rd.bits);
  const mask = 0xffffn << BigInt(i.shift);
  const v = m.arith(() => bitop('or', bitop('and', r.value, not64(mask)), i.imm << BigInt(i.shift)));
  m.tb.data(r.ev, m.write(i.rd, v));
}

/** The second operand: its value and the register read it comes from. */
function operand2(m: Machine, rn: { ev: Ev; value: AsmValue }, i: Instr<'alu'>, bits: number): { ev: Ev; value: AsmValue } {
  const o: Operand2 = i.operand;
  if (o.kind === 'imm') return { ev: undefined, value: word(o.value) };
  if (o.kind === 'shifted') {
    const r = o.reg.name === i.rn.name && o.reg.name !== 'XZR' ? rn : m.read(o.reg, 'ord', bits);
    const v = m.arith(() => shiftBy(o.shift, r.value, o.amount, bits));
    return { ev: r === rn ? undefined : r.ev, value: v };
  }
  const r = m.read(o.reg, 'ord', o.reg.bits);
  const shifted = m.arith(() => lsl(r.value, o.amount));
  const ext = o.extend;
  const width = ext.endsWith('B') ? 8 : ext.endsWith('H') ? 16 : ext.endsWith('W') ? 32 : 64;
  return { ev: r.ev, value: ext.startsWith('S') ? sext(shifted, width) : zext(shifted, width) };
}

function shiftBy(kind: 'LSL' | 'LSR' | 'ASR' | 'ROR', v: AsmValue, n: number, bits: number): AsmValue {
  switch (kind) {
    case 'LSL':
      return lsl(v, n);
    case 'LSR':
      return lsr(zext(v, bits), n);
    case 'ASR':
      return asrOp(sext(v, bits), n);
    case 'ROR':
      return ror(v, n, bits);
  }
}

/** herd's shift operations with a register amount: the amount is taken as is (no modulo). */
function shiftReg(kind: 'LSL' | 'LSR' | 'ASR', v: AsmValue, amount: AsmValue): AsmValue {
  if (typeof amount !== 'bigint') throw new SymbolicArithmetic(`shift by ${addressText(amount)}`);
  if (amount >= 64n) return kind === 'ASR' ? asrOp(v, 63) : 0n;
  const n = Number(amount);
  return kind === 'LSL' ? lsl(v, n) : kind === 'LSR' ? lsr(v, n) : asrOp(v, n);
}

export function alu(m: Machine, i: Instr<'alu'>): void {
  const bits = i.rd.bits;
  const rn = m.read(i.rn, 'ord', bits);
  const op2 = operand2(m, rn, i, bits);
  const v1 = rn.value;
  const v2 = op2.value;
  const res = m.arith((): AsmValue => {
    let r: AsmValue;
    switch (i.op) {
      case 'ADD': r = add(v1, v2); break;
      case 'SUB': r = sub(v1, v2); break;
      case 'AND': r = bitop('and', v1, v2); break;
      case 'ORR': r = bitop('or', v1, v2); break;
      case 'EOR': r = bitop('xor', v1, v2); break;
      case 'EON': r = bitop('xor', v1, not64(v2)); break;
      case 'ORN': r = bitop('or', v1, not64(v2)); break;
      case 'BIC': r = bitop('and', v1, not64(v2)); break;
      case 'ASR': case 'LSR': case 'LSL': r = shiftReg(i.op, v1, zext(v2, bits)); break;
      case 'ROR': r = ror(v1, Number(zext(v2, bits) as bigint) % bits, bits); break;
    }
    return zext(r, bits);
  });
  const inputs = [rn.ev, op2.ev];
  m.tb.data(inputs, m.write(i.rd, res));
  if (i.setFlags) m.tb.data(inputs, m.writeNamed('NZCV', m.arith(() => flags(i.op, res, v1, v2, bits))));
}

/** NZCV as herd computes it (N=8, Z=4, C=2, V=1), carry and overflow by Hacker's Delight 2-13. */
function flags(op: string, res: AsmValue, x: AsmValue, y: AsmValue, bits: number): bigint {
  if (typeof res !== 'bigint' || typeof x !== 'bigint' || typeof y !== 'bigint') {
    // Comparing an address with itself or with zero: only Z is meaningful to herd.
    const zero = res === 0n;
    return zero ? 4n : 0n;
  }
  const top = BigInt(bits - 1);
  const bit = (v: bigint): bigint => (v >> top) & 1n;
  const n = bit(res);
  const z = res === 0n ? 1n : 0n;
  let c = 0n;
  let v = 0n;
  if (op === 'ADD') {
    c = bit((x & y) | ((x | y) & ~res));
    v = bit((res ^ x) & (res ^ y));
  } else if (op === 'SUB') {
    c = bit((x & ~y) | ((x | ~y) & ~res));
    v = bit((x ^ y) & (res ^ x));
  }
  return (n << 3n) | (z << 2n) | (c << 1n) | v;
}

/** The condition of B.cond and CSEL on the flags (herd's tr_cond). */
export function holds(cond: Cond, nzcv: AsmValue): boolean {
  const f = typeof nzcv === 'bigint' ? nzcv : 0n;
  const n = ((f >> 3n) & 1n) === 1n;
  const z = ((f >> 2n) & 1n) === 1n;
  const c = ((f >> 1n) & 1n) === 1n;
  const v = (f & 1n) === 1n;
  switch (cond) {
    case 'EQ': return z;
    case 'NE': return !z;
    case 'CS': return c;
    case 'CC': return !c;
    case 'MI': return n;
    case 'PL': return !n;
    case 'VS': return v;
    case 'VC': return !v;
    case 'HI': return c && !z;
    case 'LS': return !c || z;
    case 'GE': return n === v;
    case 'LT': return n !== v;
    case 'GT': return n === v && !z;
    case 'LE': return n !== v || z;
    case 'AL': case 'NV': return true;
  }
}

export function csel(m: Machine, i: Instr<'csel'>): void {
  const bits = i.rd.bits;
  const f = m.readNamed('NZCV');
  const taken = holds(i.cond, f.value);
  const br = m.commit('PRED');
  m.tb.data(f.ev, br);
  const src = taken ? i.rn : i.rm;
  const r = m.read(src, 'data', bits);
  let v = r.value;
  if (!taken && i.op !== 'copy') {
    v = m.arith(() => (i.op === 'inc' ? add(r.value, 1n) : i.op === 'neg' ? sub(0n, r.value) : not64(r.value)));
    v = zext(v, bits);
  }
  const w = m.write(i.rd, v, 64);
  if (r.ev !== undefined) {
    m.tb.ctrl(br, r.ev);
    m.tb.data(r.ev, w);
  } else m.tb.ctrl(br, w);
}

/** UBFM/SBFM as herd's xbfm: mask, shift, and for SBFM replicate the top kept bit. */
export function bfm(m: Machine, i: Instr<'bfm'>): void {
  const size = i.rd.bits;
  const { immr: kr, imms: ks } = i;
  const r = m.read(i.rn, 'data', size);
  const v = m.arith(() => {
    let mask = 0n;
    for (let b = 0; b < size; b++) if (ks >= kr ? b >= kr && b <= ks : b <= ks) mask |= 1n << BigInt(b);
    let x = bitop('and', r.value, mask);
    x = ks >= kr ? lsr(x, kr) : lsl(x, size - kr);
    if (i.signed) {
      const top = ks >= kr ? ks - kr : size - kr + ks;
      x = bitop('or', x, sext(x, top + 1));
    }
    return x;
  });
  m.tb.data(r.ev, m.write(i.rd, v, 64));
}

export function madd(m: Machine, i: Instr<'madd'>): void {
  const bits = i.rd.bits;
  const n = m.read(i.rn, 'ord', bits);
  const k = m.read(i.rm, 'ord', bits);
  const a = m.read(i.ra, 'ord', bits);
  const v = m.arith(() => {
    const p = mul(n.value, k.value);
    return i.sub ? sub(a.value, p) : add(a.value, p);
  });
  m.tb.data([n.ev, k.ev, a.ev], m.write(i.rd, v, 64));
}

/** SMADDL, UMSUBL, SMULL...: a 64-bit accumulate of a product of extended W registers (herd's I_MOPL). */
export function maddl(m: Machine, i: Instr<'maddl'>): void {
  const n = m.read(i.rn, 'ord', 32);
  const k = m.read(i.rm, 'ord', 32);
  const a = m.read(i.ra, 'ord', 64);
  const ext = (v: AsmValue): AsmValue => (i.signed ? sext(v, 32) : v);
  const v = m.arith(() => {
    const p = mul(ext(n.value), ext(k.value));
    return i.sub ? sub(a.value, p) : add(a.value, p);
  });
  m.tb.data([n.ev, k.ev, a.ev], m.write(i.rd, v, 64));
}

export function unary(m: Machine, i: Instr<'unary'>): void {
  const bits = i.rd.bits;
  const r = m.read(i.rn, 'ord', bits);
  const v = m.arith((): AsmValue => {
    const x = r.value;
    if (typeof x !== 'bigint') throw new SymbolicArithmetic(`${i.op} of ${addressText(x)}`);
    switch (i.op) {
      case 'ABS': {
        const s = BigInt.asIntN(bits, x);
        return word(s < 0n ? -s : s);
      }
      case 'RBIT': {
        let out = 0n;
        for (let b = 0; b < bits; b++) if (((x >> BigInt(b)) & 1n) === 1n) out |= 1n << BigInt(bits - 1 - b);
        return out;
      }
      default: {
        const container = i.op === 'REV16' ? 16 : i.op === 'REV32' ? 32 : bits;
        let out = 0n;
        for (let c = 0; c < bits; c += container) {
          for (let b = 0; b < container; b += 8) {
            const byte = (x >> BigInt(c + b)) & 0xffn;
            out |= byte << BigInt(c + container - 8 - b);
          }
        }
        return out;
      }
    }
  });
  m.tb.data(r.ev, m.write(i.rd, v, 64));
}

/** MRS Xt, NZCV (flags into bits 31..28) and MSR NZCV, Xt. */
export function nzcv(m: Machine, i: Instr<'nzcv'>): void {
  if (i.toFlags) {
    const r = m.read(i.reg, 'ord', 64);
    const f = m.arith(() => bitop('and', lsr(r.value, 28), 0xfn));
    m.tb.data(r.ev, m.writeNamed('NZCV', f));
  } else {
    const f = m.readNamed('NZCV');
    m.tb.data(f.ev, m.write(i.reg, m.arith(() => lsl(f.value, 28)), 64));
  }
}
