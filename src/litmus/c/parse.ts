/**
 * herd's C litmus format: header, initial state, thread functions
 * `P0(...) {...}` in any order, then `locations`, `filter` and the condition.
 * The C part ends at the first top-level text that does not start a thread
 * function; the shared state parser takes over from there.
 */
import { DIAG_CODES, raise } from '../../diag.js';
import type { LitmusTest } from '../types.js';
import { parseConstraints, parseHeader, parseInitBlock, SourceText, skipBlanks, ALL_COMMENTS } from '../parse-common.js';
import type { CThread } from './ast.js';
import { CTokens } from './lexer.js';
import { parseThread } from './parse-stmt.js';

const THREAD_START = /(?:void\s+)?P\d+\s*\(/y;

/** Parses a C litmus test. Throws `WeakmemError` (LITMUS_SYNTAX, NOT_SUPPORTED, LITMUS_SEMANTIC). */
export function parseCLitmus(text: string, file: string): LitmusTest<CThread> {
  const src = new SourceText(text, file);
  const header = parseHeader(src);
  if (header.arch !== 'C') {
    raise(DIAG_CODES.LITMUS_SYNTAX, `expected a C litmus test ('C NAME'), found a ${header.arch} test`, header.archSpan);
  }
  const init = parseInitBlock(src, header.initStart);
  const { threads, end } = parseThreads(src, init.end);
  const constraints = parseConstraints(src, end);
  const test: LitmusTest<CThread> = {
    arch: 'C',
    name: header.name,
    file,
    source: text,
    init: init.entries,
    threads,
    locations: constraints.locations,
    condition: constraints.condition,
    ...(header.doc !== undefined ? { doc: header.doc } : {}),
    ...(constraints.filter !== undefined ? { filter: constraints.filter } : {}),
  };
  return test;
}

/** Thread functions from `start`; returns them ordered by number and the offset after the last one. */
function parseThreads(src: SourceText, start: number): { threads: CThread[]; end: number } {
  const found: CThread[] = [];
  let end = start;
  for (;;) {
    const at = skipBlanks(src, end, ALL_COMMENTS);
    THREAD_START.lastIndex = at;
    if (!THREAD_START.test(src.text)) break;
    const ts = new CTokens(src, at, DIAG_CODES.LITMUS_SYNTAX);
    found.push(parseThread(ts));
    end = ts.lastEnd;
  }
  if (found.length === 0) {
    const at = skipBlanks(src, end, ALL_COMMENTS);
    raise(DIAG_CODES.LITMUS_SYNTAX, 'syntax error: expected a thread function such as P0(int *x) { ... }', src.span(at, at + 1));
  }
  const threads: CThread[] = [];
  for (const t of found) {
    if (threads[t.index] !== undefined) raise(DIAG_CODES.LITMUS_SEMANTIC, `thread P${t.index} is defined twice`, t.span);
    threads[t.index] = t;
  }
  for (let i = 0; i < threads.length; i++) {
    if (threads[i] === undefined) {
      const last = found[found.length - 1] as CThread;
      raise(DIAG_CODES.LITMUS_SEMANTIC, `thread P${i} is missing (threads must be numbered from P0 without gaps)`, last.span);
    }
  }
  return { threads, end };
}
