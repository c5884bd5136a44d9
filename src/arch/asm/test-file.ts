/**
 * Assembles a `LitmusTest` from an assembly test file: sections, initial
 * state, thread columns (the architecture parses instructions) and
 * constraints. Shared by the AArch64 and x86 front ends.
 */
import { DIAG_CODES, notSupported, raise, type Span } from '../../diag.js';
import { mapAtoms, propKeys, type PropAtom } from '../../litmus/prop.js';
import { SourceText } from '../../litmus/source.js';
import type { ArchName, ArrayDecl, InitEntry, LitmusTest, Prop, StateKey, Value } from '../../litmus/types.js';
import { parseColumns, type AsmThread } from './columns.js';
import { parseConstraints, type Constraints } from './condition.js';
import { parseInit, type RegisterNamer } from './init.js';
import { splitSections } from './sections.js';
import { allocatedScope, allocateSymbols, RegisterUse, resolveKey, SYMBOLIC_THREAD, type RegisterScope } from './symbolic.js';
import type { Piece } from './text.js';
import { fromLitmus, isBigIntText, toLitmus } from './value.js';

export interface AsmDialect<TInstr> {
  readonly arch: ArchName;
  /** Header words accepted for this dialect (`AArch64`, `X86_64`...). */
  readonly headers: readonly string[];
  readonly register: RegisterNamer;
  /** One instruction; `scope` hears of the registers it names and gives those of symbolic ones. */
  readonly instruction: (src: SourceText, cell: Piece, scope: RegisterScope) => TInstr;
  /** The semantics models array elements (`int x[2]`, `x[1]=2`); otherwise arrays are `not supported`. */
  readonly arrays?: boolean;
  /** The registers symbolic registers (`%r`) may stand for, in herd's order; without it they are `not supported`. */
  readonly symbolicRegisters?: readonly string[];
  /**
   * The code names no location itself (only through registers), so the
   * condition may name only symbols the initial state or the code's labels
   * introduce, as herd checks (`checkConditionSymbols`).
   */
  readonly conditionSymbolsFromInit?: boolean;
}

export function parseAsmTest<TInstr>(dialect: AsmDialect<TInstr>, text: string, file: string): LitmusTest<AsmThread<TInstr>> {
  const src = new SourceText(text, file);
  const s = splitSections(src);
  if (!dialect.headers.includes(s.archWord.text)) {
    raise(
      DIAG_CODES.LITMUS_SYNTAX,
      `expected a ${dialect.headers.join(' or ')} test, found '${s.archWord.text}'`,
      src.span(s.archWord.start, s.archWord.start + s.archWord.text.length),
    );
  }
  const parsedInit = parseInit(src, s.init, dialect.register, dialect.arrays === true);
  const arrays = parsedInit.arrays;
  const code = { text: s.code.text, start: s.code.start };
  const use = new RegisterUse();
  const firstThreads = parseColumns(src, code, (cell, t) => dialect.instruction(src, cell, use.scope(t)));
  const parsedConstraints = parseConstraints(src, s.constraints, dialect.register);
  if (dialect.conditionSymbolsFromInit === true) checkConditionSymbols(parsedInit.entries, firstThreads, parsedConstraints.condition.prop);
  const stateKeys = [
    ...parsedInit.entries.map((e) => e.target),
    ...parsedConstraints.locations,
    ...propKeys(parsedConstraints.condition.prop),
    ...(parsedConstraints.filter !== undefined ? propKeys(parsedConstraints.filter) : []),
  ];
  const { threads, resolve } = symbolicRegisters(dialect, firstThreads, use, stateKeys, (scope) =>
    parseColumns(src, code, (cell, t) => dialect.instruction(src, cell, scope(t))),
  );
  const init = parsedInit.entries.map((e) => ({ ...e, target: resolve(e.target) }));
  const constraints = resolveKeys(parsedConstraints, resolve);
  const checkThread = (k: StateKey): void => {
    if (k.kind === 'reg' && k.thread >= threads.length) {
      raise(DIAG_CODES.LITMUS_SEMANTIC, `thread ${k.thread} does not exist (the test has ${threads.length})`, k.span);
    }
  };
  init.forEach((e) => checkThread(e.target));
  constraints.locations.forEach(checkThread);
  const keys = arrayKeys(arrays, dialect.arrays === true);
  const typed = (p: Prop): Prop => typedValues(init, arrays)(keys.prop(p));
  return {
    arch: dialect.arch,
    name: s.name.text,
    ...(s.doc !== undefined ? { doc: s.doc } : {}),
    file,
    source: text,
    init,
    ...(arrays.length > 0 ? { arrays } : {}),
    threads,
    locations: constraints.locations.map(keys.key),
    ...(constraints.filter !== undefined ? { filter: typed(constraints.filter) } : {}),
    condition: { ...constraints.condition, prop: typed(constraints.condition.prop) },
  };
}

