/**
 * `weakmem explain`, and the pictures `explain --graph` and `run --graph`
 * write. SVG comes from Graphviz in WebAssembly, whose start is
 * asynchronous; the command is not, so a worker thread lays the pictures
 * out while this thread waits on a shared flag.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIAG_CODES, EXIT, raise } from '../diag.js';
import { Session } from '../api/session.js';
import { barrierReport, explainJson, explainTest, explanationPictures, explanationText, toolkitFor, type Checker, type Explanation, type Picture } from '../advise/index.js';
import { detectArch } from '../litmus/detect.js';
import type { RunOptions, Command } from './options.js';
import { nodeParseCache } from './parse-cache.js';
import { nodeResolver } from './resolver.js';
import type { Io } from './main.js';

/** What the commands share with `run` (option merging, error reports, file lists). */
export interface CommandContext {
  readonly io: Io;
  readonly sources: Map<string, string>;
  resolve(argv: readonly string[], command: Command): { opts: RunOptions; files: string[]; searchPath: string[] };
  /** Prints an error for `file`; returns its exit code. */
  report(e: unknown, file: string): number;
  expand(paths: readonly string[]): string[];
  read(file: string): string;
}

export function sessionFor(opts: RunOptions, searchPath: readonly string[], progress?: () => void): Session {
  return new Session({
    resolver: nodeResolver(searchPath),
    ...(opts.model !== undefined ? { model: opts.model } : {}),
    ...(opts.bell !== undefined ? { bell: opts.bell } : {}),
    ...(opts.macros !== undefined ? { macros: opts.macros } : {}),
    variants: opts.variants,
    skipChecks: opts.skipChecks,
    maxExecutions: opts.maxExecutions,
    ...(opts.timeoutSeconds !== undefined ? { timeoutSeconds: opts.timeoutSeconds } : {}),
    parseCache: nodeParseCache(),
    ...(progress !== undefined ? { progress } : {}),
  });
}

/** The toolkit for a test's architecture, or a usage-free error saying there is none yet. */
export function toolkitForTest(text: string, file: string): NonNullable<ReturnType<typeof toolkitFor>> {
  const header = detectArch(text, file);
  const t = toolkitFor(header.name);
  if (t === undefined) raise(DIAG_CODES.NOT_SUPPORTED, `not supported: explanations and fixes for ${header.name} tests (C and AArch64 tests only so far)`, header.span);
  return t;
}

/** What an advice command does with one test: its text, file, checker and toolkit. */
type AdviceStep = (text: string, file: string, checker: Checker, toolkit: NonNullable<ReturnType<typeof toolkitFor>>) => void;

/**
 * Runs an advice command (`explain`, `fix`) over its files: one session,
 * each test's toolkit by its architecture, each failure reported and the
 * worst exit code returned (usage and internal errors stop the run).
 */
export function adviseFiles(files: readonly string[], opts: RunOptions, searchPath: readonly string[], ctx: CommandContext, step: AdviceStep): number {
  const session = sessionFor(opts, searchPath, ctx.io.tiering?.end);
  const checker: Checker = (s, f, o) => session.check(s, f, o);
  let status: number = EXIT.OK;
  for (const file of ctx.expand(files)) {
    try {
      const text = ctx.read(file);
      step(text, file, checker, toolkitForTest(text, file));
    } catch (e) {
      const code = ctx.report(e, file);
      if (code === EXIT.INTERNAL || code === EXIT.USAGE) return code;
      status = Math.max(status, code);
    }
  }
  return status;
}

export function explainCommand(argv: readonly string[], ctx: CommandContext): number {
  const { opts, files, searchPath } = ctx.resolve(argv, 'explain');
  if (files.length === 0) raise(DIAG_CODES.USAGE, 'weakmem explain needs at least one litmus file or directory');
  const format = graphFormat(opts);
  return adviseFiles(files, opts, searchPath, ctx, (text, file, checker, toolkit) => {
    const x = explainTest(text, file, checker, toolkit);
    const barriers = x.verdict === 'forbidden'
      ? barrierReport(file, checker, toolkit, toolkit.prepare(text, file), x.rejections.map((g) => g.facts))
      : undefined;
    ctx.io.out(opts.json ? JSON.stringify(explainJson(x, barriers)) + '\n' : explanationText(x, barriers) + '\n');
    if (format !== undefined) writePictures(explanationPictures(x), format, opts.out ?? '.', ctx.io);
  });
}

