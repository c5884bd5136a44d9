/** Test helpers: run the whole pipeline on files, the way the CLI does. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Session } from '../../src/api/session.js';
import { main } from '../../src/cli/main.js';
import { nodeResolver } from '../../src/cli/resolver.js';

/** The shared conformance corpus (WEAKMEM_CORPUS, or ../shared/corpus beside the checkout); tests that need it skip when it is absent. */
export const CORPUS = resolve(process.env.WEAKMEM_CORPUS ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus'));

/** A session with the built-in models and default bounds. */
export function builtinSession(): Session {
  return new Session({ resolver: nodeResolver([]), variants: [], skipChecks: [], maxExecutions: 2_000_000 });
}

/** Every file under `dir` ending with `suffix`, recursively, sorted. */
export function filesUnder(dir: string, suffix: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, suffix));
    else if (name.endsWith(suffix)) out.push(p);
  }
  return out;
}

export function read(file: string): string {
  return readFileSync(file, 'utf8');
}

/** Runs the command in-process: its output, errors and exit code. */
export function cli(...argv: string[]): { out: string; err: string; code: number } {
  let out = '';
  let err = '';
  const code = main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { out, err, code };
}
