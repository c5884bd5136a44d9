/**
 * Values during assembly execution: 64-bit machine words (unsigned bigints,
 * so that wrap-around and sign extension are exact), symbolic addresses
 * (a location name plus a byte offset) and code addresses (an instruction
 * of a thread). Herd keeps addresses symbolic too: `x` is a value, `x+0`
 * is `x`, and `x+8` is some other, unnamed address.
 */
import type { Value } from '../../litmus/types.js';

/** A symbolic address: location `name` displaced by `offset` bytes. */
export interface SymAddr {
  readonly sym: string;
  readonly offset: bigint;
}

/**
 * A code address: instruction `index` of thread `thread` (the code's
 * length for its end), as ADR, BL and BLR make them. `label` names it when
 * herd has a label value for it, printed `label:"P0:L0"`: the label ADR
 * names, or the least label at a return address.
 */
export interface CodeAddr {
  readonly thread: number;
  readonly index: number;
  readonly label?: string;
}

/** A register or memory value: a 64-bit word (0 ≤ w < 2^64), a data address or a code address. */
export type AsmValue = bigint | SymAddr | CodeAddr;

const MASK64 = (1n << 64n) - 1n;

/** Reduces any integer to a 64-bit word. */
export function word(n: bigint | number): bigint {
  return BigInt.asUintN(64, typeof n === 'number' ? BigInt(n) : n);
}

export function sym(name: string, offset = 0n): SymAddr {
  return { sym: name, offset };
}

export function isSym(v: AsmValue): v is SymAddr {
  return typeof v !== 'bigint' && 'sym' in v;
}

export function isCode(v: AsmValue): v is CodeAddr {
  return typeof v !== 'bigint' && 'index' in v;
}

/** herd's text of a label value, `label:"P0:L0"`. */
export function labelText(thread: number, label: string): string {
  return `label:"P${thread}:${label}"`;
}

/** The thread and label of a label value's text (`label:"P0:L0"`), if `v` is one. */
export function parseLabelText(v: Value): { readonly thread: number; readonly label: string } | undefined {
  const m = typeof v === 'string' ? /^label:"P(\d+):([^"]+)"$/.exec(v) : null;
  return m ? { thread: Number(m[1]), label: m[2] as string } : undefined;
}

export function sameValue(a: AsmValue, b: AsmValue): boolean {
  if (typeof a === 'bigint' || typeof b === 'bigint') return a === b;
  if (isSym(a) || isSym(b)) return isSym(a) && isSym(b) && a.sym === b.sym && a.offset === b.offset;
  return a.thread === b.thread && a.label === b.label && (a.label !== undefined || a.index === b.index);
}

/**
 * Integers beyond 2^53 travel as decimal strings (a `Value` is a number or
 * a string), so that 64-bit values print and compare exactly.
 */
export function isBigIntText(v: Value): v is string {
  return typeof v === 'string' && /^-?\d+$/.test(v);
}

/** A value as it appears in a litmus file's initial state or condition (`x+4`: an address inside array `x`). */
export function fromLitmus(v: Value): AsmValue {
  if (typeof v === 'number') return word(BigInt(v));
  if (isBigIntText(v)) return word(BigInt(v));
  const displaced = /^(.+)\+(-?\d+)$/.exec(v);
  return displaced ? sym(displaced[1] as string, BigInt(displaced[2] as string)) : sym(v);
}

/** An exact integer as a `Value`: a number when it is safe, else its decimal text. */
export function intValue(n: bigint): Value {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
}

/** Integer widths and signedness of herd's scalar types. */
const TYPES: Readonly<Record<string, { bits: number; signed: boolean }>> = {
  int: { bits: 32, signed: true },
  int32_t: { bits: 32, signed: true },
  'signed int': { bits: 32, signed: true },
  unsigned: { bits: 32, signed: false },
  'unsigned int': { bits: 32, signed: false },
  uint32_t: { bits: 32, signed: false },
  long: { bits: 64, signed: true },
  int64_t: { bits: 64, signed: true },
  intptr_t: { bits: 64, signed: true },
  uint64_t: { bits: 64, signed: false },
  uintptr_t: { bits: 64, signed: false },
  'unsigned long': { bits: 64, signed: false },
  short: { bits: 16, signed: true },
  int16_t: { bits: 16, signed: true },
  uint16_t: { bits: 16, signed: false },
  char: { bits: 8, signed: true },
  int8_t: { bits: 8, signed: true },
  uint8_t: { bits: 8, signed: false },
  int128_t: { bits: 64, signed: true },
};

/** True when `type` is a scalar type weakmem knows (herd's default is `int`). */
export function isScalarType(type: string): boolean {
  return TYPES[type] !== undefined;
}

/** Size in bytes of a scalar type (8 for types weakmem does not know). */
export function scalarBytes(type: string): number {
  return (TYPES[type]?.bits ?? 64) / 8;
}

/**
 * The value a location or register of C type `type` shows: the word cut to
 * the type's width and read signed or unsigned (herd prints a W register
 * holding 0xffffffff as -1 under the default `int`). Addresses print as names.
 */
export function toLitmus(v: AsmValue, type = 'int'): Value {
  if (isSym(v)) return v.offset === 0n ? v.sym : `${v.sym}+${v.offset}`;
  if (isCode(v)) return showValue(v);
  const t = TYPES[type] ?? { bits: 64, signed: true };
  return intValue(t.signed ? BigInt.asIntN(t.bits, v) : BigInt.asUintN(t.bits, v));
}

