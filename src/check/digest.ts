/**
 * weakmem's test digest: FNV-1a (64-bit, twice with different offsets, for
 * 128 bits) over the test text with comments and blank space folded. It
 * identifies a test's content; it is not herd's MD5-based `Hash`.
 */
export function digest(source: string): string {
  const text = source
    .replace(/\(\*[\s\S]*?\*\)/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return fnv1a64(text, 0xcbf29ce484222325n) + fnv1a64(text, 0x84222325cbf29ce4n);
}

function fnv1a64(text: string, offset: bigint): string {
  const prime = 0x100000001b3n;
  const mask = (1n << 64n) - 1n;
  let h = offset;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * prime) & mask;
  }
  return h.toString(16).padStart(16, '0');
}
