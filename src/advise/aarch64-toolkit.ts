/**
 * The AArch64 toolkit: Arm's base orderings (`aarch64-orders.ts`), the
 * ordering tools an arm64 developer reaches for, and what each orders on
 * its own CPU ([ARM] B2.3, barrier- and instruction-fetch-barrier-ordered-
 * before):
 *
 * | tool        | default cost | orders                                              |
 * |-------------|--------------|-----------------------------------------------------|
 * | `DMB ISH`   | 4            | every access before it with every access after it   |
 * | `DMB ISHST` | 2            | stores before it with stores after it               |
 * | `DMB ISHLD` | 2            | loads before it with every access after it          |
 * | `STLR`      | 2            | every earlier access with the store (STR → STLR)    |
 * | `LDAR`      | 2            | the load with every later access (LDR → LDAR)       |
 * | `LDAPR`     | 3            | the same, but not after an earlier STLR (LDR → LDAPR) |
 * | `ISB`       | 3            | after a branch on a load: the load with what follows |
 *
 * As on the C side, a full barrier costs two one-sided ones, so pairings
 * come first. LDAPR (FEAT_LRCPC) and ISB cost a little more, so they are
 * proposed when nothing else does or when `--cost LDAPR=1` says so. An ISB
 * is offered only after a conditional branch already in the code.
 *
 * Program points are the places before each memory access but the first
 * of its thread, moved up past the register-only instructions that set up
 * the access (`MOV W2,#1`), so a barrier lands where a person would put it.
 */
import type { ExecutionEvent } from '../enumerate/types.js';
import type { AArch64Instr, AArch64Thread } from '../litmus/aarch64/ast.js';
import { parseAArch64Litmus } from '../litmus/aarch64/parse.js';
import type { Quantifier } from '../litmus/types.js';
import { AArch64Source, type GridEdit, type InstrSite } from './aarch64-source.js';
import { AARCH64_VOCABULARY, barrierClass, barrierOrders, controlDeps, eventBarrier, isAcquire, isRelease, whyUnorderedAArch64, type BarrierClass } from './aarch64-orders.js';
import { isConditionalBranch, isMemoryInstr, readsMemory, silent, ThreadPath } from './aarch64-paths.js';
import type { ExecutionFacts } from './facts.js';
import type { ExistingItem, FixableTest, FixCandidate, OrderingToolkit, ToolSpec } from './toolkit.js';

const AARCH64_TOOLS: readonly ToolSpec[] = [
  { name: 'DMB.ISH', cost: 4, orders: 'every access before it with every access after it' },
  { name: 'DMB.ISHST', cost: 2, orders: 'stores before it with stores after it' },
  { name: 'DMB.ISHLD', cost: 2, orders: 'loads before it with every access after it' },
  { name: 'STLR', cost: 2, orders: 'every earlier access with the store (STR becomes STLR), and the store with a later LDAR' },
  { name: 'LDAR', cost: 2, orders: 'the load with every later access (LDR becomes LDAR), and an earlier STLR with the load' },
  { name: 'LDAPR', cost: 3, orders: 'the load with every later access (LDR becomes LDAPR), not an earlier STLR with it' },
  { name: 'ISB', cost: 3, orders: 'after a conditional branch that depends on a load: the load with every later access' },
];

/** The barrier each fence tool writes, and its class. */
const FENCE_TOOLS: readonly { readonly tool: string; readonly text: string; readonly cls: BarrierClass }[] = [
  { tool: 'DMB.ISH', text: 'DMB ISH', cls: 'full' },
  { tool: 'DMB.ISHST', text: 'DMB ISHST', cls: 'st' },
  { tool: 'DMB.ISHLD', text: 'DMB ISHLD', cls: 'ld' },
  { tool: 'ISB', text: 'ISB', cls: 'isb' },
];

/** A place a barrier can be inserted: before instruction `at` of a thread. */
interface Point {
  readonly thread: number;
  readonly index: number;
  /** The instruction the barrier goes before. */
  readonly at: InstrSite;
}

interface Candidate extends FixCandidate {
  readonly point?: Point;
  readonly cls?: BarrierClass;
  /** An access to rewrite, and its new text. */
  readonly site?: InstrSite;
  readonly text?: string;
}

