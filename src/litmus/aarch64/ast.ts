/**
 * The AArch64 instructions weakmem reads, as one discriminated union on
 * `kind`. Every node carries its span and source text. Operand shapes
 * follow herd's `AArch64Base` (register variants, shifted and extended
 * register operands, memory addressing modes).
 */
import type { Span } from '../../diag.js';
import type { AsmThread } from '../../arch/asm/columns.js';

/**
 * A general-purpose register operand. `name` is canonical: `X0`..`X30`
 * (W registers share their X register), `XZR` for WZR/XZR, `SP` for the
 * stack pointer.
 */
export interface Reg {
  readonly name: string;
  /** Operand width: 32 for W registers, 64 for X registers. */
  readonly bits: 32 | 64;
  readonly span: Span;
}

/** Barrel shifts on a register operand. */
export type ShiftKind = 'LSL' | 'LSR' | 'ASR' | 'ROR';
/** Register extensions (`UXTW`, `SXTW`...). */
export type ExtendKind = 'UXTB' | 'UXTH' | 'UXTW' | 'UXTX' | 'SXTB' | 'SXTH' | 'SXTW' | 'SXTX';

/** The second operand of a data-processing instruction. */
export type Operand2 =
  | { readonly kind: 'imm'; readonly value: bigint; readonly span: Span }
  | { readonly kind: 'shifted'; readonly reg: Reg; readonly shift: ShiftKind; readonly amount: number; readonly span: Span }
  | { readonly kind: 'extended'; readonly reg: Reg; readonly extend: ExtendKind; readonly amount: number; readonly span: Span };

/** Memory addressing: `[Xn]`, `[Xn,#k]`, `[Xn,#k]!`, `[Xn],#k`, `[Xn,Xm{,LSL #s}]`, `[Xn,Wm,SXTW {#s}]`. */
export type Address =
  | { readonly kind: 'imm'; readonly base: Reg; readonly offset: bigint; readonly mode: 'offset' | 'pre' | 'post'; readonly span: Span }
  | { readonly kind: 'reg'; readonly base: Reg; readonly index: Reg; readonly extend: 'LSL' | 'UXTW' | 'SXTW' | 'SXTX'; readonly amount: number; readonly span: Span };

/** Condition codes of B.cond and CSEL. */
export type Cond = 'EQ' | 'NE' | 'CS' | 'CC' | 'MI' | 'PL' | 'VS' | 'VC' | 'HI' | 'LS' | 'GE' | 'LT' | 'GT' | 'LE' | 'AL' | 'NV';

/** Memory access annotations of loads and stores, as in herd's AArch64Annot. */
export type LoadKind = 'plain' | 'acquire' | 'acquirePC' | 'exclusive' | 'exclusiveAcquire';

/**
 * Pair loads: LDP, LDNP (non-temporal), LDIAPP (acquire-PC, herd's `LDAP`
 * pair form too), LDXP and LDAXP (exclusive).
 */
export type PairLoadKind = 'plain' | 'nonTemporal' | 'acquirePC' | 'exclusive' | 'exclusiveAcquire';

/** Pair stores: STP, STNP (non-temporal), STILP (release, herd's `STLP` pair form too). */
export type PairStoreKind = 'plain' | 'nonTemporal' | 'release';

/** Acquire/release flavour of an atomic (SWP, CAS, LD<op>): none, A, L or AL. */
export interface Ordering {
  readonly acquire: boolean;
  readonly release: boolean;
}

/** Access sizes in bits. */
export type AccessBits = 8 | 16 | 32 | 64;

/** Atomic memory operations of LD<op> / ST<op>. */
export type AtomicOp = 'ADD' | 'CLR' | 'EOR' | 'SET' | 'SMAX' | 'SMIN' | 'UMAX' | 'UMIN';

/** Data-processing operations (herd's `op` of I_OP3). */
export type AluOp = 'ADD' | 'SUB' | 'AND' | 'ORR' | 'EOR' | 'EON' | 'ORN' | 'BIC' | 'ASR' | 'LSR' | 'LSL' | 'ROR';

interface Base {
  readonly span: Span;
  /** The instruction as written. */
  readonly text: string;
}

