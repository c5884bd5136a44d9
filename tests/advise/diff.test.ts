import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unifiedDiff } from '../../src/advise/diff.js';

test('an insertion gives one hunk with three lines of context', () => {
  const a = 'one\ntwo\nthree\nfour\nfive\nsix\n';
  const b = 'one\ntwo\nthree\nNEW\nfour\nfive\nsix\n';
  assert.equal(unifiedDiff(a, b, 't.litmus'), '--- a/t.litmus\n+++ b/t.litmus\n@@ -1,6 +1,7 @@\n one\n two\n three\n+NEW\n four\n five\n six\n');
});

test('far-apart changes give two hunks; equal texts give no diff', () => {
  const lines = Array.from({ length: 20 }, (_, i) => `l${i}`);
  const b = [...lines];
  b[2] = 'X';
  b[17] = 'Y';
  const d = unifiedDiff(lines.join('\n') + '\n', b.join('\n') + '\n', 'f');
  assert.equal((d.match(/^@@/gm) ?? []).length, 2);
  assert.match(d, /^-l2\n\+X$/m);
  assert.equal(unifiedDiff('a\n', 'a\n', 'f'), '');
});