/** A barrier, release store or acquire load of the test. */
interface Device {
  readonly site: InstrSite;
  /** Barrier class, for a barrier. */
  readonly cls?: BarrierClass;
  /** The point (index in `points`) a barrier stands at. */
  readonly point?: number;
  /** How to write an access without its ordering (LDAR → LDR). */
  readonly weaker?: string;
}

class AArch64FixableTest implements FixableTest {
  readonly candidates: Candidate[] = [];
  readonly existing: ExistingItem[] = [];
  private readonly points: Point[] = [];
  private readonly devices: Device[] = [];
  private readonly paths = new WeakMap<ExecutionFacts, Map<number, ThreadPath>>();

  constructor(private readonly s: AArch64Source, private readonly threads: readonly AArch64Thread[], readonly quantifier: Quantifier) {
    s.sites.forEach((sites, t) => this.threadPoints(t, sites));
    this.points.forEach((p, pi) => {
      const prev = s.sites[p.thread]?.[p.index - 1] as InstrSite;
      const where = `after P${p.thread} line ${prev.line} ${prev.instr.text}`;
      for (const f of FENCE_TOOLS) {
        if (f.cls === 'isb' && !this.branchBefore(p)) continue;
        this.candidates.push({
          id: this.candidates.length, tool: f.tool, thread: p.thread, line: p.at.line, words: `${f.text} ${where}`, device: f.text, where,
          slot: `p${pi}`, point: p, cls: f.cls,
        });
      }
    });
    for (const sites of s.sites) {
      for (const site of sites) {
        for (const [tool, text] of strongerForms(site.instr)) {
          const where = `at P${site.thread} line ${site.line}`;
          this.candidates.push({
            id: this.candidates.length, tool, thread: site.thread, line: site.line, words: `${text} for ${site.instr.text} ${where}`, device: text, where,
            slot: `a${site.thread}.${site.index}`, site, text,
          });
        }
      }
    }
    for (const sites of s.sites) {
      for (const site of sites) {
        const i = site.instr;
        const words = `${i.text} at P${site.thread} line ${site.line}`;
        if (i.kind === 'fence') {
          const name = i.barrier === 'ISB' ? 'ISB' : `${i.barrier}.${i.domain}`;
          const cls = barrierClass(name);
          if (cls === undefined) continue;
          const point = this.points.findIndex((p) => p.thread === site.thread && p.index > site.index && this.pointBefore(p, site));
          this.devices.push({ site, cls, ...(point >= 0 ? { point } : {}) });
          this.existing.push({ id: this.existing.length, tool: name, thread: site.thread, line: site.line, text: i.text, words, removal: 'delete it' });
          continue;
        }
        const down = downgrade(i);
        if (down === undefined) continue;
        this.devices.push({ site, weaker: down.text });
        this.existing.push({ id: this.existing.length, tool: down.tool, thread: site.thread, line: site.line, text: i.text, words, removal: `write ${down.text} instead` });
      }
    }
  }

  fixesFor(f: ExecutionFacts, a: number, b: number): number[] {
    const ea = f.event(a), eb = f.event(b);
    const sa = this.siteOf(ea), sb = this.siteOf(eb);
    const out: number[] = [];
    for (const c of this.candidates) {
      if (c.thread !== ea.thread) continue;
      if (c.point !== undefined && c.cls !== undefined) {
        const entry = this.path(f, ea.thread).entered(c.point.index, a, b);
        if (entry === undefined) continue;
        if (c.cls === 'isb') {
          if (ea.action === 'R' && entry.next !== undefined && controlDeps(f).has(a, entry.next)) out.push(c.id);
        } else if (barrierOrders(c.cls, ea, eb) && !this.dominated(f, c.cls, a, b)) out.push(c.id);
      } else if (c.site !== undefined && this.accessOrders(c.tool, c.site, ea, eb, sa, sb)) out.push(c.id);
    }
    return out;
  }

