/**
 * herd `.cfg` files: one `key value` per line, `#` comments. Keys that set
 * options come from the option table; display keys are accepted and ignored;
 * anything else is an error with its location.
 */
import { DIAG_CODES, raise } from '../diag.js';
import { applyOption, CFG_DISPLAY_KEYS, OPTION_TABLE, type RunOptions } from './options.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Applies the settings of a cfg file's text to `opts` (cfg first, so the command line wins afterwards). */
export function applyCfg(opts: Mutable<RunOptions>, text: string, file: string): void {
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const m = /^(-?[A-Za-z][\w-]*)\s*(.*)$/.exec(line);
    const col = raw.indexOf(line.charAt(0)) + 1;
    const span = { file, line: i + 1, col };
    if (m === null) raise(DIAG_CODES.MODEL_SYNTAX, `cannot read this cfg line: '${line}'`, span);
    const key = (m[1] as string).replace(/^-/, '');
    const value = (m[2] as string).trim();
    const spec = OPTION_TABLE.find((o) => o.cfg && (o.herd === key || o.long === key));
    if (spec !== undefined) {
      applyOption(opts, spec, value, span);
      return;
    }
    if (CFG_DISPLAY_KEYS.has(key)) return;
    raise(DIAG_CODES.NOT_SUPPORTED, `not supported: cfg key '${key}'`, span);
  });
}