/**
 * The threads' code, and the state keys' resolution: when the code first
 * read (`threads`, its registers in `use`) or the state keys (`stateKeys`)
 * name symbolic registers, the code is read again with the registers
 * allocated to them.
 */
function symbolicRegisters<TInstr>(
  dialect: AsmDialect<TInstr>,
  threads: AsmThread<TInstr>[],
  use: RegisterUse,
  stateKeys: readonly StateKey[],
  again: (scope: (t: number) => RegisterScope) => AsmThread<TInstr>[],
): { threads: AsmThread<TInstr>[]; resolve: (k: StateKey) => StateKey } {
  const stated = stateKeys.find((k) => k.kind === 'reg' && k.thread === SYMBOLIC_THREAD);
  if (dialect.symbolicRegisters === undefined) {
    if (stated?.kind === 'reg') notSupported(`symbolic register '${stated.reg}'`, stated.span);
    return { threads, resolve: (k) => k };
  }
  if (!use.any && stated === undefined) return { threads, resolve: (k) => k };
  const allocation = allocateSymbols(use, threads.length, stateKeys, dialect.symbolicRegisters);
  return {
    threads: again((t) => allocatedScope(allocation[t] as ReadonlyMap<string, string>)),
    resolve: (k) => resolveKey(k, allocation),
  };
}

/**
 * herd's check_post_condition_symbols_exist: every location, symbolic
 * register, address and label value the condition names must be one the
 * initial state names (as a key or a value) or a label of the code.
 */
function checkConditionSymbols(init: readonly InitEntry[], threads: readonly AsmThread<unknown>[], prop: Prop): void {
  const known = new Set<string>();
  for (const e of init) {
    const k = keySymbol(e.target);
    if (k !== undefined) known.add(k);
    const v = valueSymbol(e.value);
    if (v !== undefined) known.add(v);
  }
  threads.forEach((th, t) => th.labels.forEach((_, l) => known.add(`P${t}:${l}`)));
  const fresh = new Map<string, Span>();
  const note = (sym: string | undefined, span: Span): void => {
    if (sym !== undefined && !known.has(sym) && !fresh.has(sym)) fresh.set(sym, span);
  };
  mapAtoms(prop, (a) => {
    if (a.kind === 'eq') {
      note(keySymbol(a.key), a.key.span);
      note(valueSymbol(a.value.value), a.value.span);
    } else if (a.kind === 'eqKeys') {
      note(keySymbol(a.left), a.left.span);
      note(keySymbol(a.right), a.right.span);
    }
    return a;
  });
  const first = [...fresh.values()][0];
  if (first !== undefined) {
    raise(DIAG_CODES.LITMUS_SEMANTIC, `the condition introduces new symbolic location(s): {${[...fresh.keys()].sort().join(', ')}}`, first);
  }
}

/** The symbol a key names: a location (an array for its elements) or a symbolic register. */
function keySymbol(k: StateKey): string | undefined {
  if (k.kind === 'mem') return k.loc.replace(/\[\d+\]$/, '');
  return k.thread === SYMBOLIC_THREAD ? k.reg : undefined;
}

/** The symbol a value names: an address (`x`, `x+4`) or a label (`P0:L0` for `label:"P0:L0"`). */
function valueSymbol(v: Value): string | undefined {
  if (typeof v !== 'string') return undefined;
  const label = /^label:"(.*)"$/.exec(v);
  if (label) return label[1];
  const addr = /^([A-Za-z_][\w.]*)(?:\+-?\d+)?$/.exec(v);
  return addr ? addr[1] : undefined;
}

/** The constraints with `resolve` applied to every key. */
function resolveKeys(c: Constraints, resolve: (k: StateKey) => StateKey): Constraints {
  const prop = (p: Prop): Prop =>
    mapAtoms(p, (a) => (a.kind === 'eq' ? { ...a, key: resolve(a.key) } : a.kind === 'eqKeys' ? { ...a, left: resolve(a.left), right: resolve(a.right) } : a));
  return {
    locations: c.locations.map(resolve),
    ...(c.filter !== undefined ? { filter: prop(c.filter) } : {}),
    condition: { ...c.condition, prop: prop(c.condition.prop) },
  };
}

