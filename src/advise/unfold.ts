/**
 * Unfolding an edge of a derived relation (`hb`, `pb`, `rb`...) into base
 * edges: program order, rf/co/fr (internal or external), each fence, each
 * dependency, acquire and release. The base orderings are looked up by
 * name in the model's final environment (the toolkit's vocabulary), and a
 * derived edge becomes a shortest path through them. Plain program order
 * is used only when nothing else explains the edge: a derived edge between
 * two events of one thread is usually there because of a path through
 * other threads (cumulativity), and "po" alone would hide it.
 */
import { Relation } from '../relation/index.js';
import type { ExecutionFacts } from './facts.js';
import { vocabularyRelation, type BaseKind, type VocabularyEntry } from './toolkit.js';

/** One base edge of an explanation. */
export interface BaseEdge {
  readonly from: number;
  readonly to: number;
  /** `wmb`, `rfe`, `po`, `addr`, ... */
  readonly label: string;
  readonly kind: BaseKind;
}

/** Longest base path tried for one derived edge. */
const MAX_PATH = 12;

/** The base edges of one execution, labelled by priority. */
export class BaseGraph {
  /** Labelled edges except plain program order, by `from * n + to`. */
  private readonly labelled = new Map<number, BaseEdge>();
  private readonly succ: number[][];

  constructor(private readonly f: ExecutionFacts, vocabulary: readonly VocabularyEntry[]) {
    const n = f.n;
    const add = (r: Relation | undefined, label: (a: number, b: number) => string, kind: BaseKind): void => {
      r?.forEach((a, b) => {
        const k = a * n + b;
        if (!this.labelled.has(k)) this.labelled.set(k, { from: a, to: b, label: label(a, b), kind });
      });
    };
    for (const v of vocabulary) if (v.localOnly !== true) add(vocabularyRelation(f, v), () => v.label, v.kind);
    const side = (a: number, b: number): string => (f.external(a, b) ? 'e' : 'i');
    add(f.rf, (a, b) => `rf${side(a, b)}`, 'rf');
    add(immediate(f.co), (a, b) => `co${side(a, b)}`, 'co');
    add(f.co, (a, b) => `co${side(a, b)}`, 'co');
    add(f.fr, (a, b) => `fr${side(a, b)}`, 'fr');
    // Before co is chosen (a model's check on the co it is about to build), the initial write still comes first.
    add(f.relation('co0'), () => 'co', 'co');
    this.succ = Array.from({ length: n }, () => []);
    for (const e of this.labelled.values()) if (e.from !== e.to) (this.succ[e.from] as number[]).push(e.to);
    for (const s of this.succ) s.sort((a, b) => a - b);
  }

  /** The labelled base edge (a, b), if any (plain po excluded). */
  direct(a: number, b: number): BaseEdge | undefined {
    return this.labelled.get(a * this.f.n + b);
  }

  /** A base edge for (a, b) including program order (`po-loc` for one location). */
  directWithPo(a: number, b: number): BaseEdge | undefined {
    const d = this.direct(a, b);
    if (d !== undefined) return d;
    if (!this.f.po.has(a, b)) return undefined;
    const ea = this.f.event(a), eb = this.f.event(b);
    const sameLoc = ea.loc !== undefined && ea.loc === eb.loc && ea.action !== 'F' && eb.action !== 'F';
    return { from: a, to: b, label: sameLoc ? 'po-loc' : 'po', kind: 'po' };
  }

