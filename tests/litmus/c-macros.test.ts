import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WeakmemError } from '../../src/diag.js';
import { expandThread, parseCLitmus, parseMacroFile, type CExpr, type CStmt } from '../../src/litmus/c/index.js';

/** A small macro file of our own, in herd's .def format. */
const DEF = `// comment
READ_ONCE(X) __load{ONCE}(X)
WRITE_ONCE(X,V) { __store{ONCE}(X,V); }
smp_load_acquire(X) __load{ACQUIRE}(*X)
smp_store_mb(X,V) { __store{ONCE}(X,V); __fence{MB}; }
/* nested macros */
atomic_read(X) READ_ONCE(*X)
atomic_set(X,V) { WRITE_ONCE(*X,V); }
atomic_inc_and_test(X) __atomic_op_return{MB}(X,+,1) == 0
smp_mb() { __fence{MB}; }
set_reg(R,V) { R = V; }
bad_load(X) __load{ONCE}(X)
twice(X) { smp_mb(); X = 1; }
`;

function show(e: CExpr): string {
  switch (e.kind) {
    case 'const':
      return String(e.value);
    case 'reg':
      return e.name;
    case 'deref':
      return `*${show(e.addr)}`;
    case 'load':
      return `load{${e.tags.join(',')}}(${show(e.arg)})`;
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'atomicReturn':
      return `return{${e.tags.join(',')}}(${show(e.loc)} ${e.op} ${show(e.operand)})`;
    default:
      return e.kind;
  }
}

function stmt(s: CStmt): string {
  switch (s.kind) {
    case 'assign':
      return `${s.name} = ${show(s.value)}`;
    case 'store':
      return `store{${s.tags.join(',')}} ${show(s.target)} = ${show(s.value)}`;
    case 'fence':
      return `fence{${s.tags.join(',')}}`;
    case 'block':
      return `{ ${s.body.map(stmt).join('; ')} }`;
    case 'eval':
      return `eval ${show(s.expr)}`;
    default:
      return s.kind;
  }
}

function expand(code: string): string[] {
  const t = parseCLitmus(`C t\n{}\nP0(int *x, atomic_t *a) {\n${code}\n}\nexists (x=0)\n`, 't.litmus');
  const th = t.threads[0];
  assert.ok(th);
  return expandThread(th, parseMacroFile(DEF, 'mini.def')).body.map(stmt);
}

function error(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof WeakmemError) {
      const sp = e.diagnostic.span;
      return `${e.diagnostic.code} ${sp?.file}:${sp?.line}:${sp?.col} ${e.diagnostic.message}`;
    }
    throw e;
  }
  return 'no error';
}

test('parseMacroFile reads expression and statement macros', () => {
  const m = parseMacroFile(DEF, 'mini.def');
  assert.deepEqual([...m.exprs.keys()], ['READ_ONCE', 'smp_load_acquire', 'atomic_read', 'atomic_inc_and_test', 'bad_load']);
  assert.deepEqual([...m.stmts.keys()], ['WRITE_ONCE', 'smp_store_mb', 'atomic_set', 'smp_mb', 'set_reg', 'twice']);
  assert.deepEqual(m.stmts.get('WRITE_ONCE')?.params, ['X', 'V']);
  assert.equal(m.file, 'mini.def');
});

test('expansion substitutes arguments, including into nested macros', () => {
  assert.deepEqual(expand('r1 = READ_ONCE(*x); WRITE_ONCE(*x, r1 + 1);'), [
    'r1 = load{ONCE}(*x)',
    '{ store{ONCE} *x = (r1 + 1) }',
  ]);
  assert.deepEqual(expand('r1 = smp_load_acquire(x); smp_store_mb(*x, 2);'), [
    'r1 = load{ACQUIRE}(*x)',
    '{ store{ONCE} *x = 2; fence{MB} }',
  ]);
  assert.deepEqual(expand('r1 = atomic_read(a); atomic_set(a, 3); r2 = atomic_inc_and_test(a);'), [
    'r1 = load{ONCE}(*a)',
    '{ { store{ONCE} *a = 3 } }',
    'r2 = (return{MB}(a + 1) == 0)',
  ]);
});

test('assigning to a macro parameter assigns the register or stores to the location', () => {
  assert.deepEqual(expand('set_reg(r5, 7); set_reg(*x, 8);'), ['{ r5 = 7 }', '{ store{} *x = 8 }']);
});

test('expanded nodes carry the span of the call in the test', () => {
  const t = parseCLitmus('C t\n{}\nP0(int *x) {\n\tsmp_store_mb(*x, 2);\n}\nexists (x=0)\n', 't.litmus');
  const th = expandThread(t.threads[0] as never, parseMacroFile(DEF, 'mini.def'));
  const block = th.body[0];
  assert.equal(block?.kind, 'block');
  if (block?.kind !== 'block') return;
  for (const s of block.body) assert.deepEqual(s.span, { file: 't.litmus', line: 4, col: 2, endLine: 4, endCol: 21 });
});

test('unknown macros are NOT_SUPPORTED at the call, never ignored', () => {
  const m = parseMacroFile(DEF, 'mini.def');
  const th = (code: string) => parseCLitmus(`C t\n{}\nP0(int *x) {\n${code}\n}\nexists (x=0)\n`, 't.litmus').threads[0] as never;
  assert.equal(error(() => expandThread(th('  smp_rmb();'), m)), 'WM101 t.litmus:4:3 not supported: macro smp_rmb');
  assert.equal(error(() => expandThread(th('  r1 = FOO(*x) + 1;'), m)), 'WM101 t.litmus:4:8 not supported: macro FOO');
  assert.equal(error(() => expandThread(th('  twice(r1); r2 = READ_ONCE(*x) + BAR();'), m)), 'WM101 t.litmus:4:35 not supported: macro BAR');
  assert.equal(
    error(() => expandThread(th('  r1 = atomic_load_explicit(x, memory_order_relaxed);'), m)),
    'WM101 t.litmus:4:8 not supported: C11 primitive atomic_load_explicit (only Linux-kernel C tests are supported)',
  );
});

test('macro misuse is a semantic error at the call', () => {
  const m = parseMacroFile(DEF, 'mini.def');
  const th = (code: string) => parseCLitmus(`C t\n{}\nP0(int *x) {\n${code}\n}\nexists (x=0)\n`, 't.litmus').threads[0] as never;
  assert.equal(error(() => expandThread(th('  r1 = READ_ONCE(*x, 2);'), m)), 'WM102 t.litmus:4:8 macro READ_ONCE takes 1 argument(s), given 2');
  assert.equal(
    error(() => expandThread(th('  r1 = bad_load(x);'), m)),
    'WM102 t.litmus:4:8 __load{...} needs a *location argument (herd: bad __load argument)',
  );
  assert.equal(
    error(() => expandThread(th('  WRITE_ONCE(x, 1);'), m)),
    'WM102 t.litmus:4:3 __store{...} needs a *location first argument (herd: bad __store argument)',
  );
});

test('.def syntax errors are MODEL_SYNTAX with the def file position', () => {
  assert.equal(error(() => parseMacroFile('A(X) { __fence{MB} }\n', 'm.def')), "WM200 m.def:1:20 syntax error: expected ';', found '}'");
  assert.equal(error(() => parseMacroFile('A(X,) X\n', 'm.def')), "WM200 m.def:1:5 syntax error: expected a parameter name, found ')'");
  assert.equal(error(() => parseMacroFile('B(X) + 1\n', 'm.def')), "WM200 m.def:1:6 syntax error: expected an expression, found '+'");
});
