/**
 * The command's parse cache: one JSON file per parsed file (by path), in a
 * `.parse-cache` folder next to the running code (like the bundle's V8 code
 * cache), or in $WEAKMEM_PARSE_CACHE (`off` disables it). An entry keeps the
 * text it was parsed from and the identity of the build that parsed it, and
 * is used only when both match; a folder that cannot be written just means
 * parsing every time.
 */
import { isAscii } from 'node:buffer';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NO_PARSE_CACHE, type Codec, type ParseCache } from '../parse-cache.js';

interface Entry {
  readonly build: string;
  readonly kind: string;
  readonly path: string;
  readonly text: string;
  readonly value: unknown;
}

/** The cache for this build, or none (running from TypeScript sources, or disabled). */
export function nodeParseCache(): ParseCache {
  const here = import.meta.url;
  const setting = process.env.WEAKMEM_PARSE_CACHE;
  // From the TypeScript sources (tests), the parsers may change under an unchanged module: no cache.
  if (setting === 'off' || here.endsWith('.ts')) return NO_PARSE_CACHE;
  try {
    const self = fileURLToPath(here);
    const st = statSync(self);
    return diskParseCache(setting !== undefined && setting !== '' ? setting : join(dirname(self), '.parse-cache'), `${st.size}:${st.mtimeMs}`);
  } catch {
    return NO_PARSE_CACHE;
  }
}

/** A cache in folder `dir` for the build identified by `build`. */
export function diskParseCache(dir: string, build: string): ParseCache {
  return {
    memo<T>(kind: string, path: string, text: string, parse: () => T, codec?: Codec<T>): T {
      // Named by path alone (hashing the text would cost more than comparing it): a new text replaces the entry.
      const file = join(dir, `${kind}-${hash(path)}.json`);
      try {
        const bytes = readFileSync(file);
        // Mostly ASCII, which decodes faster as latin1 (to the same string).
        const e = JSON.parse(isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8')) as Entry;
        if (e.build === build && e.kind === kind && e.path === path && e.text === text) return codec ? codec.decode(e.value) : (e.value as T);
      } catch {
        // absent, unreadable or from another build: parse
      }
      const value = parse();
      try {
        mkdirSync(dir, { recursive: true });
        const entry: Entry = { build, kind, path, text, value: codec ? codec.encode(value) : value };
        // Written aside then renamed: parallel runs never read half a file.
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(entry));
        renameSync(tmp, file);
      } catch {
        // read-only install: no cache
      }
      return value;
    },
  };
}

/** FNV-1a, 32 bits, as 8 hex digits (entries also compare the whole text). */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
