import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDiagnostic, DIAG_CODES, exitCodeFor, EXIT, WeakmemError, raise } from '../src/diag.js';

test('formatDiagnostic prints file:line:col, the line and a caret', () => {
  const src = 'P0(int *x) {\n  FOO(x);\n}\n';
  const text = formatDiagnostic(
    { code: DIAG_CODES.NOT_SUPPORTED, message: 'not supported: macro FOO', span: { file: 't.litmus', line: 2, col: 3, endLine: 2, endCol: 5 } },
    () => src,
  );
  assert.equal(text, 't.litmus:2:3: not supported: macro FOO\n  FOO(x);\n  ^^^');
});

test('exit codes: bounds are 3, input errors 2, usage 64', () => {
  assert.equal(exitCodeFor(DIAG_CODES.BOUND_EXCEEDED), EXIT.BOUND);
  assert.equal(exitCodeFor(DIAG_CODES.TIMEOUT), 3);
  assert.equal(exitCodeFor(DIAG_CODES.LITMUS_SYNTAX), 2);
  assert.equal(exitCodeFor(DIAG_CODES.USAGE), 64);
});

test('raise throws a WeakmemError carrying the diagnostic', () => {
  assert.throws(() => raise(DIAG_CODES.IO, 'cannot read x'), (e: unknown) => e instanceof WeakmemError && e.diagnostic.code === 'WM401');
});
