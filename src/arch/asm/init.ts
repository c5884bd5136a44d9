/**
 * The initial state of an assembly test: `0:X1=x;`, `int64_t 0:X2=0;`,
 * `uint64_t x=1;`, `x=2;`, `[x]=2;`, `int 0:X6;`, and, where the front end
 * reads them, arrays (`int x[2] = {1,2};`, `uint64_t t[2];`) and element
 * addresses (`0:X0=x[1];`), label values (`0:X1=P1:L1;`). Page-table
 * entries, tagged and other extension values stop with `not supported`.
 */
import { DIAG_CODES, notSupported } from '../../diag.js';
import type { SourceText } from '../../litmus/source.js';
import { elementLoc, type ArrayDecl, type InitEntry, type StateKey, type Value } from '../../litmus/types.js';
import { failAt, spanOf, splitPiece, trimPiece, type Piece } from './text.js';
import { SYMBOLIC_THREAD } from './symbolic.js';
import { fromLitmus, intValue, isScalarType, labelText, parseLabelText, scalarBytes, toLitmus } from './value.js';

/** Maps a register name as written to its canonical name, or undefined when the arch has no such register. */
export type RegisterNamer = (name: string) => string | undefined;

export interface InitialState {
  /** Every entry; an array contributes one entry per element. */
  readonly entries: readonly InitEntry[];
  readonly arrays: readonly ArrayDecl[];
}

/** `arrays`: whether the front end models array elements (otherwise arrays are `not supported`). */
export function parseInit(src: SourceText, body: Piece, register: RegisterNamer, arrays = false): InitialState {
  const entries: InitEntry[] = [];
  const decls: ArrayDecl[] = [];
  const addresses: { entry: number; name: string; index: number; piece: Piece }[] = [];
  for (const line of splitPiece(body, '\n')) {
    for (const raw of splitPiece(line, ';')) {
      const item = trimPiece(raw);
      if (item.text === '') continue;
      const array = arrays ? parseArray(src, item) : undefined;
      if (array !== undefined) {
        decls.push(array.decl);
        entries.push(...array.elements);
        continue;
      }
      const e = parseItem(src, item, register, arrays);
      if (e.element !== undefined) addresses.push({ entry: entries.length, ...e.element });
      entries.push(e.entry);
    }
  }
  // `x[1]` as a value is the address of that element: `x` displaced by one element.
  for (const a of addresses) {
    const d = decls.find((x) => x.name === a.name);
    if (d === undefined) notSupported(`element address '${a.piece.text}' of '${a.name}', which is not an array`, spanOf(src, a.piece));
    if (a.index >= d.length) failAt(src, a.piece, `'${a.piece.text}' is outside the array ${a.name}[${d.length}]`, DIAG_CODES.LITMUS_SEMANTIC);
    const e = entries[a.entry] as InitEntry;
    const offset = BigInt(a.index * scalarBytes(d.type));
    entries[a.entry] = { ...e, value: toLitmus({ sym: a.name, offset }) };
  }
  return { entries, arrays: decls };
}

const KEY_AND_VALUE = /^(.*?)\s*=\s*(.*)$/s;
const ARRAY_LHS = /^(.*?)\s*\b([A-Za-z_][\w.]*)\s*\[\s*(\d+)\s*\]$/s;

