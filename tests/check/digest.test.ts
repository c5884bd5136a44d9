import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { digest, fnv1a64 } from '../../src/check/digest.js';

/** FNV-1a 64 as specified, with BigInt arithmetic. */
function reference(text: string, offset: bigint): string {
  let h = offset;
  for (let i = 0; i < text.length; i++) h = ((h ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n) & ((1n << 64n) - 1n);
  return h.toString(16).padStart(16, '0');
}

test('FNV-1a 64 on 32-bit halves agrees with the BigInt definition', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
      assert.equal(fnv1a64(s, 0xcbf29ce4, 0x84222325), reference(s, 0xcbf29ce484222325n));
      assert.equal(fnv1a64(s, 0x84222325, 0xcbf29ce4), reference(s, 0x84222325cbf29ce4n));
    }),
  );
  assert.equal(fnv1a64('', 0xcbf29ce4, 0x84222325), 'cbf29ce484222325');
  assert.equal(fnv1a64('a', 0xcbf29ce4, 0x84222325), 'af63dc4c8601ec8c');
});

test('the digest folds comments and blank space', () => {
  assert.equal(digest('AArch64 T\n(* c *)\n{ }\n  P0 ;'), digest('AArch64 T { } P0 ;'));
  assert.notEqual(digest('AArch64 T { } P0 ;'), digest('AArch64 U { } P0 ;'));
});
