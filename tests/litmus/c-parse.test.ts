import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WeakmemError } from '../../src/diag.js';
import { parseCLitmus, type CExpr, type CStmt } from '../../src/litmus/c/index.js';

/** Compact rendering of C syntax, to compare structure. */
function e(x: CExpr): string {
  switch (x.kind) {
    case 'const':
      return String(x.value);
    case 'reg':
      return x.name;
    case 'addrOf':
      return `&${x.name}`;
    case 'deref':
      return `*${e(x.addr)}`;
    case 'unary':
      return `(${x.op}${e(x.arg)})`;
    case 'binary':
      return `(${e(x.left)} ${x.op} ${e(x.right)})`;
    case 'call':
      return `${x.name}(${x.args.map(e).join(', ')})`;
    case 'load':
      return `load{${x.tags.join(',')}}(${e(x.arg)})`;
    case 'xchg':
      return `xchg{${x.tags.join(',')}}(${e(x.loc)}, ${e(x.value)})`;
    case 'cmpxchg':
      return `cmpxchg{${x.tags.join(',')}}(${e(x.loc)}, ${e(x.expected)}, ${e(x.desired)})`;
    case 'atomicReturn':
      return `${x.fetch ? 'fetch' : 'return'}{${x.tags.join(',')}}(${e(x.loc)} ${x.op} ${e(x.operand)})`;
    case 'addUnless':
      return `addUnless{${x.tags.join(',')}}(${e(x.loc)}, ${e(x.add)}, ${e(x.unless)})`;
    case 'trylock':
    case 'islocked':
      return `${x.kind}(${e(x.loc)})`;
  }
}

function s(x: CStmt): string {
  switch (x.kind) {
    case 'decl':
      return `decl ${x.type} ${x.name}${x.init ? ` = ${e(x.init)}` : ''}`;
    case 'assign':
      return `${x.name} = ${e(x.value)}`;
    case 'store':
      return `store{${x.tags.join(',')}} ${e(x.target)} = ${e(x.value)}`;
    case 'eval':
      return `eval ${e(x.expr)}`;
    case 'callStmt':
      return `call ${x.name}(${x.args.map(e).join(', ')})`;
    case 'fence':
      return `fence{${x.tags.join(',')}}`;
    case 'lock':
    case 'unlock':
      return `${x.kind}(${e(x.loc)})`;
    case 'atomicOp':
      return `op{${x.tags.join(',')}}(${e(x.loc)} ${x.op} ${e(x.operand)})`;
    case 'srcu':
      return `srcu{${x.tags.join(',')}}(${e(x.loc)}${x.value ? `, ${e(x.value)}` : ''})`;
    case 'if':
      return `if ${e(x.cond)} then ${s(x.then)}${x.else ? ` else ${s(x.else)}` : ''}`;
    case 'block':
      return `{ ${x.body.map(s).join('; ')} }`;
  }
}

function body(code: string): string[] {
  const t = parseCLitmus(`C t\n{}\nP0(int *x, int **p) {\n${code}\n}\nexists (x=0)\n`, 't.litmus');
  return t.threads[0]?.body.map(s) ?? [];
}

function error(text: string): string {
  try {
    parseCLitmus(text, 't.litmus');
  } catch (err) {
    if (err instanceof WeakmemError) {
      const sp = err.diagnostic.span;
      return `${err.diagnostic.code} ${sp?.line}:${sp?.col} ${err.diagnostic.message}`;
    }
    throw err;
  }
  return 'no error';
}

