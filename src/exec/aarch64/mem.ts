/**
 * Semantics of AArch64 memory instructions, following herd's AArch64Sem
 * (events, annotations, and the intrinsic dependencies its monad builds):
 *
 *  LDR/LDAR/LDAPR  Rreg(Xn[,Xm]) -data-> R -data-> Wreg(Rt)
 *  LDXR/LDAXR      also Rreg(Xn) -data-> Wreg(ResAddr)
 *  STR/STLR        Rreg(Xn[,Xm]) -data-> W <-data- Rreg(Rt) (a DATA read)
 *  writeback       Rreg(Xn) -data-> Wreg(Xn)
 *  STXR/STLXR      herd's store-conditional: Rreg(ResAddr), Rreg(Rt), Rreg(Xn);
 *                  Wreg(ResAddr)=0 (ctrl from ResAddr); on success W (data
 *                  from Xn and Rt, ctrl from ResAddr and Xn) and status 0,
 *                  on failure status 1; success needs ResAddr = address.
 *  SWP             Rreg(Xn) -data-> R, W; Rreg(Rs) -data-> W;
 *                  R -data-> Wreg(Rt), R -ctrl-> W
 *  LD<op>/ST<op>   as SWP but R -data-> W
 *  CAS             see `cas` below.
 * Pair instructions (LDP, STP, LDXP, CASP...) are in `pair.ts`.
 */
import { PathCut } from '../../arch/asm/explore.js';
import { add, bitop, compare, fromLitmus, lsl, not64, sameValue, sext, zext, type AsmValue } from '../../arch/asm/value.js';
import type { Value } from '../../litmus/types.js';
import type { AccessBits, Address, AArch64Instr, AtomicOp } from '../../litmus/aarch64/ast.js';
import type { Annot, Machine } from './context.js';

type Ev = number | undefined;
type Instr<K extends AArch64Instr['kind']> = Extract<AArch64Instr, { kind: K }>;

export interface EffectiveAddress {
  readonly value: AsmValue;
  /** Events the address comes from (base and index register reads). */
  readonly from: readonly Ev[];
  readonly baseEv: Ev;
  /** Post-indexed base update, done by the caller after the access. */
  readonly post?: AsmValue;
}

export function effectiveAddress(m: Machine, a: Address): EffectiveAddress {
  const base = m.read(a.base);
  if (a.kind === 'imm') {
    const moved = a.offset === 0n ? base.value : m.arith(() => add(base.value, a.offset));
    if (a.mode === 'post') return { value: base.value, from: [base.ev], baseEv: base.ev, post: moved };
    if (a.mode === 'pre') m.tb.data(base.ev, m.write(a.base, moved));
    return { value: moved, from: [base.ev], baseEv: base.ev };
  }
  const index = m.read(a.index, 'ord', 64);
  const offset = m.arith(() => {
    const v = a.extend === 'UXTW' ? zext(index.value, 32) : a.extend === 'SXTW' ? sext(index.value, 32) : index.value;
    return lsl(v, a.amount);
  });
  return { value: m.arith(() => add(base.value, offset)), from: [base.ev, index.ev], baseEv: base.ev };
}

export function writeBack(m: Machine, a: Address, ea: EffectiveAddress): void {
  if (ea.post !== undefined) m.tb.data(ea.baseEv, m.write(a.base, ea.post));
}

const LOAD_ANNOT = { plain: 'N', acquire: 'A', acquirePC: 'Q', exclusive: 'EX', exclusiveAcquire: 'EXA' } as const;

export function load(m: Machine, i: Instr<'load'>): void {
  const ea = effectiveAddress(m, i.address);
  const r = m.readMem(ea.value, i.bits, LOAD_ANNOT[i.load]);
  m.tb.data(ea.from, r.ev);
  if (i.load === 'exclusive' || i.load === 'exclusiveAcquire') {
    m.tb.data(ea.baseEv, m.writeNamed('ResAddr', ea.value));
    m.lastExclusive = i.bits;
    m.lastExclusiveReads = [r];
  }
  writeBack(m, i.address, ea);
  const v = i.signed ? sext(r.value, i.bits) : r.value;
  m.tb.data(r.ev, m.write(i.rt, v));
}

export function store(m: Machine, i: Instr<'store'>): void {
  const ea = effectiveAddress(m, i.address);
  const d = m.read(i.rt, 'data', i.bits);
  const w = m.writeMem(ea.value, i.bits, i.release ? 'L' : 'N', d.value);
  m.tb.data([...ea.from, d.ev], w);
  writeBack(m, i.address, ea);
}

type RegRead = ReturnType<Machine['read']>;

/**
 * The start of a store-exclusive (STXR, STXP): reads the reservation and
 * the address register (`between` runs between the two: STXR reads its
 * data register there), clears the reservation, then either fails (status
 * register 1; returns undefined) or succeeds (returns the two reads).
 */
export function attemptExclusive(
  m: Machine, rn: Parameters<Machine['read']>[0], status: Parameters<Machine['write']>[0], bits: AccessBits, between?: () => void,
): { readonly resa: RegRead; readonly a: RegRead } | undefined {
  const resa = m.readNamed('ResAddr');
  between?.();
  const a = m.read(rn);
  m.tb.ctrl(resa.ev, m.writeNamed('ResAddr', 0n));
  const mustFail = m.lastExclusive !== bits;
  const succeed = !mustFail && m.choose(2) === 1;
  if (!succeed) {
    m.write(status, 1n, 64);
    return undefined;
  }
  if (!sameValue(resa.value, a.value)) throw new PathCut('infeasible');
  return { resa, a };
}

