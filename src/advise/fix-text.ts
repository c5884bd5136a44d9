/** The text form of `weakmem fix` (golden-tested in tests/golden-explain/). */
import { barriersText, witnessText } from './explain-text.js';
import type { FixReport, Proposal } from './fix.js';
import type { CostTable } from './toolkit.js';

export interface FixTextOptions {
  /** Print the whole patched test after each diff (default true). */
  readonly patched?: boolean;
  /** Print the search statistics line (timings vary: off for golden files). */
  readonly stats?: boolean;
}

export function fixText(r: FixReport, costs: CostTable, opts: FixTextOptions = {}): string {
  const res = r.result;
  let out = `Test ${res.name}: ${res.conditionText}\n`;
  const consistent = res.propTrue + res.propFalse;
  const reaching = res.quantifier === 'forall' ? res.propFalse : res.propTrue;
  switch (r.status) {
    case 'unreachable':
      out += `The outcome ${r.outcome} is never reached, not even by a candidate execution: nothing to fix.\n`;
      break;
    case 'already-forbidden':
      out += `The outcome ${r.outcome} is already forbidden: nothing to fix.\n`;
      if (r.barriers !== undefined) out += barriersText(r.barriers);
      break;
    case 'no-fix':
      out += `The outcome ${r.outcome} is allowed (${reaching} of ${consistent} consistent executions), and no fix was found: ${r.reason ?? ''}.\n`;
      if (r.scWitness !== undefined) out += `\n${witnessText(r.scWitness)}`;
      break;
    case 'fixed': {
      out += `The outcome ${r.outcome} is allowed (${reaching} of ${consistent} consistent executions).\n`;
      for (const e of r.idle) out += `${e.words} orders nothing on the way to this outcome.\n`;
      const n = r.proposals.length;
      const c = r.proposals[0]?.cost ?? 0;
      out += `\n${n === 1 ? 'The cheapest fix' : `${n} cheapest fixes`} (cost ${c}; ${costsText(costs)}), ${n === 1 ? 'verified' : 'each verified'}: with it the model forbids the outcome.\n`;
      r.proposals.forEach((p, i) => {
        out += `\n${proposalText(p, i + 1, opts.patched ?? true)}`;
      });
      break;
    }
  }
  if (opts.stats ?? true) {
    const s = r.stats;
    out += `\n(${s.witnesses} witness execution${s.witnesses === 1 ? '' : 's'}, ${s.cycles} critical cycle${s.cycles === 1 ? '' : 's'}, ${s.candidates} candidate fixes, ${s.runs} checker run${s.runs === 1 ? '' : 's'}, ${s.seconds.toFixed(2)} s${s.truncated ? '; search bound reached' : ''})\n`;
  }
  return out;
}

export function proposalText(p: Proposal, index: number, withPatched: boolean): string {
  const moved = new Set(p.moves.map((m) => m.fix.id));
  const changes = [
    ...p.moves.map((m) => m.kind === 'replace'
      ? `replace ${m.from.text} at P${m.from.thread} line ${m.from.line} by ${m.fix.device}`
      : `move ${m.from.text} from P${m.from.thread} line ${m.from.line} to ${m.fix.where}`),
    ...p.fixes.filter((f) => !moved.has(f.id)).map((f) => f.words),
  ];
  let out = `Fix ${index} (cost ${p.cost}):\n`;
  for (const c of changes) out += `  ${c}\n`;
  for (const e of p.redundant) out += `  then ${e.words} is redundant (${e.removal})\n`;
  out += p.diff;
  if (withPatched) out += `Patched test:\n${p.patched}${p.patched.endsWith('\n') ? '' : '\n'}`;
  return out;
}

export function costsText(costs: CostTable): string {
  return `costs ${[...costs].map(([k, v]) => `${k}=${v}`).join(' ')}`;
}
