/**
 * The text of a C litmus test as the fix search edits it: program points
 * (statement boundaries where a barrier line can go), the marked loads and
 * stores that can become acquires and releases, the ordering devices
 * already there, and text edits that keep the test's layout (a new line
 * with the thread's indentation, a call rewritten in place).
 */
import type { CExpr, CStmt, CThread } from '../litmus/c/ast.js';
import { SourceText } from '../litmus/source.js';
import type { Span } from '../diag.js';

/** A place between two statements of a thread where a barrier line can be inserted. */
export interface ProgramPoint {
  readonly thread: number;
  /** Offset where the barrier goes: before `next`, or after `prev` at a branch's end. */
  readonly offset: number;
  /** The statement the barrier goes before (undefined at the end of a branch). */
  readonly next?: CStmt;
  /** The statement the barrier goes after. */
  readonly prev?: CStmt;
  /** The branch of an `if` the point is in (undefined: the thread's body, always run). */
  readonly branch?: OffsetRange;
  /** Line of `next` (or of `prev` at a branch's end). */
  readonly line: number;
}

export interface OffsetRange {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

/** A marked or plain access written as one call (or one `*x`) in a statement. */
export interface AccessSite {
  readonly thread: number;
  readonly access: 'R' | 'W';
  /** Offset of the span events of this statement (or `if` condition) start at. */
  readonly anchor: number;
  readonly line: number;
  /** The primitive as written (`WRITE_ONCE`, `smp_load_acquire`, `*`). */
  readonly primitive: string;
  /** Text range to replace, and the replacement that adds ordering / removes it. */
  readonly range: OffsetRange;
  readonly stronger?: string;
  readonly weaker?: string;
  /** The branch it is in, if any. */
  readonly branch?: OffsetRange;
}

/** A barrier statement (`smp_wmb();`). */
export interface BarrierSite {
  readonly thread: number;
  readonly name: string;
  readonly stmt: CStmt;
  readonly offset: number;
  readonly line: number;
  readonly text: string;
}

/** Stores that a release makes ordered: statement macro → how to write it as a release. */
const STORE_UPGRADES: Readonly<Record<string, (ptr: string, v: string) => string>> = {
  WRITE_ONCE: (p, v) => `smp_store_release(${p}, ${v})`,
  write_atomic: (p, v) => `smp_store_release(${p}, ${v})`,
  atomic_set: (p, v) => `atomic_set_release(${p}, ${v})`,
};
const LOAD_UPGRADES: Readonly<Record<string, (ptr: string) => string>> = {
  READ_ONCE: (p) => `smp_load_acquire(${p})`,
  read_atomic: (p) => `smp_load_acquire(${p})`,
  atomic_read: (p) => `atomic_read_acquire(${p})`,
};
/** Releases and acquires, and how to write them without the ordering. */
const STORE_DOWNGRADES: Readonly<Record<string, (ptr: string, v: string) => string>> = {
  smp_store_release: (p, v) => `WRITE_ONCE(${deref(p)}, ${v})`,
  atomic_set_release: (p, v) => `atomic_set(${p}, ${v})`,
};
const LOAD_DOWNGRADES: Readonly<Record<string, (ptr: string) => string>> = {
  smp_load_acquire: (p) => `READ_ONCE(${deref(p)})`,
  atomic_read_acquire: (p) => `atomic_read(${p})`,
};
/** Barrier statements the redundancy check may take out. */
export const BARRIER_NAMES: ReadonlySet<string> = new Set([
  'smp_mb', 'smp_wmb', 'smp_rmb', 'smp_mb__before_atomic', 'smp_mb__after_atomic', 'smp_mb__after_spinlock',
  'smp_mb__after_unlock_lock',
]);

function deref(p: string): string {
  if (/^&\s*[A-Za-z_]\w*$/.test(p)) return p.replace(/^&\s*/, '');
  return /^[A-Za-z_]\w*$/.test(p) ? `*${p}` : `*(${p})`;
}

/** A text edit: replace `[start, end)` by `text`. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Applies non-overlapping edits (later offsets first, so earlier ones stay valid). */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

export class CTestSource {
  readonly src: SourceText;
  readonly points: ProgramPoint[] = [];
  readonly accesses: AccessSite[] = [];
  readonly barriers: BarrierSite[] = [];
  /** The program point (index in `points`) each barrier stands at, when it stands between accesses. */
  readonly pointOfBarrier = new Map<BarrierSite, number>();

  constructor(readonly text: string, file: string, threads: readonly CThread[]) {
    this.src = new SourceText(text, file);
    for (const t of threads) this.walkBlock(t.index, t.body, undefined);
  }

  offset(span: Span): number {
    return this.src.offsetOf(span.line, span.col);
  }

  /** End offset (exclusive) of a span. */
  end(span: Span): number {
    return span.endLine !== undefined && span.endCol !== undefined ? this.src.offsetOf(span.endLine, span.endCol) + 1 : this.offset(span) + 1;
  }

