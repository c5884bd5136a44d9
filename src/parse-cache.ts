/**
 * A cache of parse results that outlives one run: model, bell and macro
 * files are the same from one run to the next, and parsing them is most of
 * a short run's work after Node's own start-up. The core only sees this
 * interface (the browser passes none); the command keeps the results on
 * disk (see cli/parse-cache.ts).
 */
export interface ParseCache {
  /**
   * `parse()`, or the value it gave before for the same `kind` of file, display
   * `path` and `text`. `encode` / `decode` turn the value into JSON data and back
   * (default: the value is JSON data itself).
   */
  memo<T>(kind: string, path: string, text: string, parse: () => T, codec?: Codec<T>): T;
}

/** How a parse result that is not plain JSON data is stored. */
export interface Codec<T> {
  readonly encode: (value: T) => unknown;
  readonly decode: (data: unknown) => T;
}

/** Parses every time. */
export const NO_PARSE_CACHE: ParseCache = { memo: (_kind, _path, _text, parse) => parse() };
