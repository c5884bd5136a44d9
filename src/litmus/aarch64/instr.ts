/**
 * One AArch64 instruction from its text: mnemonic dispatch to the operand
 * shapes of `ast.ts`. Aliases are expanded the way herd's parser does
 * (CMP → SUBS ZR, CSET → CSINC, MVN → ORN ZR, ...). Instructions of the
 * extensions weakmem does not model stop with `not supported`.
 */
import { DIAG_CODES, notSupported, raise } from '../../diag.js';
import type { SourceText } from '../source.js';
import type { RegisterScope } from '../../arch/asm/symbolic.js';
import { spanOf, type Piece } from '../../arch/asm/text.js';
import type { AArch64Instr, AccessBits, Address, AluOp, AtomicOp, Ordering, PairLoadKind, PairStoreKind, Reg } from './ast.js';
import { Operands, invertCond, parseCond, splitInstruction } from './operands.js';

const ATOMIC_OPS = 'ADD|CLR|EOR|SET|SMAX|SMIN|UMAX|UMIN';
const LD_ATOMIC = new RegExp(`^LD(${ATOMIC_OPS})(A|AL|L)?(B|H)?$`);
const ST_ATOMIC = new RegExp(`^ST(${ATOMIC_OPS})(L)?(B|H)?$`);
const SIZE: Readonly<Record<string, AccessBits>> = { B: 8, H: 16 };

function ordering(s: string | undefined): Ordering {
  return { acquire: s === 'A' || s === 'AL', release: s === 'L' || s === 'AL' };
}

/** Mnemonic prefixes of extensions, with the name `not supported` reports. */
const EXTENSIONS: readonly (readonly [RegExp, string])[] = [
  [/^(STZ2?G|STG|ST2G|LDG|STGP|IRG|GMI|ADDG|SUBG|SUBPS?|LDGM|STGM|STZGM)$/, 'memory tagging (MTE) instruction'],
  [/^(PAC|AUT|XPAC|BRA|BLRA|RETA|ERETA|LDRA)/, 'pointer authentication (PAC) instruction'],
  [/^(TLBI|DC|IC|AT)$/, 'cache or TLB maintenance instruction'],
  [/^(SVC|HVC|SMC|ERET|UDF|BRK|HLT|WFE|WFI|SEV|SEVL|YIELD|CLREX|SB|CSDB|ESB|PSB|BTI|HINT)$/, 'system instruction'],
  [/^ADRP$/, 'page address instruction'],
  [/^(LDAPP|STLPP|SWPP|LDCLRP|LDSETP|CASPP)/, '128-bit pair instruction (mixed-size accesses)'],
  [/^(LD[1-4]R?|ST[1-4]|LDAP1|STL1|MOVI|DUP|INS|UMOV|SMOV|FMOV|ADDV|LD1[BHWD]|ST1[BHWD]|WHILELT|PTRUE|SMSTART|SMSTOP|MOVA|ADDA|INDEX|CNT[BHWD]|INC[BHWD])$/, 'SIMD/SVE/SME instruction'],
  [/^(CPY|SET)[PME]/, 'memory copy/set (MOPS) instruction'],
];

