/** Which litmus dialect a file is written in, from its first word. */
import { DIAG_CODES, raise, type Span } from '../diag.js';

export interface DetectedArch {
  /** The header word as written: `C`, `AArch64`, `X86`, `X86_64`, `PPC`, ... */
  readonly name: string;
  readonly span: Span;
}

/** Reads the header word, skipping blank lines and comments before it. */
export function detectArch(source: string, file: string): DetectedArch {
  let i = 0;
  let line = 1;
  let col = 1;
  const advance = (n: number): void => {
    for (let k = 0; k < n; k++) {
      if (source[i] === '\n') {
        line++;
        col = 1;
      } else col++;
      i++;
    }
  };
  while (i < source.length) {
    if (/\s/.test(source[i] as string)) advance(1);
    else if (source.startsWith('(*', i)) {
      const end = source.indexOf('*)', i + 2);
      advance(end < 0 ? source.length - i : end + 2 - i);
    } else if (source.startsWith('//', i)) {
      const end = source.indexOf('\n', i);
      advance(end < 0 ? source.length - i : end - i);
    } else break;
  }
  const m = /^[A-Za-z][\w.-]*/.exec(source.slice(i));
  if (m === null) raise(DIAG_CODES.LITMUS_SYNTAX, 'expected a litmus header such as `C NAME` or `AArch64 NAME`', { file, line, col });
  return { name: m[0], span: { file, line, col, endLine: line, endCol: col + m[0].length - 1 } };
}
