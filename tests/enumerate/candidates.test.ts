import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ThreadSemantics, ThreadTrace, TraceEvent } from '../../src/exec/types.js';
import type { Value } from '../../src/litmus/types.js';
import { candidateExecutions } from '../../src/enumerate/candidates.js';
import { permutations, product } from '../../src/enumerate/combinatorics.js';

const span = { file: 't', line: 1, col: 1 };
const ev = (action: 'R' | 'W', loc: string, value: Value): TraceEvent => ({ action, loc, value, tags: ['ONCE'], instr: 0, span, text: '' });
const trace = (thread: number, events: TraceEvent[], regs: [string, Value][] = []): ThreadTrace => ({
  thread, events, addr: [], data: [], ctrl: [], rmw: [], regs: new Map(regs),
});

/** SB: P0: x=1; r0=y.  P1: y=1; r0=x. Reads branch over the domain. */
const sb: ThreadSemantics = {
  initial: new Map([['x', 0], ['y', 0]]),
  threadCount: 2,
  poWithinInstruction: true,
  traces(thread, readValues) {
    const [mine, other] = thread === 0 ? ['x', 'y'] : ['y', 'x'];
    return readValues(other).map((v) => trace(thread, [ev('W', mine, 1), ev('R', other, v)], [['r0', v]]));
  },
};

test('SB has four candidates: each read from the initial write or the other thread', () => {
  const cands = [...candidateExecutions(sb, { nativeCo: true, observedLocs: new Set(), maxExecutions: 100, registerEvents: false })];
  assert.equal(cands.length, 4);
  const regs = cands.map((c) => c.traces.map((t) => t.regs.get('r0')).join(',')).sort();
  assert.deepEqual(regs, ['0,0', '0,1', '1,0', '1,1']);
  for (const c of cands) {
    assert.equal(c.execution.events.length, 6);
    assert.equal(c.execution.rf.length, 2);
    // co: the initial write before the thread's write, for both locations
    assert.equal(c.execution.co?.length, 2);
  }
});

test('rf only joins a read to writes of the same location and value', () => {
  for (const c of candidateExecutions(sb, { nativeCo: true, observedLocs: new Set(), maxExecutions: 100, registerEvents: false })) {
    for (const [w, r] of c.execution.rf) {
      const we = c.execution.events[w];
      const re = c.execution.events[r];
      assert.equal(we?.loc, re?.loc);
      assert.equal(we?.value, re?.value);
    }
  }
});

test('two writes to one location give two coherence orders, and the final value follows co', () => {
  const ww: ThreadSemantics = {
    initial: new Map([['x', 0]]),
    threadCount: 2,
    poWithinInstruction: true,
    traces: (thread) => [trace(thread, [ev('W', 'x', thread + 1)])],
  };
  const cands = [...candidateExecutions(ww, { nativeCo: true, observedLocs: new Set(['x']), maxExecutions: 100, registerEvents: false })];
  assert.deepEqual(cands.map((c) => c.finalMemory.get('x')).sort(), [1, 2]);
  const fw = [...candidateExecutions(ww, { nativeCo: false, observedLocs: new Set(['x']), maxExecutions: 100, registerEvents: false })];
  assert.equal(fw.length, 2, 'one candidate per choice of final write');
  assert.equal(fw[0]?.execution.co, undefined);
  // Final writes vary between the candidates of the shape when a location has a choice, not otherwise.
  assert.ok(cands.every((c) => c.execution.fixedFinalWrites === false) && fw.every((c) => c.execution.fixedFinalWrites === false));
  const unobserved = [...candidateExecutions(ww, { nativeCo: false, observedLocs: new Set(), maxExecutions: 100, registerEvents: false })];
  assert.ok(unobserved.length === 1 && unobserved[0]?.execution.fixedFinalWrites === true);
  const sbCands = [...candidateExecutions(sb, { nativeCo: true, observedLocs: new Set(['x', 'y']), maxExecutions: 100, registerEvents: false })];
  assert.ok(sbCands.every((c) => c.execution.fixedFinalWrites === true), 'one write per location after the initial one: co is fixed');
});

test('the value domain grows until stable: a read sees values computed from other reads', () => {
  // P0: r0 = x; y = r0 + 1.  P1: r1 = y; x = r1 + 1. The domain grows to {0,1,2}
  // (cut at 3 here); rf matching keeps only value-consistent combinations.
  const chase: ThreadSemantics = {
    initial: new Map([['x', 0], ['y', 0]]),
    threadCount: 2,
    poWithinInstruction: true,
    traces(thread, readValues) {
      const [src, dst] = thread === 0 ? ['x', 'y'] : ['y', 'x'];
      return readValues(src)
        .filter((v): v is number => typeof v === 'number' && v < 3)
        .map((v) => trace(thread, [ev('R', src, v), ev('W', dst, v + 1)], [['r', v]]));
    },
  };
  const cands = [...candidateExecutions(chase, { nativeCo: true, observedLocs: new Set(), maxExecutions: 1000, registerEvents: false })];
  const outcomes = [...new Set(cands.map((c) => c.traces.map((t) => t.regs.get('r')).join(',')))].sort();
  // r0=a makes y=a+1; r1 reads 0 (x=1) or a+1 (x=a+2, so a=0): exactly three outcomes.
  assert.deepEqual(outcomes, ['0,0', '0,1', '1,0']);
});

