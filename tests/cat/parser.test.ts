import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCat, parseCatExpr } from '../../src/cat/parser.js';
import { WeakmemError, DIAG_CODES } from '../../src/diag.js';
import { show } from './print.js';

const p = (s: string): string => show(parseCatExpr(s));

test('precedence: | < ++ < ; < \\ < & < * (cartesian), prefix ~, postfix ops < ^-1 < application', () => {
  assert.equal(p('a | b ; c & d \\ e'), 'union(a, seq(b, diff(inter(c, d), e)))');
  assert.equal(p('a ++ b ++ c'), 'add(a, add(b, c))');
  assert.equal(p('a \\ b \\ c'), 'diff(diff(a, b), c)');
  assert.equal(p('R * W & loc'), 'inter(cartesian(R, W), loc)');
  assert.equal(p('~A * B'), 'cartesian(comp(A), B)');
  assert.equal(p('~a*'), 'comp(star(a))');
  assert.equal(p('r^-1 ; s+ ; t?'), 'seq(inv(r), plus(s), opt(t))');
  assert.equal(p('po ; [W] * M'), 'seq(po, cartesian(toid(W), M))');
  assert.equal(p('x* ; y'), 'seq(star(x), y)');
  assert.equal(p('f e ++ do_map S'), 'add(f<e>, do_map<S>)');
  assert.equal(p('map f (g e)'), 'map<f><g<e>>');
  assert.equal(p('fencerel(Rmb) | domain(rmw)'), 'union(fencerel<Rmb>, domain<rmw>)');
});

test('unions and sequences are flattened; tuples are built by commas', () => {
  assert.equal(p('a | (b | c) | d'), 'union(a, b, c, d)');
  assert.equal(p('a ; b ; c'), 'seq(a, b, c)');
  assert.equal(p('f(a, b | c)'), 'f<(a, union(b, c))>');
  assert.equal(p('{a, b}'), '{a, b}');
  assert.equal(p('()'), '()');
});

test('binders, functions, try, if, match', () => {
  assert.equal(p('let x = a and y = b in x | y'), 'let x = a and y = b in union(x, y)');
  assert.equal(p('let rec f x = f x in f'), 'letrec f = fun x -> f<x> in f');
  assert.equal(p('fun (k, os) -> k'), 'fun (k,os) -> k');
  assert.equal(p('try X with emptyset'), 'try X with emptyset');
  assert.equal(p('if "vmsa" && not "x" then a else b'), 'if variantCond then a else b');
  assert.equal(p('if a = b then a else b'), 'if eq then a else b');
  assert.equal(p("match t with || 'a -> x || 'b -> y || _ -> z end"), "match t 'a->x 'b->y _->z");
  assert.equal(p('match S with || {} -> {} || e ++ S -> f e ++ do_map S end'), 'matchset S {}->{} eltRem->add(f<e>, do_map<S>)');
  assert.equal(p('match S with || s1 | e ++ s2 -> e || {} -> 0 end'), 'matchset S {}->0 preEltPost->e');
});

test('files: title, options, instructions', () => {
  const f = parseCat(
    `X86 TSO catdep
enum Accesses = 'ONCE || 'RELEASE
instructions R[Accesses]
let f(x) = x | y and g = 0 in
let rec a = a | b and c = a
acyclic a as foo
flag ~empty b as bar
~irreflexive c
undefined_unless empty c
show a,b
show a \\ b as d
include "cos.cat"
procedure p(x, y) = empty x \\ y end
call p(a, b) as skipme
with co from generate_cos(a)
forall t in {'a} do acyclic a end
if "v" include "a.cat" else include "b.cat" end`,
    'm.cat',
  );
  assert.equal(f.title, 'TSO');
  assert.deepEqual(f.options, ['catdep']);
  assert.deepEqual(f.instrs.map((i) => i.kind), [
    'enum', 'events', 'let', 'rec', 'test', 'test', 'test', 'test', 'show', 'showAs', 'include', 'procedure', 'call', 'withFrom', 'forall', 'ifVariant',
  ]);
  const t = f.instrs[5];
  assert.ok(t.kind === 'test' && t.type === 'flag' && t.test.negated && t.test.test === 'empty' && t.test.name === 'bar');
  const l = f.instrs[2];
  assert.ok(l.kind === 'let' && l.bindings.length === 2 && show(l.bindings[0].expr) === 'fun x -> union(x, y)');
});

test('a string or a bare name as title; none at all', () => {
  assert.equal(parseCat('"Linux model"\nlet x = 0', 'a').title, 'Linux model');
  assert.equal(parseCat('Cross\nlet x = 0', 'a').title, 'Cross');
  assert.equal(parseCat('let x = 0', 'a').title, undefined);
});

test('syntax errors are MODEL_SYNTAX with the offending token position', () => {
  const check = (src: string, line: number, col: number, msg: RegExp): void => {
    assert.throws(
      () => parseCat(src, 'bad.cat'),
      (e: unknown) =>
        e instanceof WeakmemError && e.diagnostic.code === DIAG_CODES.MODEL_SYNTAX && e.diagnostic.span?.file === 'bad.cat' &&
        e.diagnostic.span.line === line && e.diagnostic.span.col === col && msg.test(e.message),
    );
  };
  check('let x = a |\nlet y = b', 2, 1, /unexpected 'let', expected an expression/);
  check('let x = (a | b\nacyclic x', 2, 1, /expected '\)'/);
  check('acyclic x as', 1, 13, /end of file/);
  check('let x = a\n= b', 2, 1, /expected an instruction/);
  check('let x = match y with || -> b end', 1, 25, /expected a tag or '_'/);
});
