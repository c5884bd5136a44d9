import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WeakmemError } from '../../../src/diag.js';
import { parseX86Litmus, parseX86_64Litmus } from '../../../src/litmus/x86/parse.js';
import { propText } from '../../../src/check/condition.js';

const SB64 = `X86_64 SB
"Fre PodWR Fre PodWR"
{ }
 P0            | P1            ;
 movl $1,(x)   | movl $1,(y)   ;
 mfence        | lock xchgl (z),%ecx ;
 movl (y),%eax | movl (x),%eax ;
exists (0:RAX=0 /\\ 1:rax=0)
`;

function failure(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof WeakmemError);
    return `${e.diagnostic.span?.line}:${e.diagnostic.span?.col} ${e.diagnostic.code} ${e.diagnostic.message}`;
  }
  return assert.fail('expected an error');
}

test('X86_64: AT&T operands, source first; registers named by their 64-bit name', () => {
  const t = parseX86_64Litmus(SB64, 'sb.litmus');
  assert.equal(t.arch, 'X86_64');
  const [p0, p1] = t.threads;
  assert.deepEqual(p0?.instrs.map((i) => i.kind), ['mov', 'fence', 'mov']);
  const st = p0?.instrs[0];
  assert.ok(st?.kind === 'mov');
  assert.deepEqual([st.bits, st.src.kind, st.dst.kind], [32, 'imm', 'mem']);
  const ld = p0?.instrs[2];
  assert.ok(ld?.kind === 'mov' && ld.dst.kind === 'reg');
  assert.deepEqual([ld.dst.reg.name, ld.dst.reg.bits], ['rax', 32]);
  const xchg = p1?.instrs[1];
  assert.ok(xchg?.kind === 'xchg');
  assert.equal(propText(t.condition.prop, 'X86_64'), '0:rax=0 /\\ 1:rax=0');
});

test('X86_64: addressing through registers and lock-prefixed arithmetic', () => {
  const t = parseX86_64Litmus(
    'X86_64 A\n{ 0:rbx=x; }\n P0 ;\n movq $2,8(%rbx) ;\n lock addl $1,(x) ;\n incq (%rbx,%rcx,4) ;\n cmpxchgl %edx,(x) ;\nexists ([x]=1)\n',
    'a.litmus',
  );
  const [mov, add, inc, cx] = t.threads[0]?.instrs ?? [];
  assert.ok(mov?.kind === 'mov' && mov.dst.kind === 'mem' && mov.dst.addr.kind === 'reg');
  assert.deepEqual([mov.dst.addr.base.name, mov.dst.addr.disp, mov.bits], ['rbx', 8n, 64]);
  assert.ok(add?.kind === 'op');
  assert.deepEqual([add.op, add.locked, add.bits], ['ADD', true, 32]);
  assert.ok(inc?.kind === 'incdec' && inc.dst.kind === 'mem' && inc.dst.addr.kind === 'reg');
  assert.deepEqual([inc.dst.addr.index?.name, inc.dst.addr.scale], ['rcx', 4]);
  assert.ok(cx?.kind === 'cmpxchg');
  assert.equal(cx.reg.name, 'rdx');
});

test('X86: Intel syntax, destination first, 32-bit register names', () => {
  const t = parseX86Litmus('X86 SB\n{ x=0; y=0; }\n P0 | P1 ;\n MOV [x],$1 | MOV [y],$1 ;\n MFENCE | XCHG [x],EAX ;\n MOV EAX,[y] | MOV EAX,[x] ;\nexists (0:EAX=0 /\\ 1:EAX=0)\n', 'sb.litmus');
  const st = t.threads[0]?.instrs[0];
  assert.ok(st?.kind === 'mov');
  assert.deepEqual([st.dst.kind, st.src.kind], ['mem', 'imm']);
  const ld = t.threads[0]?.instrs[2];
  assert.ok(ld?.kind === 'mov' && ld.dst.kind === 'reg');
  assert.equal(ld.dst.reg.name, 'EAX');
  assert.equal(propText(t.condition.prop, 'X86'), '0:EAX=0 /\\ 1:EAX=0');
});

test('errors and unsupported instructions have locations', () => {
  assert.equal(
    failure(() => parseX86_64Litmus('X86_64 T\n{}\n P0 ;\n movl $1 ;\nexists (0:rax=0)\n', 't.litmus')),
    '4:2 WM100 movl: expected 2 operands, found 1',
  );
  assert.equal(
    failure(() => parseX86_64Litmus('X86_64 T\n{}\n P0 ;\n movaps %xmm0,(x) ;\nexists (0:rax=0)\n', 't.litmus')),
    '4:2 WM101 not supported: x86 instruction movaps',
  );
  assert.equal(
    failure(() => parseX86_64Litmus('X86_64 T\n{}\n P0 ;\n movl %foo,(x) ;\nexists (0:rax=0)\n', 't.litmus')),
    "4:7 WM100 movl: expected a register, found '%foo'",
  );
  assert.equal(
    failure(() => parseX86_64Litmus('X86_64 T\n{}\n P0 ;\n lock movl $1,(x) ;\nexists (0:rax=0)\n', 't.litmus')),
    '4:2 WM100 lock prefix not allowed on movl',
  );
});