test('exceeding --max-executions is a bound error, not a crash', () => {
  assert.throws(
    () => [...candidateExecutions(sb, { nativeCo: true, observedLocs: new Set(), maxExecutions: 3, registerEvents: false })],
    (e: unknown) => (e as { diagnostic?: { code: string } }).diagnostic?.code === 'WM300',
  );
});

test('product and permutations', () => {
  assert.deepEqual([...product<number | string>([[1, 2], ['a']])], [[1, 'a'], [2, 'a']]);
  assert.deepEqual([...product([[1], []])], []);
  assert.deepEqual([...product([])], [[]]);
  assert.equal([...permutations([1, 2, 3, 4])].length, 24);
});

test('increments do not grow the value domain forever: chains stop at the number of writes', () => {
  // P0 and P1 both do r = x; x = r + 1 (a non-atomic increment).
  const inc: ThreadSemantics = {
    initial: new Map([['x', 0]]),
    threadCount: 2,
    poWithinInstruction: true,
    traces: (thread, readValues) =>
      readValues('x').map((v) => trace(thread, [ev('R', 'x', v), ev('W', 'x', (v as number) + 1)], [['r', v]])),
  };
  const cands = [...candidateExecutions(inc, { nativeCo: true, observedLocs: new Set(['x']), maxExecutions: 1000, registerEvents: false })];
  const outcomes = [...new Set(cands.map((c) => `${c.traces.map((t) => t.regs.get('r')).join(',')}:${String(c.finalMemory.get('x'))}`))].sort();
  assert.ok(outcomes.includes('0,1:2') && outcomes.includes('1,0:2') && outcomes.includes('0,0:1'), outcomes.join(' '));
  assert.ok(cands.every((c) => c.traces.every((t) => (t.regs.get('r') as number) <= 2)));
});

/** P0: x=1; x=2; r0=x.  P1: x=3; r1=x. Values are read as written (0..3 for every read). */
const coRR: ThreadSemantics = {
  initial: new Map([['x', 0]]),
  threadCount: 2,
  poWithinInstruction: true,
  traces: (thread, readValues) =>
    readValues('x').map((v) =>
      thread === 0
        ? trace(0, [ev('W', 'x', 1), ev('W', 'x', 2), ev('R', 'x', v)], [['r0', v]])
        : trace(1, [ev('W', 'x', 3), ev('R', 'x', v)], [['r1', v]])),
};

test('no candidate breaks SC per location: reads skip overwritten and po-later writes, co keeps program order', () => {
  for (const nativeCo of [true, false]) {
    const cands = [...candidateExecutions(coRR, { nativeCo, observedLocs: new Set(['x']), maxExecutions: 1000, registerEvents: false })];
    assert.ok(cands.length > 0);
    for (const c of cands) {
      const r0 = c.traces[0]?.regs.get('r0');
      const r1 = c.traces[1]?.regs.get('r1');
      // P0 has written 2 after 1: it reads 2 or P1's 3, never the initial 0 nor its own overwritten 1.
      assert.ok(r0 === 2 || r0 === 3, `r0=${String(r0)}`);
      // P1 reads its own 3 or P0's later writes, never the initial value.
      assert.ok(r1 !== 0, `r1=${String(r1)}`);
      // x=1 is never the final value: x=2 follows it in P0.
      assert.notEqual(c.finalMemory.get('x'), 1);
      if (nativeCo) {
        const [w1, w2] = c.execution.events.filter((e) => e.thread === 0 && e.action === 'W').map((e) => e.id);
        assert.ok(c.execution.co?.some(([a, b]) => a === w1 && b === w2), 'co orders P0 writes as po');
      }
    }
  }
});

test('with coherentOnly false, the incoherent candidates are built too (for explanations)', () => {
  const all = [...candidateExecutions(coRR, { nativeCo: true, observedLocs: new Set(['x']), maxExecutions: 1000, registerEvents: false, coherentOnly: false })];
  assert.ok(all.some((c) => c.traces[0]?.regs.get('r0') === 0), 'P0 reading the initial value is a candidate');
});

test('without register events, the halves of a single-copy-atomic pair are renumbered with the other relations', () => {
  const reg = (action: 'Rreg' | 'Wreg', loc: string): TraceEvent => ({ action, loc, value: 0, tags: [], instr: 0, span, text: '' });
  // P0: a register write, then an exclusive pair read of x and y (events 2 and 3 with register events, 1 and 2 without).
  const pair: ThreadSemantics = {
    initial: new Map([['x', 0], ['y', 0]]),
    threadCount: 1,
    poWithinInstruction: false,
    traces: (thread) => [{ ...trace(thread, [reg('Wreg', '0:X2'), reg('Rreg', '0:X2'), ev('R', 'x', 0), ev('R', 'y', 0)]), sca: [[2, 3]] }],
  };
  const [cand] = [...candidateExecutions(pair, { nativeCo: true, observedLocs: new Set(), maxExecutions: 10, registerEvents: false })];
  const x = cand?.execution;
  assert.ok(x !== undefined);
  const named = (x.sca ?? []).map(([a, b]) => [x.events[a]?.loc, x.events[b]?.loc]);
  assert.deepEqual(named, [['x', 'y']]);
});
