/**
 * Tokens of the C code in litmus tests and `.def` macro files, read lazily
 * from an offset so the caller decides where the C part ends. Comments are
 * `/* *\/` and `//` only: `(*` is C (`WRITE_ONCE(*x, 1)`), as in herd's
 * `CLexer.mll`.
 */
import { raise, type DiagCode, type Span } from '../../diag.js';
import { C_COMMENTS, isDigit, isIdentPart, isIdentStart, numberValue, scanNumber, skipBlanks } from '../scan.js';
import type { SourceText } from '../source.js';

export type CTokenKind = 'ident' | 'num' | 'op' | 'eof';

export interface CToken {
  readonly kind: CTokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Operators, longest first. */
const OPS = [
  '<<=', '>>=', '->', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=',
  '==', '!=', '<=', '>=', '&&', '||', '<<', '>>',
  '(', ')', '{', '}', '[', ']', ';', ',', '=', '+', '-', '*', '/', '%', '&', '|', '^', '~', '!', '<', '>', '?', ':', '.',
];

/** A buffered token stream with the usual parser helpers. */
export class CTokens {
  private readonly buf: CToken[] = [];
  private pos: number;
  /** End offset of the last token taken. */
  lastEnd: number;

  constructor(
    readonly src: SourceText,
    start: number,
    /** Code for syntax errors: LITMUS_SYNTAX in tests, MODEL_SYNTAX in `.def` files. */
    readonly errorCode: DiagCode,
  ) {
    this.pos = start;
    this.lastEnd = start;
  }

  peek(k = 0): CToken {
    while (this.buf.length <= k) this.buf.push(this.lex());
    return this.buf[k] as CToken;
  }

  next(): CToken {
    const t = this.peek();
    this.buf.shift();
    this.lastEnd = t.end;
    return t;
  }

  /** Offset where the next token starts (after blanks and comments). */
  nextStart(): number {
    return this.peek().start;
  }

  /** True when token `k` ahead is the operator or identifier `text`. */
  is(text: string, k = 0): boolean {
    const t = this.peek(k);
    return (t.kind === 'op' || t.kind === 'ident') && t.text === text;
  }

  accept(text: string): CToken | undefined {
    return this.is(text) ? this.next() : undefined;
  }

  expect(text: string): CToken {
    if (this.is(text)) return this.next();
    return this.fail(this.peek(), `expected '${text}'`);
  }

  ident(what = 'an identifier'): CToken {
    const t = this.peek();
    if (t.kind !== 'ident') this.fail(t, `expected ${what}`);
    return this.next();
  }

  span(t: CToken): Span {
    return this.src.span(t.start, t.end);
  }

  /** The span from `start` to the end of the last token taken. */
  spanFrom(start: number): Span {
    return this.src.span(start, this.lastEnd);
  }

  fail(t: CToken, expected: string): never {
    const found = t.kind === 'eof' ? 'end of file' : `'${t.text}'`;
    return raise(this.errorCode, `syntax error: ${expected}, found ${found}`, this.span(t));
  }

  numberValue(t: CToken): number {
    return numberValue(t.text);
  }

  private lex(): CToken {
    const text = this.src.text;
    const i = skipBlanks(this.src, this.pos, C_COMMENTS, this.errorCode);
    const c = text[i];
    let end: number;
    let kind: CTokenKind;
    if (c === undefined) {
      end = i;
      kind = 'eof';
    } else if (isDigit(c)) {
      end = scanNumber(text, i);
      if (isIdentPart(text[end])) raise(this.errorCode, 'syntax error: malformed number', this.src.span(i, end + 1));
      kind = 'num';
    } else if (isIdentStart(c)) {
      end = i + 1;
      while (isIdentPart(text[end])) end++;
      kind = 'ident';
    } else {
      const op = OPS.find((o) => text.startsWith(o, i));
      if (op === undefined) raise(this.errorCode, `syntax error: unexpected character '${c}'`, this.src.span(i, i + 1));
      end = i + op.length;
      kind = 'op';
    }
    this.pos = end;
    return { kind, text: text.slice(i, end), start: i, end };
  }
}