  existingFor(f: ExecutionFacts, a: number, b: number): number[] {
    const ea = f.event(a), eb = f.event(b);
    const sa = this.siteOf(ea), sb = this.siteOf(eb);
    const out: number[] = [];
    this.devices.forEach((d, id) => {
      if (d.site.thread !== ea.thread) return;
      if (d.cls !== undefined) {
        const ordering = this.barrierEvents(f, d.site, a, b).some((x) => d.cls === 'isb' ? ea.action === 'R' && controlDeps(f).has(a, x.id) : barrierOrders(d.cls as BarrierClass, ea, eb));
        if (ordering) out.push(id);
      } else if (this.accessOrders(this.existing[id]?.tool ?? '', d.site, ea, eb, sa, sb)) out.push(id);
    });
    return out;
  }

  patch(fixes: readonly number[], remove: readonly number[]): string {
    const edits: GridEdit[] = [];
    for (const id of fixes) {
      const c = this.candidates[id];
      if (c?.point !== undefined) edits.push({ kind: 'insert', before: c.point.at, text: c.device });
      else if (c?.site !== undefined && c.text !== undefined) edits.push({ kind: 'replace', site: c.site, text: c.text });
    }
    for (const id of remove) {
      const d = this.devices[id];
      // An access a fix rewrites (LDAPR → LDAR) keeps the fix's form.
      if (d === undefined || edits.some((e) => e.kind === 'replace' && e.site === d.site)) continue;
      edits.push(d.weaker !== undefined ? { kind: 'replace', site: d.site, text: d.weaker } : { kind: 'delete', site: d.site });
    }
    return this.s.apply(edits);
  }

  relation(fix: number, existing: number): 'replace' | 'move' | undefined {
    const c = this.candidates[fix];
    const d = this.devices[existing];
    // A stronger form of the access (LDAPR → LDAR) takes its place.
    if (c?.site !== undefined && c.site === d?.site) return 'replace';
    if (c?.point === undefined || d?.cls === undefined || c.thread !== d.site.thread) return undefined;
    if (d.point !== undefined && this.points[d.point] === c.point) return 'replace';
    return c.cls === d.cls ? 'move' : undefined;
  }

  /** The points of one thread: before each memory access but the first, moved up past its register set-up. */
  private threadPoints(thread: number, sites: readonly InstrSite[]): void {
    let prev = -1;
    sites.forEach((site, j) => {
      if (!isMemoryInstr(site.instr)) return;
      if (prev >= 0) {
        let q = j;
        while (q - 1 > prev && silent(sites[q - 1]?.instr) && (sites[q] as InstrSite).labels === '') q--;
        this.points.push({ thread, index: q, at: sites[q] as InstrSite });
      }
      prev = j;
    });
  }

  /** A conditional branch comes before the point, after a load of its thread. */
  private branchBefore(p: Point): boolean {
    const sites = this.s.sites[p.thread] ?? [];
    const firstLoad = sites.findIndex((x) => readsMemory(x.instr));
    return firstLoad >= 0 && sites.some((x) => x.index > firstLoad && x.index < p.index && isConditionalBranch(x.instr));
  }

  /** The barrier at `site` stands at point `p`: nothing but barriers and register-only instructions between them. */
  private pointBefore(p: Point, site: InstrSite): boolean {
    const sites = this.s.sites[p.thread] ?? [];
    for (let k = site.index + 1; k < p.index; k++) {
      const i = (sites[k] as InstrSite).instr;
      if (i.kind !== 'fence' && !silent(i)) return false;
    }
    return true;
  }

  private siteOf(e: ExecutionEvent): InstrSite | undefined {
    return e.isInit ? undefined : this.s.siteAt(e.span.line, e.span.col);
  }

  private path(f: ExecutionFacts, thread: number): ThreadPath {
    let byThread = this.paths.get(f);
    if (byThread === undefined) this.paths.set(f, (byThread = new Map()));
    let p = byThread.get(thread);
    if (p === undefined) {
      p = new ThreadPath(f, thread, this.threads[thread] as AArch64Thread, (e) => this.siteOf(e));
      byThread.set(thread, p);
    }
    return p;
  }

  /** The fence events of a barrier instruction between `a` and `b` in program order. */
  private barrierEvents(f: ExecutionFacts, site: InstrSite, a: number, b: number): ExecutionEvent[] {
    return f.events.filter((e) => e.thread === site.thread && e.action === 'F' && f.po.has(a, e.id) && f.po.has(e.id, b) && this.siteOf(e) === site);
  }