/** `run --graph`: checks the test through an explanation (one pass) and draws it. */
export function checkAndDraw(session: Session, text: string, file: string, opts: RunOptions, io: Io): Explanation['result'] {
  const format = graphFormat(opts);
  const toolkit = toolkitForTest(text, file);
  const x = explainTest(text, file, (s, f, o) => session.check(s, f, o), toolkit);
  if (format !== undefined) writePictures(explanationPictures(x), format, opts.out ?? '.', io);
  return x.result;
}

function graphFormat(opts: RunOptions): 'dot' | 'svg' | undefined {
  if (opts.graph === undefined) {
    if (opts.out !== undefined) raise(DIAG_CODES.USAGE, '--out is for pictures: give --graph dot or --graph svg too');
    return undefined;
  }
  if (opts.graph !== 'dot' && opts.graph !== 'svg') raise(DIAG_CODES.USAGE, `--graph takes dot or svg, not '${opts.graph}'`);
  return opts.graph;
}

/** Writes DOT or SVG files into `dir` (made if missing); says where on stderr. */
export function writePictures(pictures: readonly Picture[], format: 'dot' | 'svg', dir: string, io: Io): string[] {
  if (pictures.length === 0) return [];
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    raise(DIAG_CODES.IO, `cannot make the folder '${dir}'`);
  }
  const texts = format === 'dot' ? pictures.map((p) => p.dot) : svgSync(pictures.map((p) => p.dot));
  const paths = pictures.map((p, i) => {
    const path = join(dir, `${p.stem}.${format}`);
    try {
      writeFileSync(path, texts[i] as string);
    } catch {
      raise(DIAG_CODES.IO, `cannot write '${path}'`);
    }
    return path;
  });
  io.err(`wrote ${paths.join(', ')}\n`);
  return paths;
}

const SVG_TIMEOUT_MS = 120_000;

/** Lays out DOT graphs as SVG in a worker thread, waiting for it synchronously. */
export function svgSync(dots: readonly string[]): string[] {
  const here = import.meta.url;
  const module = new URL(here.endsWith('.ts') ? '../report/svg.ts' : '../report/svg.js', here).href;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  // Loaded here, not at start-up: most runs draw nothing.
  const { MessageChannel, receiveMessageOnPort, Worker } = createRequire(here)('node:worker_threads') as typeof import('node:worker_threads');
  const { port1, port2 } = new MessageChannel();
  const code = `
    const { workerData } = require('node:worker_threads');
    const { port, flag, module, dots, loader } = workerData;
    const done = (msg) => { port.postMessage(msg); Atomics.store(flag, 0, 1); Atomics.notify(flag, 0); };
    (loader ? import(loader).then((t) => t.register()) : Promise.resolve())
      .then(() => import(module)).then((m) => m.dotsToSvg(dots))
      .then((svgs) => done({ svgs }), (e) => done({ error: String(e && e.message || e) }));
  `;
  // Run from the TypeScript sources (tests), the worker registers the TypeScript loader first.
  const loader = here.endsWith('.ts') ? pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href : undefined;
  const worker = new Worker(code, { eval: true, workerData: { port: port2, flag, module, dots, loader }, transferList: [port2] });
  try {
    const waited = Atomics.wait(flag, 0, 0, SVG_TIMEOUT_MS);
    const msg = receiveMessageOnPort(port1)?.message as { svgs?: string[]; error?: string } | undefined;
    if (waited === 'timed-out' || msg === undefined) throw new Error('laying out the SVG pictures timed out');
    if (msg.error !== undefined || msg.svgs === undefined) throw new Error(`laying out the SVG pictures failed: ${msg.error ?? 'no result'}`);
    return msg.svgs;
  } finally {
    port1.close();
    void worker.terminate();
  }
}
