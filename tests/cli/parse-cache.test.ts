/** The on-disk parse cache: same results as parsing, reused only for the same text and build. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from '../../src/api/session.js';
import { CAT_LIBRARY, parseCat } from '../../src/cat/index.js';
import { diskParseCache } from '../../src/cli/parse-cache.js';
import { nodeResolver } from '../../src/cli/resolver.js';
import { herdText } from '../../src/report/herd.js';
import { MODEL_FILES } from '../../src/models/index.js';
import { read } from '../support/run.js';

const examples = join(import.meta.dirname, '..', '..', 'examples');

function withDir(f: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'wm-parse-cache-'));
  try {
    f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a cached value is reused for the same kind, path, text and build, and only then', () => {
  withDir((dir) => {
    let calls = 0;
    const parse = (): { n: number } => ({ n: ++calls });
    const a = diskParseCache(dir, 'build-1');
    assert.deepEqual(a.memo('cat', 'm.cat', 'text', parse), { n: 1 });
    assert.deepEqual(a.memo('cat', 'm.cat', 'text', parse), { n: 1 }, 'read back');
    assert.deepEqual(a.memo('cat', 'm.cat', 'other text', parse), { n: 2 });
    assert.deepEqual(a.memo('def', 'm.cat', 'text', parse), { n: 3 }, 'another kind');
    assert.deepEqual(a.memo('cat', 'n.cat', 'text', parse), { n: 4 }, 'another path');
    assert.deepEqual(diskParseCache(dir, 'build-2').memo('cat', 'm.cat', 'text', parse), { n: 5 }, 'another build');
  });
});

test('a damaged entry or an unwritable folder means parsing again, never an error', () => {
  withDir((dir) => {
    const c = diskParseCache(dir, 'b');
    c.memo('cat', 'm.cat', 'text', () => 1);
    for (const f of readdirSync(dir)) writeFileSync(join(dir, f), '{"build": "b", "kind": "cat", ');
    assert.equal(c.memo('cat', 'm.cat', 'text', () => 2), 2);
    writeFileSync(join(dir, 'file'), '');
    assert.equal(diskParseCache(join(dir, 'file', 'sub'), 'b').memo('cat', 'm.cat', 'text', () => 3), 3);
  });
});

test('cat files survive the cache unchanged', () => {
  withDir((dir) => {
    const c = diskParseCache(dir, 'b');
    const texts: [string, string][] = [...Object.entries(CAT_LIBRARY), ...Object.entries(MODEL_FILES)];
    for (const [name, text] of texts) {
      if (!/\.(cat|bell)$/.test(name)) continue;
      const parsed = parseCat(text, name);
      c.memo('cat', name, text, () => parsed);
      assert.deepEqual(c.memo('cat', name, text, () => assert.fail('parsed again')), JSON.parse(JSON.stringify(parsed)), name);
    }
  });
});

test('results are the same with the cache cold and warm (models and macro files)', () => {
  withDir((dir) => {
    const session = (): Session =>
      new Session({ resolver: nodeResolver([]), variants: [], skipChecks: [], maxExecutions: 100_000, parseCache: diskParseCache(dir, 'b') });
    const files = [
      join(examples, 'vcpu-up+wmb+rmb.litmus'),
      join(examples, 'vcpu-up+lock+lock.litmus'),
      join(import.meta.dirname, '..', 'litmus-suite', 'aarch64', 'MP+dmb.sy+addr.litmus'),
    ];
    const run = (): string[] => {
      const s = session();
      return files.map((f) => herdText(s.check(read(f), f), { time: false }));
    };
    const cold = run();
    assert.ok(readdirSync(dir).some((f) => f.startsWith('def-')), 'the macro file is cached');
    assert.deepEqual(run(), cold);
  });
});
