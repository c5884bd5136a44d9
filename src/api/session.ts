/**
 * A checking session: parses tests, picks and caches models and macro files,
 * and runs the pipeline parse → threads → candidates → model → result. It
 * touches no `node:*` module: files come through the resolver, so the same
 * code serves the CLI, the library and the browser.
 */
import { DIAG_CODES, notSupported, raise } from '../diag.js';
import { loadModel, type CatModel, type ModelResolver } from '../cat/index.js';
import { checkTest } from '../check/check.js';
import type { TestResult } from '../check/types.js';
import { cSemantics } from '../exec/c/index.js';
import { detectArch } from '../litmus/detect.js';
import { parseCLitmus, parseMacroFile, type MacroTable } from '../litmus/c/index.js';
import type { LitmusTest } from '../litmus/types.js';
import { builtinModel, defaultModelFor, type BuiltinModel } from '../models/index.js';

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
}

/** The model files chosen for a test. */
interface ModelChoice {
  readonly cat: string;
  readonly bell?: string;
  readonly macros: string;
  readonly variants: readonly string[];
}

export class Session {
  private readonly models = new Map<string, CatModel>();
  private readonly macroTables = new Map<string, MacroTable>();

  constructor(private readonly opts: SessionOptions) {}

  /** Checks one test given its text. Throws WeakmemError on bad input or bounds. */
  check(source: string, file: string): TestResult {
    const arch = detectArch(source, file);
    if (arch.name !== 'C') notSupported(`${arch.name} litmus tests (only C tests for now)`, arch.span);
    const test: LitmusTest = parseCLitmus(source, file);
    const choice = this.choose('C');
    const macros = this.macroTable(choice.macros);
    const model = this.model(choice);
    const sem = cSemantics(test as Parameters<typeof cSemantics>[0], macros);
    return checkTest(test, sem, model, {
      maxExecutions: this.opts.maxExecutions,
      ...(this.opts.timeoutSeconds !== undefined ? { timeoutMs: this.opts.timeoutSeconds * 1000 } : {}),
      ...(this.opts.skipChecks.length > 0 ? { skipChecks: new Set(this.opts.skipChecks) } : {}),
    });
  }

  private choose(arch: string): ModelChoice {
    const o = this.opts;
    const named: BuiltinModel | undefined = o.model !== undefined ? builtinModel(o.model) : defaultModelFor(arch);
    if (o.model === undefined && named === undefined) raise(DIAG_CODES.MODEL_NOT_FOUND, `no built-in model for ${arch} tests; give one with --model`);
    const fallbackMacros = defaultModelFor('C')?.macros;
    const macros = o.macros ?? named?.macros ?? fallbackMacros;
    if (macros === undefined) raise(DIAG_CODES.MODEL_NOT_FOUND, 'no C macro file: give one with --macros');
    const bell = o.bell ?? named?.bell;
    return {
      cat: named?.cat ?? (o.model as string),
      ...(bell !== undefined ? { bell } : {}),
      macros,
      variants: [...(named?.variants ?? []), ...o.variants],
    };
  }

  private model(c: ModelChoice): CatModel {
    const key = [c.cat, c.bell ?? '', [...c.variants].sort().join(',')].join('\u0000');
    let m = this.models.get(key);
    if (m === undefined) {
      m = loadModel(c.cat, {
        resolver: this.opts.resolver,
        variants: new Set(c.variants),
        ...(c.bell !== undefined ? { bell: c.bell } : {}),
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
      t = parseMacroFile(found.text, found.path);
      this.macroTables.set(name, t);
    }
    return t;
  }
}
