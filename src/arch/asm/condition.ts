/**
 * The constraint part of an assembly test: `locations [k; ...]`,
 * `filter P`, and `exists P` / `~exists P` / `forall P`. Propositions use
 * herd's syntax and precedence: `\/` (or `+`) loosest, then `/\`, then `=>`;
 * `~` or `not`, `true`, `false`, and atoms
 * `key = value` or `key <> value` (printed by herd as `not (key=value)`).
 * Keys are registers `N:reg` or symbolic ones `%r`, locations `x` or
 * `[x]`, and array elements `x[1]`; a whole array compares with a list of
 * values, `x={1,0}`; a code address with a label value, `label:"P0:L0"`.
 */
import { DIAG_CODES, raise, type Span } from '../../diag.js';
import { joinSpans, type SourceText } from '../../litmus/source.js';
import { elementLoc, type Condition, type Prop, type Quantifier, type StateKey } from '../../litmus/types.js';
import { parseInteger, parseKey, type RegisterNamer } from './init.js';
import type { Piece } from './text.js';
import { labelText } from './value.js';

export interface Constraints {
  readonly locations: readonly StateKey[];
  readonly filter?: Prop;
  readonly condition: Condition;
}

interface Tok {
  readonly text: string;
  readonly start: number;
}

const TOKEN = /\s*(\/\\|\\\/|=>|<>|!=|==|~|\+|\(|\)|\[|\]|\{|\}|,|;|=|\d+\s*:\s*%?[A-Za-z_][\w.]*|%[A-Za-z_.$][\w./$-]*|(?:label|instr):"[^"]*"|-?0[xX][0-9a-fA-F]+|-?\d+|[A-Za-z_&][\w.]*)/y;

