/**
 * Runs one path of a macro-expanded C thread with concrete values. Every
 * nondeterministic point asks `choose(n)` for one of `n` alternatives: the
 * value a read returns (one per value of `readValues(loc)`), whether a
 * trylock succeeds, what `spin_is_locked` sees. Events follow herd's C
 * semantics (herd/CSem.ml, LKMM variant `lkmmv2`); see `semantics.ts` for
 * the table of events per primitive.
 */
import { DIAG_CODES, raise, type Span } from '../../diag.js';
import { assertNever, type CExpr, type CStmt, type RmwOp, type Tags } from '../../litmus/c/ast.js';
import type { SourceText } from '../../litmus/source.js';
import type { Value } from '../../litmus/types.js';
import type { EventAction, ThreadTrace, TraceEvent } from '../types.js';
import { TraceBuilder, unionDeps, type Tainted } from './trace-builder.js';
import { binary, rmwResult, truthy, unary, UNKNOWN } from './values.js';

/** What one run needs besides the code. */
export interface RunContext {
  readonly thread: number;
  readonly source: SourceText;
  readonly readValues: (loc: string) => readonly Value[];
  /** Picks one of `n` alternatives; with `n` = 0 it throws `ABORT_PATH`. */
  readonly choose: (n: number) => number;
  /** Registers' initial values: parameters (their location) and init-block registers. */
  readonly initialRegs: ReadonlyMap<string, Value>;
  /** Registers to report even if never assigned (those the condition mentions). */
  readonly reportedRegs: readonly string[];
}

const RMW_SETS = ['RMW'] as const;

/** Thrown to abandon the current path (no value to read, or an integer address). */
export const ABORT_PATH: unique symbol = Symbol('abort path');
const CONST0: Tainted = { value: 0, deps: [] };

/** Runs a thread body once, along the path the choices select. */
export function runThread(body: readonly CStmt[], ctx: RunContext): ThreadTrace {
  return new ThreadRun(ctx).run(body);
}

class ThreadRun {
  private readonly b = new TraceBuilder();
  private readonly regs = new Map<string, Tainted>();
  private instr = -1;
  private span: Span = { file: '', line: 0, col: 0 };
  private text = '';

  constructor(private readonly ctx: RunContext) {
    for (const [r, v] of ctx.initialRegs) this.regs.set(r, { value: v, deps: [] });
  }

  run(body: readonly CStmt[]): ThreadTrace {
    for (const s of body) this.stmt(s);
    const out = new Map<string, Value>();
    const sources = new Map<string, readonly number[]>();
    for (const r of this.ctx.reportedRegs) out.set(r, 0);
    for (const [r, v] of this.regs) {
      out.set(r, v.value);
      if (v.deps.length > 0) sources.set(r, v.deps);
    }
    return this.b.finish(this.ctx.thread, out, sources);
  }

  /** Starts a new instruction instance at `span`. */
  private begin(span: Span): void {
    this.instr++;
    this.span = span;
    this.text = this.ctx.source.slice(span).replace(/\s+/g, ' ').trim();
  }

  private event(action: EventAction, tags: Tags, loc?: string, value?: Value, sets?: readonly string[]): TraceEvent {
    return {
      action,
      tags,
      instr: this.instr,
      span: this.span,
      text: this.text,
      ...(loc !== undefined ? { loc } : {}),
      ...(value !== undefined ? { value } : {}),
      ...(sets !== undefined ? { sets } : {}),
    };
  }

