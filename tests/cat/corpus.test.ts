// Parses every cat and bell file of the reference corpus, and runs the
// Linux-kernel model on hand-built executions. Skipped without the corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, parseCat } from '../../src/cat/index.js';
import { nodeResolver } from '../../src/cli/resolver.js';
import { WeakmemError } from '../../src/diag.js';
import { execution, sbExecution } from './support.js';
import { CORPUS as SHARED_CORPUS } from '../support/run.js';

const CORPUS = join(SHARED_CORPUS, 'herdtools7');
const skip = existsSync(CORPUS) ? false : 'reference corpus not present';

/** Files herd itself rejects: Latin-1 bytes outside comments, `(*` opening a comment inside an expression, `checkcall`. */
const HERD_REJECTS = new Set([
  'catalogue/hrf/cats/hrfd.cat',
  'catalogue/hrf/cats/hrfdr.cat',
  'catalogue/hrf/cats/hrfi.cat',
  'catalogue/hrf/cats/hrfir.cat',
  'catalogue/c11popl15/alternatives.cat',
]);

function modelFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...modelFiles(p));
    else if (name.endsWith('.cat') || name.endsWith('.bell')) out.push(p);
  }
  return out;
}

test('every cat and bell file of herd/libdir and the catalogue parses', { skip }, () => {
  const files = [...modelFiles(join(CORPUS, 'herd/libdir')), ...modelFiles(join(CORPUS, 'catalogue'))];
  assert.ok(files.length > 300);
  const failures: string[] = [];
  for (const f of files) {
    const rel = f.slice(CORPUS.length + 1);
    try {
      parseCat(readFileSync(f, 'utf8'), f);
      assert.ok(!HERD_REJECTS.has(rel), `${rel} parses, but herd rejects it: update the list`);
    } catch (e) {
      if (!(e instanceof WeakmemError)) throw e;
      if (!HERD_REJECTS.has(rel)) failures.push(`${rel}: ${e.message}`);
    }
  }
  assert.deepEqual(failures, []);
});

const lkmm = () =>
  loadModel('linux-kernel.cat', {
    resolver: nodeResolver([join(CORPUS, 'catalogue/linux/cats')]),
    variants: new Set(['lkmmv2']),
    bell: 'linux-kernel.bell',
  });

test('LKMM: SB with ONCE accesses is allowed, with smp_mb() forbidden (propagation)', { skip }, () => {
  const m = lkmm();
  assert.equal(m.title, 'Linux-kernel memory consistency model');
  assert.equal(m.bindsCo, true);
  const sb = m.evaluate(sbExecution(false));
  assert.equal(sb.length, 1);
  assert.ok(sb[0].consistent);
  assert.deepEqual(sb[0].flags, []);
  const once = ['ONCE'];
  const sbmb = execution({
    events: [
      { a: 'W', loc: 'x', v: 0 }, { a: 'W', loc: 'y', v: 0 },
      { t: 0, a: 'W', loc: 'x', v: 1, tags: once }, { t: 0, a: 'F', tags: ['MB'] }, { t: 0, a: 'R', loc: 'y', v: 0, tags: once },
      { t: 1, a: 'W', loc: 'y', v: 1, tags: once }, { t: 1, a: 'F', tags: ['MB'] }, { t: 1, a: 'R', loc: 'x', v: 0, tags: once },
    ],
    rf: [[1, 4], [0, 7]],
  });
  const [o] = m.evaluate(sbmb);
  assert.equal(o.consistent, false);
  assert.equal(o.failed?.name, 'propagation');
});

test('LKMM: MP with smp_wmb()/smp_rmb() is forbidden (happens-before); plain accesses race', { skip }, () => {
  const m = lkmm();
  const once = ['ONCE'];
  // P0: x=1; wmb; y=1   P1: r1=y (1); rmb; r2=x (0)
  const mp = execution({
    events: [
      { a: 'W', loc: 'x', v: 0 }, { a: 'W', loc: 'y', v: 0 },
      { t: 0, a: 'W', loc: 'x', v: 1, tags: once }, { t: 0, a: 'F', tags: ['wmb'] }, { t: 0, a: 'W', loc: 'y', v: 1, tags: once },
      { t: 1, a: 'R', loc: 'y', v: 1, tags: once }, { t: 1, a: 'F', tags: ['rmb'] }, { t: 1, a: 'R', loc: 'x', v: 0, tags: once },
    ],
    rf: [[4, 5], [0, 7]],
  });
  const [o] = m.evaluate(mp);
  assert.equal(o.consistent, false);
  assert.equal(o.failed?.name, 'happens-before');
  // P0: x = 1 (plain)   P1: r = x (plain, reads 0): a data race.
  const race = execution({
    events: [{ a: 'W', loc: 'x', v: 0 }, { t: 0, a: 'W', loc: 'x', v: 1 }, { t: 1, a: 'R', loc: 'x', v: 0 }],
    rf: [[0, 2]],
  });
  const [r] = m.evaluate(race);
  assert.ok(r.consistent);
  assert.deepEqual(r.flags, ['data-race']);
});
