import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WeakmemError } from '../../src/diag.js';
import { parseConstraints, parseHeader, parseInitBlock, SourceText } from '../../src/litmus/parse-common.js';
import type { Prop, StateKey } from '../../src/litmus/types.js';

/** Compact rendering of a proposition, to compare structure. */
function show(p: Prop): string {
  const key = (k: StateKey): string => (k.kind === 'reg' ? `${k.thread}:${k.reg}` : `[${k.loc}]`);
  switch (p.kind) {
    case 'true':
    case 'false':
      return p.kind;
    case 'eq':
      return `${key(p.key)}=${String(p.value.value)}`;
    case 'eqKeys':
      return `${key(p.left)}=${key(p.right)}`;
    case 'not':
      return `~${show(p.arg)}`;
    case 'and':
      return `(${p.args.map(show).join(' & ')})`;
    case 'or':
      return `(${p.args.map(show).join(' | ')})`;
    case 'implies':
      return `(${show(p.left)} => ${show(p.right)})`;
  }
}

function constraints(text: string) {
  return parseConstraints(new SourceText(text, 't.litmus'), 0);
}

function cond(text: string): string {
  const c = constraints(text).condition;
  return `${c.quantifier} ${show(c.prop)}`;
}

function syntaxError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof WeakmemError) {
      const s = e.diagnostic.span;
      return `${e.diagnostic.code} ${s?.line}:${s?.col} ${e.diagnostic.message}`;
    }
    throw e;
  }
  return 'no error';
}

test('quantifiers: exists, ~exists, not exists, forall, final, bare parenthesis', () => {
  assert.equal(cond('exists (x=1)'), 'exists [x]=1');
  assert.equal(cond('~exists (x=1)'), '~exists [x]=1');
  assert.equal(cond('~ exists x=1'), '~exists [x]=1');
  assert.equal(cond('not exists x=1'), '~exists [x]=1');
  assert.equal(cond('forall (0:r0=1 \\/ 0:r0=2)'), 'forall (0:r0=1 | 0:r0=2)');
  assert.equal(cond('final x=1'), 'exists [x]=1');
  assert.equal(cond('(x=1)'), 'exists [x]=1');
  assert.equal(cond(''), 'forall true');
});

test('herd precedence: \\/ < /\\ < => < ~', () => {
  assert.equal(cond('exists a=1 \\/ b=1 /\\ c=1'), 'exists ([a]=1 | ([b]=1 & [c]=1))');
  assert.equal(cond('exists a=1 /\\ b=1 => c=1'), 'exists ([a]=1 & ([b]=1 => [c]=1))');
  assert.equal(cond('exists a=1 => b=1 /\\ c=1'), 'exists (([a]=1 => [b]=1) & [c]=1)');
  assert.equal(cond('exists a=1 => b=1 => c=1'), 'exists ([a]=1 => ([b]=1 => [c]=1))');
  assert.equal(cond('exists ~a=1 /\\ not b=1'), 'exists (~[a]=1 & ~[b]=1)');
  assert.equal(cond('exists ~(a=1 /\\ b=1)'), 'exists ~([a]=1 & [b]=1)');
  assert.equal(cond('exists a=1 + b=1'), 'exists ([a]=1 | [b]=1)');
  assert.equal(cond('exists (true /\\ false)'), 'exists (true & false)');
});

test('atoms: registers, [x], pointers, negative and hex numbers, ==, !=, key equality', () => {
  assert.equal(cond('exists (0:r1=1 /\\ P1:r2=-3 /\\ [y]=0x10)'), 'exists (0:r1=1 & 1:r2=-3 & [y]=16)');
  assert.equal(cond('exists (1:r2=x0 /\\ x==1 /\\ y!=2 /\\ z<>3)'), 'exists (1:r2=x0 & [x]=1 & ~[y]=2 & ~[z]=3)');
  assert.equal(cond('exists (0:r1=0:r4 /\\ x=*y)'), 'exists (0:r1=0:r4 & [x]=[y])');
});