function tokenize(src: SourceText, p: Piece): Tok[] {
  const out: Tok[] = [];
  const re = new RegExp(TOKEN.source, 'y');
  let i = 0;
  while (i < p.text.length) {
    if (/^\s*$/.test(p.text.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(p.text);
    if (!m) {
      const at = p.start + i + (p.text.slice(i).length - p.text.slice(i).trimStart().length);
      raise(DIAG_CODES.LITMUS_SYNTAX, `unexpected character '${src.text[at] ?? ''}' in the condition`, src.span(at, at + 1));
    }
    const tok = m[1] as string;
    out.push({ text: tok, start: p.start + i + m[0].length - tok.length });
    i = re.lastIndex;
  }
  return out;
}

export function parseConstraints(src: SourceText, p: Piece, register: RegisterNamer): Constraints {
  const fault = /\bFault\s*\(/.exec(p.text);
  if (fault) raise(DIAG_CODES.NOT_SUPPORTED, 'not supported: fault conditions', src.span(p.start + fault.index, p.start + fault.index + 5));
  const toks = tokenize(src, p);
  let pos = 0;
  const peek = (): Tok | undefined => toks[pos];
  const endAt = p.start + p.text.length;
  const spanOf = (t: Tok | undefined): Span => (t ? src.span(t.start, t.start + t.text.length) : src.span(endAt, endAt));
  const fail = (what: string): never => {
    const t = peek();
    return raise(DIAG_CODES.LITMUS_SYNTAX, `expected ${what}, found ${t ? `'${t.text}'` : 'end of file'}`, spanOf(t));
  };
  const eat = (text: string): Tok => {
    const t = peek();
    if (t?.text !== text) fail(`'${text}'`);
    pos++;
    return t as Tok;
  };

  const key = (): StateKey => {
    const t = peek();
    if (t === undefined) return fail('a register or a location');
    if (t.text === '[') {
      pos++;
      const loc = peek();
      if (loc === undefined || !/^[A-Za-z_]/.test(loc.text)) return fail('a location name');
      pos++;
      const close = eat(']');
      return { kind: 'mem', loc: loc.text, span: src.span(t.start, close.start + 1) };
    }
    if (t.text.startsWith('%')) {
      pos++;
      return parseKey(src, t, register);
    }
    if (/^\d+\s*:/.test(t.text) || /^[A-Za-z_]/.test(t.text)) {
      pos++;
      const index = toks[pos + 1];
      if (/^[A-Za-z_]/.test(t.text) && peek()?.text === '[' && index !== undefined && /^\d+$/.test(index.text) && toks[pos + 2]?.text === ']') {
        const close = toks[pos + 2] as Tok;
        pos += 3;
        return { kind: 'mem', loc: elementLoc(t.text, Number(index.text)), span: src.span(t.start, close.start + 1) };
      }
      return parseKey(src, t, register);
    }
    return fail('a register or a location');
  };

  /** `{v0,v1,...}`: the value of a whole array, as herd prints it. */
  const list = (): { text: string; span: Span } => {
    const open = eat('{');
    const items: string[] = [];
    for (;;) {
      const v = peek();
      const n = v === undefined ? undefined : parseInteger(v.text);
      if (n === undefined) return fail('an integer');
      items.push(String(n));
      pos++;
      if (peek()?.text !== ',') break;
      pos++;
    }
    const close = eat('}');
    return { text: `{${items.join(',')}}`, span: src.span(open.start, close.start + 1) };
  };

  const atom = (): Prop => {
    const t = peek();
    if (t === undefined) return fail('a proposition');
    if (t.text === '(') {
      pos++;
      const inner = prop();
      eat(')');
      return inner;
    }
    if (t.text === 'true' || t.text === 'false') {
      pos++;
      return { kind: t.text, span: spanOf(t) };
    }
    if (t.text === '~' || t.text === 'not') {
      pos++;
      const arg = atom();
      return { kind: 'not', arg, span: joinSpans(spanOf(t), arg.span) };
    }
    const k = key();
    const op = peek();
    if (op === undefined || !['=', '==', '<>', '!='].includes(op.text)) return fail("'=' or '<>'");
    pos++;
    const v = peek();
    if (v === undefined) return fail('a value');
    let p2: Prop;
    const n = parseInteger(v.text);
    const valueSpan = spanOf(v);
    if (n !== undefined) {
      pos++;
      p2 = { kind: 'eq', key: k, value: { value: n, span: valueSpan }, span: joinSpans(k.span, valueSpan) };
    } else if (v.text.startsWith('instr:') || v.text === 'NOP' || v.text === 'nop') {
      return raise(DIAG_CODES.NOT_SUPPORTED, `not supported: instruction value '${v.text}' (instruction fetch)`, valueSpan);
    } else if (v.text.startsWith('label:')) {
      // herd's label values: `label:"P0:L0"` or `label:"0:L0"`, printed the first way.
      const l = /^label:"P?(\d+):([^"]+)"$/.exec(v.text);
      if (!l) return fail('a label value such as label:"P0:L0"');
      pos++;
      const value = labelText(Number(l[1]), l[2] as string);
      p2 = { kind: 'eq', key: k, value: { value, span: valueSpan }, span: joinSpans(k.span, valueSpan) };
    } else if (v.text === '{') {
      const l = list();
      p2 = { kind: 'eq', key: k, value: { value: l.text, span: l.span }, span: joinSpans(k.span, l.span) };
    } else if (/^\d+\s*:/.test(v.text) || v.text === '[' || v.text.startsWith('%')) {
      const right = key();
      p2 = { kind: 'eqKeys', left: k, right, span: joinSpans(k.span, right.span) };
    } else if (/^&?[A-Za-z_]/.test(v.text)) {
      pos++;
      p2 = { kind: 'eq', key: k, value: { value: v.text.replace(/^&/, ''), span: valueSpan }, span: joinSpans(k.span, valueSpan) };
    } else return fail('a value');
    return op.text === '<>' || op.text === '!=' ? { kind: 'not', arg: p2, span: p2.span } : p2;
  };

  // herd's precedence (stateParser.mly): `\/` loosest, then `/\`, then `=>` (right associative).
  const implies = (): Prop => {
    const left = atom();
    if (peek()?.text !== '=>') return left;
    pos++;
    const right = implies();
    return { kind: 'implies', left, right, span: joinSpans(left.span, right.span) };
  };
  const conj = (): Prop => {
    const first = implies();
    const args = [first];
    while (peek()?.text === '/\\') {
      pos++;
      args.push(implies());
    }
    return args.length === 1 ? first : { kind: 'and', args, span: joinSpans(first.span, (args[args.length - 1] as Prop).span) };
  };
  const prop = (): Prop => {
    const first = conj();
    const args = [first];
    while (peek()?.text === '\\/' || peek()?.text === '+') {
      pos++;
      args.push(conj());
    }
    return args.length === 1 ? first : { kind: 'or', args, span: joinSpans(first.span, (args[args.length - 1] as Prop).span) };
  };

  const locations: StateKey[] = [];
  let filter: Prop | undefined;
  let condition: Condition | undefined;
  while (pos < toks.length) {
    const t = peek() as Tok;
    if (t.text === 'locations') {
      pos++;
      eat('[');
      while (peek() !== undefined && peek()?.text !== ']') {
        locations.push(key());
        if (peek()?.text === ';') pos++;
      }
      eat(']');
    } else if (t.text === 'filter') {
      pos++;
      filter = prop();
    } else if (t.text === 'exists' || t.text === 'final' || t.text === 'forall' || t.text === '~' || t.text === '(') {
      if (condition !== undefined) fail('end of file after the condition');
      let q: Quantifier = t.text === 'forall' ? 'forall' : 'exists';
      if (t.text !== '(') pos++;
      if (t.text === '~') {
        eat('exists');
        q = '~exists';
      }
      const body = pos < toks.length && peek()?.text !== ';' ? prop() : ({ kind: 'true', span: spanOf(t) } as Prop);
      condition = { quantifier: q, prop: body, span: joinSpans(spanOf(t), body.span) };
    } else if (t.text === ';') {
      pos++;
    } else if (t.text === 'cases') {
      raise(DIAG_CODES.NOT_SUPPORTED, "not supported: 'cases' conditions", spanOf(t));
    } else fail("'exists', '~exists', 'forall', 'locations' or 'filter'");
  }
  // herd reads a test without a condition as `forall (true)`.
  condition ??= { quantifier: 'forall', prop: { kind: 'true', span: src.span(endAt, endAt) }, span: src.span(endAt, endAt) };
  return { locations, ...(filter !== undefined ? { filter } : {}), condition };
}
