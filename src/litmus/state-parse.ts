/**
 * Parser for herd's state language (`stateParser.mly`): the initial-state
 * block, `locations [...]`, `filter` and the final condition.
 *
 * Proposition precedence follows herd: `\/` (also `+`) binds loosest, then
 * `/\`, then `=>` (right associative, so `a /\ b => c` is `a /\ (b => c)`),
 * then `~`/`not`. An atom is `loc = v`, `loc == v`, `loc != v` (`<>`), or
 * `loc = 0:r1` / `loc = *y` comparing two state keys. A location is `x`,
 * `[x]` or `0:r0` (also `P0:r0`); a value is an integer (decimal, negative,
 * hexadecimal) or a location name, which denotes that location's address.
 */
import { notSupported } from '../diag.js';
import type { Condition, InitEntry, Prop, StateKey, Value } from './types.js';
import { StateLexer, type StateToken } from './state-lexer.js';
import { numberValue } from './scan.js';
import type { SourceText } from './source.js';

const KEYWORDS = new Set(['exists', 'forall', 'final', 'locations', 'filter', 'not', 'true', 'false', 'with', 'observed', 'cases', 'and']);

export interface InitBlock {
  readonly entries: readonly InitEntry[];
  /** Offset just after the closing `}`. */
  readonly end: number;
}

export interface Constraints {
  readonly locations: readonly StateKey[];
  readonly filter?: Prop;
  readonly condition: Condition;
}

/** Parses init entries from just after `{` to the matching `}`. */
export function parseInitBlock(src: SourceText, start: number): InitBlock {
  const lx = new StateLexer(src, start);
  const entries: InitEntry[] = [];
  for (;;) {
    if (lx.accept('}')) return { entries, end: lx.lastEnd };
    if (lx.accept(';')) continue;
    entries.push(parseInitEntry(lx));
    if (!lx.is(';') && !lx.is('}')) lx.fail(lx.peek(), "expected ';' or '}'");
  }
}

/** Parses `locations`, `filter` and the condition, up to the end of the file. */
export function parseConstraints(src: SourceText, start: number): Constraints {
  const lx = new StateLexer(src, start);
  const locations: StateKey[] = [];
  let filter: Prop | undefined;
  for (;;) {
    if (lx.accept('locations')) {
      lx.expect('[');
      while (!lx.accept(']')) {
        if (lx.accept(';')) continue;
        locations.push(parseLocation(lx));
        while (lx.peek().kind === 'name' || lx.is('*')) lx.next(); // optional type, ignored
        if (!lx.is(';') && !lx.is(']')) lx.fail(lx.peek(), "expected ';' or ']'");
      }
    } else if (filter === undefined && lx.accept('filter')) {
      filter = parseProp(lx);
    } else if (lx.is('regions') || lx.is('scopes') || lx.is('levels')) {
      notSupported(`'${lx.peek().text}' sections (memory regions and scopes)`, lx.span(lx.peek()));
    } else break;
  }
  const condition = parseCondition(lx);
  lx.accept(';');
  if (lx.is('with')) notSupported('`with` clauses after the condition', lx.span(lx.peek()));
  if (lx.peek().kind !== 'eof') lx.fail(lx.peek(), 'expected end of file after the condition');
  return filter === undefined ? { locations, condition } : { locations, filter, condition };
}

function parseCondition(lx: StateLexer): Condition {
  const t = lx.peek();
  if (t.kind === 'eof') {
    // No condition: herd's default, `forall true`.
    const span = lx.span(t);
    return { quantifier: 'forall', prop: { kind: 'true', span }, span };
  }
  let quantifier: Condition['quantifier'];
  if (lx.accept('exists') || lx.accept('final')) quantifier = 'exists';
  else if (lx.accept('forall')) quantifier = 'forall';
  else if ((lx.is('~') || lx.is('not')) && lx.is('exists', 1)) {
    lx.next();
    lx.next();
    quantifier = '~exists';
  } else if (lx.is('(')) quantifier = 'exists';
  else if (lx.is('observed') || lx.is('cases')) return notSupported(`'${t.text}' conditions`, lx.span(t));
  else return lx.fail(t, "expected 'exists', '~exists' or 'forall'");
  const prop = parseProp(lx);
  return { quantifier, prop, span: lx.spanFrom(t.start) };
}

/** A proposition (herd's `prop`). */
export function parseProp(lx: StateLexer): Prop {
  const start = lx.peek().start;
  const args = [parseAnd(lx)];
  while (lx.accept('\\/') || lx.accept('+')) args.push(parseAnd(lx));
  return args.length === 1 ? (args[0] as Prop) : { kind: 'or', args, span: lx.spanFrom(start) };
}

function parseAnd(lx: StateLexer): Prop {
  const start = lx.peek().start;
  const args = [parseImplies(lx)];
  while (lx.accept('/\\')) args.push(parseImplies(lx));
  return args.length === 1 ? (args[0] as Prop) : { kind: 'and', args, span: lx.spanFrom(start) };
}

function parseImplies(lx: StateLexer): Prop {
  const start = lx.peek().start;
  const left = parseNot(lx);
  if (!lx.accept('=>')) return left;
  const right = parseImplies(lx);
  return { kind: 'implies', left, right, span: lx.spanFrom(start) };
}

