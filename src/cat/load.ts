/**
 * Finds and parses model files for one compilation: through the resolver,
 * then weakmem's library; each file is parsed once per loader (and, with a
 * parse cache, once per build).
 */
import { DIAG_CODES, raise, type Span } from '../diag.js';
import { NO_PARSE_CACHE, type ParseCache } from '../parse-cache.js';
import type { CatFile } from './ast.js';
import { parseCat } from './parser.js';
import { libraryFile, type ModelResolver } from './resolver.js';

export interface LoadedFile {
  readonly file: CatFile;
  readonly path: string;
  readonly dir: string;
}

export class ModelLoader {
  private readonly parsed = new Map<string, CatFile>();
  constructor(private readonly resolver: ModelResolver, private readonly cache: ParseCache = NO_PARSE_CACHE) {}

  /** Loads `name` (searched from `fromDir`); MODEL_NOT_FOUND at `span` when absent. */
  load(name: string, fromDir: string | undefined, span?: Span): LoadedFile {
    const found = this.resolver.resolve(name, fromDir) ?? libraryFile(name);
    if (found === undefined) raise(DIAG_CODES.MODEL_NOT_FOUND, `cannot find model file "${name}"`, span);
    return { file: this.parse(found.text, found.path), path: found.path, dir: found.dir };
  }

  /** Parses text given directly (cached by display path). */
  parse(text: string, path: string): CatFile {
    let f = this.parsed.get(path);
    if (f === undefined) {
      f = this.cache.memo('cat', path, text, () => parseCat(text, path));
      this.parsed.set(path, f);
    }
    return f;
  }
}
