import { test } from 'node:test';
import assert from 'node:assert/strict';
import { libraryResolver, loadModel, loadModelText, type LoadOptions } from '../../src/cat/index.js';
import { DIAG_CODES, WeakmemError } from '../../src/diag.js';
import { Relation } from '../../src/relation/index.js';
import { execution, sbExecution } from './support.js';

const opts = (variants: string[] = [], files: Record<string, string> = {}, bell?: string): LoadOptions => ({
  resolver: libraryResolver(files),
  variants: new Set(variants),
  ...(bell !== undefined ? { bell } : {}),
});
const model = (text: string, o: LoadOptions = opts()) => loadModelText(text, 'test.cat', o);
const isError = (code: string, line?: number, col?: number) => (e: unknown): boolean =>
  e instanceof WeakmemError && e.diagnostic.code === code && (line === undefined || e.diagnostic.span?.line === line) && (col === undefined || e.diagnostic.span?.col === col);

test('SB: acyclic po|rf|co|fr fails and the outcome names the check', () => {
  const m = model('SC\nlet com = rf | co | fr\nacyclic po | com as sc\n');
  assert.equal(m.title, 'SC');
  assert.equal(m.bindsCo, false);
  assert.equal(m.catdep, false);
  assert.equal(model('AArch64 catdep\nlet x = 0\n').catdep, true);
  const [o, ...rest] = m.evaluate(sbExecution(true));
  assert.equal(rest.length, 0);
  assert.equal(o.consistent, false);
  assert.equal(o.failed?.name, 'sc');
  assert.equal(o.failed?.kind, 'acyclic');
  assert.equal(o.failed?.span.line, 3);
  assert.deepEqual(o.lookup('fr'), [[3, 4], [5, 2]]);
  const edges = o.failed?.evidence() as [number, number][];
  assert.ok(edges.some(([a, b]) => a === 2 && b === 3));
  assert.equal(m.evaluate(sbExecution(true), { skipChecks: new Set(['sc']) })[0].consistent, true);
});

