/**
 * AArch64 thread semantics: what each instruction does (the runner in
 * arch/asm/runner.ts runs threads path by path; instructions choose among
 * alternatives, as herd's CAS and store-exclusive executions). Backward
 * branches whose direction is known without memory reads do not count
 * against the unrolling bound. Calls and returns (BL, BLR, RET) and BR
 * branch through code addresses, which ADR makes too, and label values of
 * the initial state (`0:X1=P1:L1`): the thread then runs the code of
 * another thread on its own registers (see arch/asm/runner.ts).
 */
import { notSupported } from '../../diag.js';
import type { AsmSemanticsOptions, AsmThreadSemantics } from '../../arch/asm/env.js';
import { asmSemantics, type CodeTarget, type KnownBranches } from '../../arch/asm/runner.js';
import { initialState } from '../../arch/asm/thread-state.js';
import { isCode, parseLabelText, showValue, type CodeAddr } from '../../arch/asm/value.js';
import type { LitmusTest } from '../../litmus/types.js';
import type { AArch64Instr, AArch64Thread, Reg } from '../../litmus/aarch64/ast.js';
import { alu, bfm, csel, holds, madd, maddl, movConst, movk, movReg, nzcv, unary } from './alu.js';
import { Machine } from './context.js';
import { checkTargets, labelAt, mayWriteMemoryFrom, target } from './flow.js';
import { cas, load, store, storeExclusive, swapOrAmo } from './mem.js';
import { casp, loadPair, storeExclusivePair, storePair } from './pair.js';

export function aarch64Semantics(test: LitmusTest<AArch64Thread>, opts: AsmSemanticsOptions = {}): AsmThreadSemantics {
  test.threads.forEach((th) => checkTargets(th));
  const crossThread = test.init.some((e) => parseLabelText(e.value) !== undefined);
  return asmSemantics(test, initialState(test, [], test.threads), {
    machine: (env, tb, chooser, regs) => new Machine(env, tb, chooser, regs),
    step,
    shownRegister: (name) => GENERAL_REGISTER.test(name),
    knownBranches: KNOWN_BRANCHES,
    arrays: true,
    mayWriteMemoryFrom: (_, pc, t) => mayWriteMemoryFrom(test.threads, t, pc, crossThread),
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
    case 'bl':
    case 'branchReg':
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
    case 'adr':
      return set(i.rd.name, false);
    case 'bl':
      return set(LINK.name, false);
    case 'branchReg':
      if (i.op === 'BLR') set(LINK.name, false);
      return;
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

/** The link register, which BL and BLR set and RET reads. */
const LINK: Reg = { name: 'X30', bits: 64, span: { file: '', line: 0, col: 0 } };

/**
 * Executes instruction `pc` of thread `code`'s code; returns the index of
 * the next one, or a target in another thread's code. `unknown`: registers
 * whose values depend on memory reads.
 */
function step(m: Machine, i: AArch64Instr, pc: number, labels: ReadonlyMap<string, number>, unknown: ReadonlySet<string>, code: number): number | CodeTarget {
  switch (i.kind) {
    case 'nop':
      m.noAction();
      return pc + 1;
    case 'b':
      m.noAction();
      return target(i.target, pc, labels);
    case 'bl':
      m.write(LINK, codeAddress(m, code, pc + 1, labelAt(pc + 1, labels)));
      return target(i.target, pc, labels);
    case 'branchReg':
      return branchToRegister(m, i, pc, labels, unknown, code);
    case 'adr': {
      const index = target(i.target, pc, labels);
      const label = /^\.[+-]/.test(i.target) ? labelAt(index, labels) : i.target;
      if (label === undefined) notSupported(`ADR to ${i.target}, an instruction with no label`, i.span);
      if (code !== m.env.thread) notSupported(`ADR in the code of P${code} run by P${m.env.thread}`, i.span);
      m.write(i.rd, codeAddress(m, code, index, label));
      return pc + 1;
    }
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

/**
 * Instruction `index` of thread `code`'s code as a value, named by `label`
 * if it has one. A return address in another thread's code has no label
 * value here: how herd prints it is not known (weakmem refuses to show it).
 */
function codeAddress(m: Machine, code: number, index: number, label: string | undefined): CodeAddr {
  return label !== undefined && code === m.env.thread ? { thread: code, index, label } : { thread: code, index };
}

/**
 * BR, BLR and RET (herd's do_indirect_jump): the register read feeds a
 * branching event (BCC), then the path goes to the code address it holds,
 * which may be in another thread's code (a label value of the initial state).
 * herd knows that address only when no memory read decides it (otherwise
 * it tries every label the code takes the address of): weakmem needs it.
 */
function branchToRegister(
  m: Machine,
  i: Extract<AArch64Instr, { kind: 'branchReg' }>,
  pc: number,
  labels: ReadonlyMap<string, number>,
  unknown: ReadonlySet<string>,
  code: number,
): CodeTarget {
  const r = m.read(i.reg, 'ord', 64);
  if (i.op === 'BLR') m.write(LINK, codeAddress(m, code, pc + 1, labelAt(pc + 1, labels)));
  if (unknown.has(i.reg.name)) notSupported(`${i.op} to a code address that depends on a memory read (${i.reg.name})`, i.span);
  const v = r.value;
  if (!isCode(v)) notSupported(`${i.op} to ${showValue(v)}, which is no code address`, i.span);
  m.tb.data(r.ev, m.commit('BCC'));
  return { thread: v.thread, index: v.index };
}

function assertNever(x: never): never {
  throw new Error(`unexpected instruction ${JSON.stringify(x)}`);
}
