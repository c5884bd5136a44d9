/** Builds hand-made candidate executions for cat tests. */
import type { CandidateExecution, ExecutionEvent } from '../../src/enumerate/types.js';
import type { EventAction } from '../../src/exec/types.js';

export interface EventSpec {
  /** Thread; -1 (or omitted with `init`) for an initial write. */
  readonly t?: number;
  readonly a: EventAction;
  readonly loc?: string;
  readonly v?: number;
  readonly tags?: readonly string[];
  readonly sets?: readonly string[];
  /** Instruction index within the thread (defaults to the position). */
  readonly instr?: number;
}

export interface ExecSpec {
  readonly events: readonly EventSpec[];
  readonly rf?: readonly (readonly [number, number])[];
  readonly co?: readonly (readonly [number, number])[];
  readonly rmw?: readonly (readonly [number, number])[];
  readonly addr?: readonly (readonly [number, number])[];
  readonly data?: readonly (readonly [number, number])[];
  readonly ctrl?: readonly (readonly [number, number])[];
  /** Final writes; by default the last write of each location in event order. */
  readonly finalWrites?: readonly number[];
}

/** Events are numbered in order; po is the transitive program order of each thread. */
export function execution(s: ExecSpec): CandidateExecution {
  const pos = new Map<number, number>();
  const events: ExecutionEvent[] = s.events.map((e, id) => {
    const thread = e.t ?? -1;
    const poIndex = thread < 0 ? -1 : (pos.get(thread) ?? 0);
    if (thread >= 0) pos.set(thread, poIndex + 1);
    return {
      id, thread, poIndex, isInit: thread < 0, action: e.a, loc: e.loc, value: e.v, tags: e.tags ?? [],
      ...(e.sets !== undefined ? { sets: e.sets } : {}),
      instr: e.instr ?? poIndex, span: { file: 't', line: 1, col: 1 }, text: '',
    };
  });
  const po: [number, number][] = [];
  for (const a of events) for (const b of events) if (a.thread >= 0 && a.thread === b.thread && a.poIndex < b.poIndex) po.push([a.id, b.id]);
  const last = new Map<string, number>();
  for (const e of events) if (e.action === 'W' && e.loc !== undefined) last.set(e.loc, e.id);
  return {
    events, po, addr: s.addr ?? [], data: s.data ?? [], ctrl: s.ctrl ?? [], rmw: s.rmw ?? [], iicoData: [], iicoCtrl: [], iicoOrder: [],
    rf: s.rf ?? [], finalWrites: s.finalWrites ?? [...last.values()],
    ...(s.co !== undefined ? { co: s.co } : {}),
  };
}

/** Store buffering with both reads returning 0: 0,1 init x,y; 2,3 = P0 W x 1, R y; 4,5 = P1 W y 1, R x. */
export function sbExecution(withCo: boolean, tags: readonly string[] = ['ONCE']): CandidateExecution {
  return execution({
    events: [
      { a: 'W', loc: 'x', v: 0 }, { a: 'W', loc: 'y', v: 0 },
      { t: 0, a: 'W', loc: 'x', v: 1, tags }, { t: 0, a: 'R', loc: 'y', v: 0, tags },
      { t: 1, a: 'W', loc: 'y', v: 1, tags }, { t: 1, a: 'R', loc: 'x', v: 0, tags },
    ],
    rf: [[1, 3], [0, 5]],
    ...(withCo ? { co: [[0, 2], [1, 4]] } : {}),
  });
}
