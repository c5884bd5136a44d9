import { test } from 'node:test';
import assert from 'node:assert/strict';
import { edges, eventsOf, test1, traces } from './support.js';

test('LDR: address register -data-> read -data-> destination register', () => {
  const [tr] = traces(test1('P0;\nLDR W0,[X1];'));
  assert.ok(tr !== undefined);
  assert.deepEqual(eventsOf(tr, 0), ['Rreg X1=x [ADDR]', 'R x=0', 'Wreg X0=0']);
  assert.deepEqual(edges(tr, 'iicoData'), ['R x=0 -> Wreg X0=0', 'Rreg X1=x [ADDR] -> R x=0']);
  assert.deepEqual(tr.regs.get('X0'), 0);
});

test('register offset addressing reads both registers into the access', () => {
  const [tr] = traces(test1('P0;\nLDR W0,[X1,W2,SXTW];', '0:X1=x; 0:X2=0;'));
  assert.ok(tr !== undefined);
  assert.deepEqual(eventsOf(tr, 0), ['Rreg X1=x [ADDR]', 'Rreg X2=0 [ADDR]', 'R x=0', 'Wreg X0=0']);
  assert.deepEqual(edges(tr, 'iicoData'), ['R x=0 -> Wreg X0=0', 'Rreg X1=x [ADDR] -> R x=0', 'Rreg X2=0 [ADDR] -> R x=0']);
});

test('pre- and post-indexed accesses write the base register back', () => {
  const [pre] = traces(test1('P0;\nSTR W0,[X1,#0]!;'));
  assert.ok(pre !== undefined);
  assert.deepEqual(edges(pre, 'iicoData'), ['Rreg X0=0 [DATA] -> W x=0', 'Rreg X1=x [ADDR] -> W x=0', 'Rreg X1=x [ADDR] -> Wreg X1=x']);
  const [post] = traces(test1('P0;\nLDR W0,[X1],#0;'));
  assert.ok(post !== undefined);
  assert.deepEqual(eventsOf(post, 0), ['Rreg X1=x [ADDR]', 'R x=0', 'Wreg X1=x', 'Wreg X0=0']);
});

test('STR and STLR: data register (DATA) and address flow into the write', () => {
  const [tr] = traces(test1('P0;\nMOV W0,#1;\nSTLR W0,[X1];'));
  assert.ok(tr !== undefined);
  assert.deepEqual(eventsOf(tr, 1), ['Rreg X1=x [ADDR]', 'Rreg X0=1 [DATA]', 'W x=1 [L]']);
  assert.deepEqual(edges(tr, 'iicoData').filter((e) => e.includes('W x')), ['Rreg X0=1 [DATA] -> W x=1 [L]', 'Rreg X1=x [ADDR] -> W x=1 [L]']);
});

test('acquire, acquire-PC and byte accesses carry herd annotations and sizes', () => {
  const ann = (code: string): string[] => eventsOf(traces(test1(`P0;\n${code};`), 0, () => [-1])[0] as never, 0);
  assert.deepEqual(ann('LDAR W0,[X1]'), ['Rreg X1=x [ADDR]', 'R x=-1 [A]', 'Wreg X0=4294967295']);
  assert.deepEqual(ann('LDAPR X0,[X1]'), ['Rreg X1=x [ADDR]', 'R x=-1 [Q]', 'Wreg X0=-1']);
  assert.deepEqual(ann('LDRSB X0,[X1]'), ['Rreg X1=x [ADDR]', 'R x=-1', 'Wreg X0=-1']);
  assert.deepEqual(ann('LDRB W0,[X1]'), ['Rreg X1=x [ADDR]', 'R x=-1', 'Wreg X0=255']);
});

test('LDXR/STXR: reservation register, failure and success paths', () => {
  const trs = traces(test1('P0;\nLDXR W0,[X1];\nADD W0,W0,#1;\nSTXR W2,W0,[X1];'));
  assert.equal(trs.length, 2);
  const [fail, ok] = trs;
  assert.ok(fail !== undefined && ok !== undefined);
  assert.deepEqual(eventsOf(ok, 0), ['Rreg X1=x [ADDR]', 'R x=0 [EX]', 'Wreg ResAddr=x', 'Wreg X0=0']);
  assert.deepEqual(eventsOf(fail, 2), ['Rreg ResAddr=x [ADDR]', 'Rreg X0=1 [DATA]', 'Rreg X1=x [ADDR]', 'Wreg ResAddr=0', 'Wreg X2=1']);
  assert.deepEqual(eventsOf(ok, 2), ['Rreg ResAddr=x [ADDR]', 'Rreg X0=1 [DATA]', 'Rreg X1=x [ADDR]', 'Wreg ResAddr=0', 'W x=1 [EX]', 'Wreg X2=0']);
  assert.deepEqual(edges(ok, 'iicoCtrl'), [
    'Rreg ResAddr=x [ADDR] -> W x=1 [EX]', 'Rreg ResAddr=x [ADDR] -> Wreg ResAddr=0', 'Rreg X1=x [ADDR] -> W x=1 [EX]',
  ]);
  assert.deepEqual(edges(ok, 'rmw'), ['R x=0 [EX] -> W x=1 [EX]']);
  assert.equal(ok.regs.get('X2'), 0);
  assert.equal(fail.regs.get('X2'), 1);
});