test('a whole test: header, doc, init, threads in any order, params, locations, filter, condition', () => {
  const t = parseCLitmus(
    `C MP+test
"A doc"
(* comment *)
{
  int y = 1;
  int *x1 = &y;
}

//\\fcvexclude
P1(int** x1, spinlock_t *s, struct srcu_struct *ss, const int* c) {
  int *r2;
  r2 = READ_ONCE(*x1);
}

void P0(intptr_t *x0) { WRITE_ONCE(*x0, 2); }

locations [1:r2]
filter (1:r2=x0)
exists (1:r2=x0 /\\ ~y=2) (* trailing *)
`,
    'mp.litmus',
  );
  assert.equal(t.name, 'MP+test');
  assert.equal(t.doc, 'A doc');
  assert.equal(t.threads.length, 2);
  assert.deepEqual(
    t.threads[1]?.params.map((p) => `${p.type}|${p.name}`),
    ['int **|x1', 'spinlock_t *|s', 'struct srcu_struct *|ss', 'const int *|c'],
  );
  assert.deepEqual(t.threads[0]?.params.map((p) => p.name), ['x0']);
  assert.equal(t.init.length, 2);
  assert.equal(t.locations.length, 1);
  assert.ok(t.filter);
  assert.equal(t.condition.quantifier, 'exists');
  assert.deepEqual(t.threads[1]?.span, { file: 'mp.litmus', line: 10, col: 1, endLine: 13, endCol: 1 });
});

test('statements: declarations, assignments, plain and annotated stores, calls, blocks, if/else', () => {
  assert.deepEqual(
    body(`int r0; int r1 = READ_ONCE(*x); int *r2; intptr_t r3, *r4 = 0;
      r5 = *x; *x = 1; **p = r1; *(p) = x;
      __store{RELEASE}(*x, 2); smp_mb(); (void)xchg(x, 1); atomic_inc(x);
      { r6 = 1; }
      if (r1 == 1) WRITE_ONCE(*x, 1); else if (r1) { r7 = 2; } else r7 = 3;`),
    [
      'decl int r0',
      'decl int r1 = READ_ONCE(*x)',
      'decl int * r2',
      'decl intptr_t r3',
      'decl intptr_t * r4 = 0',
      'r5 = *x',
      'store{} *x = 1',
      'store{} **p = r1',
      'store{} *p = x',
      'store{RELEASE} *x = 2',
      'call smp_mb()',
      'eval xchg(x, 1)',
      'call atomic_inc(x)',
      '{ r6 = 1 }',
      'if (r1 == 1) then call WRITE_ONCE(*x, 1) else if r1 then { r7 = 2 } else r7 = 3',
    ],
  );
});

test('herd primitive forms', () => {
  assert.deepEqual(
    body(`r0 = __load{ONCE}(*x); __store{srcu-unlock}(*x, r0); __fence{after-unlock-lock};
      r1 = __xchg{MB}(x, 1); r2 = __cmpxchg{ACQUIRE}(x, 0, 1);
      __atomic_op{NORETURN}(x, &~, 3); __atomic_op(x, +, 1);
      r3 = __atomic_op_return{MB}(x, -, 1); r4 = __atomic_fetch_op{RELEASE}(x, ^, r3);
      r5 = __atomic_add_unless{MB}(x, 1, 5); r6 = __trylock(x); r7 = __islocked(x);
      __lock(x); __unlock(x); __srcu{sync-srcu}(x);`),
    [
      'r0 = load{ONCE}(*x)',
      'store{srcu-unlock} *x = r0',
      'fence{after-unlock-lock}',
      'r1 = xchg{MB}(x, 1)',
      'r2 = cmpxchg{ACQUIRE}(x, 0, 1)',
      'op{NORETURN}(x &~ 3)',
      'op{NORETURN}(x + 1)',
      'r3 = return{MB}(x - 1)',
      'r4 = fetch{RELEASE}(x ^ r3)',
      'r5 = addUnless{MB}(x, 1, 5)',
      'r6 = trylock(x)',
      'r7 = islocked(x)',
      'lock(x)',
      'unlock(x)',
      'srcu{sync-srcu}(x)',
    ],
  );
});