/** `TYPE x[N]` or `TYPE x[N] = {v0,...}`: the declaration and one entry per element (values cut to the type). */
function parseArray(src: SourceText, item: Piece): { decl: ArrayDecl; elements: InitEntry[] } | undefined {
  const m = KEY_AND_VALUE.exec(item.text);
  const lhs = trimPiece({ text: m ? (m[1] as string) : item.text, start: item.start });
  const a = ARRAY_LHS.exec(lhs.text);
  // A declaration names its element type; `x[1]=...` alone is no declaration.
  if (!a || (a[1] as string).trim() === '' || /^\d+\s*:/.test(lhs.text)) return undefined;
  const span = spanOf(src, item);
  const type = (a[1] as string).trim().replace(/\s+/g, ' ');
  const name = a[2] as string;
  const length = Number(a[3]);
  if (!isScalarType(type) || type === 'int128_t') notSupported(`array of type '${type}'`, spanOf(src, lhs));
  if (length === 0) failAt(src, lhs, `array '${name}' has no elements`);
  let values: Value[] = new Array<Value>(length).fill(0);
  if (m) {
    const rhs = trimPiece({ text: m[2] as string, start: item.start + item.text.length - (m[2] as string).length });
    const list = /^\{(.*)\}$/s.exec(rhs.text);
    if (!list) return failAt(src, rhs, `expected '{v0,v1,...}' initialising the array ${name}[${length}]`);
    const inner = { text: list[1] as string, start: rhs.start + 1 };
    const items = inner.text.trim() === '' ? [] : splitPiece(inner, ',').map(trimPiece);
    if (items.length !== length) notSupported(`array initialiser with ${items.length} values for ${name}[${length}]`, spanOf(src, rhs));
    values = items.map((p) => {
      const n = parseInteger(p.text);
      return n !== undefined ? n : failAt(src, p, `expected an integer, found '${p.text}'`);
    });
  }
  const elements = values.map((v, i): InitEntry => ({
    target: { kind: 'mem', loc: elementLoc(name, i), span },
    value: toLitmus(fromLitmus(v), type),
    type,
    span,
  }));
  return { decl: { name, type, length, span }, elements };
}

interface ParsedItem {
  readonly entry: InitEntry;
  /** The value named an array element (`x[1]`), resolved once every array is known. */
  readonly element?: { readonly name: string; readonly index: number; readonly piece: Piece };
}

function parseItem(src: SourceText, item: Piece, register: RegisterNamer, arrays: boolean): ParsedItem {
  const m = KEY_AND_VALUE.exec(item.text);
  const lhs = trimPiece({ text: m ? (m[1] as string) : item.text, start: item.start });
  const rhs = m ? trimPiece({ text: m[2] as string, start: item.start + item.text.length - (m[2] as string).length }) : undefined;
  const split = /^(.*?)\s*(\b\d+\s*:\s*\S+)$/s.exec(lhs.text) ?? /^(?:(.*)\s+)?(\S+)$/s.exec(lhs.text);
  const keyText = split ? (split[2] as string) : lhs.text;
  let type = split ? (split[1] ?? '').trim().replace(/\s+/g, ' ') : '';
  const keyPiece: Piece = { text: keyText, start: lhs.start + lhs.text.length - keyText.length };
  let key = keyPiece;
  if (key.text.startsWith('*')) {
    type = `${type}*`;
    key = { text: key.text.slice(1), start: key.start + 1 };
  }
  const base = type.replace(/\s*\*$/, '');
  if (type !== '' && !isScalarType(base)) notSupported(`type '${type}'`, spanOf(src, lhs));
  if (type.endsWith('*')) type = `${base}*`;
  const target = parseKey(src, key, register);
  if (rhs !== undefined && rhs.text === '') failAt(src, item, `expected a value after '='`);
  const element = arrays && rhs !== undefined ? /^&?\s*([A-Za-z_][\w.]*)\s*\[\s*(\d+)\s*\]$/.exec(rhs.text) : null;
  const value = rhs === undefined ? 0 : element ? 0 : parseInitValue(src, rhs);
  // herd's grammar takes label values only in untyped entries (`0:X1=P1:L1`).
  if (type !== '' && parseLabelText(value) !== undefined) notSupported(`label value '${(rhs as Piece).text}' with a type`, spanOf(src, item));
    const entry: InitEntry = { target, value, ...(type !== '' ? { type } : {}), span: spanOf(src, item) };
  if (element && rhs !== undefined) return { entry, element: { name: element[1] as string, index: Number(element[2]), piece: rhs } };
  return { entry };
}

/** herd's symbolic register names: `%` then a name. */
const SYMBOL = /^%[A-Za-z_.$][\w./$-]*$/;

