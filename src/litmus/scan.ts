/**
 * Character-level helpers shared by the litmus lexers: skipping blanks and
 * the three comment forms herd's files use — `(* *)` (nesting, as in OCaml),
 * `/* *\/` and `//`. C code must not treat `(*` as a comment (`WRITE_ONCE(*x, 1)`),
 * so each lexer says which forms it skips.
 */
import { DIAG_CODES, raise, type DiagCode } from '../diag.js';
import type { SourceText } from './source.js';

export interface CommentForms {
  /** Skip `(* ... *)`. */
  readonly ocaml: boolean;
  /** Skip `/* ... *\/` and `// ...`. */
  readonly c: boolean;
}

export const ALL_COMMENTS: CommentForms = { ocaml: true, c: true };
export const C_COMMENTS: CommentForms = { ocaml: false, c: true };

/**
 * Returns the offset of the first character at or after `i` that is neither
 * blank nor inside a comment. An unterminated comment is a syntax error.
 */
export function skipBlanks(
  src: SourceText,
  i: number,
  forms: CommentForms,
  code: DiagCode = DIAG_CODES.LITMUS_SYNTAX,
): number {
  const t = src.text;
  for (;;) {
    const c = t[i];
    if (c === undefined) return i;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') {
      i++;
    } else if (forms.ocaml && c === '(' && t[i + 1] === '*') {
      i = skipOcamlComment(src, i, code);
    } else if (forms.c && c === '/' && t[i + 1] === '*') {
      const end = t.indexOf('*/', i + 2);
      if (end < 0) raise(code, 'unterminated comment', src.span(i, i + 2));
      i = end + 2;
    } else if (forms.c && c === '/' && t[i + 1] === '/') {
      const end = t.indexOf('\n', i);
      i = end < 0 ? t.length : end + 1;
    } else {
      return i;
    }
  }
}

function skipOcamlComment(src: SourceText, start: number, code: DiagCode): number {
  const t = src.text;
  let depth = 0;
  let i = start;
  while (i < t.length) {
    if (t[i] === '(' && t[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (t[i] === '*' && t[i + 1] === ')') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return raise(code, 'unterminated comment', src.span(start, start + 2));
}

/** True for characters that may start an identifier. */
export function isIdentStart(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z_]/.test(c);
}

/** True for characters that may continue an identifier. */
export function isIdentPart(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_]/.test(c);
}

/** True for decimal digits. */
export function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Reads a decimal or `0x` hexadecimal literal at `i`; returns its end offset. */
export function scanNumber(text: string, i: number): number {
  if (text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X') && /[0-9a-fA-F]/.test(text[i + 2] ?? '')) {
    let j = i + 2;
    while (/[0-9a-fA-F]/.test(text[j] ?? '')) j++;
    return j;
  }
  let j = i;
  while (isDigit(text[j])) j++;
  return j;
}

/** The numeric value of a literal read by `scanNumber` (optionally with a leading `-`). */
export function numberValue(literal: string): number {
  const neg = literal.startsWith('-');
  const body = neg ? literal.slice(1) : literal;
  const v = body.startsWith('0x') || body.startsWith('0X') ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body, 10);
  return neg ? -v : v;
}
