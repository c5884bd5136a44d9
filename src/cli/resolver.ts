/**
 * The Node file resolver: looks a model, bell, macro or cfg file up the way
 * herd does — as a path, next to the including file, on the -I search path —
 * then among weakmem's built-in files.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { ModelResolver } from '../cat/index.js';
import { CAT_LIBRARY } from '../cat/index.js';
import { MODEL_FILES } from '../models/index.js';

export const BUILTIN_DIR = '<builtin>';

export function nodeResolver(searchPath: readonly string[]): ModelResolver {
  return {
    resolve(name, fromDir) {
      const candidates: string[] = [];
      if (isAbsolute(name)) candidates.push(name);
      else {
        if (fromDir !== undefined && fromDir !== BUILTIN_DIR) candidates.push(join(fromDir, name));
        for (const d of searchPath) candidates.push(join(d, name));
        candidates.push(resolve(name));
      }
      for (const p of candidates) {
        if (existsSync(p) && statSync(p).isFile()) return { path: p, dir: dirname(p), text: readFileSync(p, 'utf8') };
      }
      const text = MODEL_FILES[name] ?? CAT_LIBRARY[name];
      if (text !== undefined) return { path: `${BUILTIN_DIR}/${name}`, dir: BUILTIN_DIR, text };
      return undefined;
    },
  };
}
