/**
 * The one option table: it drives argv parsing (herd's single-dash names and
 * our long names), `.cfg` files and `--help`.
 */
import { TOOLKITS } from '../advise/index.js';
import { DIAG_CODES, raise, type Span } from '../diag.js';

/** Options of `weakmem run` (and later commands), after argv and cfg files are merged. */
export interface RunOptions {
  readonly model?: string;
  readonly bell?: string;
  readonly macros?: string;
  readonly conf: readonly string[];
  readonly includes: readonly string[];
  readonly variants: readonly string[];
  readonly skipChecks: readonly string[];
  readonly maxExecutions: number;
  readonly timeoutSeconds?: number;
  readonly json: boolean;
  readonly time: boolean;
  /** `--graph dot|svg`: draw the witness or the forbidden execution. */
  readonly graph?: string;
  /** `--out DIR`: where pictures go (default: the current directory). */
  readonly out?: string;
  /** `--cost NAME=N,...`: costs of the fix tools. */
  readonly costs: readonly string[];
  /** `fix` prints each patched test in full, after its diff. */
  readonly patched: boolean;
}

/** The commands that take options. */
export type Command = 'run' | 'explain' | 'fix';

export const DEFAULT_MAX_EXECUTIONS = 2_000_000;

type Kind = 'string' | 'list' | 'int' | 'seconds' | 'flag' | 'negflag';

export interface OptionSpec {
  /** Our long name, without dashes. */
  readonly long: string;
  /** herd's name (single dash), when herd has the option. */
  readonly herd?: string;
  readonly kind: Kind;
  /** Field of RunOptions it sets. */
  readonly field: keyof RunOptions;
  /** Accepted as a key in .cfg files. */
  readonly cfg: boolean;
  readonly arg?: string;
  readonly help: string;
  /** The commands that accept it (default: all). */
  readonly commands?: readonly Command[];
}

/** Each architecture's fix tools and default costs, for `--help`: `C smp_mb=4,...; AArch64 DMB.ISH=4,...`. */
function costDefaults(): string {
  return TOOLKITS.map((t) => `${t.arch} ${t.tools.map((s) => `${s.name}=${s.cost}`).join(',')}`).join('; ');
}

export const OPTION_TABLE: readonly OptionSpec[] = [
  { long: 'model', herd: 'model', kind: 'string', field: 'model', cfg: true, arg: 'NAME|FILE', help: 'cat model: a built-in name (see `weakmem models`) or a .cat file' },
  { long: 'bell', herd: 'bell', kind: 'string', field: 'bell', cfg: true, arg: 'FILE', help: 'bell file evaluated before the model' },
  { long: 'macros', herd: 'macros', kind: 'string', field: 'macros', cfg: true, arg: 'FILE', help: 'C macro definitions (.def); default: the built-in Linux-kernel macros' },
  { long: 'conf', herd: 'conf', kind: 'list', field: 'conf', cfg: false, arg: 'FILE', help: 'herd configuration file (.cfg); its settings come before the command line\'s' },
  { long: 'include', herd: 'I', kind: 'list', field: 'includes', cfg: false, arg: 'DIR', help: 'add DIR to the search path for models, bells, macros and includes' },
  { long: 'variant', herd: 'variant', kind: 'list', field: 'variants', cfg: true, arg: 'V[,V]', help: 'set model variants (tested by `if "V"` in cat)' },
  { long: 'skip-checks', herd: 'skipchecks', kind: 'list', field: 'skipChecks', cfg: true, arg: 'NAME[,NAME]', help: 'ignore the named cat checks' },
  { long: 'max-executions', kind: 'int', field: 'maxExecutions', cfg: false, arg: 'N', help: `stop a test after N candidate executions (default ${DEFAULT_MAX_EXECUTIONS})` },
  { long: 'timeout', herd: 'timeout', kind: 'seconds', field: 'timeoutSeconds', cfg: true, arg: 'SECONDS', help: 'stop a test after this many seconds (default: none)' },
  { long: 'json', kind: 'flag', field: 'json', cfg: false, help: 'print results as JSON lines (schema weakmem.result/1)' },
  { long: 'no-time', kind: 'negflag', field: 'time', cfg: false, help: 'omit the Time line, and the timing of fix (stable output for golden files)', commands: ['run', 'fix'] },
  { long: 'graph', kind: 'string', field: 'graph', cfg: false, arg: 'dot|svg', help: 'draw the witness or the forbidden execution, with its cycle, into --out', commands: ['run', 'explain'] },
  { long: 'out', kind: 'string', field: 'out', cfg: false, arg: 'DIR', help: 'folder for --graph pictures (default: the current folder)', commands: ['run', 'explain'] },
  { long: 'cost', kind: 'list', field: 'costs', cfg: false, arg: 'TOOL=N[,..]', help: `cost of a fix tool; defaults: ${costDefaults()}`, commands: ['fix'] },
  { long: 'diff-only', kind: 'negflag', field: 'patched', cfg: false, help: 'print each fix as a diff only, not also the whole patched test', commands: ['fix'] },
];

