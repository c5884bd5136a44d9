/** Walking final-state propositions (conditions, filters). */
import type { Prop, StateKey } from './types.js';

/** Every state key a proposition mentions, in source order. */
export function propKeys(p: Prop): StateKey[] {
  switch (p.kind) {
    case 'true':
    case 'false':
      return [];
    case 'eq':
      return [p.key];
    case 'eqKeys':
      return [p.left, p.right];
    case 'not':
      return propKeys(p.arg);
    case 'and':
    case 'or':
      return p.args.flatMap(propKeys);
    case 'implies':
      return [...propKeys(p.left), ...propKeys(p.right)];
  }
}

/** An atom of a proposition: a comparison or a constant. */
export type PropAtom = Extract<Prop, { kind: 'true' | 'false' | 'eq' | 'eqKeys' }>;

/** `p` with each atom replaced by `f(atom)`, its connectives kept. */
export function mapAtoms(p: Prop, f: (a: PropAtom) => Prop): Prop {
  switch (p.kind) {
    case 'not':
      return { ...p, arg: mapAtoms(p.arg, f) };
    case 'and':
    case 'or':
      return { ...p, args: p.args.map((x) => mapAtoms(x, f)) };
    case 'implies':
      return { ...p, left: mapAtoms(p.left, f), right: mapAtoms(p.right, f) };
    default:
      return f(p);
  }
}