/** `scope`: hears of the registers the instruction names, gives those of symbolic registers (`%r`, not supported without it). */
export function parseAArch64Instr(src: SourceText, cell: Piece, scope?: RegisterScope): AArch64Instr {
  const { mnemonic, operands: ops } = splitInstruction(cell);
  const mn = mnemonic.text.toUpperCase();
  const o = new Operands(src, mn, scope);
  const base = { span: spanOf(src, cell), text: cell.text };
  const arity = (n: number | readonly number[]): void => {
    const ok = typeof n === 'number' ? ops.length === n : n.includes(ops.length);
    if (!ok) raise(DIAG_CODES.LITMUS_SYNTAX, `${mn}: expected ${typeof n === 'number' ? n : n.join(' or ')} operands, found ${ops.length}`, base.span);
  };
  const reg = (i: number, opts?: { bits?: 32 | 64; zr?: boolean }): Reg => o.reg(ops[i], cell, opts);
  const sameWidth = (r: Reg, like: Reg): Reg => {
    if (r.name !== 'XZR' && r.bits !== like.bits) raise(DIAG_CODES.LITMUS_SYNTAX, `${mn}: registers must all be W or all be X`, r.span);
    return r;
  };
  let m: RegExpExecArray | null;
  // Cheap prefix tests first: a regular expression costs a compilation the first time it runs.
  const load = mn.startsWith('LD'), store = mn.startsWith('ST');

  if (mn === 'NOP') return arity(0), { ...base, kind: 'nop' };
  if (mn === 'B') return arity(1), { ...base, kind: 'b', target: o.label(ops[0], cell) };
  if (mn.startsWith('B') && (m = /^B\.?([A-Z]{2})$/.exec(mn)) && parseCond(m[1] as string) !== undefined) {
    arity(1);
    return { ...base, kind: 'bcond', cond: o.cond({ text: m[1] as string, start: mnemonic.start + 2 }, cell), target: o.label(ops[0], cell) };
  }
  if (mn === 'CBZ' || mn === 'CBNZ') {
    arity(2);
    return { ...base, kind: 'cbz', nonZero: mn === 'CBNZ', reg: reg(0), target: o.label(ops[1], cell) };
  }
  if (mn === 'BL') return arity(1), { ...base, kind: 'bl', target: o.label(ops[0], cell) };
  if (mn === 'BR' || mn === 'BLR' || mn === 'RET') {
    arity(mn === 'RET' ? [0, 1] : 1);
    const r: Reg = ops.length > 0 ? reg(0, { bits: 64 }) : { name: 'X30', bits: 64, span: base.span };
    return { ...base, kind: 'branchReg', op: mn, reg: r };
  }
  if (mn === 'ADR') return arity(2), { ...base, kind: 'adr', rd: reg(0, { bits: 64 }), target: o.label(ops[1], cell) };
  if (mn === 'TBZ' || mn === 'TBNZ') {
    arity(3);
    const r = reg(0);
    return { ...base, kind: 'tbz', nonZero: mn === 'TBNZ', reg: r, bit: o.small(ops[1], cell, r.bits - 1), target: o.label(ops[2], cell) };
  }

  // Loads and stores.
  if (load && (m = /^(LDR|LDUR)(B|H|SB|SH|SW)?$/.exec(mn))) {
    arity([2, 3]);
    const suffix = m[2] ?? '';
    const rt = reg(0);
    const bits: AccessBits = suffix.endsWith('B') ? 8 : suffix.endsWith('H') ? 16 : suffix === 'SW' ? 32 : rt.bits;
    if ((suffix === 'B' || suffix === 'H') && rt.bits !== 32) o.fail(ops[0] as Piece, 'a W register');
    if (suffix === 'SW' && rt.bits !== 64) o.fail(ops[0] as Piece, 'an X register');
    if (ops[1] !== undefined && /^=/.test(ops[1].text)) notSupported('literal loads (LDR Rt, =value)', base.span);
    return { ...base, kind: 'load', rt, address: o.address(ops[1], ops[2], cell), bits, signed: suffix.startsWith('S'), load: 'plain' };
  }
  if (load && (m = /^(LDAR|LDAPR|LDXR|LDAXR)(B|H)?$/.exec(mn))) {
    arity(2);
    const rt = reg(0);
    const bits = m[2] !== undefined ? (SIZE[m[2]] as AccessBits) : rt.bits;
    const address = o.address(ops[1], undefined, cell);
    if (address.kind !== 'imm' || address.offset !== 0n || address.mode !== 'offset') o.fail(ops[1] as Piece, 'a memory operand [Xn]');
    const load = { LDAR: 'acquire', LDAPR: 'acquirePC', LDXR: 'exclusive', LDAXR: 'exclusiveAcquire' } as const;
    return { ...base, kind: 'load', rt, address, bits, signed: false, load: load[m[1] as keyof typeof load] };
  }
  if (store && (m = /^(STR|STUR)(B|H)?$/.exec(mn))) {
    arity([2, 3]);
    const rt = reg(0);
    if (m[2] !== undefined && rt.bits !== 32) o.fail(ops[0] as Piece, 'a W register');
    const bits = m[2] !== undefined ? (SIZE[m[2]] as AccessBits) : rt.bits;
    return { ...base, kind: 'store', rt, address: o.address(ops[1], ops[2], cell), bits, release: false };
  }
  if (store && (m = /^STLR(B|H)?$/.exec(mn))) {
    arity(2);
    const rt = reg(0);
    const address = o.address(ops[1], undefined, cell);
    if (address.kind !== 'imm' || address.offset !== 0n || address.mode !== 'offset') o.fail(ops[1] as Piece, 'a memory operand [Xn]');
    return { ...base, kind: 'store', rt, address, bits: m[1] !== undefined ? (SIZE[m[1]] as AccessBits) : rt.bits, release: true };
  }
  if (store && (m = /^(STXR|STLXR)(B|H)?$/.exec(mn))) {
    arity(3);
    const status = reg(0, { bits: 32 });
    const rt = reg(1);
    const rn = baseOnly(o, ops[2], cell);
    return { ...base, kind: 'storeExclusive', status, rt, rn, bits: m[2] !== undefined ? (SIZE[m[2]] as AccessBits) : rt.bits, release: m[1] === 'STLXR' };
  }

  const pair = parsePair(o, mn, ops, cell, base);
  if (pair !== undefined) return pair;

  // Atomics.
  if ((mn.startsWith('SWP') || mn.startsWith('CAS')) && (m = /^(SWP|CAS)(A|AL|L)?(B|H)?$/.exec(mn))) {
    arity(3);
    const rs = reg(0);
    const rt = sameWidth(reg(1), rs);
    const rn = baseOnly(o, ops[2], cell);
    const bits = m[3] !== undefined ? (SIZE[m[3]] as AccessBits) : rs.bits;
    return { ...base, kind: m[1] === 'SWP' ? 'swp' : 'cas', rs, rt, rn, bits, order: ordering(m[2]) };
  }
  if (load && (m = LD_ATOMIC.exec(mn))) {
    arity(3);
    const rs = reg(0);
    const rt = sameWidth(reg(1), rs);
    const bits = m[3] !== undefined ? (SIZE[m[3]] as AccessBits) : rs.bits;
    return { ...base, kind: 'ldop', op: m[1] as AtomicOp, rs, rt, rn: baseOnly(o, ops[2], cell), bits, order: ordering(m[2]) };
  }
  if (store && (m = ST_ATOMIC.exec(mn))) {
    arity(2);
    const rs = reg(0);
    const bits = m[3] !== undefined ? (SIZE[m[3]] as AccessBits) : rs.bits;
    const rt: Reg = { name: 'XZR', bits: rs.bits, span: rs.span };
    return { ...base, kind: 'ldop', op: m[1] as AtomicOp, rs, rt, rn: baseOnly(o, ops[1], cell), bits, order: ordering(m[2]) };
  }

  // Moves.
  if (mn === 'MOV') {
    arity(2);
    const rd = reg(0);
    if (/^#|^[+-]?\d/.test(ops[1]?.text ?? '')) return { ...base, kind: 'movConst', rd, value: o.imm(ops[1], cell) };
    return { ...base, kind: 'movReg', rd, rn: sameWidth(reg(1), rd) };
  }
  if (mn === 'MOVZ' || mn === 'MOVN' || mn === 'MOVK') {
    arity([2, 3]);
    const rd = reg(0);
    const imm = o.imm(ops[1], cell);
    let shift = 0;
    if (ops[2] !== undefined) {
      const s = /^LSL\s*#?\s*(\d+)$/i.exec(ops[2].text);
      if (!s || Number(s[1]) % 16 !== 0 || Number(s[1]) >= rd.bits) o.fail(ops[2], `LSL #0, #16${rd.bits === 64 ? ', #32 or #48' : ''}`);
      shift = Number((s as RegExpExecArray)[1]);
    }
    if (imm < 0n || imm > 0xffffn) o.fail(ops[1] as Piece, 'a 16-bit immediate');
    if (mn === 'MOVK') return { ...base, kind: 'movk', rd, imm, shift };
    const v = imm << BigInt(shift);
    return { ...base, kind: 'movConst', rd, value: mn === 'MOVN' ? ~v : v };
  }

  return parseDataProcessing(o, mn, ops, cell, base) ?? unsupported(mn, base.span, mnemonic);
}

const PAIR_LOADS: Readonly<Record<string, PairLoadKind>> = {
  LDP: 'plain', LDPSW: 'plain', LDNP: 'nonTemporal', LDIAPP: 'acquirePC', LDAP: 'acquirePC', LDXP: 'exclusive', LDAXP: 'exclusiveAcquire',
};
const PAIR_STORES: Readonly<Record<string, PairStoreKind>> = { STP: 'plain', STNP: 'nonTemporal', STILP: 'release', STLP: 'release' };

/**
 * Pair loads and stores, store-exclusive pairs and CASP. herd spells the
 * RCpc3 pair forms `LDIAPP`/`STILP` and also `LDAP`/`STLP` with two
 * registers. LDIAPP has no pre-index form and STILP no post-index form;
 * the exclusive pairs and CASP take a bare `[Xn]`.
 */
function parsePair(o: Operands, mn: string, ops: readonly Piece[], cell: Piece, base: { span: AArch64Instr['span']; text: string }): AArch64Instr | undefined {
  const arity = (n: readonly number[]): void => {
    if (!n.includes(ops.length)) raise(DIAG_CODES.LITMUS_SYNTAX, `${mn}: expected ${n.join(' or ')} operands, found ${ops.length}`, base.span);
  };
  const pairOf = (i: number, bits?: 32 | 64): [Reg, Reg] => {
    const r1 = o.reg(ops[i], cell, bits !== undefined ? { bits } : {});
    const r2 = o.reg(ops[i + 1], cell, { bits: r1.bits });
    return [r1, r2];
  };
  const load = PAIR_LOADS[mn];
  if (load !== undefined && (mn !== 'LDAP' || ops.length >= 3)) {
    const exclusive = load === 'exclusive' || load === 'exclusiveAcquire';
    arity(exclusive ? [3] : [3, 4]);
    const [rt1, rt2] = pairOf(0, mn === 'LDPSW' ? 64 : undefined);
    const address = pairAddress(o, ops[2], ops[3], cell, exclusive ? 'base' : load === 'nonTemporal' ? 'offset' : load === 'acquirePC' ? 'no-pre' : 'any');
    return { ...base, kind: 'loadPair', rt1, rt2, address, bits: mn === 'LDPSW' ? 32 : rt1.bits, signed: mn === 'LDPSW', load };
  }
  const store = PAIR_STORES[mn];
  if (store !== undefined) {
    arity([3, 4]);
    const [rt1, rt2] = pairOf(0);
    const address = pairAddress(o, ops[2], ops[3], cell, store === 'nonTemporal' ? 'offset' : store === 'release' ? 'no-post' : 'any');
    return { ...base, kind: 'storePair', rt1, rt2, address, bits: rt1.bits, store };
  }
  if (mn === 'STXP' || mn === 'STLXP') {
    arity([4]);
    const status = o.reg(ops[0], cell, { bits: 32 });
    const [rt1, rt2] = pairOf(1);
    return { ...base, kind: 'storeExclusivePair', status, rt1, rt2, rn: baseOnly(o, ops[3], cell), bits: rt1.bits, release: mn === 'STLXP' };
  }
  const m = mn.startsWith('CASP') ? /^CASP(A|AL|L)?$/.exec(mn) : null;
  if (m) {
    arity([5]);
    const [rs1, rs2] = pairOf(0);
    const [rt1, rt2] = pairOf(2, rs1.bits);
    return { ...base, kind: 'casp', rs1, rs2, rt1, rt2, rn: baseOnly(o, ops[4], cell), bits: rs1.bits, order: ordering(m[1]) };
  }
  return undefined;
}

/** The address of a pair access: `[Xn]` only (`base`), or an immediate offset from Xn with the writeback forms `modes` allows. */
function pairAddress(o: Operands, p: Piece | undefined, post: Piece | undefined, at: Piece, modes: 'base' | 'any' | 'offset' | 'no-pre' | 'no-post'): Address {
  const a = o.address(p, post, at);
  const allowed =
    a.kind === 'imm' &&
    (modes === 'base'
      ? a.mode === 'offset' && a.offset === 0n
      : modes === 'any' || a.mode === 'offset' || (modes === 'no-pre' && a.mode === 'post') || (modes === 'no-post' && a.mode === 'pre'));
  if (!allowed) return o.fail((post ?? p) as Piece, `an address ${PAIR_FORMS[modes]}`);
  return a;
}

const PAIR_FORMS = {
  base: '[Xn]',
  any: '[Xn,#imm], [Xn,#imm]! or [Xn],#imm',
  offset: '[Xn] or [Xn,#imm]',
  'no-pre': '[Xn] or [Xn],#imm',
  'no-post': '[Xn] or [Xn,#imm]!',
} as const;

function baseOnly(o: Operands, p: Piece | undefined, at: Piece): Reg {
  const a = o.address(p, undefined, at);
  if (a.kind !== 'imm' || a.offset !== 0n || a.mode !== 'offset') o.fail(p as Piece, 'a memory operand [Xn]');
  return a.base;
}

function unsupported(mn: string, span: AArch64Instr['span'], _m: Piece): never {
  for (const [re, what] of EXTENSIONS) if (re.test(mn)) notSupported(`${what} ${mn}`, span);
  return notSupported(`AArch64 instruction ${mn}`, span);
}

const ALU: Readonly<Record<string, readonly [AluOp, boolean]>> = {
  ADD: ['ADD', false], ADDS: ['ADD', true], SUB: ['SUB', false], SUBS: ['SUB', true],
  AND: ['AND', false], ANDS: ['AND', true], ORR: ['ORR', false], EOR: ['EOR', false],
  EON: ['EON', false], ORN: ['ORN', false], BIC: ['BIC', false], BICS: ['BIC', true],
  ASR: ['ASR', false], LSR: ['LSR', false], LSL: ['LSL', false], ROR: ['ROR', false],
};

function parseDataProcessing(
  o: Operands,
  mn: string,
  ops: readonly Piece[],
  cell: Piece,
  base: { span: AArch64Instr['span']; text: string },
): AArch64Instr | undefined {
  const arity = (n: readonly number[]): void => {
    if (!n.includes(ops.length)) raise(DIAG_CODES.LITMUS_SYNTAX, `${mn}: expected ${n.join(' or ')} operands, found ${ops.length}`, base.span);
  };
  const reg = (i: number): Reg => o.reg(ops[i], cell);
  const zr = (like: Reg): Reg => ({ name: 'XZR', bits: like.bits, span: like.span });
  const alu = ALU[mn];
  if (alu !== undefined) {
    arity([3, 4]);
    return { ...base, kind: 'alu', op: alu[0], setFlags: alu[1], rd: reg(0), rn: reg(1), operand: o.operand2(ops, 2, cell) };
  }
  const alias: Readonly<Record<string, readonly [AluOp, boolean]>> = { CMP: ['SUB', true], CMN: ['ADD', true], TST: ['AND', true] };
  const a = alias[mn];
  if (a !== undefined) {
    arity([2, 3]);
    const rn = reg(0);
    return { ...base, kind: 'alu', op: a[0], setFlags: a[1], rd: zr(rn), rn, operand: o.operand2(ops, 1, cell) };
  }
  if (mn === 'NEG' || mn === 'NEGS' || mn === 'MVN') {
    arity([2, 3]);
    const rd = reg(0);
    return { ...base, kind: 'alu', op: mn === 'MVN' ? 'ORN' : 'SUB', setFlags: mn === 'NEGS', rd, rn: zr(rd), operand: o.operand2(ops, 1, cell) };
  }
  const csel: Readonly<Record<string, 'copy' | 'inc' | 'inv' | 'neg'>> = { CSEL: 'copy', CSINC: 'inc', CSINV: 'inv', CSNEG: 'neg' };
  if (csel[mn] !== undefined) {
    arity([4]);
    return { ...base, kind: 'csel', op: csel[mn], rd: reg(0), rn: reg(1), rm: reg(2), cond: o.cond(ops[3], cell) };
  }
  if (mn === 'CSET' || mn === 'CSETM') {
    arity([2]);
    const rd = reg(0);
    return { ...base, kind: 'csel', op: mn === 'CSET' ? 'inc' : 'inv', rd, rn: zr(rd), rm: zr(rd), cond: invertCond(o.cond(ops[1], cell)) };
  }
  const cond3: Readonly<Record<string, 'inc' | 'inv' | 'neg'>> = { CINC: 'inc', CINV: 'inv', CNEG: 'neg' };
  if (cond3[mn] !== undefined) {
    arity([3]);
    const rn = reg(1);
    return { ...base, kind: 'csel', op: cond3[mn], rd: reg(0), rn, rm: rn, cond: invertCond(o.cond(ops[2], cell)) };
  }
  if (mn === 'UBFM' || mn === 'SBFM') {
    arity([4]);
    const rd = reg(0);
    return { ...base, kind: 'bfm', signed: mn === 'SBFM', rd, rn: reg(1), immr: o.small(ops[2], cell, rd.bits - 1), imms: o.small(ops[3], cell, rd.bits - 1) };
  }
  const ext: Readonly<Record<string, readonly [boolean, number]>> = {
    SXTB: [true, 7], SXTH: [true, 15], SXTW: [true, 31], UXTB: [false, 7], UXTH: [false, 15], UXTW: [false, 31],
  };
  if (ext[mn] !== undefined) {
    arity([2]);
    const [signed, imms] = ext[mn];
    return { ...base, kind: 'bfm', signed, rd: reg(0), rn: reg(1), immr: 0, imms };
  }
  if (mn === 'MUL' || mn === 'MNEG' || mn === 'MADD' || mn === 'MSUB') {
    const three = mn === 'MUL' || mn === 'MNEG';
    arity(three ? [3] : [4]);
    const rd = reg(0);
    return { ...base, kind: 'madd', sub: mn === 'MNEG' || mn === 'MSUB', rd, rn: reg(1), rm: reg(2), ra: three ? zr(rd) : reg(3) };
  }
  const maddl = mn.endsWith('L') ? /^(S|U)(MADDL|MSUBL|MULL|MNEGL)$/.exec(mn) : null;
  if (maddl) {
    const three = maddl[2] === 'MULL' || maddl[2] === 'MNEGL';
    arity(three ? [3] : [4]);
    const rd = reg(0);
    return {
      ...base, kind: 'maddl', signed: maddl[1] === 'S', sub: maddl[2] === 'MSUBL' || maddl[2] === 'MNEGL',
      rd, rn: reg(1), rm: reg(2), ra: three ? zr(rd) : reg(3),
    };
  }
  if (mn === 'ABS' || mn === 'REV' || mn === 'REV16' || mn === 'REV32' || mn === 'REV64' || mn === 'RBIT') {
    arity([2]);
    return { ...base, kind: 'unary', op: mn === 'REV64' ? 'REV' : mn, rd: reg(0), rn: reg(1) };
  }
  if (mn === 'MRS' || mn === 'MSR') {
    arity([2]);
    const sys = ops[mn === 'MRS' ? 1 : 0] as Piece;
    if (sys.text.toUpperCase() !== 'NZCV') notSupported(`system register '${sys.text}'`, base.span);
    return { ...base, kind: 'nzcv', toFlags: mn === 'MSR', reg: reg(mn === 'MRS' ? 0 : 1) };
  }
  if (mn === 'DMB' || mn === 'DSB') {
    arity([1]);
    const d = (ops[0] as Piece).text.toUpperCase();
    const DOMAINS = ['SY', 'ST', 'LD', 'ISH', 'ISHST', 'ISHLD', 'NSH', 'NSHST', 'NSHLD', 'OSH', 'OSHST', 'OSHLD'];
    if (!DOMAINS.includes(d)) o.fail(ops[0] as Piece, `a barrier option (${DOMAINS.join(', ')})`);
    return { ...base, kind: 'fence', barrier: mn, domain: d };
  }
  if (mn === 'ISB') {
    arity([0, 1]);
    if (ops[0] !== undefined && ops[0].text.toUpperCase() !== 'SY') o.fail(ops[0], 'SY');
    return { ...base, kind: 'fence', barrier: 'ISB', domain: 'SY' };
  }
  return undefined;
}
