/**
 * The initial environment of a model, computed (lazily, name by name) from
 * one candidate execution, as herd builds it: base relations (`po`, `rf`,
 * `loc`, `int`...), event sets (`R`, `W`, `M`, `IW`, `FW`, lock classes...),
 * one set per annotation declared by the bell file (`'rmb` → `Rmb`),
 * one set per name in the events' `sets`, and the primitives.
 */
import { EventSet, Relation } from '../relation/index.js';
import type { ExecutionEvent } from '../enumerate/types.js';
import { primitive, tagSetName } from './builtins.js';
import type { Candidate } from './runtime.js';
import { UNBOUND, relV, setV, type Value } from './values.js';

/** Maps each annotation's set name to the annotation. */
export function bellSetNames(annotations: Iterable<string>): Map<string, string> {
  return new Map([...annotations].map((a) => [tagSetName(a), a]));
}

/** Set names herd's C architecture always defines (empty when no event belongs). */
export const C_ARCH_SETS: readonly string[] = ['RMW', 'LK', 'LKR', 'LKW', 'LS', 'LF', 'UL', 'RL', 'RU', 'Sync-rcu', 'Rcu-lock', 'Rcu-unlock'];

/** What the initial environment depends on besides the candidate. */
export interface PredefConfig {
  /** Set name → annotation, for the annotations declared by the bell file's `instructions` (`Rmb` → `rmb`). */
  readonly bellSets: ReadonlyMap<string, string>;
  /** Set names always defined, even when empty. */
  readonly archSets: ReadonlySet<string>;
}

const byAction = (action: ExecutionEvent['action']) => (e: ExecutionEvent): boolean => e.action === action;
const isMem = (e: ExecutionEvent): boolean => e.action === 'R' || e.action === 'W';
const inSets = (name: string) => (e: ExecutionEvent): boolean => e.sets?.includes(name) === true;
const singleFenceTag = (tag: string) => (e: ExecutionEvent): boolean => e.action === 'F' && e.tags.length === 1 && e.tags[0] === tag;

/** Event sets herd predefines, by name. */
const SETS: Readonly<Record<string, (e: ExecutionEvent) => boolean>> = {
  M: isMem,
  R: byAction('R'),
  W: byAction('W'),
  F: byAction('F'),
  IW: (e) => e.isInit,
  I: (e) => e.isInit,
  LKR: byAction('LKR'),
  LKW: byAction('LKW'),
  LK: (e) => e.action === 'LKR' || e.action === 'LKW',
  UL: byAction('UL'),
  LF: byAction('LF'),
  RL: byAction('RL'),
  RU: byAction('RU'),
  LS: () => false,
  SRCU: byAction('SRCU'),
  Exp: (e) => e.sets?.includes('NExp') !== true,
  NExp: inSets('NExp'),
  // Atomic accesses: the R and W of a read-modify-write are X (stdlib.cat's `amo` rebuilds `rmw` from them).
  X: (e) => e.sets?.includes('X') === true || (isMem(e) && e.sets?.includes('RMW') === true),
  'Sync-rcu': singleFenceTag('sync-rcu'),
  'Rcu-lock': singleFenceTag('rcu-lock'),
  'Rcu-unlock': singleFenceTag('rcu-unlock'),
};

function eventSet(cand: Candidate, pred: (e: ExecutionEvent) => boolean): EventSet {
  const evs = cand.x.events;
  return EventSet.filter(cand.n, (i) => pred(evs[i]));
}

/** The equivalence relation of events with the same defined `key` (events without a key are related to none). */
function blocks(cand: Candidate, key: (e: ExecutionEvent) => string | undefined): Relation {
  const groups = new Map<string, number[]>();
  cand.x.events.forEach((e, i) => {
    const k = key(e);
    if (k === undefined) return;
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [i]);
    else g.push(i);
  });
  return Relation.fromClasses(cand.n, groups.values());
}

