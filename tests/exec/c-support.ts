/** Shared helpers for the C semantics tests: a macro file of our own and compact trace printing. */
import { parseCLitmus, parseMacroFile, type MacroTable } from '../../src/litmus/c/index.js';
import { cSemantics } from '../../src/exec/c/index.js';
import type { ThreadSemantics, ThreadTrace } from '../../src/exec/types.js';
import type { Value } from '../../src/litmus/types.js';

/** Kernel primitives in herd's .def format (our own small table). */
export const MACROS: MacroTable = parseMacroFile(
  `READ_ONCE(X) __load{ONCE}(X)
WRITE_ONCE(X,V) { __store{ONCE}(X,V); }
smp_load_acquire(X) __load{ACQUIRE}(*X)
smp_store_release(X,V) { __store{RELEASE}(*X,V); }
rcu_dereference(X) __load{ONCE}(X)
rcu_assign_pointer(X,V) { __store{RELEASE}(X,V); }
smp_mb() { __fence{MB}; }
smp_wmb() { __fence{wmb}; }
xchg(X,V) __xchg{MB}(X,V)
xchg_release(X,V) __xchg{RELEASE}(X,V)
cmpxchg(X,V,W) __cmpxchg{MB}(X,V,W)
cmpxchg_acquire(X,V,W) __cmpxchg{ACQUIRE}(X,V,W)
atomic_inc(X) { __atomic_op{NORETURN}(X,+,1); }
atomic_andnot(V,X) { __atomic_op{NORETURN}(X,&~,V); }
atomic_add_return(V,X) __atomic_op_return{MB}(X,+,V)
atomic_fetch_sub_relaxed(V,X) __atomic_fetch_op{ONCE}(X,-,V)
atomic_add_unless(X,V,W) __atomic_add_unless{MB}(X,V,W)
spin_lock(X) { __lock(X); }
spin_unlock(X) { __unlock(X); }
spin_trylock(X) __trylock(X)
spin_is_locked(X) __islocked(X)
srcu_read_lock(X) __load{srcu-lock}(*X)
srcu_read_unlock(X,Y) { __store{srcu-unlock}(*X,Y); }
synchronize_srcu(X) { __srcu{sync-srcu}(X); }
`,
  'test.def',
);

/** Semantics of a test whose threads are given as code. */
export function semanticsOf(text: string): ThreadSemantics {
  return cSemantics(parseCLitmus(text, 't.litmus'), MACROS);
}

/** Semantics of a one-thread test `P0(params) { code }`. */
export function threadOf(params: string, code: string, init = '', cond = 'exists (x=0)'): ThreadSemantics {
  return semanticsOf(`C t\n{ ${init} }\nP0(${params}) {\n${code}\n}\n${cond}\n`);
}

/** `R[ONCE]x=1`, `W*[MB]x=2`, `F[MB]`, `LKR l`: one event per string. */
export function events(t: ThreadTrace): string[] {
  return t.events.map((e) => {
    const star = e.sets?.includes('RMW') ? '*' : '';
    const tags = e.tags.length > 0 ? `[${e.tags.join(',')}]` : '';
    const loc = e.loc === undefined ? '' : e.value === undefined ? ` ${e.loc}` : `${e.loc}=${String(e.value)}`;
    return `${e.action}${star}${tags}${loc}`;
  });
}

/** Every trace of thread 0 when reads of `loc` may return `values[loc]` (default: 0 and 1). */
export function traces(sem: ThreadSemantics, values: Record<string, readonly Value[]> = {}, thread = 0): ThreadTrace[] {
  return sem.traces(thread, (loc) => values[loc] ?? [0, 1]);
}

/** The one trace whose reads return the given values in order. */
export function pick(ts: readonly ThreadTrace[], reads: readonly Value[]): ThreadTrace {
  const t = ts.find((tr) => {
    const vs = tr.events.filter((e) => e.action === 'R').map((e) => e.value);
    return vs.length === reads.length && vs.every((v, i) => v === reads[i]);
  });
  if (t === undefined) throw new Error(`no trace reading ${reads.join(',')}`);
  return t;
}