  private stmt(s: CStmt): void {
    if (s.kind !== 'block' && s.kind !== 'if') this.begin(s.span);
    switch (s.kind) {
      case 'decl':
        if (s.init !== undefined) this.regs.set(s.name, this.expr(s.init));
        return;
      case 'assign':
        this.regs.set(s.name, this.expr(s.value));
        return;
      case 'store': {
        if (s.target.kind !== 'deref') return this.internal('store target is not *location', s.span);
        const a = this.address(s.target.addr);
        const v = this.expr(s.value);
        this.b.emit(this.event('W', s.tags, a.loc, v.value), a.deps, v.deps);
        return;
      }
      case 'eval':
        this.expr(s.expr);
        return;
      case 'fence':
        this.b.emit(this.event('F', s.tags));
        return;
      case 'lock': {
        const a = this.address(s.loc);
        this.b.emit(this.event('LKR', [], a.loc), a.deps);
        this.b.emit(this.event('LKW', [], a.loc), a.deps);
        return;
      }
      case 'unlock': {
        const a = this.address(s.loc);
        this.b.emit(this.event('UL', [], a.loc), a.deps);
        return;
      }
      case 'atomicOp':
        this.atomicRmw(s.tags, s.loc, s.op, s.operand, s.span);
        return;
      case 'srcu': {
        const a = this.address(s.loc);
        const v = s.value === undefined ? undefined : this.expr(s.value);
        this.b.emit(this.event('SRCU', s.tags, a.loc, v?.value));
        return;
      }
      case 'if': {
        this.begin(s.cond.span);
        const mark = this.b.size;
        const c = this.expr(s.cond);
        const taken = c.value === UNKNOWN ? this.ctx.choose(2) === 0 : truthy(c.value);
        const deps = unionDeps(c.deps, this.b.sourcesSince(mark));
        this.b.decide(deps);
        const branch = taken ? s.then : s.else;
        if (branch === undefined) return;
        this.b.enterBranch(deps);
        this.stmt(branch);
        this.b.leaveBranch();
        return;
      }
      case 'block':
        for (const b of s.body) this.stmt(b);
        return;
      case 'callStmt':
        return this.internal(`unexpanded macro ${s.name}`, s.span);
      default:
        return assertNever(s);
    }
  }

  private expr(e: CExpr): Tainted {
    switch (e.kind) {
      case 'const':
        return { value: e.value, deps: [] };
      case 'reg':
        return this.regs.get(e.name) ?? CONST0;
      case 'addrOf':
        return { value: e.name, deps: [] };
      case 'deref': {
        const a = this.address(e.addr);
        return this.read(a.loc, [], a.deps);
      }
      case 'load': {
        if (e.arg.kind !== 'deref') return this.internal('__load argument is not *location', e.span);
        const a = this.address(e.arg.addr);
        if (e.tags.length === 1 && (e.tags[0] === 'deref' || e.tags[0] === 'lderef')) {
          // herd: a once read followed by an rb_dep fence.
          const r = this.read(a.loc, ['once'], a.deps);
          this.b.emit(this.event('F', ['rb_dep']));
          return r;
        }
        return this.read(a.loc, e.tags, a.deps);
      }
      case 'unary': {
        const a = this.expr(e.arg);
        return { value: unary(e.op, a.value, e.span), deps: a.deps };
      }
      case 'binary': {
        const l = this.expr(e.left);
        const r = this.expr(e.right);
        return { value: binary(e.op, l.value, r.value, e.span), deps: unionDeps(l.deps, r.deps) };
      }
      case 'xchg': {
        const a = this.address(e.loc);
        const v = this.expr(e.value);
        const r = this.read(a.loc, e.tags, a.deps, RMW_SETS);
        const w = this.b.emit(this.event('W', e.tags, a.loc, v.value, RMW_SETS), a.deps, v.deps);
        this.pair(r, w);
        return r;
      }
      case 'cmpxchg': {
        const a = this.address(e.loc);
        const old = this.expr(e.expected);
        const r = this.read(a.loc, e.tags, a.deps, RMW_SETS);
        if (this.same(r, old)) {
          const nv = this.expr(e.desired);
          const w = this.b.emit(this.event('W', e.tags, a.loc, nv.value, RMW_SETS), a.deps, nv.deps);
          this.pair(r, w);
        }
        return r;
      }
      case 'atomicReturn': {
        const { old, stored, operand } = this.atomicRmw(e.tags, e.loc, e.op, e.operand, e.span);
        return { value: e.fetch ? old.value : stored, deps: unionDeps(old.deps, operand.deps) };
      }
      case 'addUnless': {
        const a = this.address(e.loc);
        const u = this.expr(e.unless);
        const r = this.read(a.loc, e.tags, a.deps, RMW_SETS);
        const added = !this.same(r, u);
        if (added) {
          const n = this.expr(e.add);
          const stored = binary('+', r.value, n.value, e.span);
          const w = this.b.emit(this.event('W', e.tags, a.loc, stored, RMW_SETS), a.deps, unionDeps(r.deps, n.deps));
          this.pair(r, w);
        }
        return { value: added ? 1 : 0, deps: unionDeps(r.deps, u.deps) };
      }
      case 'trylock': {
        const a = this.address(e.loc);
        if (this.ctx.choose(2) === 0) {
          this.b.emit(this.event('LKR', [], a.loc), a.deps);
          this.b.emit(this.event('LKW', [], a.loc), a.deps);
          return { value: 1, deps: [] };
        }
        const lf = this.b.emit(this.event('LF', [], a.loc), a.deps);
        return { value: 0, deps: this.b.sourceDeps(lf) };
      }
      case 'islocked': {
        const a = this.address(e.loc);
        const locked = this.ctx.choose(2) === 0;
        const i = this.b.emit(this.event(locked ? 'RL' : 'RU', [], a.loc), a.deps);
        return { value: locked ? 1 : 0, deps: this.b.sourceDeps(i) };
      }
      case 'call':
        return this.internal(`unexpanded macro ${e.name}`, e.span);
      default:
        return assertNever(e);
    }
  }