function parseNot(lx: StateLexer): Prop {
  const t = lx.peek();
  if (lx.accept('~') || lx.accept('not')) {
    const arg = parseNot(lx);
    return { kind: 'not', arg, span: lx.spanFrom(t.start) };
  }
  if (lx.accept('true')) return { kind: 'true', span: lx.span(t) };
  if (lx.accept('false')) return { kind: 'false', span: lx.span(t) };
  if (lx.accept('(')) {
    const p = parseProp(lx);
    lx.expect(')');
    return p;
  }
  return parseAtom(lx);
}

function parseAtom(lx: StateLexer): Prop {
  const start = lx.peek().start;
  const key = parseLocation(lx);
  const op = lx.peek();
  if (lx.accept('=') || lx.accept('==')) {
    const isRegNext = lx.peek().kind === 'proc' || (lx.peek().kind === 'num' && lx.is(':', 1));
    if (isRegNext || lx.is('*')) {
      if (lx.accept('*') && (lx.peek().kind === 'proc' || lx.is(':', 1))) {
        notSupported('dereferencing a register in a condition', lx.span(lx.peek()));
      }
      const right = parseLocation(lx);
      return { kind: 'eqKeys', left: key, right, span: lx.spanFrom(start) };
    }
    const value = parseValue(lx);
    return { kind: 'eq', key, value, span: lx.spanFrom(start) };
  }
  if (lx.accept('!=') || lx.accept('<>')) {
    const value = parseValue(lx);
    const span = lx.spanFrom(start);
    return { kind: 'not', arg: { kind: 'eq', key, value, span }, span };
  }
  return lx.fail(op, "expected '=' or '!='");
}

/** A state key: `x`, `[x]`, `0:r0` or `P0:r0`. */
export function parseLocation(lx: StateLexer): StateKey {
  const t = lx.peek();
  if (t.kind === 'proc' || (t.kind === 'num' && lx.is(':', 1))) {
    lx.next();
    lx.expect(':');
    const r = lx.next();
    if (r.kind !== 'name' || KEYWORDS.has(r.text)) lx.fail(r, 'expected a register name');
    const thread = t.kind === 'proc' ? Number(t.text.slice(1)) : numberValue(t.text);
    return { kind: 'reg', thread, reg: r.text, span: lx.spanFrom(t.start) };
  }
  if (lx.accept('[')) {
    const n = lx.next();
    if (n.kind !== 'name' || KEYWORDS.has(n.text)) lx.fail(n, 'expected a location name');
    lx.expect(']');
    return { kind: 'mem', loc: n.text, span: lx.spanFrom(t.start) };
  }
  if (t.kind === 'name' && !KEYWORDS.has(t.text) && !t.text.startsWith('%') && !t.text.startsWith('$')) {
    lx.next();
    if (lx.is('[')) notSupported('arrays', lx.span(lx.peek()));
    return { kind: 'mem', loc: t.text, span: lx.span(t) };
  }
  return lx.fail(t, 'expected a location');
}

/** A value: an integer or a location name (its address). */
function parseValue(lx: StateLexer): { value: Value; span: ReturnType<StateLexer['span']> } {
  const t = lx.next();
  if (t.kind === 'num') return { value: numberValue(t.text), span: lx.span(t) };
  if (t.kind === 'name' && !KEYWORDS.has(t.text)) return { value: t.text, span: lx.span(t) };
  if (t.kind === 'proc') return notSupported('label values', lx.span(t));
  return lx.fail(t, 'expected a value');
}

/**
 * One init entry: `x=1`, `[x]=1`, `0:r1=x`, `int x`, `int x = 1`,
 * `int *p = &y`, `spinlock_t s`, `atomic_t z = ATOMIC_INIT(1)`, `int * 1:r1`.
 */
function parseInitEntry(lx: StateLexer): InitEntry {
  const start = lx.peek().start;
  const words: string[] = [];
  let stars = 0;
  for (;;) {
    const t = lx.peek();
    const n = lx.peek(1);
    const nextStartsLocation = n.kind === 'name' || n.kind === 'proc' || (n.kind === 'num' && lx.is(':', 2)) || n.text === '*';
    if (lx.is('*')) {
      lx.next();
      stars++;
    } else if (t.kind === 'name' && !KEYWORDS.has(t.text) && nextStartsLocation && stars === 0) {
      words.push(lx.next().text);
    } else break;
  }
  const target = parseLocation(lx);
  let value: Value = 0;
  if (lx.accept('=')) {
    lx.accept('&');
    if (lx.accept('ATOMIC_INIT')) {
      lx.expect('(');
      value = parseValue(lx).value;
      lx.expect(')');
    } else value = parseValue(lx).value;
  }
  const type = words.length > 0 || stars > 0 ? `${words.join(' ')}${stars > 0 ? ` ${'*'.repeat(stars)}` : ''}`.trim() : undefined;
  const span = lx.spanFrom(start);
  return type === undefined ? { target, value, span } : { target, value, type, span };
}

/** True when a token is a keyword of the state language. */
export function isStateKeyword(t: StateToken): boolean {
  return t.kind === 'name' && KEYWORDS.has(t.text);
}
