/** Evaluating and printing final-state propositions the way herd does. */
import type { ArchName, Prop, StateKey, Value } from '../litmus/types.js';
export { propKeys } from '../litmus/prop.js';

/** Looks up the final value of a state key. */
export type StateLookup = (key: StateKey) => Value;

export function evalProp(p: Prop, lookup: StateLookup): boolean {
  switch (p.kind) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'eq':
      return lookup(p.key) === p.value.value;
    case 'eqKeys':
      return lookup(p.left) === lookup(p.right);
    case 'not':
      return !evalProp(p.arg, lookup);
    case 'and':
      return p.args.every((a) => evalProp(a, lookup));
    case 'or':
      return p.args.some((a) => evalProp(a, lookup));
    case 'implies':
      return !evalProp(p.left, lookup) || evalProp(p.right, lookup);
  }
}

/** A state key as herd prints it in states and conditions: `0:r0`, `[x]`, and bare for arrays and their elements (`t`, `t[1]`). */
export function keyText(k: StateKey, _arch: ArchName): string {
  if (k.kind === 'reg') return `${k.thread}:${k.reg}`;
  return k.array === true || isElement(k.loc) ? k.loc : `[${k.loc}]`;
}

/** The array and index of an element location `x[1]`, if it is one. */
export function elementOf(loc: string): { readonly array: string; readonly index: number } | undefined {
  const m = /^(.*)\[(\d+)\]$/.exec(loc);
  return m ? { array: m[1] as string, index: Number(m[2]) } : undefined;
}

function isElement(loc: string): boolean {
  return elementOf(loc) !== undefined;
}

type Op = 'top' | 'and' | 'or' | 'implies';

/** herd's parenthesisation: a sub-proposition is bracketed unless its operator may associate with the one above. */
function needsParen(above: Op, here: Exclude<Op, 'top'>): boolean {
  if (above === 'top') return false;
  if (above === here) return false;
  return !(above === 'or' && here === 'and');
}

/** Prints a proposition in herd's style (`/\`, `\/`, `=>`, `not (...)`). */
export function propText(p: Prop, arch: ArchName, above: Op = 'top'): string {
  const wrap = (here: Exclude<Op, 'top'>, s: string): string => (needsParen(above, here) ? `(${s})` : s);
  switch (p.kind) {
    case 'true':
      return 'true';
    case 'false':
      return 'false';
    case 'eq':
      return `${keyText(p.key, arch)}=${p.value.text ?? String(p.value.value)}`;
    case 'eqKeys':
      return `${keyText(p.left, arch)}=${keyText(p.right, arch)}`;
    case 'not':
      return `not (${propText(p.arg, arch)})`;
    case 'and':
      return p.args.length === 0 ? 'true' : wrap('and', p.args.map((a) => propText(a, arch, 'and')).join(' /\\ '));
    case 'or':
      return p.args.length === 0 ? 'false' : wrap('or', p.args.map((a) => propText(a, arch, 'or')).join(' \\/ '));
    case 'implies':
      return wrap('implies', `${propText(p.left, arch, 'implies')} => ${propText(p.right, arch, 'implies')}`);
  }
}

/** herd's order of values in state listings: integers numerically, before symbolic addresses (by name). */
export function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