export type AArch64Instr =
  | (Base & { readonly kind: 'nop' })
  | (Base & { readonly kind: 'b'; readonly target: string })
  | (Base & { readonly kind: 'bcond'; readonly cond: Cond; readonly target: string })
  | (Base & { readonly kind: 'cbz'; readonly nonZero: boolean; readonly reg: Reg; readonly target: string })
  | (Base & { readonly kind: 'tbz'; readonly nonZero: boolean; readonly reg: Reg; readonly bit: number; readonly target: string })
  /** BL: X30 gets the return address (of the next instruction), then a branch to `target`. */
  | (Base & { readonly kind: 'bl'; readonly target: string })
  /** A branch to the code address `reg` holds: BR, BLR (X30 gets the return address too) and RET (X30 unless named). */
  | (Base & { readonly kind: 'branchReg'; readonly op: 'BR' | 'BLR' | 'RET'; readonly reg: Reg })
  /** ADR: the code address of `target` into `rd`. */
  | (Base & { readonly kind: 'adr'; readonly rd: Reg; readonly target: string })
  | (Base & {
      readonly kind: 'load';
      readonly rt: Reg;
      readonly address: Address;
      /** Memory access size. */
      readonly bits: AccessBits;
      /** Sign-extend the loaded value (LDRSB, LDRSH, LDRSW). */
      readonly signed: boolean;
      readonly load: LoadKind;
    })
  | (Base & { readonly kind: 'store'; readonly rt: Reg; readonly address: Address; readonly bits: AccessBits; readonly release: boolean })
  /** Two loads of consecutive elements: `rt1` from the address, `rt2` from the address plus `bits / 8`. */
  | (Base & {
      readonly kind: 'loadPair';
      readonly rt1: Reg;
      readonly rt2: Reg;
      readonly address: Address;
      /** Size of each access. */
      readonly bits: 32 | 64;
      /** Sign-extend each word into an X register (LDPSW). */
      readonly signed: boolean;
      readonly load: PairLoadKind;
    })
  | (Base & { readonly kind: 'storePair'; readonly rt1: Reg; readonly rt2: Reg; readonly address: Address; readonly bits: 32 | 64; readonly store: PairStoreKind })
  | (Base & {
      readonly kind: 'storeExclusivePair';
      readonly status: Reg;
      readonly rt1: Reg;
      readonly rt2: Reg;
      readonly rn: Reg;
      readonly bits: 32 | 64;
      readonly release: boolean;
    })
  | (Base & { readonly kind: 'storeExclusive'; readonly status: Reg; readonly rt: Reg; readonly rn: Reg; readonly bits: AccessBits; readonly release: boolean })
  | (Base & { readonly kind: 'swp'; readonly rs: Reg; readonly rt: Reg; readonly rn: Reg; readonly bits: AccessBits; readonly order: Ordering })
  | (Base & { readonly kind: 'cas'; readonly rs: Reg; readonly rt: Reg; readonly rn: Reg; readonly bits: AccessBits; readonly order: Ordering })
  /** CASP: compares the pair `rs1`, `rs2` with two consecutive elements and on success stores `rt1`, `rt2`. */
  | (Base & {
      readonly kind: 'casp';
      readonly rs1: Reg;
      readonly rs2: Reg;
      readonly rt1: Reg;
      readonly rt2: Reg;
      readonly rn: Reg;
      readonly bits: 32 | 64;
      readonly order: Ordering;
    })
  | (Base & {
      readonly kind: 'ldop';
      readonly op: AtomicOp;
      readonly rs: Reg;
      /** XZR for the ST<op> aliases. */
      readonly rt: Reg;
      readonly rn: Reg;
      readonly bits: AccessBits;
      readonly order: Ordering;
    })
  /** MOV (immediate), MOVZ, MOVN: a constant into a register. */
  | (Base & { readonly kind: 'movConst'; readonly rd: Reg; readonly value: bigint })
  | (Base & { readonly kind: 'movk'; readonly rd: Reg; readonly imm: bigint; readonly shift: number })
  | (Base & { readonly kind: 'movReg'; readonly rd: Reg; readonly rn: Reg })
  | (Base & { readonly kind: 'alu'; readonly op: AluOp; readonly setFlags: boolean; readonly rd: Reg; readonly rn: Reg; readonly operand: Operand2 })
  | (Base & {
      readonly kind: 'csel';
      /** CSEL, CSINC, CSINV, CSNEG: what is done to `rm` when the condition fails. */
      readonly op: 'copy' | 'inc' | 'inv' | 'neg';
      readonly rd: Reg;
      readonly rn: Reg;
      readonly rm: Reg;
      readonly cond: Cond;
    })
  /** Bitfield moves (UBFM, SBFM and their aliases UXTB, SXTW, LSL/LSR/ASR #imm...). */
  | (Base & { readonly kind: 'bfm'; readonly signed: boolean; readonly rd: Reg; readonly rn: Reg; readonly immr: number; readonly imms: number })
  /** Multiply-add family: rd = ra ± rn * rm (MUL, MNEG, MADD, MSUB). */
  | (Base & { readonly kind: 'madd'; readonly sub: boolean; readonly rd: Reg; readonly rn: Reg; readonly rm: Reg; readonly ra: Reg })
  /** Long multiply-add: Xd = Xa ± ext(Wn) * ext(Wm), signed (SMADDL...) or unsigned (UMADDL...). */
  | (Base & { readonly kind: 'maddl'; readonly signed: boolean; readonly sub: boolean; readonly rd: Reg; readonly rn: Reg; readonly rm: Reg; readonly ra: Reg })
  /** One-operand bit manipulations. */
  | (Base & { readonly kind: 'unary'; readonly op: 'ABS' | 'REV' | 'REV16' | 'REV32' | 'RBIT'; readonly rd: Reg; readonly rn: Reg })
  /** MRS Xt, NZCV and MSR NZCV, Xt (the flags only). */
  | (Base & { readonly kind: 'nzcv'; readonly toFlags: boolean; readonly reg: Reg })
  | (Base & { readonly kind: 'fence'; readonly barrier: 'DMB' | 'DSB' | 'ISB'; readonly domain: string });

export type AArch64Thread = AsmThread<AArch64Instr>;

/** Human-readable kinds of instruction, for `not supported` messages. */
export type AArch64Kind = AArch64Instr['kind'];
