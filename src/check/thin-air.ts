/**
 * Values no write determines. When reads-from closes a cycle through data
 * dependencies (P0 copies x to y while P1 copies y to x) and the model
 * accepts it, the values on the cycle justify themselves: herd solves its
 * value equations, finds these undetermined and keeps them symbolic, as
 * one execution whose state shows no number. Our enumeration gives such a
 * cycle concrete values instead, one candidate per value the domain
 * offers. The two agree only when nothing shown, no branch, no address and
 * no comparison depends on the undetermined values, and the cycle takes a
 * single value; anything else is refused, never answered differently.
 */
import { notSupported } from '../diag.js';
import type { Candidate } from '../enumerate/candidates.js';
import type { StateKey } from '../litmus/types.js';

/** What the thin-air check needs to know of the test. */
export interface ThinAirScope {
  /** Keys whose values are shown or filtered on. */
  readonly keys: readonly StateKey[];
  /** The locations a memory key stands for (elements of a whole array). */
  readonly locsOf: (k: StateKey) => readonly string[];
}

/**
 * Checks each accepted candidate for undetermined values; refuses the test
 * (`not supported`) when they could make our answer differ from herd's.
 */
export class ThinAirCheck {
  /** Candidates with undetermined values, up to those values. */
  private readonly seen = new Set<string>();

  constructor(private readonly scope: ThinAirScope) {}

  /** Applies to candidates whose traces say where their values come from. */
  static applies(cand: Candidate): boolean {
    return cand.execution.data.length > 0 && cand.traces.every((t) => t.valueSources !== undefined);
  }

  accept(cand: Candidate): void {
    const x = cand.execution;
    const undetermined = undeterminedReads(cand);
    if (undetermined.size === 0) return;
    const first = x.events[Math.min(...undetermined)];
    const refuse = (why: string): never =>
      notSupported(
        `out-of-thin-air values: the value of ${first?.text ?? 'a read'} comes from a cycle of reads-from and data dependencies that no write determines, and ${why} (herd keeps such values symbolic)`,
        first?.span,
      );
    const offsets = threadOffsets(cand);
    const uses = (t: number, sources: readonly number[]): boolean =>
      sources.some((i) => undetermined.has((offsets[t] as number) + i));
    cand.traces.forEach((tr, t) => {
      if (uses(t, tr.valueSources?.decisions ?? [])) refuse('a branch or comparison depends on it');
    });
    for (const [a] of x.addr) if (undetermined.has(a)) refuse('an address depends on it');
    const undeterminedWrites = writesOnCycle(cand, undetermined);
    for (const k of this.scope.keys) {
      if (k.kind === 'reg') {
        const tr = cand.traces[k.thread];
        if (tr !== undefined && uses(k.thread, tr.valueSources?.regs.get(k.reg) ?? [])) refuse(`the condition reads it in ${k.thread}:${k.reg}`);
      } else {
        for (const loc of this.scope.locsOf(k)) {
          for (const w of x.finalWrites) {
            if (x.events[w]?.loc === loc && undeterminedWrites.has(w)) refuse(`the condition reads it in ${loc}`);
          }
        }
      }
    }
    const key = signature(cand, undetermined);
    if (this.seen.has(key)) refuse('the cycle can take more than one value');
    this.seen.add(key);
  }
}

/** Where each thread's events start among the execution's events. */
function threadOffsets(cand: Candidate): number[] {
  const offsets: number[] = [];
  for (const e of cand.execution.events) if (e.thread >= 0 && offsets[e.thread] === undefined) offsets[e.thread] = e.id - e.poIndex;
  return offsets;
}

/**
 * The reads whose value no write determines: a write is determined when it
 * is initial or every read its value depends on is; a read, when the write
 * it reads from is. The least solution leaves the self-justified cycles.
 */
function undeterminedReads(cand: Candidate): Set<number> {
  const x = cand.execution;
  const sourcesOf = new Map<number, number[]>();
  for (const [r, w] of x.data) {
    const l = sourcesOf.get(w);
    if (l === undefined) sourcesOf.set(w, [r]);
    else l.push(r);
  }
  // Most candidates read no value a data dependency computed: every read is then determined.
  if (!x.rf.some(([w]) => sourcesOf.has(w))) return new Set();
  const writerOf = new Map<number, number>();
  for (const [w, r] of x.rf) writerOf.set(r, w);
  const determined = new Set<number>();
  for (const e of x.events) if (e.action === 'W' && !sourcesOf.has(e.id)) determined.add(e.id);
  // Reads outside native rf (lock reads) take no value from a write.
  for (const e of x.events) if (e.action !== 'W' && !writerOf.has(e.id)) determined.add(e.id);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [r, w] of writerOf) {
      if (!determined.has(r) && determined.has(w)) {
        determined.add(r);
        changed = true;
      }
    }
    for (const [w, rs] of sourcesOf) {
      if (!determined.has(w) && rs.every((r) => determined.has(r))) {
        determined.add(w);
        changed = true;
      }
    }
  }
  const out = new Set<number>();
  for (const r of writerOf.keys()) if (!determined.has(r)) out.add(r);
  return out;
}

/** The writes whose value depends on an undetermined read. */
function writesOnCycle(cand: Candidate, undetermined: ReadonlySet<number>): Set<number> {
  const out = new Set<number>();
  for (const [r, w] of cand.execution.data) if (undetermined.has(r)) out.add(w);
  return out;
}

/** The candidate with its undetermined values left out: herd's one symbolic execution. */
function signature(cand: Candidate, undetermined: ReadonlySet<number>): string {
  const x = cand.execution;
  const events = x.events.map((e) => `${e.thread}:${e.action}${e.loc ?? ''}=${undetermined.has(e.id) || e.action === 'W' ? '' : String(e.value)}`).join(' ');
  const rel = (es: readonly (readonly [number, number])[] | undefined): string => (es ?? []).map(([a, b]) => `${a}>${b}`).join(',');
  return `${events}|${rel(x.rf)}|${rel(x.co)}|${x.finalWrites.join(',')}`;
}
