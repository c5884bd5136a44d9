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
  return fnv1a64(text, 0xcbf29ce4, 0x84222325) + fnv1a64(text, 0x84222325, 0xcbf29ce4);
}

/**
 * FNV-1a over the UTF-16 code units of `text`, 64 bits kept as two 32-bit
 * halves (BigInt arithmetic costs an allocation per step). The prime is
 * 2^40 + 0x1b3: h * prime = h * 0x1b3 + (h << 40), modulo 2^64.
 */
export function fnv1a64(text: string, offsetHigh: number, offsetLow: number): string {
  let hi = offsetHigh >>> 0, lo = offsetLow >>> 0;
  for (let i = 0; i < text.length; i++) {
    lo = (lo ^ text.charCodeAt(i)) >>> 0;
    // Every intermediate is an exact integer below 2^53.
    const low = lo * 0x1b3;
    hi = (hi * 0x1b3 + Math.floor(low / 0x100000000) + ((lo << 8) >>> 0)) >>> 0;
    lo = low >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
