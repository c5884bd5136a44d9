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

const act = (e: TraceEvent | undefined): string => (e?.action as string | undefined) ?? '';
const isMemRead = (e: TraceEvent | undefined): boolean => act(e) === 'R';
const isMemWrite = (e: TraceEvent | undefined): boolean => act(e) === 'W';
const isCommit = (e: TraceEvent | undefined): boolean => act(e) === 'Commit';
const relevant = (e: TraceEvent | undefined): boolean => ['R', 'W', 'F', 'Commit'].includes(act(e));
const has = (e: TraceEvent | undefined, s: string): boolean => e?.sets?.includes(s) === true;

export function nativeDependencies(x: Input): { addr: EdgeList; data: EdgeList; ctrl: EdgeList } {
  const ev = x.events;
  const n = ev.length;
  // Register reads-from: each register read from the latest earlier write of its register.
  const rfReg: [number, number][] = [];
  ev.forEach((r, i) => {
    if (act(r) !== 'Rreg') return;
    for (let j = i - 1; j >= 0; j--) {
      const w = ev[j] as TraceEvent;
      if (act(w) === 'Wreg' && w.loc === r.loc && w.instr < r.instr) {
        rfReg.push([j, i]);
        break;
      }
    }
  });
  const inside = adjacency(n, [...rfReg, ...x.iicoData.filter(([a, b]) => !relevant(ev[a]) && !relevant(ev[b]))]);
  const iicoSucc = adjacency(n, x.iicoData);
  // dd_pre: a read, one iico_data step, then a non-empty chain of register steps.
  const ddPre: Set<number>[] = ev.map(() => new Set<number>());
  ev.forEach((e, r) => {
    if (!isMemRead(e)) return;
    const starts = [...(iicoSucc[r] as Set<number>)];
    for (const s of starts) for (const t of reach(inside, s)) (ddPre[r] as Set<number>).add(t);
  });
  const addr: [number, number][] = [];
  const data: [number, number][] = [];
  const dataToCommit: [number, number][] = [];
  ev.forEach((_, r) => {
    for (const mid of ddPre[r] as Set<number>) {
      for (const t of iicoSucc[mid] as Set<number>) {
        const dataPort = has(ev[mid], 'DATA');
        if (isCommit(ev[t])) dataToCommit.push([r, t]);
        if (isMemWrite(ev[t]) && dataPort) data.push([r, t]);
        if (isMemRead(ev[t]) || (isMemWrite(ev[t]) && !dataPort)) addr.push([r, t]);
      }
    }
  });
  // ctrl: from a read, through dd_pre, addr or data, to a branch; then po (BCC) or iico (PRED).
  const iicoAll = adjacency(n, [...x.iicoData, ...x.iicoCtrl]);
  const ctrl = new Set<string>();
  const out: [number, number][] = [];
  const toBranch = (r: number, c: number): void => {
    if (!isCommit(ev[c])) return;
    const bcc = has(ev[c], 'BCC');
    const targets = bcc ? ev.map((_, k) => k).filter((k) => (ev[k] as TraceEvent).instr > (ev[c] as TraceEvent).instr) : [...(iicoAll[c] as Set<number>)];
    for (const t of targets) {
      if (!relevant(ev[t])) continue;
      const key = `${r},${t}`;
      if (!ctrl.has(key)) {
        ctrl.add(key);
        out.push([r, t]);
      }
    }
  };
  ev.forEach((e, r) => {
    if (!isMemRead(e)) return;
    for (const c of ddPre[r] as Set<number>) toBranch(r, c);
  });
  for (const [r, c] of [...addr, ...data, ...dataToCommit]) toBranch(r, c);
  return { addr: dedupe(addr), data: dedupe(data), ctrl: out };
}

function adjacency(n: number, edges: EdgeList): Set<number>[] {
  const a = Array.from({ length: n }, () => new Set<number>());
  for (const [x, y] of edges) a[x]?.add(y);
  return a;
}

/** Nodes reachable from `s` by one or more edges. */
function reach(adj: readonly Set<number>[], s: number): Set<number> {
  const seen = new Set<number>();
  const todo = [s];
  while (todo.length > 0) {
    const x = todo.pop() as number;
    for (const y of adj[x] ?? []) {
      if (!seen.has(y)) {
        seen.add(y);
        todo.push(y);
      }
    }
  }
  return seen;
}

function dedupe(edges: readonly (readonly [number, number])[]): [number, number][] {
  const seen = new Set<string>();
  const out: [number, number][] = [];
  for (const [a, b] of edges) {
    const k = `${a},${b}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push([a, b]);
    }
  }
  return out;
}
