/**
 * What every assembly thread starts from: the locations of the test with
 * their initial values and declared types (each array element is a
 * location, `x[1]`), and each thread's initial registers and register
 * types (herd's default type is `int`).
 */
import { DIAG_CODES, notSupported, raise } from '../../diag.js';
import type { ArrayDecl, InitEntry, LitmusTest, Prop, Value } from '../../litmus/types.js';
import { fromLitmus, parseLabelText, type AsmValue } from './value.js';
import { propKeys } from '../../litmus/prop.js';

export interface AsmInitialState {
  /** Every location of the test and its initial value. */
  readonly memory: ReadonlyMap<string, Value>;
  /** The arrays of the test, by name. */
  readonly arrays: ReadonlyMap<string, ArrayDecl>;
  readonly memTypes: ReadonlyMap<string, string>;
  /** Per thread: initial register values (canonical names). */
  readonly regs: readonly ReadonlyMap<string, AsmValue>[];
  /** Per thread: declared register types. */
  readonly regTypes: readonly ReadonlyMap<string, string>[];
}

/**
 * `codeLocations`: locations the code names directly (x86's `(x)`), which
 * exist even if the initial state omits them. `code`: each thread's labels,
 * when the architecture has code addresses (label values, `0:X1=P1:L1`, in
 * registers; without it they are `not supported`).
 */
export function initialState(test: LitmusTest, codeLocations: readonly string[] = [], code?: readonly { readonly labels: ReadonlyMap<string, number> }[]): AsmInitialState {
  const memory = new Map<string, Value>();
  const memTypes = new Map<string, string>();
  const regs = test.threads.map(() => new Map<string, AsmValue>());
  const regTypes = test.threads.map(() => new Map<string, string>());
  const arrays = new Map((test.arrays ?? []).map((a) => [a.name, a]));
  // A location named by a value: `x`, not an array (`x`, `x+4` are addresses of its elements).
  const mention = (v: Value): void => {
    if (typeof v === 'string' && /^[A-Za-z_][\w.]*$/.test(v) && !arrays.has(v) && !memory.has(v)) memory.set(v, 0);
  };
  for (const e of test.init) {
    if (parseLabelText(e.value) !== undefined && (e.target.kind === 'mem' || code === undefined)) {
      notSupported(`label value ${String(e.value)} ${e.target.kind === 'mem' ? 'in memory' : 'for this architecture'}`, e.span);
    }
    if (e.target.kind === 'mem') {
      memory.set(e.target.loc, e.value);
      if (e.type !== undefined) memTypes.set(e.target.loc, e.type);
    } else {
      regs[e.target.thread]?.set(e.target.reg, code !== undefined ? codeValue(e, code) : fromLitmus(e.value));
      if (e.type !== undefined) regTypes[e.target.thread]?.set(e.target.reg, e.type);
    }
  }
  for (const e of test.init) mention(e.value);
  for (const l of codeLocations) mention(l);
  const keys = [...propKeys(test.condition.prop), ...(test.filter ? propKeys(test.filter) : []), ...test.locations];
  for (const k of keys) if (k.kind === 'mem' && k.array !== true && !memory.has(k.loc)) memory.set(k.loc, 0);
  const values = (p: Prop): Value[] => {
    switch (p.kind) {
      case 'eq':
        return [p.value.value];
      case 'not':
        return values(p.arg);
      case 'and':
      case 'or':
        return p.args.flatMap(values);
      case 'implies':
        return [...values(p.left), ...values(p.right)];
      default:
        return [];
    }
  };
  for (const v of values(test.condition.prop)) mention(v);
  return { memory, arrays, memTypes, regs, regTypes };
}


/**
 * An initial register value, a label value as the code address it names
 * (herd looks a label up among every thread's labels: it is an error when
 * no thread has it).
 */
function codeValue(e: InitEntry, code: readonly { readonly labels: ReadonlyMap<string, number> }[]): AsmValue {
  const l = parseLabelText(e.value);
  if (l === undefined) return fromLitmus(e.value);
  const index = code[l.thread]?.labels.get(l.label);
  if (index !== undefined) return { thread: l.thread, index, label: l.label };
  if (code.some((th) => th.labels.has(l.label))) notSupported(`label value ${String(e.value)}, whose label is in another thread's code`, e.span);
  return raise(DIAG_CODES.LITMUS_SEMANTIC, `label ${l.label} not found on P${l.thread}, yet it is used in the initialization list`, e.span);
}
