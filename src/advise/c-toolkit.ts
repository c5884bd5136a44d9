/**
 * The C (Linux-kernel) toolkit: LKMM's base orderings by name (weakmem's
 * built-in model and the kernel's own `linux-kernel.cat`), the ordering
 * tools a kernel or Xen developer reaches for, and what each orders on its
 * own CPU:
 *
 * | tool                 | default cost | orders                                   |
 * |----------------------|--------------|------------------------------------------|
 * | `smp_mb()`           | 4            | every access before it with every one after |
 * | `smp_wmb()`          | 2            | stores before it with stores after it     |
 * | `smp_rmb()`          | 2            | loads before it with loads after it       |
 * | `smp_store_release()`| 2            | every access before the store with the store |
 * | `smp_load_acquire()` | 2            | the load with every access after it       |
 *
 * The costs say what reviewers prefer: a full barrier is the big hammer;
 * one-sided barriers and release/acquire cost the same, so both pairings
 * are offered. Override them with `--cost smp_mb=8,smp_load_acquire=1`.
 */
import type { ExecutionEvent } from '../enumerate/types.js';
import type { CStmt } from '../litmus/c/ast.js';
import type { Quantifier } from '../litmus/types.js';
import { parseCLitmus } from '../litmus/c/index.js';
import { applyEdits, CTestSource, type AccessSite, type BarrierSite, type Edit, type ProgramPoint } from './c-source.js';
import { statementText } from './describe.js';
import type { ExecutionFacts } from './facts.js';
import type { ExistingItem, FixableTest, FixCandidate, OrderingToolkit, ToolSpec, VocabularyEntry } from './toolkit.js';

const C_TOOLS: readonly ToolSpec[] = [
  { name: 'smp_mb', cost: 4, orders: 'every access before it with every access after it' },
  { name: 'smp_wmb', cost: 2, orders: 'stores before it with stores after it' },
  { name: 'smp_rmb', cost: 2, orders: 'loads before it with loads after it' },
  { name: 'smp_store_release', cost: 2, orders: 'every access before the store with the store' },
  { name: 'smp_load_acquire', cost: 2, orders: 'the load with every access after it' },
];

const C_VOCABULARY: readonly VocabularyEntry[] = [
  { label: 'mb', kind: 'fence', names: ['full-barrier', 'mb'] },
  { label: 'gp', kind: 'fence', names: ['grace-period', 'gp'] },
  { label: 'wmb', kind: 'fence', names: ['wmb-order', 'wmb'] },
  { label: 'rmb', kind: 'fence', names: ['rmb-order', 'rmb'] },
  { label: 'po-rel', kind: 'acqrel', names: ['before-release', 'po-rel'] },
  { label: 'acq-po', kind: 'acqrel', names: ['after-acquire', 'acq-po'] },
  { label: 'po-unlock-lock-po', kind: 'sync', names: ['unlock-then-lock', 'po-unlock-lock-po'] },
  { label: 'rmw', kind: 'rmw', names: ['rmw'] },
  { label: 'addr', kind: 'dep', names: ['addr'] },
  { label: 'data', kind: 'dep', names: ['data'] },
  { label: 'ctrl', kind: 'dep', names: ['ctrl'] },
  // An RCU or SRCU read-side critical section read backwards (unlock to lock), as rb cycles use it.
  { label: 'rcu-cs^-1', kind: 'sync', names: ['rcu-cs-back', 'rcu-rscsi'] },
  { label: 'srcu-cs^-1', kind: 'sync', names: ['srcu-cs-back', 'srcu-rscsi'] },
];

/** What a fence orders: the access kinds of the earlier and the later event. */
function fenceOrders(name: string, a: ExecutionEvent, b: ExecutionEvent): boolean {
  switch (name) {
    case 'smp_wmb':
      return a.action === 'W' && b.action === 'W';
    case 'smp_rmb':
      return a.action === 'R' && b.action === 'R';
    default:
      return true;
  }
}

const FENCE_TOOLS = ['smp_mb', 'smp_wmb', 'smp_rmb'] as const;

interface Candidate extends FixCandidate {
  readonly point?: ProgramPoint;
  readonly site?: AccessSite;
}

class CFixableTest implements FixableTest {
  readonly candidates: Candidate[] = [];
  readonly existing: ExistingItem[] = [];
  private readonly existingSites: (BarrierSite | AccessSite)[] = [];