  slice(e: { span: Span }): string {
    return this.text.slice(this.offset(e.span), this.end(e.span));
  }

  line(offset: number): number {
    return this.src.position(offset).line;
  }

  /** Edit inserting the statement `stmt` (e.g. `smp_wmb();`) at a program point. */
  insertion(p: ProgramPoint, stmt: string): Edit {
    const text = this.text;
    if (p.next !== undefined) {
      const at = this.offset(p.next.span);
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      const before = text.slice(lineStart, at);
      if (/^[ \t]*$/.test(before)) return { start: lineStart, end: lineStart, text: `${before}${stmt}\n` };
      return { start: at, end: at, text: `${stmt} ` };
    }
    const prev = p.prev as CStmt;
    const at = this.end(prev.span);
    const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
    const rest = text.slice(at, lineEnd);
    if (/^\s*(\/\*.*\*\/\s*|\/\/.*)?$/.test(rest)) {
      const lineStart = text.lastIndexOf('\n', this.offset(prev.span) - 1) + 1;
      const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
      return { start: lineEnd, end: lineEnd, text: `\n${indent}${stmt}` };
    }
    return { start: at, end: at, text: ` ${stmt}` };
  }

  /** Edit deleting a barrier statement (its whole line when it is alone there). */
  deletion(b: BarrierSite): Edit {
    const text = this.text;
    const start = this.offset(b.stmt.span);
    const end = this.end(b.stmt.span);
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const nl = text.indexOf('\n', end);
    const lineEnd = nl < 0 ? text.length : nl;
    const rest = text.slice(end, lineEnd);
    if (/^[ \t]*$/.test(text.slice(lineStart, start)) && /^\s*(\/\*.*\*\/\s*|\/\/.*)?$/.test(rest)) {
      return { start: lineStart, end: nl < 0 ? lineEnd : lineEnd + 1, text: '' };
    }
    return { start, end: /^ /.test(rest) ? end + 1 : end, text: '' };
  }

  private walkBlock(thread: number, body: readonly CStmt[], branch: OffsetRange | undefined): void {
    // Barriers do not separate program points: a barrier goes next to the accesses it orders.
    const effectful = body.filter((s) => hasEffects(s) && !isBarrier(s));
    let waiting: BarrierSite[] = [];
    let first = true;
    for (const s of body) {
      const before = this.barriers.length;
      if (isBarrier(s) || !hasEffects(s)) {
        this.walkStmt(thread, s, branch);
        waiting.push(...this.barriers.slice(before));
        continue;
      }
      if (!first || branch !== undefined) {
        this.points.push({ thread, offset: this.offset(s.span), next: s, line: s.span.line, ...(branch ? { branch } : {}) });
        this.attach(waiting);
      }
      waiting = [];
      first = false;
      this.walkStmt(thread, s, branch);
    }
    const last = effectful[effectful.length - 1];
    if (branch !== undefined && last !== undefined) {
      this.points.push({ thread, offset: this.end(last.span), prev: last, line: last.span.endLine ?? last.span.line, branch });
      this.attach(waiting);
    }
  }

  /** Records that these barriers stand at the last program point. */
  private attach(barriers: readonly BarrierSite[]): void {
    for (const b of barriers) this.pointOfBarrier.set(b, this.points.length - 1);
  }

