/**
 * Events in words: `P0 line 14 WRITE_ONCE(*regs, 42)`, the way a reviewer
 * points at a line of the test, and the same as data for `--json`.
 */
import type { ExecutionEvent } from '../enumerate/types.js';
import type { Value } from '../litmus/types.js';
import type { ExecutionFacts } from './facts.js';

/** An event as `--json` prints it. */
export interface EventRef {
  /** Event id in the execution. */
  readonly id: number;
  /** Thread number; -1 for an initial write. */
  readonly thread: number;
  /** Source line of the statement (0 for an initial write). */
  readonly line: number;
  /** The statement as written, without its `;`. */
  readonly text: string;
  /** `R`, `W`, `F`, ... */
  readonly action: string;
  readonly loc?: string;
  readonly value?: Value;
  /** The description used in text output. */
  readonly words: string;
}

/** `P0 line 14 WRITE_ONCE(*regs, 42)`; `the initial value of regs`. */
export function eventWords(f: ExecutionFacts, id: number): string {
  const e = f.event(id);
  if (e.isInit) return `the initial value of ${e.loc ?? '?'}`;
  let s = `P${e.thread} line ${e.span.line} ${statementText(e)}`;
  if (sharesStatement(f, e)) s += ` (its ${e.action === 'R' ? 'read' : e.action === 'W' ? 'write' : e.action} of ${e.loc ?? '?'})`;
  return s;
}

export function eventRef(f: ExecutionFacts, id: number): EventRef {
  const e = f.event(id);
  return {
    id,
    thread: e.thread,
    line: e.isInit ? 0 : e.span.line,
    text: e.isInit ? `${e.loc ?? '?'} = ${String(e.value ?? 0)}` : statementText(e),
    action: e.action,
    ...(e.loc !== undefined ? { loc: e.loc } : {}),
    ...(e.value !== undefined ? { value: e.value } : {}),
    words: eventWords(f, id),
  };
}

/** The statement text of an event, without a final `;`. */
export function statementText(e: ExecutionEvent): string {
  return e.text.replace(/\s*;\s*$/, '');
}

/** `x=1`, for values in sentences. */
export function valueWords(v: Value | undefined): string {
  return v === undefined ? '?' : String(v);
}

function sharesStatement(f: ExecutionFacts, e: ExecutionEvent): boolean {
  return f.events.some((o) => o.id !== e.id && o.thread === e.thread && o.instr === e.instr && (o.action === 'R' || o.action === 'W'));
}
