/**
 * Small text utilities for the assembly front ends: blanking comments while
 * keeping every offset (so spans stay exact), and a cursor over a region of
 * the source that reports errors at `file:line:col`.
 */
import { DIAG_CODES, raise, type DiagCode, type Span } from '../../diag.js';
import type { SourceText } from '../../litmus/source.js';

/**
 * Replaces every `(* ... *)` comment (nesting, as in OCaml) with spaces,
 * keeping newlines, so offsets in the result are offsets in the original.
 */
export function blankComments(src: SourceText): string {
  const t = src.text;
  const out = t.split('');
  let i = 0;
  while (i < t.length) {
    if (t[i] === '(' && t[i + 1] === '*') {
      const start = i;
      let depth = 0;
      while (i < t.length) {
        if (t[i] === '(' && t[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (t[i] === '*' && t[i + 1] === ')') {
          depth--;
          i += 2;
          if (depth === 0) break;
        } else i++;
      }
      if (depth !== 0) raise(DIAG_CODES.LITMUS_SYNTAX, 'unterminated comment', src.span(start, start + 2));
      for (let k = start; k < i; k++) if (out[k] !== '\n') out[k] = ' ';
    } else if (t[i] === '"') {
      // Doc strings may contain `(*`; skip them whole.
      const end = t.indexOf('"', i + 1);
      i = end < 0 ? t.length : end + 1;
    } else i++;
  }
  return out.join('');
}

/** A piece of text at a known offset of the source: a cell, an operand, an init item. */
export interface Piece {
  readonly text: string;
  /** Offset of `text[0]` in the source. */
  readonly start: number;
}

/** Trims a piece, keeping its offset right. */
export function trimPiece(p: Piece): Piece {
  const lead = p.text.length - p.text.trimStart().length;
  return { text: p.text.trim(), start: p.start + lead };
}

/** Splits a piece at every `sep` (a single character), each part keeping its offset. */
export function splitPiece(p: Piece, sep: string): Piece[] {
  const parts: Piece[] = [];
  let from = 0;
  for (let i = 0; i <= p.text.length; i++) {
    if (i === p.text.length || p.text[i] === sep) {
      parts.push({ text: p.text.slice(from, i), start: p.start + from });
      from = i + 1;
    }
  }
  return parts;
}

/** Splits at top-level commas (not inside brackets or braces). */
export function splitOperands(p: Piece): Piece[] {
  const parts: Piece[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i <= p.text.length; i++) {
    const c = p.text[i];
    if (c === '[' || c === '(' || c === '{') depth++;
    else if (c === ']' || c === ')' || c === '}') depth--;
    if (i === p.text.length || (c === ',' && depth === 0)) {
      parts.push(trimPiece({ text: p.text.slice(from, i), start: p.start + from }));
      from = i + 1;
    }
  }
  return parts.length === 1 && parts[0]?.text === '' ? [] : parts;
}

export function spanOf(src: SourceText, p: Piece): Span {
  return src.span(p.start, p.start + Math.max(1, p.text.length));
}

/** Raises a syntax (or other) diagnostic at a piece. */
export function failAt(src: SourceText, p: Piece, message: string, code: DiagCode = DIAG_CODES.LITMUS_SYNTAX): never {
  return raise(code, message, spanOf(src, p));
}
