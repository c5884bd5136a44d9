/**
 * AArch64 thread semantics: what each instruction does (the runner in
 * arch/asm/runner.ts runs threads path by path; instructions choose among
 * alternatives, as herd's CAS and store-exclusive executions). Backward
 * branches whose direction is known without memory reads do not count
 * against the unrolling bound.
 */
import type { AsmSemanticsOptions, AsmThreadSemantics } from '../../arch/asm/env.js';
import { asmSemantics, type KnownBranches } from '../../arch/asm/runner.js';
import { initialState } from '../../arch/asm/thread-state.js';
import type { LitmusTest } from '../../litmus/types.js';
import type { AArch64Instr, AArch64Thread } from '../../litmus/aarch64/ast.js';
import { alu, bfm, csel, holds, madd, maddl, movConst, movk, movReg, nzcv, unary } from './alu.js';
import { Machine } from './context.js';
import { checkTargets, mayWriteMemoryFrom, target } from './flow.js';
import { cas, load, store, storeExclusive, swapOrAmo } from './mem.js';
import { casp, loadPair, storeExclusivePair, storePair } from './pair.js';

export function aarch64Semantics(test: LitmusTest<AArch64Thread>, opts: AsmSemanticsOptions = {}): AsmThreadSemantics {
  test.threads.forEach((th) => checkTargets(th));
  return asmSemantics(test, initialState(test), {
    machine: (env, tb, chooser, regs) => new Machine(env, tb, chooser, regs),
    step,
    shownRegister: (name) => GENERAL_REGISTER.test(name),
    knownBranches: KNOWN_BRANCHES,
    arrays: true,
    mayWriteMemoryFrom,
  }, opts);
}

/** The registers of the final state: X0-X30 and SP (W registers are their X register). */
const GENERAL_REGISTER = /^(X\d+|SP)$/;

/**
 * Whether a conditional branch's direction is known without the values of
 * memory reads. herd evaluates such branches while building a thread and
 * unrolls them completely; unconditional branches and branches on unknown
 * values count against -unroll (herd's tests L028, L029).
 * Registers are unknown once written by an instruction that does not
 * report its result to herd's register environment (loads, atomics,
 * store-exclusive status, CSEL, bitfield moves) or computed from one.
 */
function decided(i: AArch64Instr, unknown: ReadonlySet<string>): boolean {
  switch (i.kind) {
    case 'b':
      return false;
    case 'bcond':
      return !unknown.has('NZCV');
    case 'cbz':
    case 'tbz':
      return !unknown.has(i.reg.name);
    default:
      return true;
  }
}

const KNOWN_BRANCHES: KnownBranches<AArch64Instr> = { decided, track };

function track(i: AArch64Instr, unknown: Set<string>): void {
  const set = (r: string, isUnknown: boolean): void => {
    if (r === 'XZR') return;
    if (isUnknown) unknown.add(r);
    else unknown.delete(r);
  };
  const from = (...rs: string[]): boolean => rs.some((r) => unknown.has(r));
  switch (i.kind) {
    case 'movConst':
      return set(i.rd.name, false);
    case 'movReg':
      return set(i.rd.name, from(i.rn.name));
    case 'movk':
      return set(i.rd.name, from(i.rd.name));
    case 'madd':
    case 'maddl':
      return set(i.rd.name, from(i.rn.name, i.rm.name, i.ra.name));
    case 'unary':
      return set(i.rd.name, from(i.rn.name));
    case 'nzcv':
      return i.toFlags ? set('NZCV', from(i.reg.name)) : set(i.reg.name, from('NZCV'));
    case 'alu': {
      const u = from(i.rn.name, i.operand.kind === 'imm' ? 'XZR' : i.operand.reg.name);
      set(i.rd.name, u);
      if (i.setFlags) set('NZCV', u);
      return;
    }
    case 'csel':
    case 'bfm':
      return set(i.rd.name, true);
    case 'load':
      set(i.rt.name, true);
      if (i.address.kind === 'imm' && i.address.mode !== 'offset') set(i.address.base.name, true);
      return;
    case 'loadPair':
      set(i.rt1.name, true);
      set(i.rt2.name, true);
      if (i.address.kind === 'imm' && i.address.mode !== 'offset') set(i.address.base.name, true);
      return;
    case 'store':
    case 'storePair':
      if (i.address.kind === 'imm' && i.address.mode !== 'offset') set(i.address.base.name, true);
      return;
    case 'storeExclusive':
    case 'storeExclusivePair':
      return set(i.status.name, true);
    case 'swp':
    case 'ldop':
      return set(i.rt.name, true);
    case 'cas':
      return set(i.rs.name, true);
    case 'casp':
      set(i.rs1.name, true);
      return set(i.rs2.name, true);
    default:
      return;
  }
}

/** Executes one instruction; returns the index of the next one. */
function step(m: Machine, i: AArch64Instr, pc: number, labels: ReadonlyMap<string, number>): number {
  switch (i.kind) {
    case 'nop':
      m.noAction();
      return pc + 1;
    case 'b':
      m.noAction();
      return target(i.target, pc, labels);
    case 'bcond': {
      const f = m.readNamed('NZCV');
      m.tb.data(f.ev, m.commit('BCC'));
      return holds(i.cond, f.value) ? target(i.target, pc, labels) : pc + 1;
    }
    case 'cbz':
    case 'tbz': {
      const r = m.read(i.reg, 'ord', 64);
      m.tb.data(r.ev, m.commit('BCC'));
      const v = r.value;
      const bitSet = typeof v !== 'bigint' ? true : i.kind === 'tbz' ? ((v >> BigInt(i.bit)) & 1n) === 1n : v !== 0n;
      const jump = i.nonZero === bitSet;
      return jump ? target(i.target, pc, labels) : pc + 1;
    }
    case 'load':
      load(m, i);
      break;
    case 'store':
      store(m, i);
      break;
    case 'storeExclusive':
      storeExclusive(m, i);
      break;
    case 'loadPair':
      loadPair(m, i);
      break;
    case 'storePair':
      storePair(m, i);
      break;
    case 'storeExclusivePair':
      storeExclusivePair(m, i);
      break;
    case 'casp':
      casp(m, i);
      break;
    case 'swp':
    case 'ldop':
      swapOrAmo(m, i);
      break;
    case 'cas':
      cas(m, i);
      break;
    case 'movConst':
      movConst(m, i);
      break;
    case 'movk':
      movk(m, i);
      break;
    case 'movReg':
      movReg(m, i);
      break;
    case 'alu':
      alu(m, i);
      break;
    case 'csel':
      csel(m, i);
      break;
    case 'bfm':
      bfm(m, i);
      break;
    case 'madd':
      madd(m, i);
      break;
    case 'maddl':
      maddl(m, i);
      break;
    case 'unary':
      unary(m, i);
      break;
    case 'nzcv':
      nzcv(m, i);
      break;
    case 'fence':
      m.fence(i.barrier === 'ISB' ? 'ISB' : `${i.barrier}.${i.domain}`);
      break;
    default:
      assertNever(i);
  }
  return pc + 1;
}

function assertNever(x: never): never {
  throw new Error(`unexpected instruction ${JSON.stringify(x)}`);
}
