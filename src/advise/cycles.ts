/**
 * Critical cycles of an execution (Shasha and Snir's delay sets, as used
 * by Alglave et al., "Don't sit on the fence"): cycles made of one
 * program-order segment per thread, each thread visited at most once,
 * joined by external communication edges (rfe, coe, fre). Under
 * sequential consistency every such cycle is impossible; a weak model
 * allows one when some segment is left unordered, so ordering every
 * segment of one cycle (strongly enough) is what forbids the execution.
 */
import { Relation } from '../relation/index.js';
import type { ExecutionFacts } from './facts.js';
import { vocabularyRelation, type VocabularyEntry } from './toolkit.js';

/** Events `from` .. `to` of one thread in program order (`from === to`: the cycle only passes through). */
export interface Segment {
  readonly thread: number;
  readonly from: number;
  readonly to: number;
}

/** A communication edge between two threads. */
export interface ComEdge {
  readonly from: number;
  readonly to: number;
  /** `rfe`, `coe` or `fre`. */
  readonly label: 'rfe' | 'coe' | 'fre';
}

export interface CriticalCycle {
  /** Segments in order; `coms[i]` goes from `segments[i].to` to `segments[i + 1].from` (and the last back to the first). */
  readonly segments: readonly Segment[];
  readonly coms: readonly ComEdge[];
}

/** At most this many cycles per execution (bigger tests still give their shortest ones first). */
const MAX_CYCLES = 400;

/** The critical cycles of an execution, shortest first. */
export function criticalCycles(f: ExecutionFacts, limit = MAX_CYCLES): CriticalCycle[] {
  const accesses = f.events.filter((e) => f.isAccess(e.id));
  const byThread = new Map<number, number[]>();
  for (const e of accesses) byThread.set(e.thread, [...(byThread.get(e.thread) ?? []), e.id]);
  const com = new Map<number, ComEdge[]>();
  const addCom = (r: Relation, label: ComEdge['label']): void => {
    r.forEach((a, b) => {
      if (a === b || !f.isAccess(a) || !f.isAccess(b) || !f.external(a, b)) return;
      com.set(a, [...(com.get(a) ?? []), { from: a, to: b, label }]);
    });
  };
  addCom(f.rf, 'rfe');
  addCom(f.co, 'coe');
  addCom(f.fr, 'fre');
  const ends = (a: number): number[] => (byThread.get(f.event(a).thread) ?? []).filter((b) => b === a || f.po.has(a, b));
  const out: CriticalCycle[] = [];
  const threads = [...byThread.keys()].sort((x, y) => x - y);
  const segs: Segment[] = [];
  const coms: ComEdge[] = [];
  const visited = new Set<number>();
  const dfs = (t0: number, a0: number): void => {
    if (out.length >= limit) return;
    const last = segs[segs.length - 1] as Segment;
    for (const c of com.get(last.to) ?? []) {
      const tc = f.event(c.to).thread;
      if (c.to === a0 && segs.length >= 2) {
        out.push({ segments: [...segs], coms: [...coms, c] });
        continue;
      }
      if (tc <= t0 || visited.has(tc)) continue;
      for (const d of ends(c.to)) {
        segs.push({ thread: tc, from: c.to, to: d });
        coms.push(c);
        visited.add(tc);
        dfs(t0, a0);
        visited.delete(tc);
        coms.pop();
        segs.pop();
      }
    }
  };
  for (const t0 of threads) {
    for (const a0 of byThread.get(t0) ?? []) {
      for (const b0 of ends(a0)) {
        segs.push({ thread: t0, from: a0, to: b0 });
        visited.add(t0);
        dfs(t0, a0);
        visited.delete(t0);
        segs.pop();
      }
    }
  }
  return out.sort((x, y) => cycleSize(x) - cycleSize(y));
}

function cycleSize(c: CriticalCycle): number {
  return c.segments.reduce((n, s) => n + (s.from === s.to ? 1 : 2), 0);
}

/**
 * What already orders pairs of one thread in an execution: the model's
 * fences, acquires, releases and lock handovers (by vocabulary), its local
 * order (a `localOnly` entry: Arm's `lob`), its preserved program order
 * `ppo` when it binds one (else the dependencies), closed transitively.
 */
export class LocalOrder {
  private readonly order: Relation;

  constructor(private readonly f: ExecutionFacts, vocabulary: readonly VocabularyEntry[]) {
    let r = Relation.empty(f.n);
    for (const v of vocabulary) {
      if (v.kind !== 'fence' && v.kind !== 'acqrel' && v.kind !== 'sync' && v.localOnly !== true) continue;
      const rel = vocabularyRelation(f, v);
      if (rel !== undefined) r = r.union(rel);
    }
    const ppo = f.relation('ppo');
    if (ppo !== undefined) r = r.union(ppo);
    else {
      const writes = Relation.filter(f.n, (a, b) => a === b && f.event(a).action === 'W');
      for (const name of ['addr', 'data']) r = r.union(f.relation(name) ?? Relation.empty(f.n));
      r = r.union((f.relation('ctrl') ?? Relation.empty(f.n)).seq(writes));
    }
    this.order = r.filter((a, b) => !f.external(a, b)).plus();
  }

  ordered(a: number, b: number): boolean {
    return a === b || this.order.has(a, b);
  }

  /** The segments of a cycle that nothing orders. */
  unordered(c: CriticalCycle): Segment[] {
    return c.segments.filter((s) => !this.ordered(s.from, s.to));
  }

  get facts(): ExecutionFacts {
    return this.f;
  }
}
