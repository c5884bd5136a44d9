/**
 * weakmem's built-in models, written by us from the published definitions.
 * Each is a set of files (cat model, optional bell, optional C macros) kept
 * as text so the core runs in a browser too; `MODEL_FILES` lets `include`
 * and `-model NAME` find them.
 */

export interface BuiltinModel {
  /** The name users pass to `--model`. */
  readonly name: string;
  /** One line for `weakmem models`. */
  readonly summary: string;
  /** The architectures it is the default for. */
  readonly defaultFor: readonly string[];
  /** File names in MODEL_FILES. */
  readonly cat: string;
  readonly bell?: string;
  readonly macros?: string;
  /** Variants the model sets by default. */
  readonly variants: readonly string[];
}

import { BUILTIN_MODEL_LIST, MODEL_FILE_TEXTS } from './registry.js';

export const BUILTIN_MODELS: readonly BuiltinModel[] = BUILTIN_MODEL_LIST;

/** Text of every built-in model file, by file name. */
export const MODEL_FILES: Readonly<Record<string, string>> = MODEL_FILE_TEXTS;

export function builtinModel(name: string): BuiltinModel | undefined {
  return BUILTIN_MODELS.find((m) => m.name === name);
}

/** The built-in model used when the user names none. */
export function defaultModelFor(arch: string): BuiltinModel | undefined {
  return BUILTIN_MODELS.find((m) => m.defaultFor.includes(arch));
}
