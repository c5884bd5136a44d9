/**
 * Redundancy and pairing of the ordering devices of a test whose outcome
 * is forbidden: which barrier (acquire, release) can go with the outcome
 * still forbidden ("redundant here"), the smallest sets of them that keep
 * it forbidden, and what each pairs with on the other side of the cycles
 * that forbid it (a barrier, a dependency, an acquire). Removals are
 * checked by running the checker on the edited test.
 */
import { WeakmemError } from '../diag.js';
import { criticalCycles, LocalOrder } from './cycles.js';
import { eventWords } from './describe.js';
import type { ExecutionFacts } from './facts.js';
import { outcomeReachable, type Checker } from './outcome.js';
import type { ExistingItem, FixableTest, OrderingToolkit } from './toolkit.js';
import { BaseGraph } from './unfold.js';

export interface BarrierItemReport {
  readonly item: ExistingItem;
  /** The outcome stays forbidden without this device alone. */
  readonly redundant: boolean;
  /** What orders the other segments of the cycles it orders a segment of. */
  readonly pairsWith: readonly string[];
}

export interface BarrierReport {
  readonly items: readonly BarrierItemReport[];
  /** Inclusion-minimal sets of devices (ids) that keep the outcome forbidden; undefined when there were too many devices to try. */
  readonly minimalSets?: readonly (readonly number[])[];
  /** Checker runs made. */
  readonly runs: number;
}

/** Devices beyond this count get single-removal checks only. */
const MAX_SUBSET_ITEMS = 6;
const MAX_CYCLES_FOR_PAIRING = 64;

/** A checker run on an edited test: true when the outcome is no longer reached (false on any error). */
export function forbidsOutcome(checker: Checker, text: string, file: string): boolean {
  try {
    return !outcomeReachable(checker(text, file));
  } catch (e) {
    if (e instanceof WeakmemError) return false;
    throw e;
  }
}

export function barrierReport(
  file: string,
  checker: Checker,
  toolkit: OrderingToolkit,
  prepared: FixableTest,
  forbidden: readonly ExecutionFacts[],
): BarrierReport {
  const items = prepared.existing;
  let runs = 0;
  const memo = new Map<string, boolean>();
  const forbiddenWithout = (remove: readonly number[]): boolean => {
    const key = [...remove].sort((a, b) => a - b).join(',');
    let v = memo.get(key);
    if (v === undefined) {
      runs++;
      v = forbidsOutcome(checker, prepared.patch([], remove), file);
      memo.set(key, v);
    }
    return v;
  };
  const pairs = pairing(toolkit, prepared, forbidden);
  const reports = items.map((item) => ({
    item,
    redundant: forbiddenWithout([item.id]),
    pairsWith: [...(pairs.get(item.id) ?? [])].sort(),
  }));
  let minimalSets: number[][] | undefined;
  if (items.length > 0 && items.length <= MAX_SUBSET_ITEMS) {
    minimalSets = [];
    const all = items.map((i) => i.id);
    for (let size = 0; size <= all.length; size++) {
      for (const keep of subsetsOfSize(all, size)) {
        if (minimalSets.some((m) => m.every((x) => keep.includes(x)))) continue;
        if (forbiddenWithout(all.filter((x) => !keep.includes(x)))) minimalSets.push(keep);
      }
    }
  }
  return { items: reports, ...(minimalSets !== undefined ? { minimalSets } : {}), runs };
}

/** For each device, what orders the other segments of the fully ordered cycles it is on. */
function pairing(toolkit: OrderingToolkit, prepared: FixableTest, forbidden: readonly ExecutionFacts[]): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const f of forbidden) {
    const local = new LocalOrder(f, toolkit.vocabulary);
    const g = new BaseGraph(f, toolkit.vocabulary);
    for (const c of criticalCycles(f, MAX_CYCLES_FOR_PAIRING)) {
      const segs = c.segments.filter((s) => s.from !== s.to);
      if (segs.length < 2 || segs.some((s) => !local.ordered(s.from, s.to))) continue;
      const what = segs.map((s) => {
        const devices = prepared.existingFor(f, s.from, s.to);
        if (devices.length > 0) return { devices, words: devices.map((d) => prepared.existing[d]?.words ?? '?') };
        const d = g.direct(s.from, s.to);
        const how = d === undefined ? 'ordering' : describeLabel(d.label);
        return { devices, words: [`the ${how} from ${eventWords(f, s.from)} to line ${f.event(s.to).span.line}`] };
      });
      what.forEach((w, i) => {
        for (const d of w.devices) {
          const set = out.get(d) ?? new Set<string>();
          what.forEach((o, j) => {
            if (j !== i) for (const x of o.words) set.add(x);
          });
          out.set(d, set);
        }
      });
    }
  }
  return out;
}

function describeLabel(label: string): string {
  switch (label) {
    case 'addr':
      return 'address dependency';
    case 'data':
      return 'data dependency';
    case 'ctrl':
      return 'control dependency';
    case 'ctrlisb':
      return 'control dependency and ISB';
    case 'rmw':
      return 'atomic read-modify-write';
    case 'po-unlock-lock-po':
      return 'unlock-lock handover';
    default:
      return `${label} ordering`;
  }
}

function* subsetsOfSize(xs: readonly number[], k: number, from = 0): Generator<number[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= xs.length - k; i++) {
    for (const rest of subsetsOfSize(xs, k - 1, i + 1)) yield [xs[i] as number, ...rest];
  }
}
