/**
 * Address, data and control dependencies as herd computes them itself for
 * models that do not (herd's ModelUtils.make_procrels): chains of intrinsic
 * data dependencies and register reads-from, starting at a memory read.
 * Models marked `catdep` (aarch64.cat) recompute them from the register
 * events instead, and these are then unused.
 */
import type { EdgeList, TraceEvent } from '../../exec/types.js';

interface Input {
  readonly events: readonly TraceEvent[];
  readonly iicoData: EdgeList;
  readonly iicoCtrl: EdgeList;
}

/** herd's native dependencies of one trace. */
export interface NativeDependencies {
  readonly addr: EdgeList;
  readonly data: EdgeList;
  readonly ctrl: EdgeList;
}

// Bits of an event's kind (see `kindOf`).
const READ = 1, WRITE = 2, COMMIT = 4, RELEVANT = 8, BCC = 16, DATA_PORT = 32;

function kindOf(e: TraceEvent): number {
  const a = e.action as string;
  let k = a === 'R' ? READ | RELEVANT : a === 'W' ? WRITE | RELEVANT : a === 'Commit' ? COMMIT | RELEVANT : a === 'F' ? RELEVANT : 0;
  if (e.sets?.includes('BCC') === true) k |= BCC;
  if (e.sets?.includes('DATA') === true) k |= DATA_PORT;
  return k;
}

/** Adjacency lists (absent: no successor), each successor once, in edge order. */
type Adjacency = readonly (number[] | undefined)[];

export function nativeDependencies(x: Input): NativeDependencies {
  const ev = x.events;
  const n = ev.length;
  const kind = ev.map(kindOf);
  // Register reads-from: each register read from the latest earlier write of its register.
  const inside: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const r = ev[i] as TraceEvent;
    if ((r.action as string) !== 'Rreg') continue;
    for (let j = i - 1; j >= 0; j--) {
      const w = ev[j] as TraceEvent;
      if ((w.action as string) === 'Wreg' && w.loc === r.loc && w.instr < r.instr) {
        inside.push([j, i]);
        break;
      }
    }
  }
  for (const e of x.iicoData) if (((kind[e[0]] as number) & RELEVANT) === 0 && ((kind[e[1]] as number) & RELEVANT) === 0) inside.push([e[0], e[1]]);
  const insideSucc = adjacency(n, inside);
  const iicoSucc = adjacency(n, x.iicoData);
  // dd_pre: a read, one iico_data step, then a non-empty chain of register steps.
  const ddPre: (number[] | undefined)[] = new Array(n);
  for (let r = 0; r < n; r++) {
    if (((kind[r] as number) & READ) === 0) continue;
    const found: number[] = [];
    const mark = new Uint8Array(n);
    for (const s of iicoSucc[r] ?? []) {
      for (const t of reach(insideSucc, s, n)) {
        if (mark[t] === 0) {
          mark[t] = 1;
          found.push(t);
        }
      }
    }
    ddPre[r] = found;
  }
  const addr: [number, number][] = [];
  const data: [number, number][] = [];
  const dataToCommit: [number, number][] = [];
  for (let r = 0; r < n; r++) {
    for (const mid of ddPre[r] ?? []) {
      const dataPort = ((kind[mid] as number) & DATA_PORT) !== 0;
      for (const t of iicoSucc[mid] ?? []) {
        const k = kind[t] as number;
        if ((k & COMMIT) !== 0) dataToCommit.push([r, t]);
        if ((k & WRITE) !== 0 && dataPort) data.push([r, t]);
        if ((k & READ) !== 0 || ((k & WRITE) !== 0 && !dataPort)) addr.push([r, t]);
      }
    }
  }
  // ctrl: from a read, through dd_pre, addr or data, to a branch; then po (BCC) or iico (PRED).
  const iicoAll = adjacency(n, [...x.iicoData, ...x.iicoCtrl]);
  const ctrlSeen = new Uint8Array(n * n);
  const ctrl: [number, number][] = [];
  const reached = (r: number, t: number): void => {
    if (((kind[t] as number) & RELEVANT) === 0 || ctrlSeen[r * n + t] === 1) return;
    ctrlSeen[r * n + t] = 1;
    ctrl.push([r, t]);
  };
  const toBranch = (r: number, c: number): void => {
    const k = kind[c] as number;
    if ((k & COMMIT) === 0) return;
    if ((k & BCC) !== 0) {
      const after = (ev[c] as TraceEvent).instr;
      for (let t = 0; t < n; t++) if ((ev[t] as TraceEvent).instr > after) reached(r, t);
    } else for (const t of iicoAll[c] ?? []) reached(r, t);
  };
  for (let r = 0; r < n; r++) {
    if (((kind[r] as number) & READ) === 0) continue;
    for (const c of ddPre[r] ?? []) toBranch(r, c);
  }
  for (const es of [addr, data, dataToCommit]) for (const [r, c] of es) toBranch(r, c);
  return { addr: dedupe(n, addr), data: dedupe(n, data), ctrl };
}

function adjacency(n: number, edges: EdgeList): Adjacency {
  const a = new Array<number[] | undefined>(n);
  for (const [x, y] of edges) {
    if (!(x >= 0 && x < n)) continue;
    const succ = a[x];
    if (succ === undefined) a[x] = [y];
    else if (!succ.includes(y)) succ.push(y);
  }
  return a;
}

/** Nodes reachable from `s` by one or more edges, in the order a depth-first search finds them. */
function reach(adj: Adjacency, s: number, n: number): number[] {
  const seen = new Uint8Array(n);
  const order: number[] = [];
  const todo = [s];
  while (todo.length > 0) {
    const x = todo.pop() as number;
    for (const y of adj[x] ?? []) {
      if (seen[y] !== 1) {
        seen[y] = 1;
        order.push(y);
        todo.push(y);
      }
    }
  }
  return order;
}

/** The edges in order, each once (events are below `n`). */
function dedupe(n: number, edges: readonly (readonly [number, number])[]): [number, number][] {
  const seen = new Uint8Array(n * n);
  const out: [number, number][] = [];
  for (const [a, b] of edges) {
    if (seen[a * n + b] === 1) continue;
    seen[a * n + b] = 1;
    out.push([a, b]);
  }
  return out;
}
