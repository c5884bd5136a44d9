/** The `weakmem` command: argument handling, files, output and exit codes. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DIAG_CODES, EXIT, exitCodeFor, formatDiagnostic, raise, WeakmemError } from '../diag.js';
import { BUILTIN_MODELS } from '../models/index.js';
import { herdText } from '../report/herd.js';
import { resultJson } from '../report/json.js';
import { applyCfg } from './cfg.js';
import { checkAndDraw, explainCommand, sessionFor, type CommandContext } from './explain.js';
import { fixCommand } from './fix.js';
import { emptyOptions, optionsHelp, parseRunArgs, type Command, type RunOptions } from './options.js';
import { nodeResolver } from './resolver.js';
import type { Tiering } from './tiering.js';

export const VERSION = '0.1.0';

export const USAGE = `weakmem ${VERSION} — memory-model checker for litmus tests (herd7-compatible)

Usage:
  weakmem run [options] FILE|DIR...   check litmus tests (directories: every *.litmus inside)
  weakmem explain [options] FILE...   why the model forbids the outcome (the check, the cycle),
                                      or how it allows it (a witness, the pairs nothing orders)
  weakmem fix [options] FILE...       the cheapest verified barriers, acquires and releases that
                                      forbid the outcome; redundant barriers and their pairing
  weakmem models                      list the built-in models
  weakmem --help | --version

Options (those marked [...] are for the commands named):
${optionsHelp()}

Exit codes:
  0   every test was checked
  2   a test, model, macro or cfg file has an error or an unsupported construct
  3   a test exceeded --max-executions or --timeout
  64  bad command-line usage
  70  internal error (please report it)
`;

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  /** The compiler's warm-up, told how the run goes (see tiering.ts). */
  readonly tiering?: Tiering;
}

/** Runs the command line; returns the exit code. */
export function main(argv: readonly string[], io: Io): number {
  const sources = new Map<string, string>();
  try {
    const [cmd, ...rest] = argv;
    switch (cmd) {
      case undefined:
      case '--help':
      case '-help':
      case 'help':
        io.out(USAGE);
        return cmd === undefined ? EXIT.USAGE : EXIT.OK;
      case '--version':
      case '-version':
        io.out(`${VERSION}\n`);
        return EXIT.OK;
      case 'models':
        for (const m of BUILTIN_MODELS) io.out(`${m.name.padEnd(8)} ${m.summary}${m.defaultFor.length > 0 ? ` (default for ${m.defaultFor.join(', ')} tests)` : ''}\n`);
        return EXIT.OK;
      case 'run':
        return run(rest, io, sources);
      case 'explain':
        return explainCommand(rest, commandContext(io, sources));
      case 'fix':
        return fixCommand(rest, commandContext(io, sources));
      default:
        return raise(DIAG_CODES.USAGE, `unknown command '${cmd}' (try weakmem --help)`);
    }
  } catch (e) {
    return report(e, io, sources);
  }
}

function report(e: unknown, io: Io, sources: ReadonlyMap<string, string>, file?: string): number {
  if (e instanceof WeakmemError) {
    const d = e.diagnostic;
    if (d.span === undefined && file !== undefined) {
      io.err(`${file}: ${d.message}\n`);
      return exitCodeFor(d.code);
    }
    io.err(formatDiagnostic(d, (f) => sources.get(f) ?? readQuietly(f)) + '\n');
    return exitCodeFor(e.diagnostic.code);
  }
  io.err(`weakmem: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  return EXIT.INTERNAL;
}

function readQuietly(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** What `explain` and `fix` share with `run`. */
function commandContext(io: Io, sources: Map<string, string>): CommandContext {
  return {
    io,
    sources,
    resolve: resolveOptions,
    report: (e, file) => report(e, io, sources, file),
    expand: expandFiles,
    read: (file) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return raise(DIAG_CODES.IO, `cannot read '${file}'`);
      }
      sources.set(file, text);
      return text;
    },
  };
}

/** Merges cfg files (first) and the command line (last, so it wins). */
function resolveOptions(argv: readonly string[], command: Command = 'run'): { opts: RunOptions; files: string[]; searchPath: string[] } {
  const first = parseRunArgs(argv, command);
  const searchPath = [...first.opts.includes];
  const merged = emptyOptions() as { -readonly [K in keyof RunOptions]: RunOptions[K] };
  for (const conf of first.opts.conf) {
    const found = nodeResolver(searchPath).resolve(conf, undefined);
    if (found === undefined) raise(DIAG_CODES.IO, `cannot find configuration file '${conf}'`);
    applyCfg(merged, found.text, found.path);
    if (!found.path.startsWith('<')) searchPath.push(dirname(found.path));
  }
  const cfgOpts = { ...merged };
  const again = parseRunArgs(argv, command);
  const opts: RunOptions = {
    ...again.opts,
    model: again.opts.model ?? cfgOpts.model,
    bell: again.opts.bell ?? cfgOpts.bell,
    macros: again.opts.macros ?? cfgOpts.macros,
    timeoutSeconds: again.opts.timeoutSeconds ?? cfgOpts.timeoutSeconds,
    variants: [...cfgOpts.variants, ...again.opts.variants],
    skipChecks: [...cfgOpts.skipChecks, ...again.opts.skipChecks],
  };
  return { opts, files: again.files, searchPath };
}

function run(argv: readonly string[], io: Io, sources: Map<string, string>): number {
  const { opts, files, searchPath } = resolveOptions(argv);
  if (files.length === 0) raise(DIAG_CODES.USAGE, 'weakmem run needs at least one litmus file or directory');
  const session = sessionFor(opts, searchPath, io.tiering?.end);
  let status: number = EXIT.OK;
  const tests = expandFiles(files);
  io.tiering?.start(tests.length);
  for (const file of tests) {
    io.tiering?.check();
    try {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        raise(DIAG_CODES.IO, `cannot read '${file}'`);
      }
      sources.set(file, text);
      const result = opts.graph !== undefined || opts.out !== undefined ? checkAndDraw(session, text, file, opts, io) : session.check(text, file);
      io.out(opts.json ? JSON.stringify(resultJson(result)) + '\n' : herdText(result, { time: opts.time }));
    } catch (e) {
      const code = report(e, io, sources, file);
      if (code === EXIT.INTERNAL || code === EXIT.USAGE) return code;
      status = Math.max(status, code);
    }
  }
  return status;
}

/** Files as given; directories become their *.litmus files, recursively, sorted. */
function expandFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string): void => {
    let st;
    try {
      st = statSync(p);
    } catch {
      out.push(p);
      return;
    }
    if (!st.isDirectory()) {
      out.push(p);
      return;
    }
    for (const name of readdirSync(p).sort()) {
      const child = join(p, name);
      if (statSync(child).isDirectory()) walk(child);
      else if (name.endsWith('.litmus')) out.push(child);
    }
  };
  paths.forEach(walk);
  return out;
}
