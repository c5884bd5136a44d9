/** Small combinatorial generators used by enumeration. */

/** The cartesian product of the given choice lists, as arrays (one element from each). */
export function* product<T>(choices: readonly (readonly T[])[]): Generator<T[]> {
  const n = choices.length;
  if (choices.some((c) => c.length === 0)) return;
  const idx = new Array<number>(n).fill(0);
  while (true) {
    yield idx.map((k, i) => (choices[i] as readonly T[])[k] as T);
    let i = n - 1;
    while (i >= 0) {
      const next = (idx[i] as number) + 1;
      if (next < (choices[i] as readonly T[]).length) {
        idx[i] = next;
        break;
      }
      idx[i] = 0;
      i--;
    }
    if (i < 0) return;
  }
}

/** Every permutation of `xs` (lexicographic in the input order). */
export function* permutations<T>(xs: readonly T[]): Generator<T[]> {
  if (xs.length <= 1) {
    yield [...xs];
    return;
  }
  for (let i = 0; i < xs.length; i++) {
    const rest = [...xs.slice(0, i), ...xs.slice(i + 1)];
    for (const p of permutations(rest)) yield [xs[i] as T, ...p];
  }
}
