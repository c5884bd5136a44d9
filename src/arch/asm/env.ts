/** What an assembly thread runs against, and what its semantics provide. */
import { notSupported, type Span } from '../../diag.js';
import { elementLoc, type ArrayDecl, type Value } from '../../litmus/types.js';
import type { ArchSemantics } from '../types.js';
import type { AsmTrace } from './trace.js';
import { scalarBytes, showValue, type SymAddr } from './value.js';

export interface ThreadEnv {
  readonly thread: number;
  /** Values a read of a location may return. */
  readonly readValues: (loc: string) => readonly Value[];
  /** Declared type of a location (herd's default is `int`). */
  readonly memType: (loc: string) => string;
  /** The arrays of the test by name, when the semantics models their elements. */
  readonly arrays?: ReadonlyMap<string, ArrayDecl>;
}

/**
 * The location a `bits`-wide access to `a` names: a scalar location, or the
 * element of an array the access covers exactly. Other accesses (inside a
 * scalar, across or inside elements, outside an array) mix sizes: `not
 * supported` at `span`.
 */
export function accessedLocation(env: ThreadEnv, a: SymAddr, bits: number, span: Span): string {
  const array = env.arrays?.get(a.sym);
  if (array === undefined) {
    if (a.offset !== 0n) notSupported(`mixed-size access to ${showValue(a)}, inside the location ${a.sym}`, span);
    return a.sym;
  }
  const size = BigInt(scalarBytes(array.type));
  const index = a.offset / size;
  const what = `${bits}-bit access to ${showValue(a)}`;
  const decl = `${array.type} ${array.name}[${array.length}]`;
  if (a.offset < 0n || index >= BigInt(array.length)) notSupported(`${what}, outside ${decl}`, span);
  if (a.offset % size !== 0n || BigInt(bits / 8) !== size) notSupported(`mixed-size access: ${what}, not a whole element of ${decl}`, span);
  return elementLoc(array.name, Number(index));
}

export interface AsmSemanticsOptions {
  /** Most times a backward branch may be taken on one path (herd's -unroll, 2 by default). */
  readonly unroll?: number;
}

/** Assembly thread semantics: traces carry herd's iico_order as well. */
export interface AsmThreadSemantics extends ArchSemantics {
  traces(thread: number, readValues: (loc: string) => readonly Value[]): AsmTrace[];
}
