/**
 * One judged execution seen as facts an explanation can quote: its events
 * with their source lines, program order, and the communication relations
 * (rf, co, fr) as the model finally bound them — a model that builds `co`
 * itself (`with co from`) or widens `rf` to lock events is asked by name.
 */
import type { JudgedExecution } from '../check/check.js';
import type { ModelOutcome } from '../cat/index.js';
import type { CandidateExecution, ExecutionEvent } from '../enumerate/types.js';
import type { EdgeList } from '../exec/types.js';
import { Relation } from '../relation/index.js';

/** A relation as pairs, or undefined when the model binds no relation of that name. */
export function namedRelation(outcome: ModelOutcome, n: number, name: string): Relation | undefined {
  const v = outcome.lookup(name);
  if (v === undefined) return undefined;
  if (v.length === 0) return Relation.empty(n);
  if (!Array.isArray(v[0])) return undefined;
  return Relation.fromEdges(n, v as EdgeList);
}

export class ExecutionFacts {
  readonly x: CandidateExecution;
  readonly outcome: ModelOutcome;
  readonly n: number;
  readonly events: readonly ExecutionEvent[];
  readonly po: Relation;
  readonly rf: Relation;
  readonly co: Relation;
  readonly fr: Relation;
  private readonly named = new Map<string, Relation | undefined>();

  constructor(readonly judged: JudgedExecution) {
    this.x = judged.candidate.execution;
    this.outcome = judged.outcome;
    this.events = this.x.events;
    this.n = this.events.length;
    this.po = Relation.fromEdges(this.n, this.x.po);
    this.rf = this.relation('rf') ?? Relation.fromEdges(this.n, this.x.rf);
    this.co = this.relation('co') ?? Relation.fromEdges(this.n, this.x.co ?? []);
    this.fr = this.relation('fr') ?? this.rf.inverse().seq(this.co);
  }

  /** A relation the model binds (memoised); undefined when unbound or a set. */
  relation(name: string): Relation | undefined {
    if (!this.named.has(name)) this.named.set(name, namedRelation(this.outcome, this.n, name));
    return this.named.get(name);
  }

  event(id: number): ExecutionEvent {
    const e = this.events[id];
    if (e === undefined) throw new Error(`no event ${id}`);
    return e;
  }

  /** True when the two events are on different threads (initial writes are on none). */
  external(a: number, b: number): boolean {
    return this.event(a).thread !== this.event(b).thread;
  }

  /** Memory accesses of the threads (reads and writes, both halves of RMWs), not initial writes. */
  isAccess(id: number): boolean {
    const e = this.event(id);
    return !e.isInit && (e.action === 'R' || e.action === 'W');
  }

  /** Events of `thread` in program order. */
  threadEvents(thread: number): ExecutionEvent[] {
    return this.events.filter((e) => e.thread === thread).sort((a, b) => a.poIndex - b.poIndex);
  }

  get threadCount(): number {
    let m = -1;
    for (const e of this.events) m = Math.max(m, e.thread);
    return m + 1;
  }

  /** The write `read` takes its value from, if any. */
  writerOf(read: number): number | undefined {
    for (let w = 0; w < this.n; w++) if (this.rf.has(w, read)) return w;
    return undefined;
  }

  /** The writes to `loc` in coherence order (the initial write first). */
  coherenceOrder(loc: string): number[] {
    const ws = this.events.filter((e) => (e.action === 'W' || e.isInit) && e.loc === loc).map((e) => e.id);
    const before = (a: number): number => ws.filter((b) => this.co.has(b, a)).length;
    return ws.sort((a, b) => before(a) - before(b) || a - b);
  }
}