  /** The read and write of an atomic operation: stores `old op operand`. */
  private atomicRmw(tags: Tags, loc: CExpr, op: RmwOp, operandExpr: CExpr, span: Span): { old: Tainted; stored: Value; operand: Tainted } {
    const operand = this.expr(operandExpr);
    const a = this.address(loc);
    const old = this.read(a.loc, tags, a.deps, RMW_SETS);
    const stored = rmwResult(op, old.value, operand.value, span);
    const w = this.b.emit(this.event('W', tags, a.loc, stored, RMW_SETS), a.deps, unionDeps(old.deps, operand.deps));
    this.pair(old, w);
    return { old, stored, operand };
  }

  private pair(read: Tainted, write: number): void {
    const r = read.deps[read.deps.length - 1];
    if (r !== undefined) this.b.pairRmw(r, write);
  }

  /** A read of `loc` returning one of the values it may hold. */
  private read(loc: string, tags: Tags, addrDeps: readonly number[], sets?: readonly string[]): Tainted {
    const values = this.ctx.readValues(loc);
    const v = values[this.ctx.choose(values.length)] as Value;
    const i = this.b.emit(this.event('R', tags, loc, v, sets), addrDeps);
    return { value: v, deps: [i] };
  }

  /**
   * Evaluates an address. An integer address ends the path: herd reports
   * "Non-symbolic memory access" only for executions it keeps, and paths
   * built from over-approximated read values (a pointer read returning a
   * value no consistent execution gives it) must not fail the test.
   */
  private address(e: CExpr): { loc: string; deps: readonly number[] } {
    const a = this.expr(e);
    if (typeof a.value !== 'string' || a.value === UNKNOWN) throw ABORT_PATH;
    return { loc: a.value, deps: a.deps };
  }

  /** Value equality, a choice of the path (see `decide`); with an unknown side, both answers are explored. */
  private same(a: Tainted, b: Tainted): boolean {
    this.b.decide(unionDeps(a.deps, b.deps));
    if (a.value === UNKNOWN || b.value === UNKNOWN) return this.ctx.choose(2) === 0;
    return a.value === b.value;
  }

  private internal(what: string, span: Span): never {
    return raise(DIAG_CODES.LITMUS_SEMANTIC, `internal: ${what}`, span);
  }
}