test('expressions: C precedence, unary operators, negative literals, casts, &x', () => {
  assert.deepEqual(
    body(`r0 = 1 + 2 * 3 - 4; r1 = r0 & 1 == 1; r2 = r0 | r1 ^ r2 & 3; r3 = -1 + -r0;
      r4 = !r0 || ~r1 && r2 < 3 << 1; r5 = (void *)0; r6 = (int)r1 + 1; r7 = &y; r8 = y + (r1 ^ r1); r9 = r1-1;
      r10 = 7 / 2 % 3 >= 1 != 0;`),
    [
      'r0 = ((1 + (2 * 3)) - 4)',
      'r1 = (r0 & (1 == 1))',
      'r2 = (r0 | (r1 ^ (r2 & 3)))',
      'r3 = (-1 + (-r0))',
      'r4 = ((!r0) || ((~r1) && (r2 < (3 << 1))))',
      'r5 = 0',
      'r6 = (r1 + 1)',
      'r7 = &y',
      'r8 = (y + (r1 ^ r1))',
      'r9 = (r1 - 1)',
      'r10 = ((((7 / 2) % 3) >= 1) != 0)',
    ],
  );
});

test('syntax errors give exact line:col', () => {
  const head = 'C t\n{}\nP0(int *x) {\n';
  assert.equal(error(`${head}  r1 = READ_ONCE(*x)\n}\nexists (x=1)`), "WM100 5:1 syntax error: expected ';', found '}'");
  assert.equal(error(`${head}  r1 = (x + ;\n}\nexists (x=1)`), "WM100 4:13 syntax error: expected an expression, found ';'");
  assert.equal(error(`${head}  r1 + 1 = 2;\n}\nexists (x=1)`), "WM100 4:3 syntax error: expected a register or *location before =, found 'r1'");
  assert.equal(error(`${head}  __fence{};\n}\nexists (x=1)`), "WM100 4:11 syntax error: expected an annotation, found '}'");
  assert.equal(error(`${head}  r1 = 1 @ 2;\n}\nexists (x=1)`), "WM100 4:10 syntax error: unexpected character '@'");
  assert.equal(error(`${head}  r1 = 1;\n\nexists (x=1)`), "WM100 6:1 syntax error: expected '}', found 'exists'");
  assert.equal(error(`${head}  r1 = 1;\n`), "WM100 5:1 syntax error: expected '}', found end of file");
  assert.equal(error('C t\n{}\nexists (x=1)'), 'WM100 3:1 syntax error: expected a thread function such as P0(int *x) { ... }');
  assert.equal(error('C t\n{}\nP0(int *x) { }\nint y;\nexists (x=1)'), "WM100 4:1 syntax error: expected 'exists', '~exists' or 'forall', found 'int'");
  assert.equal(error('AArch64 t\n{}\n'), "WM100 1:1 expected a C litmus test ('C NAME'), found a AArch64 test");
});

test('unsupported constructs are NOT_SUPPORTED with their location', () => {
  const head = 'C t\n{}\nP0(int *x) {\n';
  assert.equal(error(`${head}  while (1) {}\n}\nexists (x=1)`), "WM101 4:3 not supported: 'while' statements");
  assert.equal(error(`${head}  r1 = r2 ? 1 : 2;\n}\nexists (x=1)`), 'WM101 4:11 not supported: conditional expressions (?:)');
  assert.equal(error(`${head}  r1 += 2;\n}\nexists (x=1)`), 'WM101 4:6 not supported: compound assignment');
  assert.equal(error(`${head}  int a[2];\n}\nexists (x=1)`), 'WM101 4:8 not supported: arrays');
  assert.equal(error(`${head}  r1 = x->f;\n}\nexists (x=1)`), 'WM101 4:9 not supported: arrays and structures');
  assert.equal(error(`${head}  r1++;\n}\nexists (x=1)`), "WM101 4:5 not supported: '++'");
});

test('thread numbering is checked', () => {
  assert.equal(error('C t\n{}\nP0(int *x) { }\nP0(int *x) { }\nexists (x=1)'), 'WM102 4:1 thread P0 is defined twice');
  assert.equal(
    error('C t\n{}\nP0(int *x) { }\nP2(int *x) { }\nexists (x=1)'),
    'WM102 4:1 thread P1 is missing (threads must be numbered from P0 without gaps)',
  );
});
