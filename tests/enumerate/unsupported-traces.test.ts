import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIAG_CODES, WeakmemError, type Diagnostic } from '../../src/diag.js';
import type { ThreadSemantics, ThreadTrace, TraceEvent } from '../../src/exec/types.js';
import type { Value } from '../../src/litmus/types.js';
import { candidateExecutions, type EnumerateOptions } from '../../src/enumerate/candidates.js';
import { builtinSession } from '../support/run.js';

const span = { file: 't', line: 3, col: 7 };
const ev = (action: 'R' | 'W', loc: string, value: Value): TraceEvent => ({ action, loc, value, tags: [], instr: 0, span, text: '' });
const stop: Diagnostic = { code: DIAG_CODES.NOT_SUPPORTED, message: 'not supported: something', span };

/**
 * P0: x=1.  P1 reads x twice; the path reading `first` then `second` stops
 * at an unsupported construct (its trace holds the two reads), the others end.
 */
function reader(first: Value, second: Value): ThreadSemantics {
  return {
    initial: new Map([['x', 0]]),
    threadCount: 2,
    poWithinInstruction: false,
    traces(thread, readValues) {
      if (thread === 0) return [{ thread, events: [ev('W', 'x', 1)], addr: [], data: [], ctrl: [], rmw: [], regs: new Map() }];
      const out: ThreadTrace[] = [];
      for (const a of readValues('x')) {
        for (const b of readValues('x')) {
          const events = [{ ...ev('R', 'x', a), instr: 0 }, { ...ev('R', 'x', b), instr: 1 }];
          const stopped = a === first && b === second;
          out.push({ thread, events, addr: [], data: [], ctrl: [], rmw: [], regs: new Map([['r', `${a},${b}`]]), ...(stopped ? { unsupported: stop } : {}) });
        }
      }
      return out;
    },
  };
}

const options = (nativeCo: boolean, coherentOnly = true): EnumerateOptions => ({
  nativeCo, observedLocs: new Set(['x']), maxExecutions: 1000, registerEvents: false, coherentOnly,
});

test('a stopped trace whose every candidate breaks SC per location is dropped silently', () => {
  // Reading 1 then 0 reads x against its coherence order (coRR).
  for (const nativeCo of [true, false]) {
    for (const coherentOnly of [true, false]) {
      const cands = [...candidateExecutions(reader(1, 0), options(nativeCo, coherentOnly))];
      const seen = new Set(cands.map((c) => c.traces[1]?.regs.get('r')));
      assert.deepEqual([...seen].sort(), ['0,0', '0,1', '1,1'], `nativeCo ${nativeCo}, coherentOnly ${coherentOnly}`);
    }
  }
});

test('a stopped trace with a candidate that keeps SC per location raises its diagnostic', () => {
  for (const nativeCo of [true, false]) {
    assert.throws(
      () => [...candidateExecutions(reader(0, 1), options(nativeCo))],
      (e: unknown) => e instanceof WeakmemError && e.diagnostic === stop,
    );
  }
});

/** The diagnostic a test gives with the built-in model, as `line:col message`, or its observation. */
function outcome(text: string): string {
  try {
    return builtinSession().check(text, 't.litmus').observation;
  } catch (e) {
    assert.ok(e instanceof WeakmemError, String(e));
    return `${e.diagnostic.span?.line}:${e.diagnostic.span?.col} ${e.diagnostic.message}`;
  }
}

/** P1 reads x twice, then accesses the integer address in X5 on the path `guard` selects. */
const guarded = (guard: string, tail = ''): string => `AArch64 T
{ 0:X1=x; 1:X1=x; 1:X5=8; }
 P0          | P1          ;
 MOV W0,#2   | LDR W0,[X1] ;
 STR W0,[X1] | LDR W2,[X1] ;
${guard}
             | LDR W6,[X5] ;
${tail}             |L0:          ;
exists (1:X0=2 /\\ 1:X2=0)
`;

test('an access to an integer address only on a path herd prunes (coRR) gives a verdict', () => {
  const coRR = '             | CMP W0,#2   ;\n             | B.NE L0     ;\n             | CBNZ W2,L0  ;';
  assert.equal(outcome(guarded(coRR)), 'Never');
});

test('an access to an integer address on a path some candidate keeps is not supported, at the access', () => {
  const reachable = '             | CMP W0,#2   ;\n             | B.NE L0     ;';
  assert.equal(outcome(guarded(reachable)), '8:16 not supported: memory access to the integer address 8');
  assert.equal(outcome(guarded('')), '7:16 not supported: memory access to the integer address 8');
});

test('a path that could still write memory after the access is refused at once, pruned or not', () => {
  const coRR = '             | CMP W0,#2   ;\n             | B.NE L0     ;\n             | CBNZ W2,L0  ;';
  assert.equal(outcome(guarded(coRR, '             | STR W0,[X1] ;\n')), '9:16 not supported: memory access to the integer address 8');
  // A store the path can reach again through a backward branch counts too.
  const back = '             | CBNZ W2,L0  ;\n             | B L1        ;\n             |L2:          ;\n             | STR W0,[X1] ;\n             | B L0        ;\n             |L1:          ;\n             | CMP W0,#2   ;\n             | B.EQ L0     ;';
  assert.match(outcome(guarded(back, '             | B L2        ;\n')), /not supported: memory access to the integer address 8$/);
});