/**
 * Keys naming a whole array (`x` of `int x[2]`) get `array` set; an element
 * key must be inside its array, and a list value (`x={1,0}`) needs an array
 * of that length.
 */
function arrayKeys(arrays: readonly ArrayDecl[], supported: boolean): { key: (k: StateKey) => StateKey; prop: (p: Prop) => Prop } {
  const byName = new Map(arrays.map((a) => [a.name, a]));
  const key = (k: StateKey): StateKey => {
    if (k.kind !== 'mem') return k;
    const element = /^(.*)\[(\d+)\]$/.exec(k.loc);
    if (element) {
      if (!supported) notSupported(`array element '${k.loc}' (mixed-size accesses)`, k.span);
      const a = byName.get(element[1] as string);
      if (a === undefined) raise(DIAG_CODES.LITMUS_SEMANTIC, `'${element[1]}' is not an array of the initial state`, k.span);
      if (Number(element[2]) >= a.length) raise(DIAG_CODES.LITMUS_SEMANTIC, `'${k.loc}' is outside the array ${a.name}[${a.length}]`, k.span);
      return k;
    }
    return byName.has(k.loc) ? { ...k, array: true } : k;
  };
  const atom = (p: PropAtom): Prop => {
    switch (p.kind) {
      case 'eq': {
        const k = key(p.key);
        const v = p.value.value;
        const isList = typeof v === 'string' && v.startsWith('{');
        if (isList !== (k.kind === 'mem' && k.array === true)) {
          const what = isList ? `a list of values needs an array, and '${keyName(k)}' is none` : `the array '${keyName(k)}' compares with a list of values {v0,v1,...}`;
          raise(DIAG_CODES.LITMUS_SEMANTIC, what, p.span);
        }
        if (isList && k.kind === 'mem') {
          const n = (v as string).split(',').length;
          const a = byName.get(k.loc) as ArrayDecl;
          if (n !== a.length) raise(DIAG_CODES.LITMUS_SEMANTIC, `${n} values for the array ${a.name}[${a.length}]`, p.value.span);
        }
        return { ...p, key: k };
      }
      case 'eqKeys': {
        const l = key(p.left), r = key(p.right);
        for (const k of [l, r]) if (k.kind === 'mem' && k.array === true) notSupported(`comparing the array '${k.loc}' with another key`, p.span);
        return { ...p, left: l, right: r };
      }
      default:
        return p;
    }
  };
  return { key, prop: (p: Prop): Prop => mapAtoms(p, atom) };
}

function keyName(k: StateKey): string {
  return k.kind === 'reg' ? `${k.thread}:${k.reg}` : k.loc;
}

/**
 * herd compares final values as values of the key's declared type: under
 * `int64_t`, `0xFFFFFFFFFAA99887` is -89548665. Integer constants of the
 * condition are read the same way, elements of an array under its element type.
 */
function typedValues(init: readonly InitEntry[], arrays: readonly ArrayDecl[]): (p: Prop) => Prop {
  const types = new Map<string, string>();
  const id = (k: StateKey): string => (k.kind === 'reg' ? `${k.thread}:${k.reg}` : k.loc);
  for (const e of init) if (e.type !== undefined) types.set(id(e.target), e.type);
  const typed = (v: Value, t: string): Value => toLitmus(fromLitmus(v), t.endsWith('*') ? 'int64_t' : t);
  const atom = (p: PropAtom): Prop => {
    switch (p.kind) {
      case 'eq': {
        const v = p.value.value;
        const k = p.key;
        if (k.kind === 'mem' && k.array === true) {
          const t = arrays.find((a) => a.name === k.loc)?.type ?? 'int';
          const items = (v as string).slice(1, -1).split(',').map((x) => typed(x, t));
          return { ...p, value: { ...p.value, value: `{${items.join(',')}}`, text: p.value.text ?? String(v) } };
        }
        if (typeof v !== 'number' && !isBigIntText(v)) return p;
        const t = types.get(id(p.key)) ?? 'int';
        // herd prints an element's constant as written (`u[0]=4294967295` for an int32_t element).
        const asWritten = k.kind === 'mem' && /\]$/.test(k.loc) ? { text: p.value.text ?? String(v) } : {};
        return { ...p, value: { ...p.value, value: typed(v, t), ...asWritten } };
      }
      default:
        return p;
    }
  };
  return (p: Prop): Prop => mapAtoms(p, atom);
}