test('predefined relations: loc, int, ext, po-loc, rfe, co0, IW, FW, M', () => {
  const o = model('let x = 0').evaluate(sbExecution(true))[0];
  assert.deepEqual(o.lookup('IW'), [0, 1]);
  assert.deepEqual(o.lookup('FW'), [2, 4]);
  assert.deepEqual(o.lookup('M'), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(o.lookup('rfe'), [[0, 5], [1, 3]]);
  assert.deepEqual(o.lookup('co0'), [[0, 2], [1, 4]]);
  assert.deepEqual(o.lookup('po-loc'), []);
  const ext = o.lookup('ext') as [number, number][];
  assert.ok(!ext.some(([a, b]) => a < 2 && b < 2), 'initial writes are not external to each other');
  assert.ok(ext.some(([a, b]) => a === 0 && b === 2));
  assert.ok(!(o.lookup('int') as [number, number][]).some(([a]) => a < 2), 'initial writes are on no thread');
  assert.deepEqual((o.lookup('loc') as [number, number][]).filter(([a]) => a === 0), [[0, 0], [0, 2], [0, 5]]);
});

test('with co from generate_cos: one outcome per coherence order', () => {
  // x: init, P0 writes 1, P1 writes 2 then reads 1, P2 writes 3 (the final write): two orders of 1 and 2.
  const x = execution({
    events: [
      { a: 'W', loc: 'x', v: 0 }, { t: 0, a: 'W', loc: 'x', v: 1 }, { t: 1, a: 'W', loc: 'x', v: 2 }, { t: 1, a: 'R', loc: 'x', v: 1 },
      { t: 2, a: 'W', loc: 'x', v: 3 },
    ],
    rf: [[1, 3]],
    finalWrites: [4],
  });
  const m = model('M\ninclude "cos.cat"\nacyclic po | rf | co | fr as sc\n');
  assert.equal(m.bindsCo, true);
  const outs = m.evaluate(x);
  assert.equal(outs.length, 2);
  assert.deepEqual(outs.map((o) => o.consistent).sort(), [false, true]);
  const good = outs.find((o) => o.consistent);
  assert.deepEqual(good?.lookup('co'), [[0, 1], [0, 2], [0, 4], [1, 4], [2, 1], [2, 4]]);
  assert.deepEqual(outs.find((o) => !o.consistent)?.failed?.name, 'sc');
  // The optimised generator prunes orders contradicting what P1 observes.
  const opt = model('M\ninclude "cos.cat"\n', opts(['cos-opt'])).evaluate(x);
  assert.equal(opt.length, 1);
});

test('a failing check before a with yields a single failed outcome', () => {
  const outs = model('let r = po | rf\nempty r as nothing\nwith x from {0, r}\n').evaluate(sbExecution(true));
  assert.equal(outs.length, 1);
  assert.equal(outs[0].failed?.name, 'nothing');
  assert.equal(outs[0].failed?.kind, 'empty');
});

test('with over a set of relations, pair-to-relation with ++ and map (as lock.cat)', () => {
  const m = model('let single p = p ++ 0\nwith e from map single po\nlet n = e\n');
  const outs = m.evaluate(sbExecution(true));
  assert.equal(outs.length, 2);
  assert.deepEqual(outs.map((o) => o.lookup('n')).sort(), [[[2, 3]], [[4, 5]]]);
  assert.equal(model('with x from {}\n').evaluate(sbExecution(true)).length, 0);
});

test('let rec computes the least fixpoint', () => {
  const o = model('let r = po | rf\nlet rec t = r | (t ; r)\nlet rec a = b | r and b = a ; r\n').evaluate(sbExecution(true))[0];
  const r = Relation.fromEdges(6, [[2, 3], [4, 5], [1, 3], [0, 5]]);
  assert.deepEqual(o.lookup('t'), r.plus().edges());
  assert.deepEqual(o.lookup('a'), r.plus().edges());
});

test('functions, tuples, match on sets and tags, if, try', () => {
  const o = model(`
enum Color = 'red || 'green
let pick c = match c with || 'red -> W || _ -> R end
let reds = pick('red) and greens = pick 'green
let swap (a, b) = (b, a)
let (p, q) = swap(W, R)
let rec size s = match s with || {} -> 0 || e ++ rest -> size rest end
let z = size(W)
let cond = if W = W then po else rf
let safe = try Nope with rf
let notred = ~'red
let same = if 'green in notred then W else R
`).evaluate(sbExecution(true))[0];
  assert.deepEqual(o.lookup('reds'), [0, 1, 2, 4]);
  assert.deepEqual(o.lookup('greens'), [3, 5]);
  assert.deepEqual(o.lookup('p'), [3, 5]);
  assert.deepEqual(o.lookup('q'), [0, 1, 2, 4]);
  assert.deepEqual(o.lookup('z'), []);
  assert.deepEqual(o.lookup('cond'), [[2, 3], [4, 5]]);
  assert.deepEqual(o.lookup('safe'), [[0, 5], [1, 3]]);
  assert.deepEqual(o.lookup('same'), [0, 1, 2, 4]);
});

test('variants select expressions and instruction blocks, includes included', () => {
  const files = { 'a.cat': 'let v = W\n', 'b.cat': 'let v = R\n' };
  const text = 'if "pick-a" include "a.cat" else include "b.cat" end\nlet w = if "pick-a" && not "other" then po else rf\n';
  const a = model(text, opts(['pick-a'], files)).evaluate(sbExecution(true))[0];
  const b = model(text, opts([], files)).evaluate(sbExecution(true))[0];
  assert.deepEqual(a.lookup('v'), [0, 1, 2, 4]);
  assert.deepEqual(b.lookup('v'), [3, 5]);
  assert.deepEqual(a.lookup('w'), [[2, 3], [4, 5]]);
  assert.deepEqual(b.lookup('w'), [[0, 5], [1, 3]]);
});

test('flags, undefined_unless, procedures and skipped calls', () => {
  const m = model(`
flag ~empty W as has-writes
flag ~empty 0 as never
undefined_unless empty W as no-writes
procedure chk(r) = acyclic r as inner end
call chk(po | rf | co | fr) as outer
`);
  const [o] = m.evaluate(sbExecution(true));
  assert.deepEqual(o.flags, ['has-writes']);
  assert.equal(o.undefinedBehaviour, true);
  assert.equal(o.failed?.name, 'inner');
  assert.equal(m.evaluate(sbExecution(true), { skipChecks: new Set(['outer']) })[0].consistent, true);
  assert.deepEqual(m.evaluate(sbExecution(true), { skipChecks: new Set(['has-writes', 'outer']) })[0].flags, []);
});

test('the bell file declares annotations: tag rmb gives the set Rmb; bell bindings are visible in the model', () => {
  const bell = `"bell"\nenum Barriers = 'wmb || 'rmb\ninstructions F[Barriers]\nlet Both = Wmb | Rmb\n`;
  const x = execution({ events: [{ a: 'W', loc: 'x', v: 0 }, { t: 0, a: 'F', tags: ['rmb'] }, { t: 0, a: 'R', loc: 'x', v: 0, tags: ['ONCE'] }], rf: [[0, 2]] });
  const m = model('let r = Rmb\nlet o = try ONCE with {}\n', opts([], { 'b.bell': bell }, 'b.bell'));
  const o = m.evaluate(x)[0];
  assert.deepEqual(o.lookup('r'), [1]);
  assert.deepEqual(o.lookup('Both'), [1]);
  assert.deepEqual(o.lookup('o'), [], 'ONCE is not declared by this bell file');
});

test('errors: unbound name, undefined tag, unsupported primitive, missing include', () => {
  const x = sbExecution(true);
  assert.throws(() => model('let a = 0\nacyclic po | Nope as c\n').evaluate(x), isError(DIAG_CODES.MODEL_EVAL, 2, 14));
  assert.throws(() => model("let a = 'nope\nacyclic po | a\n").evaluate(x), isError(DIAG_CODES.MODEL_EVAL, 1, 9));
  assert.throws(() => model('let a = lift(po)\nacyclic a\n').evaluate(x), isError(DIAG_CODES.NOT_SUPPORTED, 1, 9));
  assert.throws(() => model('let a = try lift(po) with 0\nacyclic a\n').evaluate(x), isError(DIAG_CODES.NOT_SUPPORTED));
  assert.throws(() => model('acyclic W\n').evaluate(x), isError(DIAG_CODES.MODEL_EVAL, 1, 1));
  assert.throws(() => model('include "missing.cat"\n'), isError(DIAG_CODES.MODEL_NOT_FOUND, 1, 1));
  assert.throws(() => loadModel('missing.cat', opts()), isError(DIAG_CODES.MODEL_NOT_FOUND));
  assert.throws(() => model("match x with 'a -> let y = 0 end\n"), isError(DIAG_CODES.NOT_SUPPORTED));
});

test('unused definitions are not evaluated (herd evaluates let lazily)', () => {
  const o = model('let broken = Undefined | 0\nlet ok = po\n').evaluate(sbExecution(true))[0];
  assert.equal(o.consistent, true);
  assert.deepEqual(o.lookup('ok'), [[2, 3], [4, 5]]);
  assert.equal(o.lookup('broken'), undefined);
});

test('candidates sharing their events share static work but not rf-dependent values', () => {
  const m = model(`
let static = po ; [R]
let rec reach = (rf | po) | (reach ; (rf | po))
let mixed = (po ; [W]) | rf
flag ~empty static as has-static
acyclic po | rf | co | fr as sc
`);
  const a = sbExecution(true);
  // Same events and po; both reads now read the other thread's write.
  const b = { ...a, rf: [[4, 3], [2, 5]] as const, co: a.co };
  const [oa] = m.evaluate(a), [ob] = m.evaluate(b), [oa2] = m.evaluate(a);
  assert.equal(oa.consistent, false);
  assert.equal(ob.consistent, true);
  assert.equal(oa2.consistent, false);
  for (const o of [oa, ob, oa2]) assert.deepEqual(o.flags, ['has-static']);
  assert.deepEqual(oa.lookup('mixed'), [[0, 5], [1, 3]]);
  assert.deepEqual(ob.lookup('mixed'), [[2, 5], [4, 3]]);
  assert.deepEqual(ob.lookup('reach'), [[2, 3], [2, 5], [4, 3], [4, 5]]);
  assert.deepEqual(oa2.lookup('reach'), oa.lookup('reach'));
});

test('candidates of the same shape (values aside) share static work; values stay per candidate', () => {
  const m = model('let dv = different-values(rf)\nlet st = po ; [R]\n');
  const mk = (v: number) =>
    execution({
      events: [{ a: 'W', loc: 'x', v: 0 }, { t: 0, a: 'W', loc: 'x', v: 1 }, { t: 1, a: 'R', loc: 'x', v }],
      rf: v === 0 ? [[0, 2]] : [[1, 2]],
    });
  const [a] = m.evaluate(mk(0)), [b] = m.evaluate(mk(1)), [c] = m.evaluate(mk(0));
  assert.deepEqual(a.lookup('dv'), []);
  assert.deepEqual(b.lookup('dv'), []);
  assert.deepEqual(c.lookup('st'), []);
  // A write read with a different value (not a real execution, but values must not leak across candidates).
  const odd = execution({ events: [{ a: 'W', loc: 'x', v: 0 }, { t: 0, a: 'W', loc: 'x', v: 1 }, { t: 1, a: 'R', loc: 'x', v: 5 }], rf: [[1, 2]] });
  assert.deepEqual(m.evaluate(odd)[0].lookup('dv'), [[1, 2]]);
  assert.deepEqual(m.evaluate(mk(1))[0].lookup('dv'), []);
});

test('intersection and difference with an inverse give what the inverse would, errors included', () => {
  const o = model(`let a = (rf | po) & (rf | po)^-1
let b = (rf | po) \\ rf^-1
let c = rf & rf^-1
let d = rf & 0^-1
let e = po \\ (po & loc)^-1
let s = W & W^-1
`).evaluate(sbExecution(true))[0];
  assert.deepEqual(o.lookup('a'), []);
  assert.deepEqual(o.lookup('b'), [[0, 5], [1, 3], [2, 3], [4, 5]]);
  assert.deepEqual(o.lookup('c'), []);
  assert.deepEqual(o.lookup('d'), []);
  assert.deepEqual(o.lookup('e'), [[2, 3], [4, 5]]);
  assert.equal(o.lookup('s'), undefined);
  assert.throws(() => model('let s = W & W^-1\nempty s').evaluate(sbExecution(true)), isError(DIAG_CODES.MODEL_EVAL));
});

test('a closed expression met twice is evaluated once per branch, with the bindings of each occurrence', () => {
  const m = model('let a = (po | rf)+\nlet b = ((po | rf)+ ; po) | (po | rf)+\nlet x = po\nlet s1 = x*\nlet x = rf\nlet s2 = x*\nlet s3 = x*\n');
  for (const withCo of [true, false]) {
    const x = sbExecution(withCo);
    const o = m.evaluate(x)[0];
    const porf = Relation.fromEdges(6, [...x.po, ...x.rf]).plus();
    assert.deepEqual(o.lookup('a'), porf.edges());
    assert.deepEqual(o.lookup('b'), porf.seq(Relation.fromEdges(6, x.po)).union(porf).edges());
    assert.deepEqual(o.lookup('s1'), Relation.fromEdges(6, x.po).star().edges());
    assert.deepEqual(o.lookup('s2'), Relation.fromEdges(6, x.rf).star().edges());
    assert.deepEqual(o.lookup('s3'), o.lookup('s2'));
  }
});

test('a cell that reads nothing the candidate varies keeps its value for the next candidates of the shape', () => {
  // `po ; [W]` reads no rf, `rf ; [R]` does: both must follow each candidate.
  const m = model('let s = po ; [W]\nlet d = rf ; [R]\nlet e = 0 ; rf\n');
  const a = sbExecution(true), b = { ...a, rf: [[0, 5]] as [number, number][] };
  for (const x of [a, b, a]) {
    const o = m.evaluate(x)[0];
    assert.deepEqual(o.lookup('s'), Relation.fromEdges(6, x.po).edges().filter(([, j]) => j === 2 || j === 4));
    assert.deepEqual(o.lookup('d'), Relation.fromEdges(6, x.rf).edges());
    assert.deepEqual(o.lookup('e'), []);
  }
});

test('let rec: the operands of a union that do not change are united once, for relations and for sets alike', () => {
  const m = model('let rec r = po | rf | (r ; r) | co\nlet rec s = R | W | (s & F)\nlet rec t = [R] | (t ; (po | rf) ; t) | [W]\n');
  const x = sbExecution(true), o = m.evaluate(x)[0];
  const base = Relation.fromEdges(6, [...x.po, ...x.rf, ...(x.co ?? [])]);
  assert.deepEqual(o.lookup('r'), base.plus().edges());
  assert.deepEqual(o.lookup('s'), [0, 1, 2, 3, 4, 5]);
  const ids = Relation.fromEdges(6, [0, 1, 2, 3, 4, 5].map((i) => [i, i] as [number, number]));
  const porf = Relation.fromEdges(6, [...x.po, ...x.rf]);
  let t = ids;
  for (;;) {
    const next = ids.union(t.seq(porf).seq(t));
    if (next.equals(t)) break;
    t = next;
  }
  assert.deepEqual(o.lookup('t'), t.edges());
});
