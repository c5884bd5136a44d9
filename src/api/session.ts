/**
 * A checking session: parses tests, picks and caches models and macro files,
 * and runs the pipeline parse → threads → candidates → model → result. It
 * touches no `node:*` module: files come through the resolver, so the same
 * code serves the CLI, the library and the browser.
 */
import { DIAG_CODES, notSupported, raise } from '../diag.js';
import { archForHeader } from '../arch/registry.js';
import { loadModel, type CatModel, type ModelResolver } from '../cat/index.js';
import { checkTest, type JudgedExecution } from '../check/check.js';
import type { TestResult } from '../check/types.js';
import { cSemantics } from '../exec/c/index.js';
import { detectArch } from '../litmus/detect.js';
import { parseCLitmus, parseMacroFile, type MacroTable } from '../litmus/c/index.js';
import type { LitmusTest } from '../litmus/types.js';
import { builtinModel, defaultModelFor, type BuiltinModel } from '../models/index.js';
import { NO_PARSE_CACHE, type Codec, type ParseCache } from '../parse-cache.js';

export interface SessionOptions {
  /** Resolves model, bell, macro and include files (search path + built-ins). */
  readonly resolver: ModelResolver;
  /** `--model`: a built-in name or a file. */
  readonly model?: string;
  readonly bell?: string;
  readonly macros?: string;
  readonly variants: readonly string[];
  readonly skipChecks: readonly string[];
  readonly maxExecutions: number;
  readonly timeoutSeconds?: number;
  /** Where parsed model and macro files may be kept from one run to the next (default: nowhere). */
  readonly parseCache?: ParseCache;
  /** Called now and then while a test is checked (every 64 candidates). */
  readonly progress?: () => void;
}

/** Macro tables as JSON data (their maps as lists of entries). */
const MACRO_CODEC: Codec<MacroTable> = {
  encode: (t) => ({ file: t.file, exprs: [...t.exprs], stmts: [...t.stmts] }),
  decode: (d) => {
    const x = d as { file: string; exprs: [string, never][]; stmts: [string, never][] };
    return { file: x.file, exprs: new Map(x.exprs), stmts: new Map(x.stmts) };
  },
};

/** The model files chosen for a test. */
interface ModelChoice {
  readonly cat: string;
  readonly bell?: string;
  readonly macros?: string;
  readonly variants: readonly string[];
  /** Event sets the architecture always defines. */
  readonly archSets?: readonly string[];
}

export class Session {
  private readonly models = new Map<string, CatModel>();
  private readonly macroTables = new Map<string, MacroTable>();

  constructor(private readonly opts: SessionOptions) {}

  /** Checks one test given its text. Throws WeakmemError on bad input or bounds. */
  check(source: string, file: string, observe?: (e: JudgedExecution) => void): TestResult {
    const header = detectArch(source, file);
    const bounds = {
      ...(observe !== undefined ? { observe } : {}),
      maxExecutions: this.opts.maxExecutions,
      ...(this.opts.timeoutSeconds !== undefined ? { timeoutMs: this.opts.timeoutSeconds * 1000 } : {}),
      ...(this.opts.skipChecks.length > 0 ? { skipChecks: new Set(this.opts.skipChecks) } : {}),
      ...(this.opts.progress !== undefined ? { progress: this.opts.progress } : {}),
    };
    if (header.name === 'C') {
      const test = parseCLitmus(source, file);
      const choice = this.choose('C');
      if (choice.macros === undefined) raise(DIAG_CODES.MODEL_NOT_FOUND, 'no C macro file: give one with --macros');
      const sem = cSemantics(test, this.macroTable(choice.macros));
      return checkTest(test, sem, this.model(choice), bounds);
    }
    const arch = archForHeader(header.name);
    if (arch === undefined) return notSupported(`${header.name} litmus tests`, header.span);
    const test: LitmusTest = arch.parse(source, file);
    const choice = { ...this.choose(arch.name), archSets: arch.sets };
    const model = this.model(choice);
    const sem = arch.semantics(test);
    return checkTest(test, sem, model, { ...bounds, compareRegisters: arch.compareRegisters, loopCut: () => sem.loopCut() });
  }

  private choose(arch: string): ModelChoice {
    const o = this.opts;
    const named: BuiltinModel | undefined = o.model !== undefined ? builtinModel(o.model) : defaultModelFor(arch);
    if (o.model === undefined && named === undefined) raise(DIAG_CODES.MODEL_NOT_FOUND, `no built-in model for ${arch} tests; give one with --model`);
    const macros = arch === 'C' ? (o.macros ?? named?.macros ?? defaultModelFor('C')?.macros) : undefined;
    const bell = o.bell ?? named?.bell;
    return {
      cat: named?.cat ?? (o.model as string),
      ...(bell !== undefined ? { bell } : {}),
      ...(macros !== undefined ? { macros } : {}),
      variants: [...(named?.variants ?? []), ...o.variants],
    };
  }

  private model(c: ModelChoice): CatModel {
    const key = [c.cat, c.bell ?? '', [...c.variants].sort().join(','), (c.archSets ?? []).join(',')].join('\u0000');
    let m = this.models.get(key);
    if (m === undefined) {
      m = loadModel(c.cat, {
        resolver: this.opts.resolver,
        variants: new Set(c.variants),
        ...(c.bell !== undefined ? { bell: c.bell } : {}),
        ...(c.archSets !== undefined ? { archSets: c.archSets } : {}),
        ...(this.opts.parseCache !== undefined ? { parseCache: this.opts.parseCache } : {}),
      });
      this.models.set(key, m);
    }
    return m;
  }

  private macroTable(name: string): MacroTable {
    let t = this.macroTables.get(name);
    if (t === undefined) {
      const found = this.opts.resolver.resolve(name, undefined);
      if (found === undefined) raise(DIAG_CODES.MODEL_NOT_FOUND, `macro file '${name}' not found on the search path`);
      const { text, path } = found;
      t = (this.opts.parseCache ?? NO_PARSE_CACHE).memo('def', path, text, () => parseMacroFile(text, path), MACRO_CODEC);
      this.macroTables.set(name, t);
    }
    return t;
  }
}
