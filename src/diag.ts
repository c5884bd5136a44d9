/**
 * Diagnostics: every error weakmem reports is a value with a stable code, a
 * message and (where it has one) a source span. One error class carries a
 * diagnostic across a boundary; the CLI prints it as `file:line:col: message`.
 */

/** A position range in a source file. Lines and columns count from 1. */
export interface Span {
  /** File name as given by the user (or a pseudo-name such as `<builtin:lkmm>`). */
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** Inclusive end, when known. */
  readonly endLine?: number;
  readonly endCol?: number;
}

/**
 * The stable diagnostic codes. Each code maps to one CLI exit code
 * (see `exitCodeFor`).
 */
export const DIAG_CODES = {
  /** Lexical or syntax error in a litmus test. */
  LITMUS_SYNTAX: 'WM100',
  /** A construct weakmem recognises but does not support (unknown macro, instruction, ...). */
  NOT_SUPPORTED: 'WM101',
  /** A semantic error in the test (undeclared register, bad pointer, ...). */
  LITMUS_SEMANTIC: 'WM102',
  /** Syntax error in a cat model, .def macro file or .cfg file. */
  MODEL_SYNTAX: 'WM200',
  /** Run-time error while evaluating a cat model (unbound name, type error, unknown builtin). */
  MODEL_EVAL: 'WM201',
  /** A model or included file could not be found. */
  MODEL_NOT_FOUND: 'WM202',
  /** The candidate space exceeds --max-executions. */
  BOUND_EXCEEDED: 'WM300',
  /** The --timeout elapsed. */
  TIMEOUT: 'WM301',
  /** Bad command-line usage. */
  USAGE: 'WM400',
  /** An input file could not be read. */
  IO: 'WM401',
} as const;

export type DiagCode = (typeof DIAG_CODES)[keyof typeof DIAG_CODES];

export interface Diagnostic {
  readonly code: DiagCode;
  readonly message: string;
  readonly span?: Span;
}

/** The one error class: thrown at a boundary, caught by the CLI or API caller. */
export class WeakmemError extends Error {
  readonly diagnostic: Diagnostic;
  constructor(diagnostic: Diagnostic) {
    super(diagnostic.message);
    this.name = 'WeakmemError';
    this.diagnostic = diagnostic;
  }
}

/** Throws a diagnostic. */
export function raise(code: DiagCode, message: string, span?: Span): never {
  throw new WeakmemError(span === undefined ? { code, message } : { code, message, span });
}

/** Throws `not supported: <what>` with a location. */
export function notSupported(what: string, span?: Span): never {
  return raise(DIAG_CODES.NOT_SUPPORTED, `not supported: ${what}`, span);
}

/**
 * Formats a diagnostic as `file:line:col: message`, followed by the source
 * line and a caret when the source text is available.
 */
export function formatDiagnostic(d: Diagnostic, sourceOf?: (file: string) => string | undefined): string {
  if (d.span === undefined) return `weakmem: ${d.message}`;
  const { file, line, col } = d.span;
  let out = `${file}:${line}:${col}: ${d.message}`;
  const text = sourceOf?.(file);
  if (text !== undefined) {
    const src = text.split(/\r?\n/)[line - 1];
    if (src !== undefined) {
      const width =
        d.span.endLine === line && d.span.endCol !== undefined ? Math.max(1, d.span.endCol - col + 1) : 1;
      const pad = src.slice(0, col - 1).replace(/[^\t]/g, ' ');
      out += `\n${src}\n${pad}${'^'.repeat(width)}`;
    }
  }
  return out;
}

/** CLI exit codes (documented in the README). */
export const EXIT = {
  /** All tests ran. */
  OK: 0,
  /** Syntax or semantic error in a test, model, macro or cfg file; unsupported construct. */
  INPUT_ERROR: 2,
  /** A test exceeded --max-executions or --timeout. */
  BOUND: 3,
  /** Bad command-line usage. */
  USAGE: 64,
  /** Internal error (a bug in weakmem). */
  INTERNAL: 70,
} as const;

export function exitCodeFor(code: DiagCode): number {
  switch (code) {
    case DIAG_CODES.BOUND_EXCEEDED:
    case DIAG_CODES.TIMEOUT:
      return EXIT.BOUND;
    case DIAG_CODES.USAGE:
      return EXIT.USAGE;
    default:
      return EXIT.INPUT_ERROR;
  }
}
