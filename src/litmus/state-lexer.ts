/**
 * Tokens of herd's "state" language: the initial-state block, `locations`,
 * `filter` and the final condition (herd's `stateLexer.mll`). Numbers may be
 * negative (`-1`) or hexadecimal; `P0` is a thread; keywords (`exists`,
 * `not`, ...) are names the parser recognises. All three comment forms are
 * skipped.
 */
import { DIAG_CODES, raise } from '../diag.js';
import { ALL_COMMENTS, isDigit, isIdentPart, isIdentStart, scanNumber, skipBlanks } from './scan.js';
import type { SourceText } from './source.js';
import type { Span } from '../diag.js';

export type StateTokenKind = 'num' | 'name' | 'proc' | 'op' | 'eof';

export interface StateToken {
  readonly kind: StateTokenKind;
  /** The token as written (`''` at end of file). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Operators, longest first. */
const OPS = ['/\\', '\\/', '=>', '==', '!=', '<>', '=', '~', '+', '&', '*', ';', ':', '[', ']', '(', ')', '{', '}', ','];

/** A lazily tokenised stream over the state language, starting at an offset. */
export class StateLexer {
  private readonly buf: StateToken[] = [];
  private pos: number;
  /** End offset of the last token taken with `next`. */
  lastEnd: number;

  constructor(
    readonly src: SourceText,
    start: number,
  ) {
    this.pos = start;
    this.lastEnd = start;
  }

  peek(k = 0): StateToken {
    while (this.buf.length <= k) this.buf.push(this.lex());
    return this.buf[k] as StateToken;
  }

  next(): StateToken {
    const t = this.peek();
    this.buf.shift();
    this.lastEnd = t.end;
    return t;
  }

  /** True when the next token is the operator or name `text`. */
  is(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind !== 'eof' && t.kind !== 'num' && t.text === text;
  }

  accept(text: string): StateToken | undefined {
    return this.is(text) ? this.next() : undefined;
  }

  expect(text: string, what = `'${text}'`): StateToken {
    if (this.is(text)) return this.next();
    return this.fail(this.peek(), `expected ${what}`);
  }

  span(t: StateToken): Span {
    return this.src.span(t.start, t.end);
  }

  /** The span from `start` to the end of the last token taken. */
  spanFrom(start: number): Span {
    return this.src.span(start, this.lastEnd);
  }

  fail(t: StateToken, expected: string): never {
    const found = t.kind === 'eof' ? 'end of file' : `'${t.text}'`;
    return raise(DIAG_CODES.LITMUS_SYNTAX, `syntax error: ${expected}, found ${found}`, this.span(t));
  }

  private lex(): StateToken {
    const text = this.src.text;
    const i = skipBlanks(this.src, this.pos, ALL_COMMENTS);
    const c = text[i];
    if (c === undefined) {
      this.pos = i;
      return { kind: 'eof', text: '', start: i, end: i };
    }
    let end: number;
    let kind: StateTokenKind;
    if (isDigit(c) || (c === '-' && isDigit(text[i + 1]))) {
      end = scanNumber(text, c === '-' ? i + 1 : i);
      kind = 'num';
    } else if (isIdentStart(c) || ((c === '%' || c === '$') && isIdentStart(text[i + 1]))) {
      end = i + 1;
      while (isIdentPart(text[end]) || (text[end] === '.' && isIdentPart(text[end + 1]))) end++;
      kind = /^P\d+$/.test(text.slice(i, end)) ? 'proc' : 'name';
    } else {
      const op = OPS.find((o) => text.startsWith(o, i));
      if (op === undefined) raise(DIAG_CODES.LITMUS_SYNTAX, `syntax error: unexpected character '${c}'`, this.src.span(i, i + 1));
      end = i + op.length;
      kind = 'op';
    }
    this.pos = end;
    return { kind, text: text.slice(i, end), start: i, end };
  }
}