/** A state key: `N:reg`, `%symbol`, `[loc]` or `loc` (array elements `x[1]` are read by the condition parser). */
export function parseKey(src: SourceText, p: Piece, register: RegisterNamer): StateKey {
  const span = spanOf(src, p);
  const t = p.text;
  const regKey = /^(\d+)\s*:\s*(\S+)$/.exec(t);
  if (regKey) {
    const name = regKey[2] as string;
    if (name.startsWith('%')) failAt(src, p, `a symbolic register is named without a thread: '${t}'`, DIAG_CODES.LITMUS_SEMANTIC);
    const reg = register(name);
    if (reg === undefined) notSupported(`register '${name}'`, span);
    return { kind: 'reg', thread: Number(regKey[1]), reg, span };
  }
  // A symbolic register: its thread and register are known once the code is read (see symbolic.ts).
  if (SYMBOL.test(t)) return { kind: 'reg', thread: SYMBOLIC_THREAD, reg: t, span };
  const bracket = /^\[\s*([A-Za-z_][\w.]*)\s*\]$/.exec(t);
  if (bracket) return { kind: 'mem', loc: bracket[1] as string, span };
  if (/^[A-Za-z_][\w.]*$/.test(t)) return { kind: 'mem', loc: t, span };
  if (/^[A-Za-z_]\w*\s*\[/.test(t)) notSupported(`array '${t}' (mixed-size accesses)`, span);
  const inner = t.replace(/^\[\s*|\s*\]$/g, '');
  if (/^(PTE|PA|TLB)\s*\(/.test(inner)) notSupported(`page-table entry '${t}' (VMSA)`, span);
  if (/^tag\s*\(/.test(inner)) notSupported(`memory tag '${t}' (MTE)`, span);
  if (/^SS\s*\(/.test(inner)) notSupported(`shadow-stack location '${t}' (GCS)`, span);
  if (/^\w+\s*\(/.test(inner)) notSupported(`location '${t}'`, span);
  return failAt(src, p, `expected a register 'N:reg' or a location, found '${t}'`);
}

/** herd's label values in an initial state: `P1:L1` or `1:L1`... */
const LABEL_VALUE = /^P?(\d+)\s*:\s*([A-Za-z_.][\w.]*)$/;
/** ... and `label:"P1:L1"` (or `label:"1:L1"`). */
const LABEL_TEXT = /^label:"P?(\d+):([A-Za-z_.][\w.]*)"$/;

/**
 * An initial value: an integer (decimal, `0x` hex, negative), a location
 * name (its address) or a label value (`P1:L1`, kept as herd prints it,
 * `label:"P1:L1"`; the code resolves it, see thread-state.ts).
 */
export function parseInitValue(src: SourceText, p: Piece): Value {
  const t = p.text;
  const n = parseInteger(t);
  if (n !== undefined) return n;
  if (t.startsWith('instr:') || t === 'NOP' || t === 'nop') notSupported(`instruction value '${t}' (instruction fetch)`, spanOf(src, p));
  const addr = /^&?\s*([A-Za-z_][\w.]*)$/.exec(t);
  if (addr) return addr[1] as string;
  if (t.startsWith('{')) notSupported(`array initialiser '${t}' (mixed-size accesses)`, spanOf(src, p));
  if (t.startsWith('(') || /^PTE\s*\(|^PA\s*\(/.test(t)) notSupported(`page-table value '${t}' (VMSA)`, spanOf(src, p));
  const label = LABEL_VALUE.exec(t) ?? LABEL_TEXT.exec(t);
  if (label) return labelText(Number(label[1]), label[2] as string);
  if (/^[A-Za-z_]\w*\s*:/.test(t)) notSupported(`tagged value '${t}'`, spanOf(src, p));
  return failAt(src, p, `expected an integer or a location name, found '${t}'`, DIAG_CODES.LITMUS_SYNTAX);
}

/** Parses `12`, `-3`, `0x1f`; undefined when not an integer. Values beyond 2^53 stay exact (as decimal text). */
export function parseInteger(t: string): Value | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|\d+)$/.exec(t.trim());
  if (!m) return undefined;
  const big = BigInt(m[2] as string);
  return intValue(m[1] === '-' ? -big : big);
}
