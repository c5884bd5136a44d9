import { test } from 'node:test';
import assert from 'node:assert/strict';
import { edges, errorAt, eventsOf, test1, traces } from './support.js';

const INT2 = '0:X1=x; int x[2]={1,2};';
const LONG2 = '0:X1=x; int64_t x[2]={1,2};';
/** Reads return each element's initial value. */
const initial = (loc: string): number[] => [loc === 'x[1]' ? 2 : 1];

test('an access at an element offset is that element', () => {
  const [tr] = traces(test1('P0;\nLDR W0,[X1,#4];\nMOV X2,#1;\nSTR W0,[X1,X2,LSL #2];', INT2), 0, initial);
  assert.ok(tr !== undefined);
  assert.deepEqual(eventsOf(tr, 0), ['Rreg X1=x [ADDR]', 'R x[1]=2', 'Wreg X0=2']);
  assert.deepEqual(eventsOf(tr, 2).filter((e) => e.startsWith('W ')), ['W x[1]=2']);
});

test('post-indexed accesses walk the elements', () => {
  const [tr] = traces(test1('P0;\nLDR W0,[X1],#4;\nLDR W2,[X1],#4;', INT2), 0, initial);
  assert.ok(tr !== undefined);
  assert.deepEqual([0, 1].map((i) => eventsOf(tr, i).filter((e) => e.startsWith('R '))), [['R x[0]=1'], ['R x[1]=2']]);
  assert.equal(tr.regs.get('X1'), 'x+8');
});

test('LDP: two unordered element reads sharing the address read', () => {
  const [tr] = traces(test1('P0;\nLDP W2,W3,[X1];', INT2), 0, initial);
  assert.ok(tr !== undefined);
  assert.deepEqual(eventsOf(tr, 0), ['Rreg X1=x [ADDR]', 'R x[0]=1', 'R x[1]=2', 'Wreg X2=1', 'Wreg X3=2']);
  assert.deepEqual(edges(tr, 'iicoData'), [
    'R x[0]=1 -> Wreg X2=1', 'R x[1]=2 -> Wreg X3=2', 'Rreg X1=x [ADDR] -> R x[0]=1', 'Rreg X1=x [ADDR] -> R x[1]=2',
  ]);
  assert.deepEqual(edges(tr, 'iicoOrder'), []);
  assert.deepEqual(edges(tr, 'sca'), []);
});

test('LDNP reads are NTA; LDPSW sign-extends each word', () => {
  const [nt] = traces(test1('P0;\nLDNP W2,W3,[X1];', INT2), 0, initial);
  assert.deepEqual(eventsOf(nt as never, 0).filter((e) => e.startsWith('R ')), ['R x[0]=1 [NTA]', 'R x[1]=2 [NTA]']);
  const [sw] = traces(test1('P0;\nLDPSW X2,X3,[X1];', '0:X1=x; int x[2]={-1,-2};'), 0, (l) => [l === 'x[1]' ? -2 : -1]);
  assert.deepEqual([sw?.regs.get('X2'), sw?.regs.get('X3')], [-1, -2]);
});

test('LDIAPP: acquire-PC reads, the first ordered before the second', () => {
  const [tr] = traces(test1('P0;\nLDIAPP W2,W3,[X1],#8;', INT2), 0, initial);
  assert.ok(tr !== undefined);
  assert.deepEqual(eventsOf(tr, 0), ['Rreg X1=x [ADDR]', 'R x[0]=1 [Q]', 'R x[1]=2 [Q]', 'Wreg X1=x+8', 'Wreg X2=1', 'Wreg X3=2']);
  assert.deepEqual(edges(tr, 'iicoOrder'), ['R x[0]=1 [Q] -> R x[1]=2 [Q]']);
});

test('STP: each data register into its element; STILP orders its release writes', () => {
  const [stp] = traces(test1('P0;\nMOV W2,#5;\nSTP W2,WZR,[X1];', INT2));
  assert.ok(stp !== undefined);
  assert.deepEqual(eventsOf(stp, 1), ['Rreg X1=x [ADDR]', 'Rreg X2=5 [DATA]', 'W x[0]=5', 'W x[1]=0']);
  assert.deepEqual(edges(stp, 'iicoData').filter((e) => !e.startsWith('Wreg')), [
    'Rreg X1=x [ADDR] -> W x[0]=5', 'Rreg X1=x [ADDR] -> W x[1]=0', 'Rreg X2=5 [DATA] -> W x[0]=5',
  ]);
  const [idx] = traces(test1('P0;\nSTILP X2,X3,[X1];', LONG2));
  assert.deepEqual(edges(idx as never, 'iicoOrder'), ['W x[0]=0 [L] -> W x[1]=0 [L]']);
  const [pre] = traces(test1('P0;\nADD X1,X1,#16;\nSTILP X2,X3,[X1,#-16]!;', LONG2));
  assert.deepEqual(edges(pre as never, 'iicoOrder'), ['W x[1]=0 [L] -> W x[0]=0 [L]']);
  const [nt] = traces(test1('P0;\nSTNP X2,X3,[X1];', LONG2));
  assert.deepEqual(eventsOf(nt as never, 0).filter((e) => e.startsWith('W ')), ['W x[0]=0 [NTA]', 'W x[1]=0 [NTA]']);
});

