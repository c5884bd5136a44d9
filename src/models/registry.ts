/** The list of built-in models and the texts of their files. */
import type { BuiltinModel } from './index.js';

export const BUILTIN_MODEL_LIST: readonly BuiltinModel[] = [];

export const MODEL_FILE_TEXTS: Readonly<Record<string, string>> = {};
