/** The text form of `weakmem explain` (golden-tested in tests/golden-explain/). */
import type { EventRef } from './describe.js';
import type { Explanation, RejectionGroup, Step, WitnessReport } from './explain.js';
import type { BarrierReport } from './barriers.js';

export function explanationText(x: Explanation, barriers?: BarrierReport): string {
  const r = x.result;
  let out = `Test ${r.name}: ${r.conditionText}\n`;
  const consistent = r.propTrue + r.propFalse;
  const reaching = r.quantifier === 'forall' ? r.propFalse : r.propTrue;
  switch (x.verdict) {
    case 'unreachable':
      out += `The outcome ${x.outcome} is never reached: no candidate execution even produces these values, so no check is needed to forbid it.\n`;
      break;
    case 'forbidden': {
      const n = x.rejections.reduce((k, g) => k + g.count, 0) + [...x.unexplained.values()].reduce((k, v) => k + v, 0);
      out += `The outcome ${x.outcome} is forbidden: ${plural(n, 'candidate execution')} ${n === 1 ? 'reaches' : 'reach'} it and the model rejects ${n === 1 ? 'it' : 'each'}.\n`;
      for (const g of x.rejections) out += `\n${rejectionText(g)}`;
      for (const [check, k] of x.unexplained) out += `\n${plural(k, 'more execution')} rejected by ${check} (not shown).\n`;
      break;
    }
    case 'allowed':
      out += `The outcome ${x.outcome} is allowed: ${reaching} of ${plural(consistent, 'consistent execution')} ${reaching === 1 ? 'reaches' : 'reach'} it.\n`;
      if (x.witness !== undefined) out += `\n${witnessText(x.witness)}`;
      break;
  }
  if (barriers !== undefined) out += barriersText(barriers);
  return out;
}

export function rejectionText(g: RejectionGroup): string {
  const where = `${g.checkKind}, ${g.modelFile} line ${g.modelLine}`;
  let out = `Rejected by check ${g.check ?? '(unnamed)'} (${where}), ${plural(g.count, 'execution')}:\n`;
  switch (g.shape) {
    case 'cycle':
      out += cycleText(g.steps);
      break;
    case 'pair':
      out += pathText(g.steps);
      if (g.also !== undefined) out += `  and ${g.also.back ? 'back' : 'also'}:\n${pathText(g.also.steps)}`;
      break;
    case 'events':
      for (const e of g.events) out += `  ${e.words}\n`;
      break;
    case 'none':
      out += '  (the checked relation or set is empty, and the check wants it not to be)\n';
      break;
  }
  return out;
}

/** `e0 --l0--> e1 --l1--> ... --lk--> back to the start`, one edge a line. */
export function cycleText(steps: readonly Step[]): string {
  if (steps.length === 0) return '';
  let out = `  ${(steps[0] as Step).from.words}\n`;
  steps.forEach((s, i) => {
    out += `    --${s.label}--> ${i === steps.length - 1 ? 'back to the start' : s.to.words}\n`;
  });
  return out;
}

function pathText(steps: readonly Step[]): string {
  if (steps.length === 0) return '';
  let out = `  ${(steps[0] as Step).from.words}\n`;
  for (const s of steps) out += `    --${s.label}--> ${s.to.words}\n`;
  return out;
}

export function witnessText(w: WitnessReport): string {
  let out = 'A witness execution:\n';
  for (const { read, from } of w.reads) {
    out += `  ${read.words} reads ${String(read.value ?? '?')} from ${from.id === read.id ? 'nowhere' : from.words}\n`;
  }
  for (const c of w.coherence) {
    out += `  coherence order of ${c.loc}: ${c.writes.map((e) => `${e.words} (${String(e.value ?? '?')})`).join(', then ')}\n`;
  }
  if (w.cycle === undefined) {
    out += '\nIt has no critical cycle: sequential consistency allows it too, in this order:\n';
    for (const e of w.interleaving ?? []) out += `  ${e.words}\n`;
    out += 'No barrier can forbid this outcome.\n';
    return out;
  }
  out += '\nIt completes this cycle, which sequential consistency forbids:\n';
  out += cycleText(w.cycle);
  if (w.orderedButWeak) {
    out += '\nEach program-order pair on the cycle is ordered on its own CPU, yet the model allows the cycle:\n';
    out += 'that ordering does not propagate to the other CPUs strongly enough (a stronger barrier, such as\n';
    out += `${w.fullBarrier}, or a release/acquire chain is needed on some pair; see weakmem fix).\n`;
  } else {
    out += '\nNothing orders, on this cycle:\n';
    for (const u of w.unordered) out += `  ${u.from.words}\n    before ${u.to.words}:\n    ${u.reason}\n`;
  }
  return out;
}

export function barriersText(b: BarrierReport): string {
  if (b.items.length === 0) return '';
  let out = '\nBarriers, acquires and releases:\n';
  for (const it of b.items) {
    out += `  ${it.item.words}: ${it.redundant ? 'redundant here (the outcome stays forbidden without it)' : 'needed'}\n`;
    if (it.pairsWith.length > 0) out += `    pairs with ${it.pairsWith.join('; ')}\n`;
  }
  if (b.minimalSets !== undefined) {
    if (b.minimalSets.length === 0) out += '  The outcome is forbidden even without any of them.\n';
    else {
      out += '  Smallest sets that keep it forbidden:\n';
      for (const s of b.minimalSets) out += `    {${s.map((i) => lineOf(b, i)).join(', ')}}\n`;
    }
  }
  return out;
}

function lineOf(b: BarrierReport, id: number): string {
  const it = b.items.find((i) => i.item.id === id);
  return it === undefined ? `#${id}` : it.item.words;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export type { EventRef };
