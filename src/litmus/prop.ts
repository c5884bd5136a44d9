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