test('locations with optional types and trailing semicolons; filter', () => {
  const c = constraints('locations [0:r1; x; y int*; z;]\nfilter (1:r4=1)\nexists (x=1)');
  assert.deepEqual(
    c.locations.map((k) => (k.kind === 'reg' ? `${k.thread}:${k.reg}` : k.loc)),
    ['0:r1', 'x', 'y', 'z'],
  );
  assert.equal(c.filter && show(c.filter), '1:r4=1');
});

test('comments of all three forms are skipped in conditions', () => {
  assert.equal(cond('exists (* a *) (x=1) // b\n/* c */'), 'exists [x]=1');
});

test('condition syntax errors carry exact line:col', () => {
  assert.equal(
    syntaxError(() => constraints('exists\n  (0:r1=1 /\\ )')),
    "WM100 2:14 syntax error: expected a location, found ')'",
  );
  assert.equal(syntaxError(() => constraints('exists (x=1) junk')), "WM100 1:14 syntax error: expected end of file after the condition, found 'junk'");
  assert.equal(syntaxError(() => constraints('exists (x 1)')), "WM100 1:11 syntax error: expected '=' or '!=', found '1'");
  assert.equal(syntaxError(() => constraints('exists (x=1')), "WM100 1:12 syntax error: expected ')', found end of file");
  assert.equal(syntaxError(() => constraints('exists x=1 with a:exists')), 'WM101 1:12 not supported: `with` clauses after the condition');
  assert.equal(syntaxError(() => constraints('exists (x=$)')), "WM100 1:11 syntax error: unexpected character '$'");
});

test('init block: types, pointers, &, registers, ATOMIC_INIT, values default to 0', () => {
  const src = new SourceText(
    '{ int x = 1; int *p = &y; int **q = p; 0:r2 = a; spinlock_t s; atomic_t t = ATOMIC_INIT(3);\n  z=-2; [w]; int * 1:r1; }',
    't.litmus',
  );
  const b = parseInitBlock(src, 1);
  const rows = b.entries.map((e) => {
    const k = e.target.kind === 'reg' ? `${e.target.thread}:${e.target.reg}` : e.target.loc;
    return `${e.type ?? '-'}|${k}=${String(e.value)}`;
  });
  assert.deepEqual(rows, ['int|x=1', 'int *|p=y', 'int **|q=p', '-|0:r2=a', 'spinlock_t|s=0', 'atomic_t|t=3', '-|z=-2', '-|w=0', 'int *|1:r1=0']);
  assert.equal(b.end, src.text.length);
  assert.deepEqual(b.entries[1]?.span, { file: 't.litmus', line: 1, col: 14, endLine: 1, endCol: 24 });
});

test('init block errors', () => {
  const src = new SourceText('{ int x = 1\n  int y; }', 't.litmus');
  assert.equal(syntaxError(() => parseInitBlock(src, 1)), "WM100 2:3 syntax error: expected ';' or '}', found 'int'");
  const arr = new SourceText('{ int a[2]; }', 't.litmus');
  assert.equal(syntaxError(() => parseInitBlock(arr, 1)), 'WM101 1:8 not supported: arrays');
});

test('header: name, doc string, info lines, comments before the initial state', () => {
  const text = 'C C-3.LB+x\n"Doc string here"\nCycle=PodRW Rfe\n(* Result: Never { not init } *)\nC junk line\n{ x = 1; }';
  const h = parseHeader(new SourceText(text, 't.litmus'));
  assert.equal(h.arch, 'C');
  assert.equal(h.name, 'C-3.LB+x');
  assert.equal(h.doc, 'Doc string here');
  assert.deepEqual(h.info, [{ key: 'Cycle', value: 'PodRW Rfe' }]);
  assert.equal(text[h.initStart - 1], '{');
  assert.equal(syntaxError(() => parseHeader(new SourceText('C\n{}', 't'))), 'WM100 1:2 syntax error: expected a test name after the architecture');
  assert.equal(
    syntaxError(() => parseHeader(new SourceText('C t\n(* unterminated', 't'))),
    'WM100 2:1 unterminated comment',
  );
});
