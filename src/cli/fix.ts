/** `weakmem fix`: the cheapest verified barriers, acquires and releases that forbid a test's outcome. */
import { DIAG_CODES, raise } from '../diag.js';
import { defaultCosts, fixJson, fixTest, fixText, TOOLKITS, type OrderingToolkit } from '../advise/index.js';
import { adviseFiles, type CommandContext } from './explain.js';

export function fixCommand(argv: readonly string[], ctx: CommandContext): number {
  const { opts, files, searchPath } = ctx.resolve(argv, 'fix');
  if (files.length === 0) raise(DIAG_CODES.USAGE, 'weakmem fix needs at least one litmus file or directory');
  return adviseFiles(files, opts, searchPath, ctx, (text, file, checker, toolkit) => {
    const costs = costTable(toolkit, opts.costs);
    const r = fixTest(text, file, { checker, toolkit, costs });
    ctx.io.out(opts.json ? JSON.stringify(fixJson(r, costs)) + '\n' : fixText(r, costs, { patched: opts.patched, stats: opts.time }) + '\n');
  });
}

/**
 * The toolkit's default costs with `--cost NAME=N` entries applied. A
 * name of another architecture's tool is left for that architecture's
 * tests (one command may fix C and AArch64 tests); `DMB ISH` may be
 * written `DMB.ISH`, and AArch64 names in any case.
 */
export function costTable(toolkit: OrderingToolkit, entries: readonly string[]): Map<string, number> {
  const costs = defaultCosts(toolkit);
  const canonical = (name: string, t: OrderingToolkit): string | undefined =>
    t.tools.find((s) => s.name === name || (t.arch !== 'C' && s.name.toUpperCase() === name.toUpperCase().replace(/\s+/g, '.')))?.name;
  for (const e of entries) {
    const m = /^([\w.]+(?:\s+\w+)?)\s*=\s*(\d+(?:\.\d+)?)$/.exec(e);
    if (m === null) raise(DIAG_CODES.USAGE, `--cost takes TOOL=N, not '${e}'`);
    const [, name, n] = m as unknown as [string, string, string];
    if (!TOOLKITS.some((t) => canonical(name, t) !== undefined)) {
      raise(DIAG_CODES.USAGE, `--cost: no tool '${name}' (the tools are ${TOOLKITS.flatMap((t) => t.tools.map((s) => s.name)).join(', ')})`);
    }
    const v = Number(n);
    if (!(v > 0)) raise(DIAG_CODES.USAGE, `--cost ${name}: a cost must be positive`);
    const tool = canonical(name, toolkit);
    if (tool !== undefined) costs.set(tool, v);
  }
  return costs;
}
