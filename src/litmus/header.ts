/**
 * The front matter every litmus test shares (herd's `splitter.mll`): the
 * header line `ARCH NAME`, an optional `(texname)`, an optional quoted doc
 * string, `Key=Value` information lines (`Cycle=...`, `Variant=...`), and
 * comments, up to the `{` that opens the initial state.
 */
import { DIAG_CODES, raise, type Span } from '../diag.js';
import { ALL_COMMENTS, skipBlanks } from './scan.js';
import type { SourceText } from './source.js';

export interface LitmusHeader {
  /** The architecture word as written (`C`, `AArch64`, `X86_64`, ...). */
  readonly arch: string;
  readonly archSpan: Span;
  readonly name: string;
  readonly doc?: string;
  /** `Key=Value` lines before the initial state, in order. */
  readonly info: readonly { readonly key: string; readonly value: string }[];
  /** Offset just after the `{` opening the initial state. */
  readonly initStart: number;
}

const ARCH = /[A-Za-z0-9_]+/y;
const NAME = /[A-Za-z0-9_/.\-+[\]]+/y;
const INFO = /([A-Za-z][A-Za-z0-9_/.-]*)[ \t]*=[ \t]*([^\n]*)/y;

function matchAt(re: RegExp, text: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(text);
}

/** Parses the header and locates the initial-state block. */
export function parseHeader(src: SourceText): LitmusHeader {
  const text = src.text;
  let i = skipBlanks(src, 0, ALL_COMMENTS);
  const arch = matchAt(ARCH, text, i);
  if (arch === null) raise(DIAG_CODES.LITMUS_SYNTAX, "syntax error: expected a litmus header such as 'C NAME'", src.span(i, i + 1));
  const archSpan = src.span(i, i + arch[0].length);
  i += arch[0].length;
  const afterArch = i;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const name = i > afterArch ? matchAt(NAME, text, i) : null;
  if (name === null) raise(DIAG_CODES.LITMUS_SYNTAX, 'syntax error: expected a test name after the architecture', src.span(i, i + 1));
  i += name[0].length;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] === '(') {
    const close = text.indexOf(')', i);
    if (close > 0 && !text.slice(i, close).includes('\n')) i = close + 1;
  }
  let doc: string | undefined;
  const info: { key: string; value: string }[] = [];
  for (;;) {
    i = skipBlanks(src, i, ALL_COMMENTS);
    const c = text[i];
    if (c === undefined) {
      return raise(DIAG_CODES.LITMUS_SYNTAX, "syntax error: expected '{' opening the initial state, found end of file", src.span(i, i));
    }
    if (c === '{') break;
    if (c === '"') {
      const close = text.indexOf('"', i + 1);
      if (close < 0) raise(DIAG_CODES.LITMUS_SYNTAX, 'syntax error: unterminated string', src.span(i, i + 1));
      doc ??= text.slice(i + 1, close);
      i = close + 1;
      continue;
    }
    if (c === ';') {
      i++;
      continue;
    }
    const kv = matchAt(INFO, text, i);
    if (kv !== null) {
      info.push({ key: kv[1] as string, value: (kv[2] as string).trim() });
      i += kv[0].length;
      continue;
    }
    // herd skips any other text before the initial state.
    while (i < text.length && text[i] !== '\n' && text[i] !== '{') i++;
  }
  const base = { arch: arch[0], archSpan, name: name[0], info, initStart: i + 1 };
  return doc === undefined ? base : { ...base, doc };
}