  /**
   * A shortest path from `a` to `b` (a cycle through `a` when a = b) of
   * labelled edges, plus program order when `withPo`, plus reads-from
   * walked backwards when `withRfInverse` (checks on a coherence order
   * still being built reason that way).
   */
  path(a: number, b: number, withPo: boolean, withRfInverse = false, avoidDirect = false): BaseEdge[] | undefined {
    const n = this.f.n;
    const rfInv = withRfInverse ? this.f.rf.inverse() : undefined;
    const next = (i: number): number[] => {
      if (!withPo) return this.succ[i] as number[];
      const out = new Set(this.succ[i]);
      this.f.po.row(i).forEach((j) => {
        out.add(j);
      });
      rfInv?.row(i).forEach((j) => {
        out.add(j);
      });
      return [...out].sort((x, y) => x - y);
    };
    // A cycle must go through memory: one made of one thread's program order and
    // critical-section edges alone explains nothing. States are (event, communicated yet).
    const needCom = a === b;
    const isCom = (i: number, j: number): boolean => {
      const k = this.direct(i, j)?.kind;
      return k === 'rf' || k === 'co' || k === 'fr' || (rfInv?.has(i, j) ?? false);
    };
    const state = (v: number, c: boolean): number => v * 2 + (c ? 1 : 0);
    const parent = new Int32Array(2 * n).fill(-1);
    const depth = new Int32Array(2 * n).fill(0);
    const start = state(a, false);
    parent[start] = start;
    const queue = [start];
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q] as number;
      const i = s >> 1;
      if ((depth[s] as number) >= MAX_PATH) continue;
      for (const j of next(i)) {
        const c = (s & 1) === 1 || isCom(i, j);
        const t = state(j, c);
        if (j === b && avoidDirect && i === a) continue;
        if (j === b && (c || !needCom)) {
          const nodes = [b];
          for (let v = s; v !== start; v = parent[v] as number) nodes.push(v >> 1);
          nodes.push(a);
          nodes.reverse();
          const out: BaseEdge[] = [];
          for (let k = 0; k + 1 < nodes.length; k++) out.push(this.edge(nodes[k] as number, nodes[k + 1] as number, withPo));
          return out;
        }
        if (parent[t] < 0 && j !== a) {
          parent[t] = s;
          depth[t] = (depth[s] as number) + 1;
          queue.push(t);
        }
      }
    }
    return undefined;
  }

  private edge(a: number, b: number, withPo: boolean): BaseEdge {
    const e = withPo ? this.directWithPo(a, b) : this.direct(a, b);
    if (e !== undefined) return e;
    // Only the third stage walks rf backwards: "reads from".
    return this.f.rf.has(b, a) ? { from: a, to: b, label: 'rf^-1', kind: 'rf' } : { from: a, to: b, label: '?', kind: 'derived' };
  }

  /**
   * The base edges explaining the edge (a, b) of relation `name`: itself
   * when it is a base edge, else a shortest path avoiding plain program
   * order, else one through it, else the edge itself labelled `name`.
   */
  unfoldEdge(a: number, b: number, name: string): BaseEdge[] {
    if (a !== b) {
      const d = this.direct(a, b);
      if (d !== undefined) return [d];
      const p = this.directWithPo(a, b);
      if (p !== undefined && p.label === 'po-loc') return [p];
    }
    const viaOrdering = this.path(a, b, false);
    if (viaOrdering !== undefined) return viaOrdering;
    if (a !== b) {
      const p = this.directWithPo(a, b);
      if (p !== undefined) return [p];
    }
    return this.path(a, b, true) ?? this.path(a, b, true, true) ?? [{ from: a, to: b, label: name, kind: 'derived' }];
  }

  /**
   * Another base path from `a` to `b` than the edge itself (why a pair is
   * also in the other operand of an intersection), else a path back from
   * `b` to `a` (an intersection with an inverse); undefined if neither.
   */
  otherPath(a: number, b: number): { readonly back: boolean; readonly edges: BaseEdge[] } | undefined {
    const fwd = this.path(a, b, false, false, true) ?? this.path(a, b, true, false, true);
    if (fwd !== undefined) return { back: false, edges: fwd };
    const back = this.path(b, a, false) ?? this.path(b, a, true);
    return back !== undefined ? { back: true, edges: back } : undefined;
  }

  /** A cycle `[e0, ..., ek]` of relation `name`, unfolded and rotated to start at its first event. */
  unfoldCycle(cycle: readonly number[], name: string): BaseEdge[] {
    const out: BaseEdge[] = [];
    for (let i = 0; i < cycle.length; i++) {
      out.push(...this.unfoldEdge(cycle[i] as number, cycle[(i + 1) % cycle.length] as number, name));
    }
    return rotateToFirst(this.f, out);
  }
}

/** The immediate (covering) pairs of a transitive relation. */
function immediate(r: Relation): Relation {
  return r.diff(r.seq(r));
}

/** Rotates a cycle of edges to start at its event with the lowest (thread, program position); initial writes last. */
export function rotateToFirst(f: ExecutionFacts, edges: readonly BaseEdge[]): BaseEdge[] {
  if (edges.length === 0) return [];
  const rank = (id: number): number => {
    const e = f.event(id);
    return e.isInit ? 1e9 + id : e.thread * 1e5 + e.poIndex;
  };
  let best = 0;
  edges.forEach((e, i) => {
    if (rank(e.from) < rank((edges[best] as BaseEdge).from)) best = i;
  });
  return [...edges.slice(best), ...edges.slice(0, best)];
}