test('LDXP/STXP: each half is one single-copy-atomic access, each element its own atomic pair', () => {
  const trs = traces(test1('P0;\nLDAXP X2,X3,[X1];\nSTLXP W4,X3,X2,[X1];', LONG2), 0, initial);
  assert.equal(trs.length, 2);
  const [fail, ok] = trs;
  assert.ok(fail !== undefined && ok !== undefined);
  assert.deepEqual(eventsOf(ok, 0), ['Rreg X1=x [ADDR]', 'R x[0]=1 [EX,A]', 'R x[1]=2 [EX,A]', 'Wreg ResAddr=x', 'Wreg X2=1', 'Wreg X3=2']);
  assert.deepEqual(eventsOf(fail, 1), ['Rreg ResAddr=x [ADDR]', 'Rreg X1=x [ADDR]', 'Wreg ResAddr=0', 'Wreg X4=1']);
  assert.deepEqual(eventsOf(ok, 1), [
    'Rreg ResAddr=x [ADDR]', 'Rreg X1=x [ADDR]', 'Wreg ResAddr=0', 'Rreg X3=2 [DATA]', 'Rreg X2=1 [DATA]', 'W x[0]=2 [EX,L]', 'W x[1]=1 [EX,L]', 'Wreg X4=0',
  ]);
  assert.deepEqual(edges(ok, 'sca'), ['R x[0]=1 [EX,A] -> R x[1]=2 [EX,A]', 'W x[0]=2 [EX,L] -> W x[1]=1 [EX,L]']);
  assert.deepEqual(edges(ok, 'rmw'), ['R x[0]=1 [EX,A] -> W x[0]=2 [EX,L]', 'R x[1]=2 [EX,A] -> W x[1]=1 [EX,L]']);
  assert.deepEqual(edges(ok, 'iicoCtrl').filter((e) => e.includes('-> W x')), [
    'Rreg ResAddr=x [ADDR] -> W x[0]=2 [EX,L]', 'Rreg ResAddr=x [ADDR] -> W x[1]=1 [EX,L]',
    'Rreg X1=x [ADDR] -> W x[0]=2 [EX,L]', 'Rreg X1=x [ADDR] -> W x[1]=1 [EX,L]',
  ]);
  // A store-exclusive pair after a load-exclusive of another size always fails.
  assert.equal(traces(test1('P0;\nLDXR X2,[X1];\nSTXP W4,W2,W3,[X1];', '0:X1=x; int64_t x[2];')).length, 1);
});

test('CASP: compares and writes both elements, with the alternatives of CAS', () => {
  const ok = traces(test1('P0;\nMOV W4,#3;\nCASPA W2,W3,W4,W5,[X1];', '0:X1=x; int x[2]; 0:X2=0; 0:X3=0;'), 0, () => [0]);
  assert.equal(ok.length, 2);
  for (const tr of ok) {
    assert.deepEqual(eventsOf(tr, 1).filter((e) => /^[RW] /.test(e)), ['R x[0]=0 [X,A]', 'R x[1]=0 [X,A]', 'W x[0]=3 [X]', 'W x[1]=0 [X]']);
    assert.deepEqual(edges(tr, 'rmw'), ['R x[0]=0 [X,A] -> W x[0]=3 [X]', 'R x[1]=0 [X,A] -> W x[1]=0 [X]']);
  }
  const no = traces(test1('P0;\nCASP W2,W3,W4,W5,[X1];', '0:X1=x; int x[2]; 0:X2=0; 0:X3=7;'), 0, () => [0]);
  assert.deepEqual(no.map((tr) => eventsOf(tr, 0).filter((e) => /^[RW] /.test(e))), [
    ['R x[0]=0', 'R x[1]=0'],
    ['R x[0]=0 [X]', 'R x[1]=0 [X]', 'W x[0]=0 [X]', 'W x[1]=0 [X]'],
  ]);
  assert.deepEqual(no.map((tr) => tr.regs.get('X3')), [0, 0]);
});

test('accesses that mix sizes stop at the instruction', () => {
  const err = (code: string, init = INT2): string => errorAt(() => traces(test1(`P0;\n${code}`, init)));
  assert.equal(err('LDR X0,[X1];'), '4:1 not supported: mixed-size access: 64-bit access to x, not a whole element of int x[2]');
  assert.equal(err('NOP;\nLDR W0,[X1,#2];'), '5:1 not supported: mixed-size access: 32-bit access to x+2, not a whole element of int x[2]');
  assert.equal(err('STRB W0,[X1];'), '4:1 not supported: mixed-size access: 8-bit access to x, not a whole element of int x[2]');
  assert.equal(err('LDP X2,X3,[X1];'), '4:1 not supported: mixed-size access: 64-bit access to x, not a whole element of int x[2]');
  assert.equal(err('LDR W0,[X1,#8];'), '4:1 not supported: 32-bit access to x+8, outside int x[2]');
  assert.equal(err('LDP W2,W3,[X1,#4];'), '4:1 not supported: 32-bit access to x+8, outside int x[2]');
  assert.equal(err('STP W2,W3,[X1];', '0:X1=x; int x;'), '4:1 not supported: mixed-size access to x+4, inside the location x');
});
