/**
 * Lexer for the cat language, following herd's model lexer: names may
 * contain `.`, `-` and a final `'`; comments are `(* ... *)` (nested),
 * `// ...` and `# ...` to the end of the line.
 */
import { DIAG_CODES, raise, type Span } from '../diag.js';

export const KEYWORDS = new Set([
  'let', 'rec', 'and', 'when', 'acyclic', 'irreflexive', 'show', 'unshow', 'empty', 'subset', 'as', 'fun', 'in',
  'undefined_unless', 'flag', 'assert', 'include', 'variant', 'begin', 'end', 'procedure', 'call', 'enum', 'debug',
  'match', 'with', 'forall', 'from', 'do', 'try', 'if', 'then', 'else', 'catdep', 'instructions', 'default', 'not',
]);

/** Punctuation and operators, longest first. */
const PUNCT = ['||', '&&', '++', '->', '-1', '(', ')', '{', '}', '[', ']', '|', '&', '*', '~', '+', '^', '\\', '?', '=', ';', ','];

export type Token =
  /** A name (`po-loc`, `fence.r.r`, `_RMW`). */
  | { readonly kind: 'name'; readonly text: string; readonly span: Span }
  /** A tag `'name` (text without the quote). */
  | { readonly kind: 'tag'; readonly text: string; readonly span: Span }
  /** A string literal (text without the quotes). */
  | { readonly kind: 'string'; readonly text: string; readonly span: Span }
  | { readonly kind: 'keyword'; readonly text: string; readonly span: Span }
  /** Punctuation; also `_` and `0`. */
  | { readonly kind: 'punct'; readonly text: string; readonly span: Span }
  | { readonly kind: 'eof'; readonly text: ''; readonly span: Span };

const isAlpha = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isNameChar = (c: string): boolean => isAlpha(c) || isDigit(c) || c === '_' || c === '.' || c === '-';

/** Splits cat source text into tokens. Throws MODEL_SYNTAX with a span on a bad character or unterminated comment. */
export function tokenize(text: string, file: string): Token[] {
  const out: Token[] = [];
  let pos = 0, line = 1, col = 1;
  const span = (l: number, c: number): Span => ({ file, line: l, col: c, endLine: line, endCol: Math.max(c, col - 1) });
  const advance = (k: number): void => {
    for (let i = 0; i < k; i++) {
      if (text[pos] === '\n') {
        line++;
        col = 1;
      } else col++;
      pos++;
    }
  };
  /** Length of a name starting at `p`, or 0. */
  const nameLength = (p: number): number => {
    let q = p;
    if (text[q] === '_') q++;
    if (q >= text.length || !isAlpha(text[q])) return 0;
    while (q < text.length && isNameChar(text[q])) q++;
    if (text[q] === "'") q++;
    return q - p;
  };
  while (pos < text.length) {
    const c = text[pos];
    const l = line, k = col;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\u00a0') {
      advance(1);
      continue;
    }
    if (c === '(' && text[pos + 1] === '*') {
      let depth = 0;
      do {
        if (pos >= text.length) raise(DIAG_CODES.MODEL_SYNTAX, 'unterminated comment', { file, line: l, col: k });
        if (text[pos] === '(' && text[pos + 1] === '*') {
          depth++;
          advance(2);
        } else if (text[pos] === '*' && text[pos + 1] === ')') {
          depth--;
          advance(2);
        } else advance(1);
      } while (depth > 0);
      continue;
    }
    if (c === '#' || (c === '/' && text[pos + 1] === '/')) {
      while (pos < text.length && text[pos] !== '\n') advance(1);
      continue;
    }
    if (c === '"') {
      const end = text.indexOf('"', pos + 1);
      if (end < 0) raise(DIAG_CODES.MODEL_SYNTAX, 'unterminated string', { file, line: l, col: k });
      const s = text.slice(pos + 1, end);
      advance(end + 1 - pos);
      out.push({ kind: 'string', text: s, span: span(l, k) });
      continue;
    }
    if (c === "'") {
      const len = nameLength(pos + 1);
      if (len === 0) raise(DIAG_CODES.MODEL_SYNTAX, 'bad tag name after \'', { file, line: l, col: k });
      const s = text.slice(pos + 1, pos + 1 + len);
      advance(len + 1);
      out.push({ kind: 'tag', text: s, span: span(l, k) });
      continue;
    }
    const len = nameLength(pos);
    if (len > 0) {
      const s = text.slice(pos, pos + len);
      advance(len);
      out.push({ kind: KEYWORDS.has(s) ? 'keyword' : 'name', text: s, span: span(l, k) } as Token);
      continue;
    }
    if (c === '_' || c === '0') {
      advance(1);
      out.push({ kind: 'punct', text: c, span: span(l, k) });
      continue;
    }
    const p = PUNCT.find((q) => text.startsWith(q, pos));
    if (p === undefined) raise(DIAG_CODES.MODEL_SYNTAX, `unexpected character '${c}'`, { file, line: l, col: k });
    advance(p.length);
    out.push({ kind: 'punct', text: p, span: span(l, k) });
  }
  out.push({ kind: 'eof', text: '', span: { file, line, col } });
  return out;
}
