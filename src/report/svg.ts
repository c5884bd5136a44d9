/**
 * SVG from DOT with Graphviz compiled to WebAssembly (@viz-js/viz). No
 * `node:*` here: the browser calls the same function. The Graphviz
 * instance is made once and reused.
 */
import { instance } from '@viz-js/viz';

type Viz = Awaited<ReturnType<typeof instance>>;

let viz: Promise<Viz> | undefined;

/** Lays out a DOT graph and returns the SVG text. Rejects with Graphviz's messages on a bad graph. */
export async function dotToSvg(dot: string): Promise<string> {
  viz ??= instance();
  const v = await viz;
  const r = v.render(dot, { format: 'svg', engine: 'dot' });
  if (r.status !== 'success') throw new Error(`graphviz: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.output;
}

/** Several graphs at once (one Graphviz instance). */
export async function dotsToSvg(dots: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const d of dots) out.push(await dotToSvg(d));
  return out;
}
