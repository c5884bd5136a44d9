/** Helpers for the AArch64 semantics tests: run a small test and describe its traces compactly. */
import assert from 'node:assert/strict';
import { WeakmemError } from '../../../src/diag.js';
import { parseAArch64Litmus } from '../../../src/litmus/aarch64/parse.js';
import { aarch64Semantics } from '../../../src/exec/aarch64/index.js';
import type { AsmTrace } from '../../../src/arch/asm/trace.js';
import type { TraceEvent } from '../../../src/exec/types.js';
import type { Value } from '../../../src/litmus/types.js';

/** Builds a one- or two-thread test from its thread code and initial state. */
export function test1(code: string, init = '0:X1=x; 0:X3=y;'): string {
  return `AArch64 T\n{ ${init} }\n${code}\nexists (0:X0=0)\n`;
}

/** All traces of thread `t`, reads returning any of `values` (or the initial value). */
export function traces(text: string, t = 0, values: (loc: string) => readonly Value[] = () => [0]): AsmTrace[] {
  const test = parseAArch64Litmus(text, 't.litmus');
  return aarch64Semantics(test).traces(t, values);
}

/** An event as `R x=0 [A]`, `Rreg X1 [ADDR]`, `F [DMB.ISH]`. */
export function show(e: TraceEvent): string {
  const loc = e.loc === undefined ? '' : ` ${e.loc.replace(/^\d+:/, '')}`;
  const val = e.value === undefined || e.action === 'F' ? '' : `=${String(e.value)}`;
  const sets = (e.sets ?? []).filter((s) => !['Exp', 'Rreg', 'Wreg', 'B'].includes(s));
  return `${e.action}${loc}${val}${sets.length > 0 ? ` [${sets.join(',')}]` : ''}`;
}

/** Events of one instruction instance. */
export function eventsOf(tr: AsmTrace, instr: number): string[] {
  return tr.events.filter((e) => e.instr === instr).map(show);
}

/** Edges of a relation, as `from -> to` with events shown. */
export function edges(tr: AsmTrace, rel: 'iicoData' | 'iicoCtrl' | 'iicoOrder' | 'addr' | 'data' | 'ctrl' | 'rmw' | 'sca'): string[] {
  const list = tr[rel] ?? [];
  return list.map(([a, b]) => `${show(tr.events[a] as TraceEvent)} -> ${show(tr.events[b] as TraceEvent)}`).sort();
}

/** `line:col message` of the error `run` raises (fails when it raises none). */
export function errorAt(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof WeakmemError, String(e));
    return `${e.diagnostic.span?.line}:${e.diagnostic.span?.col} ${e.diagnostic.message}`;
  }
  return assert.fail('expected an error');
}
