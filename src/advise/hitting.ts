/**
 * Cheapest sets of fixes meeting a list of requirements. A requirement
 * says "kill this execution": one of its alternatives (a critical cycle)
 * must have every segment hit, and a segment is hit by any one of its
 * fixes. With one alternative per requirement this is the minimal-cost
 * hitting set problem over segments; alternatives make it a choice of
 * which cycle to break. Branch and bound: take the unmet requirement with
 * the fewest ways out, branch on the fixes of the first unhit segment of
 * each alternative, prune above the best cost, and keep every set of the
 * best cost. With positive costs, every cheapest set is also
 * inclusion-minimal.
 */

/** One way to meet a requirement: every segment (a list of fix ids) must contain a chosen fix. */
export type Alternative = readonly (readonly number[])[];

export interface Requirement {
  readonly alternatives: readonly Alternative[];
}

export interface SolveOptions {
  /** Cost of each fix id (positive). */
  readonly cost: (fix: number) => number;
  /** Two fixes that are never chosen together (e.g. two barriers at one point). */
  readonly conflict?: (a: number, b: number) => boolean;
  /** Give up after this many search nodes (the result is then the best found). */
  readonly maxNodes?: number;
}

export interface Solution {
  readonly cost: number;
  /** The cheapest sets, each sorted by fix id, in a stable order. */
  readonly sets: readonly (readonly number[])[];
  /** The search stopped at `maxNodes`. */
  readonly truncated: boolean;
}

const DEFAULT_MAX_NODES = 200_000;

/** Normalises requirements: sorted, duplicates and implied ones dropped, dominated alternatives dropped. */
export function simplify(reqs: readonly Requirement[]): Requirement[] {
  const norm = reqs.map((r) => {
    const alts = r.alternatives.map((a) => dedupeSegments(a.map((s) => [...new Set(s)].sort((x, y) => x - y))));
    // An alternative whose segments include all of another's is never the easier way out.
    const kept = alts.filter((a, i) => !alts.some((b, j) => j !== i && segmentsSubset(b, a) && (!segmentsSubset(a, b) || j < i)));
    return { alternatives: kept.sort(compareAlt) };
  });
  const byKey = new Map<string, Requirement>();
  for (const r of norm) byKey.set(JSON.stringify(r.alternatives), r);
  const uniq = [...byKey.values()];
  // A requirement whose alternatives include all of another's is implied by it.
  return uniq.filter((r, i) => !uniq.some((o, j) => j !== i && o.alternatives.length < r.alternatives.length && o.alternatives.every((a) => r.alternatives.some((b) => sameAlt(a, b)))));
}

/** Every cheapest set of fixes meeting all requirements (none when some requirement has no alternative). */
export function cheapestSets(reqs: readonly Requirement[], opts: SolveOptions): Solution {
  const maxNodes = opts.maxNodes ?? DEFAULT_MAX_NODES;
  let best = Infinity;
  let sets: number[][] = [];
  let nodes = 0;
  let truncated = false;
  const seen = new Set<string>();
  const chosen = new Set<number>();
  const hit = (seg: readonly number[]): boolean => seg.some((x) => chosen.has(x));
  const met = (r: Requirement): boolean => r.alternatives.some((a) => a.every(hit));
  const search = (cost: number): void => {
    if (cost > best) return;
    if (++nodes > maxNodes) {
      truncated = true;
      return;
    }
    let pick: Requirement | undefined;
    let width = Infinity;
    for (const r of reqs) {
      if (met(r)) continue;
      let w = 0;
      for (const a of r.alternatives) w += a.find((s) => !hit(s))?.length ?? 0;
      if (w < width) {
        width = w;
        pick = r;
      }
    }
    if (pick === undefined) {
      const set = [...chosen].sort((x, y) => x - y);
      if (cost < best) {
        best = cost;
        sets = [];
      }
      sets.push(set);
      return;
    }
    const options = new Set<number>();
    for (const a of pick.alternatives) for (const x of a.find((s) => !hit(s)) ?? []) options.add(x);
    const ordered = [...options].sort((x, y) => opts.cost(x) - opts.cost(y) || x - y);
    for (const x of ordered) {
      if (opts.conflict !== undefined && [...chosen].some((y) => opts.conflict?.(x, y) === true)) continue;
      chosen.add(x);
      const key = [...chosen].sort((p, q) => p - q).join(',');
      if (!seen.has(key)) {
        seen.add(key);
        search(cost + opts.cost(x));
      }
      chosen.delete(x);
    }
  };
  if (reqs.every((r) => r.alternatives.length > 0)) search(0);
  const uniq = new Map(sets.map((s) => [s.join(','), s]));
  return { cost: best, sets: [...uniq.values()].sort(compareSets), truncated };
}

function dedupeSegments(segs: number[][]): number[][] {
  const m = new Map(segs.map((s) => [s.join(','), s]));
  return [...m.values()].sort(compareSets);
}

function segmentsSubset(a: Alternative, b: Alternative): boolean {
  return a.every((s) => b.some((t) => s.length === t.length && s.every((x, i) => t[i] === x)));
}

function sameAlt(a: Alternative, b: Alternative): boolean {
  return segmentsSubset(a, b) && segmentsSubset(b, a);
}

function compareSets(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

function compareAlt(a: Alternative, b: Alternative): number {
  return JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0;
}
