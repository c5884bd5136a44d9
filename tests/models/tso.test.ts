/**
 * The built-in `tso` model (src/models/tso-cat.ts): registry entry,
 * loading, the verdicts x86-TSO gives the classic shapes (Owens, Sarkar,
 * Sewell, TPHOLs 2009), and (when the conformance corpus is present)
 * agreement with herd's results on the x86_64 catalogue.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { libraryResolver, loadModel } from '../../src/cat/index.js';
import { Session } from '../../src/api/session.js';
import { nodeResolver } from '../../src/cli/resolver.js';
import { MODEL_FILES, builtinModel, defaultModelFor } from '../../src/models/index.js';
import { X86_SETS } from '../../src/arch/index.js';
import { CORPUS as SHARED_CORPUS } from '../support/run.js';

const tso = new Session({ resolver: nodeResolver([]), model: 'tso', variants: [], skipChecks: [], maxExecutions: 2_000_000 });
const byDefault = new Session({ resolver: nodeResolver([]), variants: [], skipChecks: [], maxExecutions: 2_000_000 });

/** An X86 (Intel syntax) test with threads given as columns. */
function x86(name: string, threads: readonly (readonly string[])[], exists: string): string {
  const rows = Math.max(...threads.map((t) => t.length));
  const lines = [`X86 ${name}`, '{ x=0; y=0; }', `${threads.map((_, i) => `P${i}`).join(' | ')} ;`];
  for (let r = 0; r < rows; r++) lines.push(`${threads.map((t) => t[r] ?? '').join(' | ')} ;`);
  lines.push(`exists (${exists})`);
  return lines.join('\n') + '\n';
}

const observation = (text: string, s: Session = tso): string => s.check(text, 'test.litmus').observation;

test('registry: tso is the default model for X86 and X86_64 tests', () => {
  assert.equal(builtinModel('tso')?.name, 'tso');
  assert.equal(defaultModelFor('X86')?.name, 'tso');
  assert.equal(defaultModelFor('X86_64')?.name, 'tso');
  assert.equal(builtinModel('tso')?.cat, 'weakmem-tso.cat');
});

test('tso loads, without catdep, and leaves co to weakmem', () => {
  const text = MODEL_FILES['weakmem-tso.cat'] as string;
  assert.doesNotMatch(text, /^catdep$/m);
  assert.ok(text.includes(' \\ '), 'set differences kept their backslash');
  const model = loadModel('weakmem-tso.cat', { resolver: libraryResolver(MODEL_FILES), variants: new Set(), archSets: X86_SETS });
  assert.equal(model.bindsCo, false);
  assert.ok(model.title?.startsWith('weakmem'));
});

test('only a write followed by a read may be reordered', () => {
  // SB: the writes wait in store buffers.
  assert.equal(observation(x86('SB', [['MOV [x],$1', 'MOV EAX,[y]'], ['MOV [y],$1', 'MOV EAX,[x]']], '0:EAX=0 /\\ 1:EAX=0')), 'Sometimes');
  // MP: writes leave in order, reads are not reordered.
  assert.equal(observation(x86('MP', [['MOV [x],$1', 'MOV [y],$1'], ['MOV EAX,[y]', 'MOV EBX,[x]']], '1:EAX=1 /\\ 1:EBX=0')), 'Never');
  // LB: a read is not passed by a later write.
  assert.equal(observation(x86('LB', [['MOV EAX,[x]', 'MOV [y],$1'], ['MOV EAX,[y]', 'MOV [x],$1']], '0:EAX=1 /\\ 1:EAX=1')), 'Never');
  // 2+2W: writes reach memory in program order.
  assert.equal(observation(x86('2+2W', [['MOV [x],$2', 'MOV [y],$1'], ['MOV [y],$2', 'MOV [x],$1']], 'x=2 /\\ y=2')), 'Never');
});

