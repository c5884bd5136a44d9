/**
 * `ThreadSemantics` for herd's C dialect under the Linux-kernel model, as
 * herd7 7.58 builds it with `-variant lkmmv2` (herd/CSem.ml,
 * herd/CAction.ml, herd/event.ml; the LKMM's herd-representation.txt):
 *
 * | primitive (after `.def` expansion)  | events (po order)                                   |
 * |-------------------------------------|-----------------------------------------------------|
 * | `*e` (read)                          | R, no tags (LKMM: Plain)                            |
 * | `*e = v`                             | W, no tags                                          |
 * | `__load{t}(*e)`                      | R[t]      (`{deref}`: R[once] then F[rb_dep])        |
 * | `__store{t}(*e, v)`                  | W[t]                                                |
 * | `__fence{t}`                         | F[t]                                                |
 * | `__xchg{t}(x, v)`                    | R*[t] -rmw-> W*[t]; returns the old value           |
 * | `__cmpxchg{t}(x, o, n)`              | old = o: R*[t] -rmw-> W*[t] (n); else R*[t] only    |
 * | `__atomic_op{t}(x, op, v)`           | R*[t] -rmw-> W*[t] (`atomic_add`: t = NORETURN)     |
 * | `__atomic_op_return{t}` / `fetch_op` | R*[t] -rmw-> W*[t]; new / old value                 |
 * | `__atomic_add_unless{t}(x, a, u)`    | old != u: R*[t] -rmw-> W*[t] (old+a), 1; else R*[t], 0 |
 * | `__lock(x)`                          | LKR, LKW (paired by lock.cat, not by rmw)           |
 * | `__unlock(x)`                        | UL                                                  |
 * | `__trylock(x)`                       | LKR, LKW and 1; or LF and 0                         |
 * | `__islocked(x)`                      | RL and 1; or RU and 0                               |
 * | `__srcu{t}(x)`                       | SRCU[t] (srcu_read_lock/unlock are R/W[srcu-...])   |
 *
 * R*, W* (both halves of a read-modify-write, and the lone read of a failed
 * one) are in the set `RMW`. Lock events carry no value. `ctrl`, `data`,
 * `addr` and `rmw` are built as `trace-builder.ts` describes; in addition a
 * read-modify-write whose stored value uses the value read (atomic ops,
 * add_unless) has a `data` edge from its read to its write, as herd's
 * intra-instruction data, while xchg and cmpxchg do not.
 *
 * Registers never assigned end with their initial value (0, the location
 * of a parameter, or the init block's value). A path that dereferences an
 * integer is dropped (see `interp.ts`).
 */
import { DIAG_CODES, raise } from '../../diag.js';
import type { CStmt, CThread, CExpr } from '../../litmus/c/ast.js';
import { expandThread } from '../../litmus/c/macros.js';
import type { MacroTable } from '../../litmus/c/def-parse.js';
import { SourceText } from '../../litmus/source.js';
import type { LitmusTest, Prop, StateKey, Value } from '../../litmus/types.js';
import type { ThreadSemantics, ThreadTrace } from '../types.js';
import { ABORT_PATH, runThread } from './interp.js';
import { UNKNOWN } from './values.js';

/** More paths than this in one thread is certainly a runaway test. */
const MAX_PATHS = 1_000_000;

/** The C thread semantics of a parsed test under a macro table. Unknown macros throw here. */
export function cSemantics(test: LitmusTest<CThread>, macros: MacroTable): ThreadSemantics {
  const threads = test.threads.map((t) => expandThread(t, macros));
  const source = new SourceText(test.source, test.file);
  const initial = initialMemory(test, threads);
  const initialRegs = threads.map((t) => {
    const m = new Map<string, Value>();
    for (const p of t.params) m.set(p.name, p.name);
    for (const e of test.init) if (e.target.kind === 'reg' && e.target.thread === t.index) m.set(e.target.reg, e.value);
    return m;
  });
  const reported = reportedRegisters(test);
  return {
    initial,
    threadCount: threads.length,
    poWithinInstruction: true,
    unknownValue: UNKNOWN,
    traces(thread, readValues) {
      const t = threads[thread];
      if (t === undefined) return raise(DIAG_CODES.LITMUS_SEMANTIC, `no thread P${thread}`);
      const ctxBase = {
        thread,
        source,
        readValues,
        initialRegs: initialRegs[thread] as ReadonlyMap<string, Value>,
        reportedRegs: reported.get(thread) ?? [],
      };
      return allPaths((choose) => runThread(t.body, { ...ctxBase, choose }), t);
    },
  };
}

