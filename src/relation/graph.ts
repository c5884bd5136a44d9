/**
 * Graph algorithms on relations: acyclicity, shortest cycles, linear
 * extensions (herd's `linearisations`) and connected classes.
 */
import { EventSet, lowestBit } from './event-set.js';
import { Relation } from './relation.js';

/** Depth-first search state, reused from call to call (grown as needed): a colour and a stack slot per event. */
let colour = new Uint8Array(128);
let stack = new Int32Array(256);

/**
 * True when the relation has no cycle: an iterative depth-first search
 * over the non-empty rows (only they can be on a cycle). The stack holds
 * pairs (event, next word of its row to scan) and the bits of that word
 * not yet followed are recomputed from the colours.
 */
export function isAcyclic(r: Relation): boolean {
  const { n, w, bits, off, rows } = r;
  if (colour.length < n) colour = new Uint8Array(2 * n);
  if (stack.length < 2 * n + 2) stack = new Int32Array(4 * n + 4);
  const col = colour, st = stack;
  col.fill(0, 0, n);
  for (let q = 0; q < w; q++) {
    let roots = bits[rows + q] | 0;
    while (roots !== 0) {
      const root = (q << 5) + lowestBit(roots);
      roots &= roots - 1;
      if (col[root] !== 0) continue;
      col[root] = 1;
      st[0] = root;
      st[1] = 0;
      let sp = 2;
      while (sp > 0) {
        const i = st[sp - 2];
        let k = st[sp - 1], next = -1;
        for (; k < w && next < 0; k++) {
          let x = bits[off + i * w + k] & bits[rows + k];
          while (x !== 0) {
            const j = (k << 5) + lowestBit(x);
            x &= x - 1;
            if (col[j] === 1) return false;
            if (col[j] === 0) {
              next = j;
              break;
            }
          }
          if (next >= 0) break;
        }
        if (next < 0) {
          col[i] = 2;
          sp -= 2;
          continue;
        }
        // Resume this row at the same word: its visited successors are skipped by their colour.
        st[sp - 1] = k;
        col[next] = 1;
        st[sp] = next;
        st[sp + 1] = 0;
        sp += 2;
      }
    }
  }
  return true;
}

/**
 * One shortest cycle of the relation, as the list of its events
 * `[e0, e1, ..., ek]` with edges e0→e1→...→ek→e0; undefined when acyclic.
 * A self-loop yields `[e]`.
 */
export function shortestCycle(r: Relation): number[] | undefined {
  const { n, w, bits, off } = r;
  let best: number[] | undefined;
  for (let s = 0; s < n; s++) if (r.has(s, s)) return [s];
  const parent = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    parent.fill(-1);
    const queue = [s];
    let found = -1;
    for (let q = 0; q < queue.length && found < 0; q++) {
      const i = queue[q];
      for (let k = 0; k < w && found < 0; k++) {
        let x = bits[off + i * w + k] | 0;
        while (x !== 0) {
          const j = (k << 5) + lowestBit(x);
          x &= x - 1;
          if (j === s) {
            found = i;
            break;
          }
          if (parent[j] < 0 && j !== s) {
            parent[j] = i;
            queue.push(j);
          }
        }
      }
    }
    if (found >= 0) {
      const path: number[] = [];
      for (let v = found; v !== s; v = parent[v]) path.push(v);
      path.push(s);
      path.reverse();
      if (best === undefined || path.length < best.length) best = path;
      if (best.length === 2) return best;
    }
  }
  return best;
}

/**
 * All linear extensions of `r` restricted to `nodes`, each as a strict
 * total order on `nodes` (transitive). Edges with an end outside `nodes`
 * are ignored; a cycle among `nodes` (a self-loop included) yields no order.
 */
export function linearExtensions(nodes: EventSet, r: Relation): Relation[] {
  return linearOrders(nodes, r).map((order) => Relation.fromChains(nodes.n, [order]));
}

/** The linear extensions of `linearExtensions`, each as the sequence of the events of `nodes` in order. */
export function linearOrders(nodes: EventSet, r: Relation): number[][] {
  const m = nodes.size;
  if (m <= 2) {
    // The orders in which the search below finds them (the common case: a location's initial write and one other).
    const a = nodes.first();
    if (m === 0) return [[]];
    if (r.has(a, a)) return [];
    if (m === 1) return [[a]];
    const b = nextElement(nodes, a);
    if (r.has(b, b)) return [];
    const ab = r.has(a, b), ba = r.has(b, a);
    if (ba) return ab ? [] : [[b, a]];
    return ab ? [[a, b]] : [[a, b], [b, a]];
  }
  const elems = nodes.toArray();
  // preds[b * m + a]: elems[a] must come before elems[b].
  const preds = new Uint8Array(m * m);
  for (let b = 0; b < m; b++) for (let a = 0; a < m; a++) if (r.has(elems[a], elems[b])) preds[b * m + a] = 1;
  if (!acyclicMatrix(preds, m)) return [];
  const out: number[][] = [];
  const order: number[] = [];
  const placed = new Uint8Array(m);
  const extend = (): void => {
    if (order.length === m) {
      out.push(order.map((i) => elems[i]));
      return;
    }
    for (let a = 0; a < m; a++) {
      if (placed[a] !== 0) continue;
      let ready = true;
      for (let b = 0; b < m && ready; b++) if (placed[b] === 0 && preds[a * m + b] !== 0) ready = false;
      if (!ready) continue;
      placed[a] = 1;
      order.push(a);
      extend();
      order.pop();
      placed[a] = 0;
    }
  };
  extend();
  return out;
}

/** The least element of `s` above `i`, or -1. */
function nextElement(s: EventSet, i: number): number {
  for (let k = (i + 1) >>> 5; k < s.w; k++) {
    const x = k === (i + 1) >>> 5 ? s.word(k) & (-1 << ((i + 1) & 31)) : s.word(k);
    if (x !== 0) return (k << 5) + lowestBit(x);
  }
  return -1;
}

/** True when the m x m matrix `preds` (`preds[b * m + a]`: a before b) has no cycle (Kahn's algorithm). */
function acyclicMatrix(preds: Uint8Array, m: number): boolean {
  const waiting = new Int32Array(m);
  for (let b = 0; b < m; b++) for (let a = 0; a < m; a++) waiting[b] += preds[b * m + a];
  const ready: number[] = [];
  for (let b = 0; b < m; b++) if (waiting[b] === 0) ready.push(b);
  let done = 0;
  while (ready.length > 0) {
    const a = ready.pop() as number;
    done++;
    for (let b = 0; b < m; b++) if (preds[b * m + a] !== 0 && --waiting[b] === 0) ready.push(b);
  }
  return done === m;
}

/**
 * herd's `classes`: for each event with a successor (in increasing order)
 * not yet covered, the set of events reachable from it, itself included.
 * For an equivalence relation these are its classes.
 */
export function reachClasses(r: Relation): EventSet[] {
  const n = r.n;
  const plus = r.plus();
  let seen = EventSet.empty(n);
  const out: EventSet[] = [];
  const dom = r.domain();
  dom.forEach((i) => {
    if (seen.has(i)) return;
    const cc = plus.row(i).with(i);
    seen = seen.union(cc);
    out.push(cc);
  });
  return out;
}
