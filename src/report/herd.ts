/** herd7's result block, line for line, so existing scripts can read weakmem's output. */
import type { TestResult } from '../check/types.js';

export interface HerdTextOptions {
  /** Print the `Time` line (off for golden files, whose timings vary). */
  readonly time: boolean;
}

export function herdText(r: TestResult, opts: HerdTextOptions): string {
  const lines: string[] = [];
  lines.push(`Test ${r.name} ${r.kind}`);
  lines.push(`States ${r.states.length}`);
  for (const s of r.states) lines.push(s.values.map((v, i) => `${r.keys[i] ?? '?'}=${String(v)};`).join(' '));
  lines.push(`${r.loop ? 'Loop ' : ''}${r.ok ? 'Ok' : 'No'}`);
  lines.push('Witnesses');
  lines.push(`Positive: ${r.positive} Negative: ${r.negative}`);
  for (const f of r.flags) lines.push(`Flag ${f}`);
  lines.push(`Condition ${r.conditionText}`);
  lines.push(`Observation ${r.name} ${r.observation} ${r.propTrue} ${r.propFalse}`);
  if (opts.time) lines.push(`Time ${r.name} ${r.timeSeconds.toFixed(2)}`);
  lines.push(`Hash=${r.hash}`);
  lines.push('');
  return lines.join('\n') + '\n';
}