/** Runs every path, depth first, replaying a prefix of choices each time. */
function allPaths(run: (choose: (n: number) => number) => ThreadTrace, t: CThread): ThreadTrace[] {
  const out: ThreadTrace[] = [];
  let prefix: number[] = [];
  for (;;) {
    const made: { n: number; k: number }[] = [];
    const choose = (n: number): number => {
      if (n === 0) throw ABORT_PATH;
      const k = prefix[made.length] ?? 0;
      made.push({ n, k });
      return k;
    };
    try {
      out.push(run(choose));
    } catch (e) {
      if (e !== ABORT_PATH) throw e;
    }
    if (out.length > MAX_PATHS) {
      raise(DIAG_CODES.BOUND_EXCEEDED, `thread P${t.index} has more than ${MAX_PATHS} paths`, t.span);
    }
    let i = made.length - 1;
    while (i >= 0 && (made[i] as { n: number; k: number }).k + 1 >= (made[i] as { n: number }).n) i--;
    if (i < 0) return out;
    prefix = [...made.slice(0, i).map((m) => m.k), (made[i] as { k: number }).k + 1];
  }
}

/**
 * Every location with its initial value: init entries, pointees of pointer
 * initialisations, thread parameters, `&x` in code, and the locations and
 * location values the condition, filter and `locations` mention.
 */
function initialMemory(test: LitmusTest<CThread>, threads: readonly CThread[]): Map<string, Value> {
  const m = new Map<string, Value>();
  const add = (loc: string): void => {
    if (!m.has(loc)) m.set(loc, 0);
  };
  for (const e of test.init) if (e.target.kind === 'mem') m.set(e.target.loc, e.value);
  for (const e of test.init) if (typeof e.value === 'string') add(e.value);
  for (const t of threads) for (const p of t.params) add(p.name);
  for (const t of threads) for (const s of t.body) addressesTaken(s, add);
  const keys: StateKey[] = [...test.locations];
  const values: Value[] = [];
  for (const p of [test.condition.prop, ...(test.filter !== undefined ? [test.filter] : [])]) collect(p, keys, values);
  for (const k of keys) if (k.kind === 'mem') add(k.loc);
  for (const v of values) if (typeof v === 'string') add(v);
  return m;
}

function collect(p: Prop, keys: StateKey[], values: Value[]): void {
  switch (p.kind) {
    case 'true':
    case 'false':
      return;
    case 'eq':
      keys.push(p.key);
      values.push(p.value.value);
      return;
    case 'eqKeys':
      keys.push(p.left, p.right);
      return;
    case 'not':
      return collect(p.arg, keys, values);
    case 'and':
    case 'or':
      for (const a of p.args) collect(a, keys, values);
      return;
    case 'implies':
      collect(p.left, keys, values);
      return collect(p.right, keys, values);
  }
}

/** Registers of each thread that the condition, filter or `locations` name. */
function reportedRegisters(test: LitmusTest<CThread>): Map<number, string[]> {
  const keys: StateKey[] = [...test.locations];
  for (const p of [test.condition.prop, ...(test.filter !== undefined ? [test.filter] : [])]) collect(p, keys, []);
  const out = new Map<number, string[]>();
  for (const k of keys) {
    if (k.kind !== 'reg') continue;
    const l = out.get(k.thread) ?? [];
    if (!l.includes(k.reg)) l.push(k.reg);
    out.set(k.thread, l);
  }
  return out;
}

function addressesTaken(s: CStmt, add: (loc: string) => void): void {
  const e = (x: CExpr | undefined): void => {
    if (x !== undefined) exprAddresses(x, add);
  };
  switch (s.kind) {
    case 'decl':
      return e(s.init);
    case 'assign':
      return e(s.value);
    case 'store':
      e(s.target);
      return e(s.value);
    case 'eval':
      return e(s.expr);
    case 'callStmt':
      for (const a of s.args) e(a);
      return;
    case 'fence':
      return;
    case 'lock':
    case 'unlock':
      return e(s.loc);
    case 'atomicOp':
      e(s.loc);
      return e(s.operand);
    case 'srcu':
      e(s.loc);
      return e(s.value);
    case 'if':
      e(s.cond);
      addressesTaken(s.then, add);
      if (s.else !== undefined) addressesTaken(s.else, add);
      return;
    case 'block':
      for (const b of s.body) addressesTaken(b, add);
      return;
  }
}

function exprAddresses(x: CExpr, add: (loc: string) => void): void {
  const e = (y: CExpr): void => exprAddresses(y, add);
  switch (x.kind) {
    case 'addrOf':
      return add(x.name);
    case 'const':
    case 'reg':
      return;
    case 'deref':
      return e(x.addr);
    case 'load':
      return e(x.arg);
    case 'unary':
      return e(x.arg);
    case 'binary':
      e(x.left);
      return e(x.right);
    case 'call':
      for (const a of x.args) e(a);
      return;
    case 'xchg':
      e(x.loc);
      return e(x.value);
    case 'cmpxchg':
      e(x.loc);
      e(x.expected);
      return e(x.desired);
    case 'atomicReturn':
      e(x.loc);
      return e(x.operand);
    case 'addUnless':
      e(x.loc);
      e(x.add);
      return e(x.unless);
    case 'trylock':
    case 'islocked':
      return e(x.loc);
  }
}
