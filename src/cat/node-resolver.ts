/**
 * The Node.js model resolver: looks a file up next to the including file,
 * then in each search directory, then among weakmem's library files. The
 * only module of cat/ that touches the file system.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { LIBRARY_DIR, libraryFile, type ModelResolver } from './resolver.js';

/** A resolver over `dirs` (herd's -I), falling back to CAT_LIBRARY. */
export function nodeModelResolver(dirs: readonly string[]): ModelResolver {
  const isFile = (p: string): boolean => existsSync(p) && statSync(p).isFile();
  return {
    resolve(name, fromDir) {
      const candidates: string[] = [];
      if (isAbsolute(name)) candidates.push(name);
      else {
        if (fromDir !== undefined && fromDir !== LIBRARY_DIR) candidates.push(join(fromDir, name));
        for (const d of dirs) candidates.push(join(d, name));
        candidates.push(resolve(name));
      }
      for (const p of candidates) if (isFile(p)) return { path: p, dir: dirname(p), text: readFileSync(p, 'utf8') };
      return libraryFile(name);
    },
  };
}