  constructor(private readonly s: CTestSource, readonly quantifier: Quantifier) {
    s.points.forEach((p, pi) => {
      const where = p.next !== undefined
        ? `before P${p.thread} line ${p.line} ${p.next.kind === 'if' ? `if (${oneLine(s.slice(p.next.cond))})` : oneLine(s.slice(p.next))}`
        : `after P${p.thread} line ${p.line} ${oneLine(s.slice(p.prev as CStmt))}`;
      for (const tool of FENCE_TOOLS) {
        this.candidates.push({
          id: this.candidates.length, tool, thread: p.thread, line: p.line, words: `${tool}() ${where}`, device: `${tool}()`, where, slot: `p${pi}`, point: p,
        });
      }
    });
    s.accesses.forEach((a, ai) => {
      if (a.stronger === undefined) return;
      const tool = a.access === 'W' ? 'smp_store_release' : 'smp_load_acquire';
      const was = s.text.slice(a.range.start, a.range.end);
      const where = `at P${a.thread} line ${a.line}`;
      this.candidates.push({
        id: this.candidates.length, tool, thread: a.thread, line: a.line, words: `${a.stronger} for ${was} ${where}`, device: a.stronger, where, slot: `a${ai}`, site: a,
      });
    });
    for (const b of s.barriers) {
      this.existing.push({
        id: this.existing.length, tool: b.name, thread: b.thread, line: b.line, text: b.text.replace(/;$/, ''),
        words: `${b.text.replace(/;$/, '')} at P${b.thread} line ${b.line}`, removal: 'delete it',
      });
      this.existingSites.push(b);
    }
    for (const a of s.accesses) {
      if (a.weaker === undefined) continue;
      const text = s.text.slice(a.range.start, a.range.end);
      this.existing.push({
        id: this.existing.length, tool: a.access === 'W' ? 'smp_store_release' : 'smp_load_acquire', thread: a.thread, line: a.line,
        text, words: `${text} at P${a.thread} line ${a.line}`, removal: `write ${a.weaker} instead`,
      });
      this.existingSites.push(a);
    }
  }

  fixesFor(f: ExecutionFacts, a: number, b: number): number[] {
    const ea = f.event(a), eb = f.event(b);
    const out: number[] = [];
    for (const c of this.candidates) {
      if (c.thread !== ea.thread) continue;
      if (c.point !== undefined) {
        if (!this.between(f, c.point, ea, eb) || !fenceOrders(c.tool, ea, eb)) continue;
        if (this.dominated(f, c.tool, ea, eb)) continue;
        out.push(c.id);
      } else if (c.site !== undefined) {
        if (c.site.access === 'W' && this.isSiteEvent(f, c.site, eb)) out.push(c.id);
        if (c.site.access === 'R' && this.isSiteEvent(f, c.site, ea)) out.push(c.id);
      }
    }
    return out;
  }

  existingFor(f: ExecutionFacts, a: number, b: number): number[] {
    const ea = f.event(a), eb = f.event(b);
    const out: number[] = [];
    this.existingSites.forEach((site, id) => {
      if (site.thread !== ea.thread) return;
      if ('stmt' in site) {
        if (this.barrierBetween(f, site, ea, eb) && fenceOrders(site.name, ea, eb)) out.push(id);
      } else if (site.access === 'W' ? this.isSiteEvent(f, site, eb) : this.isSiteEvent(f, site, ea)) out.push(id);
    });
    return out;
  }

  patch(fixes: readonly number[], remove: readonly number[]): string {
    const edits: Edit[] = [];
    for (const id of fixes) {
      const c = this.candidates[id];
      if (c === undefined) continue;
      if (c.point !== undefined) edits.push(this.s.insertion(c.point, `${c.tool}();`));
      else if (c.site?.stronger !== undefined) edits.push({ ...c.site.range, text: c.site.stronger });
    }
    for (const id of remove) {
      const site = this.existingSites[id];
      if (site === undefined) continue;
      if ('stmt' in site) edits.push(this.s.deletion(site));
      else if (site.weaker !== undefined) edits.push({ ...site.range, text: site.weaker });
    }
    return applyEdits(this.s.text, mergeSameOffset(edits));
  }

  relation(fix: number, existing: number): 'replace' | 'move' | undefined {
    const c = this.candidates[fix];
    const site = this.existingSites[existing];
    if (c?.point === undefined || site === undefined || !('stmt' in site) || c.thread !== site.thread) return undefined;
    const at = this.s.pointOfBarrier.get(site);
    if (at !== undefined && this.s.points[at] === c.point) return 'replace';
    return c.tool === site.name ? 'move' : undefined;
  }

  private offsetOf(e: ExecutionEvent): number {
    return this.s.offset(e.span);
  }

