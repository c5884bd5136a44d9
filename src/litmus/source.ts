/**
 * Source text with offset ↔ line:col conversion. Every litmus parser works
 * on offsets and turns them into `Span`s (lines and columns from 1, the end
 * inclusive) only when it builds a node or reports an error.
 */
import type { Span } from '../diag.js';

export class SourceText {
  readonly text: string;
  readonly file: string;
  private readonly lineStarts: number[];

  constructor(text: string, file: string) {
    this.text = text;
    this.file = file;
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  /** 1-based line and column of an offset (an offset past the end maps to the end). */
  position(offset: number): { line: number; col: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: o - (this.lineStarts[lo] as number) + 1 };
  }

  /** The span of `[start, end)`; an empty range gives a one-character span at `start`. */
  span(start: number, end: number): Span {
    const a = this.position(start);
    const b = this.position(Math.max(start, end - 1));
    return { file: this.file, line: a.line, col: a.col, endLine: b.line, endCol: b.col };
  }

  /** The offset of a 1-based line and column. */
  offsetOf(line: number, col: number): number {
    const start = this.lineStarts[Math.max(0, line - 1)] ?? this.text.length;
    return Math.min(this.text.length, start + col - 1);
  }

  /** The text a span covers (its end included). */
  slice(span: Span): string {
    const start = this.offsetOf(span.line, span.col);
    const end =
      span.endLine !== undefined && span.endCol !== undefined ? this.offsetOf(span.endLine, span.endCol) + 1 : start + 1;
    return this.text.slice(start, Math.max(start, end));
  }
}

/** Joins two spans (from the start of `a` to the end of `b`). */
export function joinSpans(a: Span, b: Span): Span {
  return {
    file: a.file,
    line: a.line,
    col: a.col,
    endLine: b.endLine ?? b.line,
    endCol: b.endCol ?? b.col,
  };
}

/** Describes a token for error messages: `'x'`, or `end of file`. */
export function describeToken(text: string): string {
  return text === '' ? 'end of file' : `'${text}'`;
}