  /** A release store, or an acquire load, at `site` orders (a, b). */
  private accessOrders(tool: string, site: InstrSite, ea: ExecutionEvent, eb: ExecutionEvent, sa: InstrSite | undefined, sb: InstrSite | undefined): boolean {
    switch (tool) {
      case 'STLR':
        return (sb === site && eb.action === 'W') || (sa === site && ea.action === 'W' && isAcquire(eb));
      case 'LDAR':
        return (sa === site && ea.action === 'R') || (sb === site && eb.action === 'R' && isRelease(ea));
      case 'LDAPR':
        return sa === site && ea.action === 'R';
      default:
        return false;
    }
  }

  /** A barrier of the test between the two already does what a candidate of class `cls` would. */
  private dominated(f: ExecutionFacts, cls: BarrierClass, a: number, b: number): boolean {
    return f.events.some((e) => {
      const x = eventBarrier(e);
      return x !== undefined && x.kind === 'DMB' && (x.cls === 'full' || x.cls === cls) && e.thread === f.event(a).thread && f.po.has(a, e.id) && f.po.has(e.id, b);
    });
  }
}

/** A new mnemonic for the one written, keeping its case. */
function withMnemonic(text: string, mnemonic: string): string {
  const m = /^(\S+)(.*)$/s.exec(text);
  if (m === null) return text;
  const old = m[1] as string;
  return (old === old.toLowerCase() ? mnemonic.toLowerCase() : mnemonic) + (m[2] as string);
}

/** Base-register addressing (`[X1]`, `[X1,#0]`): the only form STLR, LDAR and LDAPR take. */
function baseOnly(i: AArch64Instr): boolean {
  return (i.kind === 'load' || i.kind === 'store') && i.address.kind === 'imm' && i.address.offset === 0n && i.address.mode === 'offset';
}

/** The release or acquire forms of a plain access: [tool, new text]. */
function upgrades(i: AArch64Instr): [string, string][] {
  if (!baseOnly(i)) return [];
  const mn = /^\S+/.exec(i.text)?.[0].toUpperCase() ?? '';
  const size = /^(?:STR|LDR)(B|H)?$/.exec(mn);
  if (size === null) return [];
  const suffix = size[1] ?? '';
  if (i.kind === 'store' && !i.release) return [['STLR', withMnemonic(i.text, `STLR${suffix}`)]];
  if (i.kind === 'load' && i.load === 'plain' && !i.signed) {
    return [['LDAR', withMnemonic(i.text, `LDAR${suffix}`)], ['LDAPR', withMnemonic(i.text, `LDAPR${suffix}`)]];
  }
  return [];
}

/** The ways to make an access release or acquire: upgrades of plain ones, and LDAPR → LDAR (ordered after an STLR). */
function strongerForms(i: AArch64Instr): [string, string][] {
  const pc = i.kind === 'load' && i.load === 'acquirePC' ? /^LDAPR(B|H)?$/i.exec(/^\S+/.exec(i.text)?.[0] ?? '') : null;
  return pc !== null ? [['LDAR', withMnemonic(i.text, `LDAR${pc[1] ?? ''}`)]] : upgrades(i);
}

/** A release store or acquire load without its ordering: its tool and the plain form. */
function downgrade(i: AArch64Instr): { tool: string; text: string } | undefined {
  const mn = /^\S+/.exec(i.text)?.[0].toUpperCase() ?? '';
  const m = /^(STLR|LDAR|LDAPR)(B|H)?$/.exec(mn);
  if (m === null) return undefined;
  const plain = m[1] === 'STLR' ? 'STR' : 'LDR';
  return { tool: m[1] as string, text: withMnemonic(i.text, `${plain}${m[2] ?? ''}`) };
}

export const AARCH64_TOOLKIT: OrderingToolkit = {
  arch: 'AArch64',
  vocabulary: AARCH64_VOCABULARY,
  tools: AARCH64_TOOLS,
  fullBarrier: 'DMB ISH',
  prepare(source, file) {
    const test = parseAArch64Litmus(source, file);
    return new AArch64FixableTest(new AArch64Source(source, file, test.threads), test.threads, test.condition.quantifier);
  },
  whyUnordered: whyUnorderedAArch64,
};