/** Computes predefined relations from the candidate (needs `get` for the names they build on). */
function relation(name: string, cand: Candidate, get: (n: string) => Value): Relation | undefined {
  const x = cand.x, n = cand.n;
  const rel = (v: Value): Relation => (v.kind === 'rel' ? v : Relation.empty(n));
  const set = (v: Value): EventSet => (v.kind === 'set' ? v : EventSet.empty(n));
  switch (name) {
    case 'id':
      return cand.id;
    case 'loc':
      return blocks(cand, (e) => e.loc);
    case 'int':
      return blocks(cand, (e) => (e.thread >= 0 ? `${e.thread}` : undefined));
    case 'ext':
      // Initial writes are on no thread: not external to one another (herd's same_proc).
      return blocks(cand, (e) => `${e.thread}`).complement();
    case 'po':
      return Relation.fromEdges(n, x.po);
    case 'addr':
      return Relation.fromEdges(n, x.addr);
    case 'data':
      return Relation.fromEdges(n, x.data);
    case 'ctrl':
      return Relation.fromEdges(n, x.ctrl);
    case 'rmw':
      return Relation.fromEdges(n, x.rmw);
    case 'rf':
      return Relation.fromEdges(n, x.rf);
    case 'iico_data':
      return Relation.fromEdges(n, x.iicoData);
    case 'iico_ctrl':
      return Relation.fromEdges(n, x.iicoCtrl);
    case 'iico_order':
      return Relation.fromEdges(n, x.iicoOrder ?? []);
    case 'PTEtoPA':
      // Page-table entry to physical address: no page-table events outside VMSA tests.
      return Relation.empty(n);
    case 'same-instance':
      return blocks(cand, (e) => (e.thread >= 0 ? `${e.thread}:${e.instr}` : undefined)).union(cand.id);
    case 'amo':
      return rel(get('rmw')).inter(rel(get('same-instance')));
    case 'sm': {
      // Same single-copy-atomic access: each memory event alone, but the halves of an exclusive pair together.
      const sca = Relation.fromEdges(n, x.sca ?? []);
      return Relation.identityOn(set(get('M'))).union(sca).union(sca.inverse());
    }
    case 'si':
      return Relation.identityOn(set(get('M')));
    case 'co':
      return x.co === undefined ? undefined : Relation.fromEdges(n, x.co).plus();
    case 'fr':
      return x.co === undefined ? undefined : rel(get('rf')).inverse().seq(rel(get('co'))).diff(cand.id);
    case 'coe':
    case 'coi':
    case 'fre':
    case 'fri': {
      if (x.co === undefined) return undefined;
      const base = rel(get(name.slice(0, 2)));
      return base.inter(rel(get(name.endsWith('e') ? 'ext' : 'int')));
    }
    case 'pco':
      return observedCoherence(get, n);
    default:
      return undefined;
  }
}

/** herd's native `pco`: the coherence order the test observes, plus `co0` (see cos-ok-opt.cat). */
function observedCoherence(get: (n: string) => Value, n: number): Relation {
  const rel = (k: string): Relation => {
    const v = get(k);
    return v.kind === 'rel' ? v : Relation.empty(n);
  };
  const set = (k: string): EventSet => {
    const v = get(k);
    return v.kind === 'set' ? v : EventSet.empty(n);
  };
  const R = set('R'), W = set('W'), IW = set('IW'), FW = set('FW'), Exp = set('Exp');
  const rf = rel('rf'), invrf = rf.inverse(), loc = rel('loc'), id = Relation.identity(n);
  const poloc = rel('po').inter(loc).restrict(Exp, Exp);
  const ww = poloc.restrict(W, W);
  const rw = rf.seq(poloc.restrict(R, W));
  const wr = poloc.restrict(W, R).seq(invrf).diff(id);
  const rr = rf.seq(poloc.restrict(R, R)).seq(invrf).diff(id);
  const co0 = loc.inter(Relation.cartesian(IW, W.diff(IW)).union(Relation.cartesian(W.diff(FW), FW)));
  return ww.union(rw).union(wr).union(rr).union(co0);
}

/** The value of predefined `name` for a candidate, or UNBOUND. */
export function predefValue(name: string, cand: Candidate, cfg: PredefConfig): Value {
  const get = (k: string): Value => cand.predef(k);
  const r = relation(name, cand, get);
  if (r !== undefined) return relV(r);
  const a = cfg.bellSets.get(name);
  if (a !== undefined) return setV(eventSet(cand, (e) => e.tags.includes(a)));
  if (name === 'FW') return setV(EventSet.of(cand.n, cand.x.finalWrites));
  const s = SETS[name];
  if (s !== undefined) return setV(eventSet(cand, s));
  const members = setMembers(cand).get(name);
  if (members !== undefined) return setV(EventSet.of(cand.n, members));
  if (cfg.archSets.has(name)) return setV(EventSet.empty(cand.n));
  return primitive(name) ?? UNBOUND;
}

/** Identity of the index `setMembers` keeps per shape. */
const SET_MEMBERS = {};

/** The events of each name in the events' `sets`, made once per shape. */
function setMembers(cand: Candidate): ReadonlyMap<string, readonly number[]> {
  return cand.skeleton.derive(SET_MEMBERS, () => {
    const members = new Map<string, number[]>();
    cand.x.events.forEach((e, i) => {
      for (const name of e.sets ?? []) {
        const ids = members.get(name);
        if (ids === undefined) members.set(name, [i]);
        else if (ids[ids.length - 1] !== i) ids.push(i);
      }
    });
    return members;
  });
}
