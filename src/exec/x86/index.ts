/**
 * X86 and X86_64 thread semantics (herd's X86Sem / X86_64Sem): moves are
 * plain reads and writes; `xchg` with memory and `lock`-prefixed
 * instructions access memory atomically (set `X`, an `rmw` pair);
 * `mfence`, `sfence`, `lfence` are fences. Flags are registers ZF, SF, CF.
 * Threads are run path by path by arch/asm/runner.ts.
 */
import { DIAG_CODES, raise } from '../../diag.js';
import type { AsmSemanticsOptions, AsmThreadSemantics } from '../../arch/asm/env.js';
import { asmSemantics } from '../../arch/asm/runner.js';
import { initialState } from '../../arch/asm/thread-state.js';
import { add, bitop, sameValue, sub, zext, type AsmValue } from '../../arch/asm/value.js';
import type { LitmusTest } from '../../litmus/types.js';
import type { X86Cond, X86Instr, X86Operand, X86Thread } from '../../litmus/x86/ast.js';
import { X86Machine } from './machine.js';

export function x86Semantics(test: LitmusTest<X86Thread>, opts: AsmSemanticsOptions = {}): AsmThreadSemantics {
  for (const th of test.threads) {
    th.instrs.forEach((i) => {
      if ((i.kind === 'jmp' || i.kind === 'jcc') && !th.labels.has(i.target)) raise(DIAG_CODES.LITMUS_SEMANTIC, `undefined label '${i.target}'`, i.span);
    });
  }
  const gpr = test.arch === 'X86' ? /^E[A-Z]{2}$/ : /^(r[a-z]{2}|r\d+)$/;
  const accumulator = test.arch === 'X86' ? 'EAX' : 'rax';
  // Every backward branch counts against the unrolling bound.
  return asmSemantics(test, initialState(test, codeLocations(test.threads)), {
    machine: (env, tb, chooser, regs) => new X86Machine(env, tb, chooser, regs, accumulator),
    step,
    shownRegister: (name, declared) => declared !== undefined || gpr.test(name),
    arrays: true,
  }, opts);
}

function step(m: X86Machine, i: X86Instr, pc: number, labels: ReadonlyMap<string, number>): number {
  switch (i.kind) {
    case 'nop':
      break;
    case 'fence':
      m.fence(i.fence);
      break;
    case 'mov': {
      const dst = m.place(i.dst);
      const v = m.read(m.place(i.src), i.bits, false, dst.kind === 'mem' ? 'data' : 'ord');
      m.tb.data(v.ev, m.write(dst, i.bits, false, v.value));
      break;
    }
    case 'xchg': {
      const pa = m.place(i.a);
      const pb = m.place(i.b);
      const ra = m.read(pa, i.bits, pa.kind === 'mem', 'data');
      const rb = m.read(pb, i.bits, pb.kind === 'mem', 'data');
      const wa = m.write(pa, i.bits, pa.kind === 'mem', rb.value);
      const wb = m.write(pb, i.bits, pb.kind === 'mem', ra.value);
      m.tb.data(ra.ev, wb);
      m.tb.data(rb.ev, wa);
      m.tb.ctrl(ra.ev, wa);
      m.tb.ctrl(rb.ev, wb);
      m.tb.atomicPair(pa.kind === 'mem' ? ra.ev : rb.ev, pa.kind === 'mem' ? wa : wb);
      break;
    }
    case 'op':
    case 'incdec': {
      const dst = m.place(i.dst);
      const atomic = i.locked && dst.kind === 'mem';
      const a = m.read(dst, i.bits, atomic, 'data');
      const b = i.kind === 'op' ? m.read(m.place(i.src), i.bits, false, 'data') : { ev: undefined, value: 1n as AsmValue };
      const op = i.kind === 'op' ? i.op : i.dec ? 'SUB' : 'ADD';
      const r = m.arith(() => zext(binop(op, a.value, b.value), i.bits));
      const w = m.write(dst, i.bits, atomic, r);
      m.tb.data([a.ev, b.ev], w);
      if (atomic) m.tb.atomicPair(a.ev, w);
      flags(m, r, [a.ev, b.ev], i.bits);
      break;
    }
    case 'cmp': {
      const a = m.read(m.place(i.a), i.bits, false);
      const b = m.read(m.place(i.b), i.bits, false);
      const r = m.arith(() => zext(sub(a.value, b.value), i.bits));
      flags(m, r, [a.ev, b.ev], i.bits);
      break;
    }
    case 'cmpxchg': {
      const dst = m.place(i.dst);
      const atomic = i.locked && dst.kind === 'mem';
      const cur = m.read(dst, i.bits, atomic);
      const acc = m.readReg(m.accumulator(), i.bits, 'data');
      const equal = sameValue(cur.value, acc.value);
      m.tb.data([cur.ev, acc.ev], m.writeFlag('ZF', equal));
      const src = m.readReg(i.reg.name, i.bits);
      if (equal) {
        const w = m.write(dst, i.bits, atomic, src.value);
        m.tb.data(src.ev, w);
        if (atomic) m.tb.atomicPair(cur.ev, w);
      } else m.tb.data(cur.ev, m.writeReg({ ...i.reg, name: m.accumulator(), bits: i.bits as 8 | 16 | 32 | 64 }, cur.value));
      break;
    }
    case 'jmp':
      return labels.get(i.target) as number;
    case 'jcc': {
      const taken = condition(m, i.cond);
      return taken ? (labels.get(i.target) as number) : pc + 1;
    }
  }
  return pc + 1;
}

function binop(op: 'ADD' | 'SUB' | 'XOR' | 'OR' | 'AND', a: AsmValue, b: AsmValue): AsmValue {
  switch (op) {
    case 'ADD':
      return add(a, b);
    case 'SUB':
      return sub(a, b);
    case 'XOR':
      return bitop('xor', a, b);
    case 'OR':
      return bitop('or', a, b);
    case 'AND':
      return bitop('and', a, b);
  }
}

/** herd sets ZF (result zero), SF (result negative) and clears CF. */
function flags(m: X86Machine, r: AsmValue, from: readonly (number | undefined)[], bits: number): void {
  const zero = r === 0n;
  const neg = typeof r === 'bigint' && ((r >> BigInt(bits - 1)) & 1n) === 1n;
  m.tb.data(from, [m.writeFlag('ZF', zero), m.writeFlag('SF', neg), m.writeFlag('CF', false)]);
}

function condition(m: X86Machine, c: X86Cond): boolean {
  const zf = m.readReg('ZF');
  const sf = m.readReg('SF');
  m.tb.data([zf.ev, sf.ev], m.commit());
  const z = zf.value === 1n;
  const s = sf.value === 1n;
  switch (c) {
    case 'E': return z;
    case 'NE': return !z;
    case 'S': case 'L': return s;
    case 'NS': case 'GE': return !s;
    case 'LE': return s || z;
    case 'G': return !s && !z;
  }
}

/** Locations named directly by memory operands. */
function codeLocations(threads: readonly X86Thread[]): string[] {
  const out: string[] = [];
  const visit = (o: X86Operand | undefined): void => {
    if (o?.kind === 'mem' && o.addr.kind === 'abs') out.push(o.addr.loc);
  };
  for (const th of threads) {
    for (const i of th.instrs) {
      if (i.kind === 'mov' || i.kind === 'op') [i.dst, i.src].forEach(visit);
      else if (i.kind === 'xchg' || i.kind === 'cmp') [i.a, i.b].forEach(visit);
      else if (i.kind === 'incdec' || i.kind === 'cmpxchg') visit(i.dst);
    }
  }
  return out;
}