  private walkStmt(thread: number, s: CStmt, branch: OffsetRange | undefined): void {
    switch (s.kind) {
      case 'if': {
        this.expressionAccesses(thread, s.cond, this.offset(s.cond.span), branch);
        for (const arm of [s.then, s.else]) {
          if (arm === undefined) continue;
          if (arm.kind === 'block') this.walkBlock(thread, arm.body, { start: this.offset(arm.span), end: this.end(arm.span) });
          // An arm without braces has no statement boundary to insert at; its accesses can still be upgraded.
          else this.walkStmt(thread, arm, { start: this.offset(arm.span), end: this.end(arm.span) });
        }
        return;
      }
      case 'block':
        this.walkBlock(thread, s.body, branch);
        return;
      case 'callStmt': {
        if (BARRIER_NAMES.has(s.name) && s.args.length === 0) {
          this.barriers.push({ thread, name: s.name, stmt: s, offset: this.offset(s.span), line: s.span.line, text: this.slice(s) });
          return;
        }
        const up = STORE_UPGRADES[s.name];
        const down = STORE_DOWNGRADES[s.name];
        const [p, v] = s.args;
        if ((up !== undefined || down !== undefined) && s.args.length === 2 && p !== undefined && v !== undefined) {
          const callEnd = this.text.lastIndexOf(')', this.end(s.span)) + 1;
          const range = { start: this.offset(s.span), end: callEnd };
          const value = this.slice(v);
          const ptr = s.name === 'WRITE_ONCE' ? pointerOf(this, p) : this.slice(p);
          if (ptr !== undefined) {
            this.accesses.push({
              thread, access: 'W', anchor: range.start, line: s.span.line, primitive: s.name, range,
              ...(up !== undefined ? { stronger: up(ptr, value) } : {}),
              ...(down !== undefined ? { weaker: down(ptr, value) } : {}),
              ...(branch ? { branch } : {}),
            });
          }
          return;
        }
        for (const a of s.args) this.expressionAccesses(thread, a, this.offset(s.span), branch);
        return;
      }
      case 'store': {
        // `*x = v;`: a plain store.
        if (s.tags.length === 0 && s.target.kind === 'deref') {
          const ptr = this.slice(s.target.addr);
          const start = this.offset(s.span);
          const end = this.text.lastIndexOf(';', this.end(s.span));
          this.accesses.push({
            thread, access: 'W', anchor: start, line: s.span.line, primitive: '*', range: { start, end },
            stronger: `smp_store_release(${ptr}, ${this.slice(s.value)})`, ...(branch ? { branch } : {}),
          });
        }
        this.expressionAccesses(thread, s.value, this.offset(s.span), branch);
        return;
      }
      case 'decl':
        if (s.init !== undefined) this.expressionAccesses(thread, s.init, this.offset(s.span), branch);
        return;
      case 'assign':
        this.expressionAccesses(thread, s.value, this.offset(s.span), branch);
        return;
      case 'eval':
        this.expressionAccesses(thread, s.expr, this.offset(s.span), branch);
        return;
      default:
        return;
    }
  }

  /** The one load of an expression that can be upgraded or downgraded (none when there are several). */
  private expressionAccesses(thread: number, e: CExpr, anchor: number, branch: OffsetRange | undefined): void {
    const loads: AccessSite[] = [];
    let others = 0;
    const visit = (x: CExpr): void => {
      switch (x.kind) {
        case 'call': {
          const up = LOAD_UPGRADES[x.name];
          const down = LOAD_DOWNGRADES[x.name];
          const [p] = x.args;
          if ((up !== undefined || down !== undefined) && x.args.length === 1 && p !== undefined) {
            const ptr = x.name === 'READ_ONCE' ? pointerOf(this, p) : this.slice(p);
            if (ptr !== undefined) {
              loads.push({
                thread, access: 'R', anchor, line: x.span.line, primitive: x.name,
                range: { start: this.offset(x.span), end: this.end(x.span) },
                ...(up !== undefined ? { stronger: up(ptr) } : {}),
                ...(down !== undefined ? { weaker: down(ptr) } : {}),
                ...(branch ? { branch } : {}),
              });
              return;
            }
          }
          others++;
          x.args.forEach(visit);
          return;
        }
        case 'deref':
          loads.push({
            thread, access: 'R', anchor, line: x.span.line, primitive: '*',
            range: { start: this.offset(x.span), end: this.end(x.span) },
            stronger: `smp_load_acquire(${this.slice(x.addr)})`, ...(branch ? { branch } : {}),
          });
          return;
        case 'unary':
          visit(x.arg);
          return;
        case 'binary':
          visit(x.left);
          visit(x.right);
          return;
        case 'const':
        case 'reg':
        case 'addrOf':
          return;
        default:
          others++;
      }
    };
    visit(e);
    if (loads.length === 1 && others === 0) this.accesses.push(loads[0] as AccessSite);
  }
}

/** `*x` → `x`; `x` (an lvalue that is not a dereference) → undefined. */
function pointerOf(s: CTestSource, arg: CExpr): string | undefined {
  if (arg.kind !== 'deref') return undefined;
  const a = s.slice(arg.addr);
  return arg.addr.kind === 'reg' || arg.addr.kind === 'addrOf' ? a : `(${a})`;
}

function isBarrier(s: CStmt): boolean {
  return s.kind === 'callStmt' && BARRIER_NAMES.has(s.name) && s.args.length === 0;
}

/** A statement that may produce events (accesses, fences, locks). */
export function hasEffects(s: CStmt): boolean {
  switch (s.kind) {
    case 'decl':
      return s.init !== undefined && exprHasEffects(s.init);
    case 'assign':
      return exprHasEffects(s.value);
    case 'eval':
      return exprHasEffects(s.expr);
    case 'if':
      return exprHasEffects(s.cond) || hasEffects(s.then) || (s.else !== undefined && hasEffects(s.else));
    case 'block':
      return s.body.some(hasEffects);
    default:
      return true;
  }
}

function exprHasEffects(e: CExpr): boolean {
  switch (e.kind) {
    case 'const':
    case 'reg':
    case 'addrOf':
      return false;
    case 'unary':
      return exprHasEffects(e.arg);
    case 'binary':
      return exprHasEffects(e.left) || exprHasEffects(e.right);
    default:
      return true;
  }
}
