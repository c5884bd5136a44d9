/**
 * Semantics of the AArch64 pair instructions, after herd's AArch64Sem: a
 * pair access is two accesses of `bits` each, to the address and to the
 * next element (each must be a whole array element, see
 * `Machine.location`), sharing the base register read:
 *
 *  LDP/LDNP/LDPSW  Rreg(Xn) -data-> R1, R2; Ri -data-> Wreg(Rti); the two
 *                  reads unordered (LDNP's are NTA, LDPSW sign-extends)
 *  LDIAPP          the same with acquire-PC reads (Q), and R1 -order-> R2
 *  LDXP/LDAXP      exclusive reads (EX, EXA), Rreg(Xn) -data-> Wreg(ResAddr);
 *                  the two reads are one single-copy-atomic access (sm)
 *  STP/STNP        Rreg(Xn) -data-> W1, W2; Rreg(Rti) (DATA) -data-> Wi
 *  STILP           release writes (L), W1 -order-> W2, but W2 -order-> W1
 *                  in the pre-indexed form (as herd orders them)
 *  STXP/STLXP      a store-exclusive of both elements (see `storeExclusive`),
 *                  one single-copy-atomic access; `rmw` pairs each write
 *                  with the load-exclusive's read of its element
 *  CASP            `cas` on both elements at once: it succeeds when both
 *                  compare equal.
 *  writeback       Rreg(Xn) -data-> Wreg(Xn)
 *
 * The order edges are herd's iico_order (intrinsically ordered-before).
 */
import { add, fromLitmus, sameValue, sext, zext, type AsmValue } from '../../arch/asm/value.js';
import type { Value } from '../../litmus/types.js';
import type { AArch64Instr, PairLoadKind, PairStoreKind } from '../../litmus/aarch64/ast.js';
import type { Annot, Machine, MemRead } from './context.js';
import { attemptExclusive, effectiveAddress, pairWithExclusiveRead, readAnnot, writeBack } from './mem.js';

type Instr<K extends AArch64Instr['kind']> = Extract<AArch64Instr, { kind: K }>;

const LOAD_ANNOT: Readonly<Record<PairLoadKind, Annot>> = { plain: 'N', nonTemporal: 'NTA', acquirePC: 'Q', exclusive: 'EX', exclusiveAcquire: 'EXA' };
const STORE_ANNOT: Readonly<Record<PairStoreKind, Annot>> = { plain: 'N', nonTemporal: 'NTA', release: 'L' };

/** The address of the second element of a pair access at `a`. */
function second(m: Machine, a: AsmValue, bits: 32 | 64): AsmValue {
  return m.arith(() => add(a, BigInt(bits / 8)));
}

export function loadPair(m: Machine, i: Instr<'loadPair'>): void {
  const ea = effectiveAddress(m, i.address);
  const annot = LOAD_ANNOT[i.load];
  const r1 = m.readMem(ea.value, i.bits, annot);
  const r2 = m.readMem(second(m, ea.value, i.bits), i.bits, annot);
  m.tb.data(ea.from, [r1.ev, r2.ev]);
  if (i.load === 'acquirePC') m.tb.order(r1.ev, r2.ev);
  if (i.load === 'exclusive' || i.load === 'exclusiveAcquire') {
    m.tb.data(ea.baseEv, m.writeNamed('ResAddr', ea.value));
    m.lastExclusive = i.bits;
    m.lastExclusiveReads = [r1, r2];
    m.tb.singleCopyAtomic(r1.ev, r2.ev);
  }
  writeBack(m, i.address, ea);
  const value = (r: MemRead): AsmValue => (i.signed ? sext(r.value, 32) : r.value);
  m.tb.data(r1.ev, m.write(i.rt1, value(r1)));
  m.tb.data(r2.ev, m.write(i.rt2, value(r2)));
}

export function storePair(m: Machine, i: Instr<'storePair'>): void {
  const ea = effectiveAddress(m, i.address);
  const d1 = m.read(i.rt1, 'data', i.bits);
  const d2 = m.read(i.rt2, 'data', i.bits);
  const annot = STORE_ANNOT[i.store];
  const w1 = m.writeMem(ea.value, i.bits, annot, d1.value);
  const w2 = m.writeMem(second(m, ea.value, i.bits), i.bits, annot, d2.value);
  m.tb.data([...ea.from, d1.ev], w1);
  m.tb.data([...ea.from, d2.ev], w2);
  if (i.store === 'release') {
    if (i.address.kind === 'imm' && i.address.mode === 'pre') m.tb.order(w2, w1);
    else m.tb.order(w1, w2);
  }
  writeBack(m, i.address, ea);
}

