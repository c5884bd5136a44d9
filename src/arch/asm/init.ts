/**
 * The initial state of an assembly test: `0:X1=x;`, `int64_t 0:X2=0;`,
 * `uint64_t x=1;`, `x=2;`, `[x]=2;`, `int 0:X6;`. Arrays, page-table entries,
 * labels and other extension values stop with `not supported`.
 */
import { DIAG_CODES, notSupported } from '../../diag.js';
import type { SourceText } from '../../litmus/source.js';
import type { InitEntry, StateKey, Value } from '../../litmus/types.js';
import { failAt, spanOf, splitPiece, trimPiece, type Piece } from './text.js';
import { intValue, isScalarType } from './value.js';

/** Maps a register name as written to its canonical name, or undefined when the arch has no such register. */
export type RegisterNamer = (name: string) => string | undefined;

export function parseInit(src: SourceText, body: Piece, register: RegisterNamer): InitEntry[] {
  const out: InitEntry[] = [];
  for (const line of splitPiece(body, '\n')) {
    for (const raw of splitPiece(line, ';')) {
      const item = trimPiece(raw);
      if (item.text !== '') out.push(parseItem(src, item, register));
    }
  }
  return out;
}

const KEY_AND_VALUE = /^(.*?)\s*=\s*(.*)$/s;

function parseItem(src: SourceText, item: Piece, register: RegisterNamer): InitEntry {
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
  const value = rhs === undefined || rhs.text === '' ? 0 : parseInitValue(src, rhs);
  if (rhs !== undefined && rhs.text === '') failAt(src, item, `expected a value after '='`);
  return { target, value, ...(type !== '' ? { type } : {}), span: spanOf(src, item) };
}

/** A state key: `N:reg`, `[loc]` or `loc`. */
export function parseKey(src: SourceText, p: Piece, register: RegisterNamer): StateKey {
  const span = spanOf(src, p);
  const t = p.text;
  const regKey = /^(\d+)\s*:\s*(\S+)$/.exec(t);
  if (regKey) {
    const name = regKey[2] as string;
    const reg = register(name);
    if (reg === undefined) notSupported(`register '${name}'`, span);
    return { kind: 'reg', thread: Number(regKey[1]), reg, span };
  }
  if (t.startsWith('%')) notSupported(`symbolic register '${t}'`, span);
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

/** An initial value: an integer (decimal, `0x` hex, negative) or a location name (its address). */
export function parseInitValue(src: SourceText, p: Piece): Value {
  const t = p.text;
  const n = parseInteger(t);
  if (n !== undefined) return n;
  const addr = /^&?\s*([A-Za-z_][\w.]*)$/.exec(t);
  if (addr) return addr[1] as string;
  if (t.startsWith('{')) notSupported(`array initialiser '${t}' (mixed-size accesses)`, spanOf(src, p));
  if (t.startsWith('(') || /^PTE\s*\(|^PA\s*\(/.test(t)) notSupported(`page-table value '${t}' (VMSA)`, spanOf(src, p));
  if (/^[A-Za-z_]\w*\s*:/.test(t)) notSupported(`label or tagged value '${t}'`, spanOf(src, p));
  return failAt(src, p, `expected an integer or a location name, found '${t}'`, DIAG_CODES.LITMUS_SYNTAX);
}

/** Parses `12`, `-3`, `0x1f`; undefined when not an integer. Values beyond 2^53 stay exact (as decimal text). */
export function parseInteger(t: string): Value | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|\d+)$/.exec(t.trim());
  if (!m) return undefined;
  const big = BigInt(m[2] as string);
  return intValue(m[1] === '-' ? -big : big);
}
