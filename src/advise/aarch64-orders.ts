/**
 * Arm's orderings in the words of an AArch64 review: the base orderings
 * explanations unfold cycles into (DMB by kind, release and acquire,
 * dependencies), found by name in weakmem's `armv8` model and in herd's
 * `aarch64.cat` or, for DMB and acquire/release, which both models keep
 * inside `bob`, computed from the events as [ARM] B2.3 defines them; and
 * why a program-order pair is left unordered.
 */
import type { ExecutionEvent } from '../enumerate/types.js';
import { Relation } from '../relation/index.js';
import { statementText } from './describe.js';
import type { ExecutionFacts } from './facts.js';
import type { VocabularyEntry } from './toolkit.js';

/** The kind of a barrier event: DMB/DSB full, load or store, or ISB; undefined for other events. */
export type BarrierClass = 'full' | 'ld' | 'st' | 'isb';

const BARRIER = /^(DMB|DSB)\.(SY|ISH|OSH|NSH|LD|ISHLD|OSHLD|NSHLD|ST|ISHST|OSHST|NSHST)$/;

/** The class of a barrier written `DMB.ISHST`, `DSB.SY`, `ISB`. */
export function barrierClass(name: string): BarrierClass | undefined {
  if (name === 'ISB') return 'isb';
  const m = BARRIER.exec(name);
  if (m === null) return undefined;
  const d = m[2] as string;
  return d.endsWith('LD') ? 'ld' : d.endsWith('ST') ? 'st' : 'full';
}

/** The barrier class of a fence event (its tag), if it is one. */
export function eventBarrier(e: ExecutionEvent): { readonly kind: 'DMB' | 'DSB' | 'ISB'; readonly cls: BarrierClass } | undefined {
  if (e.action !== 'F') return undefined;
  for (const t of e.tags) {
    const cls = barrierClass(t);
    if (cls !== undefined) return { kind: t === 'ISB' ? 'ISB' : t.startsWith('DSB') ? 'DSB' : 'DMB', cls };
  }
  return undefined;
}

function inSet(e: ExecutionEvent, s: string): boolean {
  return e.sets?.includes(s) ?? false;
}

export const isRelease = (e: ExecutionEvent): boolean => e.action === 'W' && inSet(e, 'L');
export const isAcquire = (e: ExecutionEvent): boolean => e.action === 'R' && inSet(e, 'A');
export const isAcquirePC = (e: ExecutionEvent): boolean => e.action === 'R' && inSet(e, 'Q');
/** The read of an atomic with no result register (ST<op>): DMB LD does not order it. */
export const isNoReturn = (e: ExecutionEvent): boolean => e.action === 'R' && inSet(e, 'NoRet');

/** A DMB or DSB class orders the earlier access `a` before the later access `b` ([ARM] barrier-ordered-before). */
export function barrierOrders(cls: BarrierClass, a: ExecutionEvent, b: ExecutionEvent): boolean {
  switch (cls) {
    case 'full':
      return true;
    case 'ld':
      return a.action === 'R' && !isNoReturn(a);
    case 'st':
      return a.action === 'W' && b.action === 'W';
    case 'isb':
      return false;
  }
}

/** Pairs of the thread's accesses (a before b in program order) with `ok(a, b)`. */
function localPairs(f: ExecutionFacts, ok: (a: ExecutionEvent, b: ExecutionEvent) => boolean): Relation {
  const accesses = f.events.filter((e) => f.isAccess(e.id));
  const edges: [number, number][] = [];
  for (const a of accesses) for (const b of accesses) if (f.po.has(a.id, b.id) && ok(a, b)) edges.push([a.id, b.id]);
  return Relation.fromEdges(f.n, edges);
}

/** Accesses with a barrier of `kind` and `cls` between them that orders them. */
function across(kind: 'DMB' | 'DSB', cls: BarrierClass): (f: ExecutionFacts) => Relation {
  return (f) => {
    const fences = f.events.filter((e) => {
      const b = eventBarrier(e);
      return b !== undefined && b.kind === kind && b.cls === cls;
    });
    if (fences.length === 0) return Relation.empty(f.n);
    return localPairs(f, (a, b) => barrierOrders(cls, a, b) && fences.some((x) => f.po.has(a.id, x.id) && f.po.has(x.id, b.id)));
  };
}

const nativeCtrl = new WeakMap<ExecutionFacts, Relation>();

/** The model's control dependencies (its `ctrl`, else the native ones). */
export function controlDeps(f: ExecutionFacts): Relation {
  const named = f.relation('ctrl');
  if (named !== undefined) return named;
  let r = nativeCtrl.get(f);
  if (r === undefined) nativeCtrl.set(f, (r = Relation.fromEdges(f.n, f.x.ctrl)));
  return r;
}

/** A read, a branch that depends on it, an ISB, then the access ([ARM] instruction-fetch-barrier-ordered-before). */
function ctrlIsb(f: ExecutionFacts): Relation {
  const isbs = f.events.filter((e) => eventBarrier(e)?.cls === 'isb');
  if (isbs.length === 0) return Relation.empty(f.n);
  const ctrl = controlDeps(f);
  return localPairs(f, (a, b) => a.action === 'R' && isbs.some((i) => ctrl.has(a.id, i.id) && f.po.has(i.id, b.id)));
}

