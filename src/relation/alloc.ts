/**
 * Word storage for relations. V8 allocates typed arrays over 64 bytes
 * outside the heap, at about ten times the cost of a small one; relations
 * of more than 16 events would pay it on every operation. Larger arrays
 * are therefore carved from shared chunks (a chunk is reclaimed by the
 * garbage collector once no relation uses it). This pool is the module's
 * only state and is not observable: every array returned is fresh and zeroed.
 */

/** Words per chunk. */
const CHUNK = 1 << 13;
/** Arrays up to this many words are allocated directly (on the V8 heap). */
const SMALL = 16;

let chunk = new Uint32Array(CHUNK);
let used = 0;

/** A zeroed array of `len` words. */
export function allocWords(len: number): Uint32Array {
  if (len <= SMALL || len > CHUNK >>> 2) return new Uint32Array(len);
  if (used + len > CHUNK) {
    chunk = new Uint32Array(CHUNK);
    used = 0;
  }
  const v = chunk.subarray(used, used + len);
  used += len;
  return v;
}

/** A copy of `src`. */
export function copyWords(src: Uint32Array): Uint32Array {
  const v = allocWords(src.length);
  v.set(src);
  return v;
}
