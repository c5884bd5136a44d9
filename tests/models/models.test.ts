/**
 * weakmem's built-in models (src/models): the registry, that every file
 * loads, the macro file's primitives, our own litmus suite under `sc`,
 * flags, and (when the conformance corpus is present) full agreement of
 * `lkmm` with the kernel's reference model files on a few tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CAT_LIBRARY, libraryResolver, loadModel } from '../../src/cat/index.js';
import { Session } from '../../src/api/session.js';
import { nodeResolver } from '../../src/cli/resolver.js';
import { parseMacroFile } from '../../src/litmus/c/index.js';
import { BUILTIN_MODELS, MODEL_FILES, builtinModel, defaultModelFor } from '../../src/models/index.js';
import type { TestResult } from '../../src/check/types.js';
import { CORPUS as SHARED_CORPUS, filesUnder, read } from '../support/run.js';

const suiteDir = join(import.meta.dirname, '..', 'litmus-suite', 'lkmm');

function session(model?: string, extra: { includes?: string[]; bell?: string; macros?: string; variants?: string[] } = {}): Session {
  return new Session({
    resolver: nodeResolver(extra.includes ?? []),
    ...(model !== undefined ? { model } : {}),
    ...(extra.bell !== undefined ? { bell: extra.bell } : {}),
    ...(extra.macros !== undefined ? { macros: extra.macros } : {}),
    variants: extra.variants ?? [],
    skipChecks: [],
    maxExecutions: 2_000_000,
  });
}

const lkmm = session('lkmm');
const sc = session('sc');

function litmus(name: string, body: string): string {
  return `C ${name}\n\n{}\n\n${body}\n`;
}

test('registry: lkmm is the default for C tests, sc is available', () => {
  assert.equal(defaultModelFor('C')?.name, 'lkmm');
  assert.equal(builtinModel('sc')?.name, 'sc');
  const names = BUILTIN_MODELS.map((m) => m.name);
  assert.ok(names.includes('lkmm') && names.includes('sc'));
  assert.equal(new Set(names).size, names.length, 'model names are unique');
});

test('registry: every file a model names exists, and none can shadow a library file', () => {
  for (const m of BUILTIN_MODELS) {
    for (const f of [m.cat, m.bell, m.macros]) {
      if (f === undefined) continue;
      assert.ok(MODEL_FILES[f] !== undefined, `${m.name}: ${f} is missing`);
    }
  }
  for (const name of Object.keys(MODEL_FILES)) {
    assert.match(name, /^weakmem-/);
    assert.equal(CAT_LIBRARY[name], undefined, `${name} clashes with a library file`);
  }
});

test('model texts kept their backslashes (set difference) through the TS string', () => {
  for (const name of ['weakmem-lkmm.bell', 'weakmem-lkmm.cat', 'weakmem-kernel-locks.cat']) {
    assert.ok(MODEL_FILES[name]?.includes(' \\ '), `${name} lost its '\\' operators`);
  }
});

test('lkmm and sc load, with their bell, and build co themselves', () => {
  for (const m of BUILTIN_MODELS.filter((b) => b.name === 'lkmm' || b.name === 'sc')) {
    const model = loadModel(m.cat, {
      resolver: libraryResolver(MODEL_FILES),
      variants: new Set(m.variants),
      ...(m.bell !== undefined ? { bell: m.bell } : {}),
    });
    assert.equal(model.bindsCo, true, `${m.name} must generate co (lock writes and unlocks are in it)`);
    assert.ok(model.title !== undefined && model.title.startsWith('weakmem'));
  }
});

test('the macro file defines the Linux, bitops and Xen primitives', () => {
  const table = parseMacroFile(MODEL_FILES['weakmem-lkmm.def'] as string, 'weakmem-lkmm.def');
  const defined = new Set([...table.exprs.keys(), ...table.stmts.keys()]);
  const wanted = [
    'READ_ONCE', 'WRITE_ONCE', 'smp_load_acquire', 'smp_store_release', 'smp_store_mb',
    'smp_mb', 'smp_rmb', 'smp_wmb', 'barrier', 'smp_mb__before_atomic', 'smp_mb__after_atomic',
    'smp_mb__after_spinlock', 'smp_mb__after_unlock_lock', 'smp_mb__after_srcu_read_unlock',
    'rcu_read_lock', 'rcu_read_unlock', 'synchronize_rcu', 'synchronize_rcu_expedited', 'rcu_dereference', 'rcu_assign_pointer',
    'srcu_read_lock', 'srcu_read_unlock', 'srcu_down_read', 'srcu_up_read', 'synchronize_srcu', 'synchronize_srcu_expedited',
    'spin_lock', 'spin_unlock', 'spin_trylock', 'spin_is_locked',
    'xchg', 'xchg_relaxed', 'xchg_acquire', 'xchg_release', 'cmpxchg', 'cmpxchg_relaxed', 'cmpxchg_acquire', 'cmpxchg_release',
    'atomic_read', 'atomic_set', 'atomic_read_acquire', 'atomic_set_release',
    'atomic_add', 'atomic_sub', 'atomic_inc', 'atomic_dec', 'atomic_and', 'atomic_or', 'atomic_xor', 'atomic_andnot',
    'atomic_add_return', 'atomic_inc_return_relaxed', 'atomic_fetch_add', 'atomic_fetch_andnot_release',
    'atomic_xchg', 'atomic_cmpxchg', 'atomic_sub_and_test', 'atomic_dec_and_test', 'atomic_inc_and_test',
    'atomic_add_negative', 'atomic_add_unless', 'atomic_inc_not_zero',
    'set_bit', 'clear_bit', 'change_bit', 'test_and_set_bit', 'test_and_clear_bit', 'test_and_change_bit',
    'clear_bit_unlock', 'test_bit', 'test_bit_acquire',
    'read_atomic', 'write_atomic', 'ACCESS_ONCE',
  ];
  for (const name of wanted) assert.ok(defined.has(name), `macro ${name} is missing`);
  // Acquire only on success: not expressible as a macro, so refused rather than over-ordered.
  assert.ok(!defined.has('test_and_set_bit_lock'));
});

test('suite under sc: each test agrees with its "SC:" comment', () => {
  for (const file of filesUnder(suiteDir, '.litmus')) {
    const text = read(file);
    const m = /\bSC:\s*(Always|Sometimes|Never)/.exec(text);
    if (m === null) continue;
    let got: string;
    try {
      got = sc.check(text, file).observation;
    } catch (e) {
      // Tests the enumeration cannot run yet (unbounded increments) are the suite's business.
      if (e instanceof Error && /did not stabilise/.test(e.message)) continue;
      throw e;
    }
    assert.equal(got, m[1], file);
  }
});

test('sc: RCU grace periods still wait for earlier readers', () => {
  const r = sc.check(read(join(suiteDir, 'RCU+overlap+gp.litmus')), 'RCU+overlap+gp.litmus');
  assert.equal(r.observation, 'Never');
  const r2 = sc.check(read(join(suiteDir, 'RCU+overlap+mb.litmus')), 'RCU+overlap+mb.litmus');
  assert.equal(r2.observation, 'Sometimes');
});

test('lkmm flags data races on plain accesses, and only there', () => {
  const flags = (f: string): readonly string[] => lkmm.check(read(join(suiteDir, f)), f).flags;
  assert.deepEqual(flags('Plain+MP+o+o.litmus'), ['data-race']);
  assert.deepEqual(flags('Plain+ww+race.litmus'), ['data-race']);
  assert.deepEqual(flags('Plain+MP+release+acquire.litmus'), []);
  assert.deepEqual(flags('Plain+lock.litmus'), []);
  assert.deepEqual(flags('MP+o+o.litmus'), []);
});

test('lkmm flags unmatched RCU brackets and mixed lock accesses', () => {
  const unmatched = litmus('unmatched-rcu', `P0(int *x)
{
	int r0;

	rcu_read_lock();
	r0 = READ_ONCE(*x);
}

exists (0:r0=0)`);
  assert.deepEqual(lkmm.check(unmatched, 'unmatched-rcu.litmus').flags, ['unmatched-rcu-lock']);
  const mixed = litmus('mixed-lock', `P0(spinlock_t *l)
{
	spin_lock(l);
	spin_unlock(l);
}

P1(spinlock_t *l)
{
	int r0;

	r0 = READ_ONCE(*l);
}

exists (1:r0=0)`);
  assert.ok(lkmm.check(mixed, 'mixed-lock.litmus').flags.includes('mixed-lock-accesses'));
});

test('lkmm: taking a held lock again deadlocks (no execution)', () => {
  const nested = litmus('lock-nest', `P0(spinlock_t *l, int *x)
{
	spin_lock(l);
	spin_lock(l);
	WRITE_ONCE(*x, 1);
}

exists (x=1)`);
  for (const s of [lkmm, sc]) {
    const r = s.check(nested, 'lock-nest.litmus');
    assert.equal(r.states.length, 0);
    assert.equal(r.observation, 'Never');
  }
});

const fixturesDir = join(import.meta.dirname, 'fixtures');

test('lkmm raises the validity flags of locks, RCU and SRCU', () => {
  const flags = (name: string): readonly string[] => lkmm.check(read(join(fixturesDir, `${name}.litmus`)), `${name}.litmus`).flags;
  assert.deepEqual(flags('unmatched-unlock'), ['unmatched-unlock']);
  assert.deepEqual(flags('lock-final'), ['lock-final']);
  assert.deepEqual(flags('rcu-nested'), ['unmatched-rcu-unlock']);
  assert.deepEqual(flags('srcu-flags'), ['unmatched-srcu-lock', 'unmatched-srcu-unlock']);
  assert.deepEqual(flags('invalid-sleep'), ['invalid-sleep', 'unmatched-rcu-unlock']);
  assert.deepEqual(flags('multiple-srcu'), ['multiple-srcu-matches']);
  assert.deepEqual(flags('plain-mixed'), ['data-race', 'mixed-accesses']);
});

const CORPUS = join(SHARED_CORPUS, 'herdtools7/catalogue/linux');

/** What herd prints about a test, without timing. */
function essence(r: TestResult): unknown {
  return { states: r.states, ok: r.ok, positive: r.positive, negative: r.negative, flags: r.flags, observation: r.observation };
}

test('lkmm agrees with the kernel reference model (catalogue tests, our fixtures)', { skip: !existsSync(CORPUS) }, () => {
  const reference = session(join(CORPUS, 'cats', 'linux-kernel.cat'), {
    includes: [join(CORPUS, 'cats')],
    bell: 'linux-kernel.bell',
    macros: 'linux-kernel.def',
    variants: ['lkmmv2'],
  });
  const names = [
    'C-SB+o-mb-o+o-mb-o', 'C-ISA2+o-r+a-r+a-r+a-o', 'C-W+RWC+o-r+a-o+o-mb-o', 'C-RomanPenyaev-list-rcu-rr',
    'ISA2+pooncelock+pooncelock+pombonce', 'Lock-outside-across', 'LB+unlocklockonceonce+poacquireonce', 'C-cmpxchg',
  ];
  const files = [
    ...names.map((n) => join(CORPUS, 'tests', `${n}.litmus`)).filter((f) => existsSync(f)),
    ...filesUnder(fixturesDir, '.litmus'),
  ];
  for (const file of files) {
    const text = read(file);
    assert.deepEqual(essence(lkmm.check(text, file)), essence(reference.check(text, file)), file);
  }
});