/** Base orderings, strongest first. */
export const AARCH64_VOCABULARY: readonly VocabularyEntry[] = [
  { label: 'dmb.full', kind: 'fence', names: [], derive: across('DMB', 'full') },
  { label: 'dsb.full', kind: 'fence', names: [], derive: across('DSB', 'full') },
  { label: 'dmb.ld', kind: 'fence', names: [], derive: across('DMB', 'ld') },
  { label: 'dsb.ld', kind: 'fence', names: [], derive: across('DSB', 'ld') },
  { label: 'dmb.st', kind: 'fence', names: [], derive: across('DMB', 'st') },
  { label: 'dsb.st', kind: 'fence', names: [], derive: across('DSB', 'st') },
  // Release (L), acquire (A) and acquirePC (Q) accesses.
  { label: 'po-rel', kind: 'acqrel', names: [], derive: (f) => localPairs(f, (_a, b) => isRelease(b)) },
  { label: 'acq-po', kind: 'acqrel', names: [], derive: (f) => localPairs(f, (a) => isAcquire(a)) },
  { label: 'acqpc-po', kind: 'acqrel', names: [], derive: (f) => localPairs(f, (a) => isAcquirePC(a)) },
  { label: 'rel-acq', kind: 'acqrel', names: [], derive: (f) => localPairs(f, (a, b) => isRelease(a) && isAcquire(b)) },
  { label: 'ctrlisb', kind: 'dep', names: [], derive: ctrlIsb },
  { label: 'rmw', kind: 'rmw', names: ['rmw'] },
  { label: 'addr', kind: 'dep', names: ['addr'] },
  { label: 'data', kind: 'dep', names: ['data'] },
  { label: 'ctrl', kind: 'dep', names: ['ctrl'] },
  // What the models order beyond these, by the names of [ARM] (both models bind them).
  { label: 'dob', kind: 'dep', names: ['dob'] },
  { label: 'pob', kind: 'dep', names: ['pob'] },
  { label: 'aob', kind: 'rmw', names: ['aob'] },
  { label: 'bob', kind: 'fence', names: ['bob'] },
  { label: 'lob', kind: 'derived', names: ['lob'], localOnly: true },
];

/** Why nothing orders the program-order pair (a, b), for an arm64 reader. */
export function whyUnorderedAArch64(f: ExecutionFacts, a: number, b: number): string {
  const ea = f.event(a), eb = f.event(b);
  const fences = f.events.filter((e) => e.thread === ea.thread && eventBarrier(e) !== undefined && f.po.has(a, e.id) && f.po.has(e.id, b));
  const names = [...new Set(fences.map((e) => statementText(e)))];
  const between = names.length > 0 ? `${names.join(', ')} between them` : '';
  const isb = fences.some((e) => eventBarrier(e)?.cls === 'isb');
  const ctrl = controlDeps(f).has(a, b);
  return reason(ea, eb, between, isb, ctrl) + misplaced(f, ea, eb);
}

/** A barrier of the thread that would order the pair, but stands before both or after both. */
function misplaced(f: ExecutionFacts, ea: ExecutionEvent, eb: ExecutionEvent): string {
  const e = f.events.find((x) => {
    const c = x.thread === ea.thread ? eventBarrier(x)?.cls : undefined;
    return c !== undefined && c !== 'isb' && barrierOrders(c, ea, eb) && (f.po.has(eb.id, x.id) || f.po.has(x.id, ea.id));
  });
  if (e === undefined) return '';
  return ` (the ${statementText(e)} at line ${e.span.line} is ${f.po.has(eb.id, e.id) ? 'after' : 'before'} both, not between them)`;
}

function reason(ea: ExecutionEvent, eb: ExecutionEvent, between: string, isb: boolean, ctrl: boolean): string {
  switch (`${ea.action}${eb.action}`) {
    case 'WR':
      if (isRelease(ea) && isAcquirePC(eb)) return 'an LDAPR is not ordered after an earlier STLR (an LDAR would be); DMB ISH between them also orders them';
      if (between !== '') return `${between}, which orders no store before a later load; only DMB ISH does (or STLR for the store with LDAR for the load)`;
      if (isRelease(ea)) return 'a release store (STLR) orders the accesses before it, not a later load; DMB ISH between them, or LDAR for the load, orders them';
      if (isAcquire(eb) || isAcquirePC(eb)) return 'an acquire load orders the accesses after it, not an earlier store; DMB ISH between them, or STLR for the store with LDAR for the load, orders them';
      return 'a store followed by a load: the store may wait in a store buffer while the load completes; only DMB ISH between them, or STLR for the store with LDAR for the load, orders them';
    case 'WW':
      if (between !== '') return `${between}, and it orders no earlier store; DMB ISHST or DMB ISH between them, or STLR for the second store, would`;
      return 'no barrier between these two stores: DMB ISHST or DMB ISH between them, or STLR for the second, would order them';
    case 'RR':
      if (ctrl && !isb) return 'a control dependency orders a load only before later stores, not before later loads: an ISB after the branch, DMB ISHLD between them, or LDAR for the first load would order them';
      if (isb && !ctrl) return 'ISB between them, but no conditional branch on the first load before it: an ISB orders a load only after a branch that depends on it';
      if (isNoReturn(ea)) return 'the first is the read of an atomic with no result register (ST<op>), which DMB ISHLD does not order; DMB ISH does';
      if (between !== '') return `${between}, and it orders stores only, not loads; DMB ISHLD or DMB ISH would`;
      return 'no barrier between these two loads: DMB ISHLD or DMB ISH between them, LDAR for the first, or an address dependency from the first to the second would order them';
    case 'RW':
      if (between !== '') return `${between}, and it orders stores only, not an earlier load; DMB ISHLD or DMB ISH would`;
      return 'nothing orders this load before the later store: no address, data or control dependency from the load, no DMB ISHLD or DMB ISH between them, no LDAR for the load or STLR for the store';
    default:
      return 'nothing orders these two events';
  }
}