export function storeExclusive(m: Machine, i: Instr<'storeExclusive'>): void {
  let d: RegRead | undefined;
  const ok = attemptExclusive(m, i.rn, i.status, i.bits, () => (d = m.read(i.rt, 'data', i.bits)));
  if (ok === undefined || d === undefined) return;
  const { resa, a } = ok;
  const w = m.writeMem(a.value, i.bits, i.release ? 'EXL' : 'EX', d.value);
  m.tb.data([a.ev, d.ev], w);
  m.tb.ctrl([resa.ev, a.ev], w);
  pairWithExclusiveRead(m, w, a.value, i.bits);
  m.write(i.status, 0n, 64);
}

/** `rmw` pairs a store-exclusive's write with the last load-exclusive's read of the same location (herd's atomic pairs). */
export function pairWithExclusiveRead(m: Machine, w: number, a: AsmValue, bits: AccessBits): void {
  const loc = m.location(a, bits);
  m.tb.atomicPair(m.lastExclusiveReads.find((r) => r.loc === loc)?.ev, w);
}

export function readAnnot(order: { acquire: boolean }, noRet: boolean): Annot {
  return noRet ? 'NoRet' : order.acquire ? 'XA' : 'X';
}

/** SWP and LD<op>/ST<op> (herd's swp_or_amo). */
export function swapOrAmo(m: Machine, i: Instr<'swp'> | Instr<'ldop'>): void {
  const a = m.read(i.rn);
  const s = m.read(i.rs, 'data', i.bits);
  const noRet = i.rt.name === 'XZR';
  const r = m.readMem(a.value, i.bits, readAnnot(i.order, noRet));
  const value = i.kind === 'swp' ? s.value : m.arith(() => atomicOp(i.op, r.value, s.value, i.bits));
  const w = m.writeMem(a.value, i.bits, i.order.release ? 'XL' : 'X', value);
  const wt = m.write(i.rt, r.value);
  m.tb.data(a.ev, [r.ev, w]);
  m.tb.data(r.ev, wt);
  m.tb.data(s.ev, w);
  if (i.kind === 'swp') m.tb.ctrl(r.ev, w);
  else m.tb.data(r.ev, w);
  m.tb.atomicPair(r.ev, w);
}

function atomicOp(op: AtomicOp, old: AsmValue, s: AsmValue, bits: number): AsmValue {
  switch (op) {
    case 'ADD':
      return zext(add(old, s), bits);
    case 'CLR':
      return bitop('and', old, not64(s));
    case 'EOR':
      return bitop('xor', old, s);
    case 'SET':
      return bitop('or', old, s);
    case 'SMAX':
      return compare(old, s, bits, true) >= 0 ? old : s;
    case 'SMIN':
      return compare(old, s, bits, true) <= 0 ? old : s;
    case 'UMAX':
      return compare(old, s, bits, false) >= 0 ? old : s;
    case 'UMIN':
      return compare(old, s, bits, false) <= 0 ? old : s;
  }
}

/**
 * CAS. Inputs Rreg(Xn), Rreg(Rs) (DATA), the memory read R; a branching
 * event (PRED) takes data from Rs and R. Success (R = Rs), two executions
 * as herd: Wreg(Rs) takes its data from Rs (and ctrl from R) or from R;
 * in both Rreg(Rt) (DATA) and Xn flow into W, under ctrl of the branch.
 * Failure, two executions: no write, or a write-back of the value read
 * (data from Xn and R, ctrl from the branch); Wreg(Rs) takes data from R.
 */
export function cas(m: Machine, i: Instr<'cas'>): void {
  const a = m.read(i.rn);
  const s = m.read(i.rs, 'data', i.bits);
  const noRet = i.rs.name === 'XZR';
  const ok = (v: AsmValue): boolean => sameValue(v, s.value);
  // The read's annotation depends on the outcome, so peek at the value first.
  const values = m.env.readValues(m.location(a.value, i.bits));
  const pick = m.choose(values.length);
  const peek = zext(fromLitmus(values[pick] as Value), i.bits);
  const success = ok(peek);
  if (success) {
    const t = m.read(i.rt, 'data', i.bits);
    const r = m.readMem(a.value, i.bits, readAnnot(i.order, noRet), pick);
    const w = m.writeMem(a.value, i.bits, i.order.release ? 'XL' : 'X', t.value);
    const ws = m.write(i.rs, r.value);
    const br = m.commit('PRED');
    m.tb.data(a.ev, [r.ev, w]);
    m.tb.data(t.ev, w);
    m.tb.data([s.ev, r.ev], br);
    m.tb.ctrl(br, w);
    if (m.choose(2) === 0) {
      m.tb.data(s.ev, ws);
      m.tb.ctrl(r.ev, ws);
    } else m.tb.data(r.ev, ws);
    m.tb.atomicPair(r.ev, w);
    return;
  }
  const writeBackValue = m.choose(2) === 1;
  const annot: Annot = noRet ? 'NoRet' : writeBackValue ? readAnnot(i.order, false) : i.order.acquire ? 'A' : 'N';
  const r = m.readMem(a.value, i.bits, annot, pick);
  const w = writeBackValue ? m.writeMem(a.value, i.bits, i.order.release ? 'XL' : 'X', r.value) : undefined;
  const ws = m.write(i.rs, r.value);
  const br = m.commit('PRED');
  m.tb.data(a.ev, [r.ev, w]);
  m.tb.data(r.ev, [ws, w]);
  m.tb.data([s.ev, r.ev], br);
  m.tb.ctrl(br, w);
  m.tb.atomicPair(r.ev, w);
}