/** Zero-extends the low `bits` bits (W registers, byte and halfword loads). */
export function zext(v: AsmValue, bits: number): AsmValue {
  return typeof v !== 'bigint' || bits >= 64 ? v : BigInt.asUintN(bits, v);
}

/** Sign-extends the low `bits` bits to 64. */
export function sext(v: AsmValue, bits: number): AsmValue {
  return typeof v !== 'bigint' || bits >= 64 ? v : word(BigInt.asIntN(bits, v));
}

/** Thrown for arithmetic herd cannot do on addresses; callers turn it into `not supported`. */
export class SymbolicArithmetic extends Error {}

/** An address as messages name it: `address x`, `the code address label:"P0:L0"`. */
export function addressText(v: SymAddr | CodeAddr): string {
  return `${isSym(v) ? 'address' : 'the code address'} ${showValue(v)}`;
}

function int(v: AsmValue, what: string): bigint {
  if (typeof v !== 'bigint') throw new SymbolicArithmetic(`${what} of ${addressText(v)}`);
  return v;
}

/** `v` when it is a word or a data address; arithmetic on code addresses is not modelled. */
function data(v: AsmValue, what: string): bigint | SymAddr {
  if (isCode(v)) throw new SymbolicArithmetic(`${what} of ${addressText(v)}`);
  return v;
}

export function add(x: AsmValue, y: AsmValue): AsmValue {
  const a = data(x, 'addition'), b = data(y, 'addition');
  if (isSym(a) && isSym(b)) throw new SymbolicArithmetic(`addition of addresses ${a.sym} and ${b.sym}`);
  if (isSym(a)) return sym(a.sym, BigInt.asIntN(64, a.offset + (b as bigint)));
  if (isSym(b)) return sym(b.sym, BigInt.asIntN(64, b.offset + a));
  return (a + b) & MASK64;
}

export function sub(x: AsmValue, y: AsmValue): AsmValue {
  const a = data(x, 'subtraction'), b = data(y, 'subtraction');
  if (isSym(a) && isSym(b)) {
    if (a.sym !== b.sym) throw new SymbolicArithmetic(`subtraction of addresses ${a.sym} and ${b.sym}`);
    return word(a.offset - b.offset);
  }
  if (isSym(a)) return sym(a.sym, BigInt.asIntN(64, a.offset - (b as bigint)));
  return word(int(a, 'subtraction') - int(b, 'subtraction'));
}

/** Bitwise operations; `x ^ x` and `x & 0`, `x | 0` style identities hold on addresses as herd's solver has them. */
export function bitop(op: 'and' | 'or' | 'xor', a: AsmValue, b: AsmValue): AsmValue {
  if (op === 'xor' && sameValue(a, b)) return 0n;
  if (typeof a !== 'bigint' || typeof b !== 'bigint') {
    const other = typeof a !== 'bigint' ? b : a;
    const s = typeof a !== 'bigint' ? a : (b as SymAddr | CodeAddr);
    if (other === 0n && (op === 'or' || op === 'xor')) return s;
    if (other === 0n && op === 'and') return 0n;
    throw new SymbolicArithmetic(`bitwise ${op} of ${addressText(s)}`);
  }
  if (op === 'and') return a & b;
  if (op === 'or') return a | b;
  return a ^ b;
}

export function not64(a: AsmValue): AsmValue {
  return ~int(a, 'negation') & MASK64;
}

export function mul(a: AsmValue, b: AsmValue): AsmValue {
  return word(int(a, 'multiplication') * int(b, 'multiplication'));
}

/** Logical shift left by `n` (taken modulo 64), within `bits`. */
export function lsl(a: AsmValue, n: number, bits = 64): AsmValue {
  if (n === 0) return a;
  return BigInt.asUintN(bits, int(a, 'shift') << BigInt(n % bits));
}

export function lsr(a: AsmValue, n: number, bits = 64): AsmValue {
  if (n === 0) return a;
  return BigInt.asUintN(bits, int(a, 'shift')) >> BigInt(n % bits);
}

export function asr(a: AsmValue, n: number, bits = 64): AsmValue {
  if (n === 0) return a;
  return word(BigInt.asIntN(bits, int(a, 'shift')) >> BigInt(n % bits));
}

export function ror(a: AsmValue, n: number, bits = 64): AsmValue {
  const k = n % bits;
  if (k === 0) return a;
  const v = BigInt.asUintN(bits, int(a, 'rotation'));
  return BigInt.asUintN(bits, (v >> BigInt(k)) | (v << BigInt(bits - k)));
}

/** Signed or unsigned comparison at `bits` width: -1, 0 or 1. */
export function compare(a: AsmValue, b: AsmValue, bits: number, signed: boolean): number {
  const x = signed ? BigInt.asIntN(bits, int(a, 'comparison')) : BigInt.asUintN(bits, int(a, 'comparison'));
  const y = signed ? BigInt.asIntN(bits, int(b, 'comparison')) : BigInt.asUintN(bits, int(b, 'comparison'));
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The integer a word stands for, when it is one (not an address). */
export function asInt(v: AsmValue): bigint | undefined {
  return typeof v === 'bigint' ? v : undefined;
}

/** A value as messages show it; a code address with no label, which herd prints as a number weakmem does not know, by its place. */
export function showValue(v: AsmValue): string {
  if (isSym(v)) return v.offset === 0n ? v.sym : `${v.sym}+${v.offset}`;
  if (isCode(v)) return v.label !== undefined ? labelText(v.thread, v.label) : `of instruction ${v.index + 1} of P${v.thread}`;
  return String(BigInt.asIntN(64, v));
}
