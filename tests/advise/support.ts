/** Helpers for the advice tests: a built-in session as a checker, tests written inline, golden files. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinSession } from '../support/run.js';
import { toolkitFor, type Checker, type OrderingToolkit } from '../../src/advise/index.js';
import { outcomeReachable } from '../../src/advise/outcome.js';
import { detectArch } from '../../src/litmus/detect.js';

export const session = builtinSession();
export const checker: Checker = (s, f, o) => session.check(s, f, o);
export const C = toolkitFor('C') as OrderingToolkit;
/** The toolkit of a test's architecture (C or AArch64). */
export const toolkitOf = (text: string, file: string): OrderingToolkit => toolkitFor(detectArch(text, file).name) as OrderingToolkit;

/** A two-thread message-passing test: `w` between the writer's stores, `r` between the reader's loads. */
export function mp(name: string, w: string, r: string, opts: { writeFlag?: string; readFlag?: string } = {}): string {
  return `C ${name}

{}

P0(int *data, int *flag)
{
	WRITE_ONCE(*data, 1);
${w === '' ? '' : `\t${w}\n`}	${opts.writeFlag ?? 'WRITE_ONCE(*flag, 1);'}
}

P1(int *data, int *flag)
{
	int r0;
	int r1;

	r0 = ${opts.readFlag ?? 'READ_ONCE(*flag)'};
${r === '' ? '' : `\t${r}\n`}	r1 = READ_ONCE(*data);
}

exists (1:r0=1 /\\ 1:r1=0)
`;
}

/** Message passing through a pointer: P0 writes `b`, then publishes it (`publish`: the lines that set `p` to `b`); P1 reads `p` and loads through it. */
export function mpAddr(name: string, publish: string): string {
  return `C ${name}
{
	int *p = &a;
	int a = 0;
	int b = 0;
}
P0(int **p, int *b)
{
	WRITE_ONCE(*b, 1);
	${publish}
}
P1(int **p)
{
	int *r0;
	int r1;
	r0 = READ_ONCE(*p);
	r1 = READ_ONCE(*r0);
}
exists (1:r0=b /\\ 1:r1=0)
`;
}

/** Store buffering: each thread stores to its location, then `b0` / `b1` (a barrier line), then loads the other's. */
export function sb(name: string, b0: string, b1: string): string {
  const thread = (i: number, mine: string, other: string, b: string): string => `P${i}(int *x, int *y)
{
	int r${i};
	WRITE_ONCE(*${mine}, 1);
	${b}
	r${i} = READ_ONCE(*${other});
}`;
  return `C ${name}
{}
${thread(0, 'x', 'y', b0)}
${thread(1, 'y', 'x', b1)}
exists (0:r0=0 /\\ 1:r1=0)
`;
}

/** The outcome is forbidden when `run` checks this text. */
export function forbidden(text: string): boolean {
  return !outcomeReachable(session.check(text, 'patched.litmus'));
}

const update = process.env.UPDATE_GOLDEN === '1';

/** Model files change under us: their line numbers are not part of the golden text. */
export function normaliseModelLines(s: string): string {
  return s.replace(/(\.(?:cat|bell) line )\d+/g, '$1N');
}

export function golden(file: string, suffix: string, actual: string): void {
  const expectedFile = `${file}.${suffix}.expected`;
  if (update || !existsSync(expectedFile)) {
    writeFileSync(expectedFile, actual);
    if (!update) assert.fail(`${expectedFile} was missing and has been written: review it`);
    return;
  }
  assert.equal(actual, readFileSync(expectedFile, 'utf8'));
}