  /** The point lies between the two events on the path this execution took. */
  private between(f: ExecutionFacts, p: ProgramPoint, a: ExecutionEvent, b: ExecutionEvent): boolean {
    if (!(this.offsetOf(a) < p.offset && p.offset <= this.offsetOf(b))) return false;
    const br = p.branch;
    if (br === undefined) return true;
    return f.events.some((e) => e.thread === a.thread && !e.isInit && this.offsetOf(e) >= br.start && this.offsetOf(e) < br.end);
  }

  private barrierBetween(f: ExecutionFacts, site: BarrierSite, a: ExecutionEvent, b: ExecutionEvent): boolean {
    if (!(this.offsetOf(a) < site.offset && site.offset < this.offsetOf(b))) return false;
    return f.events.some((e) => e.thread === a.thread && e.action === 'F' && this.offsetOf(e) === site.offset);
  }

  private isSiteEvent(f: ExecutionFacts, site: AccessSite, e: ExecutionEvent): boolean {
    return e.action === site.access && this.offsetOf(e) === site.anchor && e.thread === site.thread && !e.isInit && f.events.includes(e);
  }

  /** An existing barrier between the two already does what the candidate would. */
  private dominated(f: ExecutionFacts, tool: string, a: ExecutionEvent, b: ExecutionEvent): boolean {
    return this.existingSites.some((site) =>
      'stmt' in site && (site.name === 'smp_mb' || site.name === tool) && site.thread === a.thread && this.barrierBetween(f, site, a, b));
  }
}

/** A statement's text on one line, without its `;`. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\s*;\s*$/, '').trim();
}

/** Two insertions at one offset become one edit (in candidate order). */
function mergeSameOffset(edits: readonly Edit[]): Edit[] {
  const out: Edit[] = [];
  for (const e of edits) {
    const same = out.findIndex((o) => o.start === e.start && o.end === e.start && e.end === e.start);
    if (same >= 0) {
      const o = out[same] as Edit;
      out[same] = { start: o.start, end: o.end, text: o.text + e.text };
    } else out.push(e);
  }
  return out;
}

/** Why nothing orders the program-order pair (a, b), for a kernel reader. */
function whyUnordered(f: ExecutionFacts, a: number, b: number): string {
  const ea = f.event(a), eb = f.event(b);
  const fences = f.events
    .filter((e) => e.thread === ea.thread && e.action === 'F' && e.poIndex > ea.poIndex && e.poIndex < eb.poIndex)
    .map((e) => statementText(e));
  const between = fences.length > 0 ? `${fences.join(', ')} between them` : '';
  const ctrl = f.relation('ctrl')?.has(a, b) ?? f.x.ctrl.some(([p, q]) => p === a && q === b);
  const addr = f.relation('addr')?.has(a, b) ?? false;
  const plain = (e: ExecutionEvent): boolean => e.tags.length === 0;
  const kinds = `${ea.action}${eb.action}`;
  let why: string;
  switch (kinds) {
    case 'WR':
      why = between !== ''
        ? `${between} orders no store before a later load; only smp_mb() does`
        : 'a store followed by a load: the store may wait in a store buffer while the load completes, and only smp_mb() between them orders them (release and acquire do not)';
      break;
    case 'WW':
      why = between !== ''
        ? `${between}, and it orders no two stores`
        : 'no barrier between these two stores: smp_wmb() or smp_mb() between them, or smp_store_release() for the second, would order them';
      break;
    case 'RR':
      if (ctrl) why = 'a control dependency orders a load only before later stores, not before later loads (add smp_rmb() or make the first load an acquire)';
      else if (between !== '') why = `${between}, and it orders no two loads`;
      else why = 'no barrier between these two loads: smp_rmb() or smp_mb() between them, or smp_load_acquire() for the first, would order them';
      break;
    case 'RW':
      if (between !== '') why = `${between}, and it orders no load before a later store`;
      else if (addr) why = 'the address dependency does not reach this store';
      else why = 'nothing orders this load before the later store: no dependency from the load, no barrier, no acquire or release';
      break;
    default:
      why = 'nothing orders these two events';
  }
  if (plain(ea) || plain(eb)) why += '; a plain C access may also be moved by the compiler';
  return why;
}

export const C_TOOLKIT: OrderingToolkit = {
  arch: 'C',
  vocabulary: C_VOCABULARY,
  tools: C_TOOLS,
  fullBarrier: 'smp_mb()',
  prepare(source, file) {
    const test = parseCLitmus(source, file);
    return new CFixableTest(new CTestSource(source, file, test.threads), test.condition.quantifier);
  },
  whyUnordered,
};