/** cfg keys herd uses for drawing and printing: accepted, and ignored by `run`. */
export const CFG_DISPLAY_KEYS: ReadonlySet<string> = new Set([
  'graph', 'squished', 'showevents', 'movelabel', 'fontsize', 'xscale', 'yscale', 'arrowsize', 'showinitrf',
  'showfinalrf', 'showinitwrites', 'splines', 'pad', 'edgeattr', 'doshow', 'unshow', 'show', 'showthread',
  'showlegend', 'showobserved', 'showkind', 'shortlegend', 'mono', 'dotmode', 'dotcom', 'scaleselfloop',
  'penwidth', 'labelbox', 'labelinit', 'oneinit', 'extrachars', 'showinitwrites', 'initpos', 'threadstyle',
  'symetric', 'condensed', 'showpo', 'speedcheck', 'through', 'showraw', 'nshow', 'ncolor', 'pos', 'outputdir',
  'suffix', 'restrict', 'obs', 'optace', 'showbranch', 'web', 'scale', 'nonames', 'withbox', 'showpoloc', 'showfr',
  'siwidth', 'edgemerge', 'dsiy', 'shift',
]);

export function emptyOptions(): RunOptions {
  return { conf: [], includes: [], variants: [], skipChecks: [], maxExecutions: DEFAULT_MAX_EXECUTIONS, json: false, time: true, costs: [], patched: true };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Applies one option value (from argv or a cfg line) to `opts`. */
export function applyOption(opts: Mutable<RunOptions>, spec: OptionSpec, value: string | undefined, span?: Span): void {
  const need = (): string => value ?? raise(DIAG_CODES.USAGE, `option --${spec.long} needs a value`, span);
  const set = (v: unknown): void => {
    (opts as Record<string, unknown>)[spec.field] = v;
  };
  switch (spec.kind) {
    case 'string':
      set(need());
      return;
    case 'list': {
      const prev = opts[spec.field] as readonly string[];
      const items = spec.field === 'conf' || spec.field === 'includes' ? [need()] : need().split(',').map((s) => s.trim()).filter((s) => s !== '');
      set([...prev, ...items]);
      return;
    }
    case 'int': {
      const n = Number(need());
      if (!Number.isInteger(n) || n <= 0) raise(DIAG_CODES.USAGE, `--${spec.long} takes a positive whole number, not '${value ?? ''}'`, span);
      set(n);
      return;
    }
    case 'seconds': {
      const n = Number(need());
      if (!Number.isFinite(n) || n <= 0) raise(DIAG_CODES.USAGE, `--${spec.long} takes a positive number of seconds, not '${value ?? ''}'`, span);
      set(n);
      return;
    }
    case 'flag':
      set(true);
      return;
    case 'negflag':
      set(false);
      return;
  }
}

/** Finds the spec for `-name`, `--name` or `--name=value`. */
export function findOption(arg: string): { spec: OptionSpec; inline?: string } | undefined {
  const m = /^--?([A-Za-z][\w-]*)(?:=(.*))?$/.exec(arg);
  if (m === null) return undefined;
  const name = m[1] as string;
  const long = arg.startsWith('--');
  const spec = OPTION_TABLE.find((o) => (long ? o.long === name : o.herd === name || o.long === name));
  if (spec === undefined) return undefined;
  return m[2] !== undefined ? { spec, inline: m[2] } : { spec };
}

/** Parses the arguments of `weakmem run` (or `explain`, `fix`) into options and positional files. */
export function parseRunArgs(argv: readonly string[], command: Command = 'run'): { opts: RunOptions; files: string[] } {
  const opts = emptyOptions() as Mutable<RunOptions>;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      files.push(arg);
      continue;
    }
    const found = findOption(arg);
    if (found === undefined) raise(DIAG_CODES.USAGE, `unknown option '${arg}' (see weakmem --help)`);
    const { spec, inline } = found;
    if (spec.commands !== undefined && !spec.commands.includes(command)) {
      raise(DIAG_CODES.USAGE, `option --${spec.long} is for weakmem ${spec.commands.join(' and ')}, not ${command}`);
    }
    const takesValue = spec.kind !== 'flag' && spec.kind !== 'negflag';
    let value = inline;
    if (takesValue && value === undefined) {
      value = argv[i + 1];
      if (value === undefined) raise(DIAG_CODES.USAGE, `option ${arg} needs a value`);
      i++;
    }
    applyOption(opts, spec, value);
  }
  return { opts, files };
}

/** The options part of `--help`, generated from the table. */
export function optionsHelp(): string {
  return OPTION_TABLE.map((o) => {
    const names = [`--${o.long}${o.arg ? ` ${o.arg}` : ''}`, o.herd ? `-${o.herd}` : ''].filter((s) => s !== '').join(', ');
    const only = o.commands !== undefined ? ` [${o.commands.join(', ')}]` : '';
    return `  ${names.padEnd(36)} ${o.help}${only}`;
  }).join('\n');
}