/** STXP/STLXP: `storeExclusive` with two writes; the data registers are read when it succeeds. */
export function storeExclusivePair(m: Machine, i: Instr<'storeExclusivePair'>): void {
  const ok = attemptExclusive(m, i.rn, i.status, i.bits);
  if (ok === undefined) return;
  const { resa, a } = ok;
  const d1 = m.read(i.rt1, 'data', i.bits);
  const d2 = m.read(i.rt2, 'data', i.bits);
  const annot = i.release ? 'EXL' : 'EX';
  const a2 = second(m, a.value, i.bits);
  const w1 = m.writeMem(a.value, i.bits, annot, d1.value);
  const w2 = m.writeMem(a2, i.bits, annot, d2.value);
  m.tb.data([a.ev, d1.ev], w1);
  m.tb.data([a.ev, d2.ev], w2);
  m.tb.ctrl([resa.ev, a.ev], [w1, w2]);
  m.tb.singleCopyAtomic(w1, w2);
  pairWithExclusiveRead(m, w1, a.value, i.bits);
  pairWithExclusiveRead(m, w2, a2, i.bits);
  m.write(i.status, 0n, 64);
}

/**
 * CASP, as `cas` with pairs: the memory reads, writes and register writes
 * of both elements take their inputs from both register reads of a pair
 * (herd composes the two halves as one value).
 */
export function casp(m: Machine, i: Instr<'casp'>): void {
  const a = m.read(i.rn);
  const s1 = m.read(i.rs1, 'data', i.bits);
  const s2 = m.read(i.rs2, 'data', i.bits);
  const a2 = second(m, a.value, i.bits);
  // The reads' annotations depend on the outcome, so peek at the values first.
  const peek = (addr: AsmValue): { pick: number; value: AsmValue } => {
    const values = m.env.readValues(m.location(addr, i.bits));
    const pick = m.choose(values.length);
    return { pick, value: zext(fromLitmus(values[pick] as Value), i.bits) };
  };
  const p1 = peek(a.value);
  const p2 = peek(a2);
  const success = sameValue(p1.value, s1.value) && sameValue(p2.value, s2.value);
  if (success) {
    const t1 = m.read(i.rt1, 'data', i.bits);
    const t2 = m.read(i.rt2, 'data', i.bits);
    const annot = readAnnot(i.order, false);
    const r1 = m.readMem(a.value, i.bits, annot, p1.pick);
    const r2 = m.readMem(a2, i.bits, annot, p2.pick);
    const wAnnot = i.order.release ? 'XL' : 'X';
    const w1 = m.writeMem(a.value, i.bits, wAnnot, t1.value);
    const w2 = m.writeMem(a2, i.bits, wAnnot, t2.value);
    const ws = [m.write(i.rs1, r1.value), m.write(i.rs2, r2.value)];
    const br = m.commit('PRED');
    m.tb.data(a.ev, [r1.ev, r2.ev, w1, w2]);
    m.tb.data([t1.ev, t2.ev], [w1, w2]);
    m.tb.data([s1.ev, s2.ev, r1.ev, r2.ev], br);
    m.tb.ctrl(br, [w1, w2]);
    if (m.choose(2) === 0) {
      m.tb.data([s1.ev, s2.ev], ws);
      m.tb.ctrl([r1.ev, r2.ev], ws);
    } else m.tb.data([r1.ev, r2.ev], ws);
    m.tb.atomicPair(r1.ev, w1);
    m.tb.atomicPair(r2.ev, w2);
    return;
  }
  const writeBackValue = m.choose(2) === 1;
  const annot: Annot = writeBackValue ? readAnnot(i.order, false) : i.order.acquire ? 'A' : 'N';
  const r1 = m.readMem(a.value, i.bits, annot, p1.pick);
  const r2 = m.readMem(a2, i.bits, annot, p2.pick);
  const wAnnot = i.order.release ? 'XL' : 'X';
  const w1 = writeBackValue ? m.writeMem(a.value, i.bits, wAnnot, r1.value) : undefined;
  const w2 = writeBackValue ? m.writeMem(a2, i.bits, wAnnot, r2.value) : undefined;
  const ws = [m.write(i.rs1, r1.value), m.write(i.rs2, r2.value)];
  const br = m.commit('PRED');
  m.tb.data(a.ev, [r1.ev, r2.ev, w1, w2]);
  m.tb.data([r1.ev, r2.ev], [...ws, w1, w2]);
  m.tb.data([s1.ev, s2.ev, r1.ev, r2.ev], br);
  m.tb.ctrl(br, [w1, w2]);
  m.tb.atomicPair(r1.ev, w1);
  m.tb.atomicPair(r2.ev, w2);
}
