import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../../src/cat/lexer.js';
import { WeakmemError, DIAG_CODES } from '../../src/diag.js';

const kinds = (src: string): string[] => tokenize(src, 't.cat').map((t) => `${t.kind}:${t.text}`);

test('names may contain - . and a final quote; keywords are recognised', () => {
  assert.deepEqual(kinds("let po-loc = fence.r.r | r' | _RMW"), [
    'keyword:let', 'name:po-loc', 'punct:=', 'name:fence.r.r', 'punct:|', "name:r'", 'punct:|', 'name:_RMW', 'eof:',
  ]);
});

test('operators, tags, strings, _ and 0 are tokens', () => {
  assert.deepEqual(kinds(`r^-1 ++ 0 || _ -> 'rmb "lkmmv2" && ~a\\b`), [
    'name:r', 'punct:^', 'punct:-1', 'punct:++', 'punct:0', 'punct:||', 'punct:_', 'punct:->', 'tag:rmb', 'string:lkmmv2',
    'punct:&&', 'punct:~', 'name:a', 'punct:\\', 'name:b', 'eof:',
  ]);
});

test('comments: nested (* *), // and # to end of line', () => {
  assert.deepEqual(kinds('a (* x (* nested *) y *) b // c\n# d\ne'), ['name:a', 'name:b', 'name:e', 'eof:']);
});

test('tokens carry line:col spans', () => {
  const t = tokenize('let\n  x = y', 'f.cat');
  assert.deepEqual(t[1].span, { file: 'f.cat', line: 2, col: 3, endLine: 2, endCol: 3 });
  assert.deepEqual([t[3].span.line, t[3].span.col], [2, 7]);
});

test('an unterminated comment or a bad character is a MODEL_SYNTAX error with a position', () => {
  assert.throws(
    () => tokenize('let x = a\n (* oops', 'f.cat'),
    (e: unknown) => e instanceof WeakmemError && e.diagnostic.code === DIAG_CODES.MODEL_SYNTAX && e.diagnostic.span?.line === 2 && e.diagnostic.span.col === 2,
  );
  assert.throws(() => tokenize('let x = a $ b', 'f.cat'), (e: unknown) => e instanceof WeakmemError && e.diagnostic.span?.col === 11);
});
