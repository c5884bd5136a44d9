/** What an assembly thread runs against, and what its semantics provide. */
import type { ArrayDecl, Value } from '../../litmus/types.js';
import type { ArchSemantics } from '../types.js';
import type { AsmTrace } from './trace.js';

export interface ThreadEnv {
  readonly thread: number;
  /** Values a read of a location may return. */
  readonly readValues: (loc: string) => readonly Value[];
  /** Declared type of a location (herd's default is `int`). */
  readonly memType: (loc: string) => string;
  /** The arrays of the test by name, when the semantics models their elements. */
  readonly arrays?: ReadonlyMap<string, ArrayDecl>;
}

export interface AsmSemanticsOptions {
  /** Most times a backward branch may be taken on one path (herd's -unroll, 2 by default). */
  readonly unroll?: number;
}

/** Assembly thread semantics: traces carry herd's iico_order as well. */
export interface AsmThreadSemantics extends ArchSemantics {
  traces(thread: number, readValues: (loc: string) => readonly Value[]): AsmTrace[];
}