test('a store-exclusive with no load-exclusive before it, or after another store-exclusive, fails', () => {
  assert.equal(traces(test1('P0;\nSTXR W2,W0,[X1];')).length, 1);
  const trs = traces(test1('P0;\nLDXR W0,[X1];\nSTXR W2,W0,[X1];\nSTXR W4,W0,[X1];'));
  assert.deepEqual(trs.map((t) => [t.regs.get('X2'), t.regs.get('X4')]), [[1, 1], [0, 1]]);
});

test('SWP: read and write are X, the read controls the write', () => {
  const [tr] = traces(test1('P0;\nMOV W0,#2;\nSWPA W0,W5,[X1];'));
  assert.ok(tr !== undefined);
  assert.deepEqual(eventsOf(tr, 1), ['Rreg X1=x [ADDR]', 'Rreg X0=2 [DATA]', 'R x=0 [X,A]', 'W x=2 [X]', 'Wreg X5=0']);
  const own = (l: string[]): string[] => l.filter((e) => !e.startsWith('Wreg X0'));
  assert.deepEqual(own(edges(tr, 'iicoData')), [
    'R x=0 [X,A] -> Wreg X5=0', 'Rreg X0=2 [DATA] -> W x=2 [X]', 'Rreg X1=x [ADDR] -> R x=0 [X,A]', 'Rreg X1=x [ADDR] -> W x=2 [X]',
  ]);
  assert.deepEqual(edges(tr, 'iicoCtrl'), ['R x=0 [X,A] -> W x=2 [X]']);
  assert.deepEqual(edges(tr, 'rmw'), ['R x=0 [X,A] -> W x=2 [X]']);
});

test('LD<op> computes from the read (data into the write); ST<op> reads NoRet', () => {
  const [ld] = traces(test1('P0;\nMOV W0,#2;\nLDADDL W0,W5,[X1];'), 0, () => [3]);
  assert.ok(ld !== undefined);
  assert.deepEqual(eventsOf(ld, 1), ['Rreg X1=x [ADDR]', 'Rreg X0=2 [DATA]', 'R x=3 [X]', 'W x=5 [X,L]', 'Wreg X5=3']);
  assert.ok(edges(ld, 'iicoData').includes('R x=3 [X] -> W x=5 [X,L]'));
  assert.deepEqual(edges(ld, 'iicoCtrl'), []);
  const [st] = traces(test1('P0;\nMOV W0,#4;\nSTCLR W0,[X1];'), 0, () => [6]);
  assert.ok(st !== undefined);
  assert.deepEqual(eventsOf(st, 1), ['Rreg X1=x [ADDR]', 'Rreg X0=4 [DATA]', 'R x=6 [X,NoRet]', 'W x=2 [X]']);
});

test('CAS: two executions on success, two on failure (with and without write-back)', () => {
  const ok = traces(test1('P0;\nCASAL W0,W2,[X1];', '0:X1=x; 0:X2=1;'));
  assert.equal(ok.length, 2);
  for (const tr of ok) {
    assert.deepEqual(eventsOf(tr, 0), [
      'Rreg X1=x [ADDR]', 'Rreg X0=0 [DATA]', 'Rreg X2=1 [DATA]', 'R x=0 [X,A]', 'W x=1 [X,L]', 'Wreg X0=0', 'Commit [PRED]',
    ]);
    assert.ok(edges(tr, 'iicoCtrl').includes('Commit [PRED] -> W x=1 [X,L]'));
  }
  assert.ok(edges(ok[0] as never, 'iicoData').includes('Rreg X0=0 [DATA] -> Wreg X0=0'));
  assert.ok(edges(ok[1] as never, 'iicoData').includes('R x=0 [X,A] -> Wreg X0=0'));
  const no = traces(test1('P0;\nCAS W0,W2,[X1];', '0:X0=5; 0:X1=x; 0:X2=1;'));
  assert.deepEqual(no.map((tr) => eventsOf(tr, 0)), [
    ['Rreg X1=x [ADDR]', 'Rreg X0=5 [DATA]', 'R x=0', 'Wreg X0=0', 'Commit [PRED]'],
    ['Rreg X1=x [ADDR]', 'Rreg X0=5 [DATA]', 'R x=0 [X]', 'W x=0 [X]', 'Wreg X0=0', 'Commit [PRED]'],
  ]);
});
