/**
 * The layout every assembly litmus file shares (herd's splitter): a header
 * line `ARCH NAME`, an optional doc string and `Key=Value` lines, the
 * initial state in braces, the thread code, and the constraints
 * (`locations`, `filter`, `exists` / `~exists` / `forall`).
 */
import { DIAG_CODES, notSupported, raise } from '../../diag.js';
import type { SourceText } from '../../litmus/source.js';
import { blankComments, type Piece } from './text.js';

export interface AsmSections {
  /** The source with comments blanked out (offsets unchanged). */
  readonly text: string;
  readonly archWord: Piece;
  readonly name: Piece;
  readonly doc?: string;
  /** `Key=Value` prelude lines. */
  readonly meta: readonly { readonly key: Piece; readonly value: Piece }[];
  /** Inside the braces of the initial state. */
  readonly init: Piece;
  /** The thread code: header row and instruction rows. */
  readonly code: Piece;
  /** From the first constraint keyword to the end. */
  readonly constraints: Piece;
}

/** Words that start the constraint part of a test. */
const CONSTRAINT_START = /^(?:(?:~\s*exists|exists|final|forall|locations|filter|cases)\b|\()/;

/** Prelude keys herd reads that change a test's meaning; weakmem supports none of their values. */
const UNSUPPORTED_META = new Set(['Variant', 'TTHM', 'EL0', 'MTEPrecision', 'Fault']);

export function splitSections(src: SourceText): AsmSections {
  const text = blankComments(src);
  const err = (at: number, msg: string): never => raise(DIAG_CODES.LITMUS_SYNTAX, msg, src.span(at, at + 1));

  let i = skipWs(text, 0);
  const archWord = word(text, i);
  if (archWord.text === '') err(i, 'expected a litmus header such as `AArch64 NAME`');
  i = skipInline(text, archWord.start + archWord.text.length);
  const name = word(text, i);
  if (name.text === '') err(i, `expected a test name after '${archWord.text}'`);
  i = name.start + name.text.length;

  let doc: string | undefined;
  const meta: { key: Piece; value: Piece }[] = [];
  for (;;) {
    i = skipWs(text, i);
    const c = text[i];
    if (c === undefined) return err(i, "expected '{' opening the initial state");
    if (c === '{') break;
    if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) err(i, 'unterminated doc string');
      doc = text.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    const eol = lineEnd(text, i);
    const line = text.slice(i, eol);
    const eq = line.indexOf('=');
    if (/^variant\s/i.test(line)) notSupported(line.trim(), src.span(i, eol));
    if (eq <= 0) err(i, "expected 'Key=Value', a doc string or '{'");
    const key = { text: line.slice(0, eq).trim(), start: i };
    const value = { text: line.slice(eq + 1).trim(), start: i + eq + 1 };
    if (UNSUPPORTED_META.has(key.text)) notSupported(`${key.text}=${value.text}`, src.span(i, eol));
    meta.push({ key, value });
    i = eol;
  }
  const close = matchingBrace(text, i);
  if (close < 0) err(i, "unterminated initial state: missing '}'");
  const init = { text: text.slice(i + 1, close), start: i + 1 };

  const codeStart = close + 1;
  let j = codeStart;
  let constraintsAt = text.length;
  while (j < text.length) {
    const lineStart = j;
    const k = skipInline(text, j);
    if (CONSTRAINT_START.test(text.slice(k, k + 12))) {
      constraintsAt = k;
      break;
    }
    j = lineEnd(text, lineStart);
    if (text[j] === '\n') j++;
  }
  return {
    text,
    archWord,
    name,
    ...(doc !== undefined ? { doc } : {}),
    meta,
    init,
    code: { text: text.slice(codeStart, constraintsAt), start: codeStart },
    constraints: { text: text.slice(constraintsAt), start: constraintsAt },
  };
}

function skipWs(t: string, i: number): number {
  while (i < t.length && /\s/.test(t[i] as string)) i++;
  return i;
}

function skipInline(t: string, i: number): number {
  while (i < t.length && (t[i] === ' ' || t[i] === '\t' || t[i] === '\r')) i++;
  return i;
}

function lineEnd(t: string, i: number): number {
  const e = t.indexOf('\n', i);
  return e < 0 ? t.length : e;
}

function word(t: string, i: number): Piece {
  let j = i;
  while (j < t.length && !/\s/.test(t[j] as string)) j++;
  return { text: t.slice(i, j), start: i };
}

function matchingBrace(t: string, open: number): number {
  let depth = 0;
  for (let i = open; i < t.length; i++) {
    if (t[i] === '{') depth++;
    else if (t[i] === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