test('MFENCE and locked instructions restore the order of a write and a later read', () => {
  assert.equal(observation(x86('SB+mfences', [['MOV [x],$1', 'MFENCE', 'MOV EAX,[y]'], ['MOV [y],$1', 'MFENCE', 'MOV EAX,[x]']], '0:EAX=0 /\\ 1:EAX=0')), 'Never');
  assert.equal(observation(x86('SB+mfence+po', [['MOV [x],$1', 'MFENCE', 'MOV EAX,[y]'], ['MOV [y],$1', 'MOV EAX,[x]']], '0:EAX=0 /\\ 1:EAX=0')), 'Sometimes');
  const xchgs = `X86_64 SB+xchgs
{ }
 P0             | P1             ;
 movl $1,%ecx   | movl $1,%ecx   ;
 xchgl (x),%ecx | xchgl (y),%ecx ;
 movl (y),%eax  | movl (x),%eax  ;
exists (0:rax=0 /\\ 1:rax=0)
`;
  assert.equal(observation(xchgs), 'Never');
  const adds = `X86_64 SB+lock-adds
{ }
 P0               | P1               ;
 lock addl $1,(x) | lock addl $1,(y) ;
 movl (y),%eax    | movl (x),%eax    ;
exists (0:rax=0 /\\ 1:rax=0)
`;
  assert.equal(observation(adds), 'Never');
});

test('store forwarding and one shared memory (TPHOLs 2009 examples n6, n5, IRIW)', () => {
  // n6: P0 reads its own write from its buffer before P1's writes reach memory.
  assert.equal(observation(x86('n6', [['MOV [x],$1', 'MOV EAX,[x]', 'MOV EBX,[y]'], ['MOV [y],$2', 'MOV [x],$2']], '0:EAX=1 /\\ 0:EBX=0 /\\ x=1')), 'Sometimes');
  // n5: two threads do not see two writes to x in opposite orders.
  assert.equal(observation(x86('n5', [['MOV [x],$1', 'MOV EAX,[x]'], ['MOV [x],$2', 'MOV EAX,[x]']], '0:EAX=2 /\\ 1:EAX=1')), 'Never');
  const iriw = x86('IRIW', [['MOV [x],$1'], ['MOV EAX,[x]', 'MOV EBX,[y]'], ['MOV [y],$1'], ['MOV EAX,[y]', 'MOV EBX,[x]']], '1:EAX=1 /\\ 1:EBX=0 /\\ 3:EAX=1 /\\ 3:EBX=0');
  assert.equal(observation(iriw), 'Never');
});

test('locked read-modify-writes are atomic', () => {
  const incs = `X86_64 INC+locked
{ }
 P0            | P1            ;
 lock incl (x) | lock incl (x) ;
exists (x=1)
`;
  assert.equal(observation(incs), 'Never');
  const plain = `X86_64 INC+plain
{ }
 P0          | P1          ;
 incl (x)    | incl (x)    ;
exists (x=1)
`;
  assert.equal(observation(plain), 'Sometimes');
});

test('the default model of X86 and X86_64 tests is tso', () => {
  const text = x86('SB', [['MOV [x],$1', 'MOV EAX,[y]'], ['MOV [y],$1', 'MOV EAX,[x]']], '0:EAX=0 /\\ 1:EAX=0');
  assert.equal(observation(text, byDefault), 'Sometimes');
});

const CATALOGUE = join(SHARED_CORPUS, 'herdtools7/catalogue/x86_64/tests');

test('tso agrees with herd (x86tso-mixed.cat) on the x86_64 catalogue', { skip: !existsSync(join(CATALOGUE, 'kinds.txt')) }, () => {
  const kinds = new Map<string, string>();
  for (const line of readFileSync(join(CATALOGUE, 'kinds.txt'), 'utf8').split('\n')) {
    const [name, kind] = line.trim().split(/\s+/);
    if (name && kind) kinds.set(name, kind.startsWith('Allow') ? 'Sometimes' : 'Never');
  }
  const wrong: string[] = [];
  for (const f of readdirSync(CATALOGUE).filter((n) => n.endsWith('.litmus'))) {
    const want = kinds.get(f.replace(/\.litmus$/, ''));
    if (want === undefined) continue;
    const got = observation(readFileSync(join(CATALOGUE, f), 'utf8'));
    if (got !== want) wrong.push(`${f}: ${got}, herd ${want}`);
  }
  assert.deepEqual(wrong, []);
});
