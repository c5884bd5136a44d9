/**
 * How models find their files. The core never touches the file system: a
 * resolver maps an `include` name to text (the command's, over the file
 * system, is cli/resolver.ts); weakmem's own library files are the fallback.
 */
import { CAT_LIBRARY } from './lib/index.js';

/** A found file: its display path, its directory (for nested includes) and its text. */
export interface ResolvedFile {
  readonly path: string;
  readonly dir: string;
  readonly text: string;
}

export interface ModelResolver {
  /** Returns the text and a display path of `name`, searched relative to `fromDir` then the search path; undefined if absent. */
  resolve(name: string, fromDir: string | undefined): ResolvedFile | undefined;
}

/** Directory name given to weakmem's built-in library files. */
export const LIBRARY_DIR = '<builtin>';

/** Looks `name` up in weakmem's library (CAT_LIBRARY). */
export function libraryFile(name: string): ResolvedFile | undefined {
  const text = CAT_LIBRARY[name];
  return text === undefined ? undefined : { path: `${LIBRARY_DIR}/${name}`, dir: LIBRARY_DIR, text };
}

/** A resolver that knows only weakmem's library files, plus optional in-memory files (for tests and browsers). */
export function libraryResolver(files: Readonly<Record<string, string>> = {}): ModelResolver {
  return {
    resolve(name) {
      const text = files[name];
      if (text !== undefined) return { path: name, dir: '.', text };
      return libraryFile(name);
    },
  };
}
