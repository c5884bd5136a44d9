/**
 * Thread code in columns: a header row `P0 | P1 ;`, then rows of cells
 * separated by `|` and ended by `;`. A cell holds labels (`L0:`) and at
 * most one instruction. Each architecture parses its own instructions.
 */
import { DIAG_CODES, raise } from '../../diag.js';
import type { SourceText } from '../../litmus/source.js';
import { failAt, splitPiece, trimPiece, type Piece } from './text.js';

/** One thread's code: its instructions in order and where each label points. */
export interface AsmThread<TInstr> {
  readonly instrs: readonly TInstr[];
  /** Label → index of the instruction it precedes (`instrs.length` for a label at the end). */
  readonly labels: ReadonlyMap<string, number>;
}

const LABEL = /^([A-Za-z_.][\w.]*)\s*:/;

export function parseColumns<TInstr>(
  src: SourceText,
  code: Piece,
  instruction: (cell: Piece, thread: number) => TInstr,
): AsmThread<TInstr>[] {
  const rows = splitPiece(code, ';').map(trimPiece);
  // The last split part follows the last ';' and must be blank.
  const tail = rows.pop();
  if (tail !== undefined && tail.text !== '') failAt(src, tail, "expected ';' at the end of this row");
  const header = rows.shift();
  if (header === undefined) return raise(DIAG_CODES.LITMUS_SYNTAX, 'expected thread names such as `P0 | P1 ;`', src.span(code.start, code.start + 1));
  // herd also reads `P0:` for `P0`.
  const names = splitPiece(header, '|').map(trimPiece).map((n) => (/^P\d+:$/.test(n.text) ? { ...n, text: n.text.slice(0, -1) } : n));
  names.forEach((n, i) => {
    if (n.text !== `P${i}`) {
      if (/^P\d+@/.test(n.text)) failAt(src, n, `not supported: thread attributes ('${n.text}')`, DIAG_CODES.NOT_SUPPORTED);
      if (/^P\d+\.F$/.test(n.text)) failAt(src, n, `not supported: fault handler thread '${n.text}'`, DIAG_CODES.NOT_SUPPORTED);
      failAt(src, n, `expected thread name 'P${i}', found '${n.text === '' ? '(nothing)' : n.text}'`);
    }
  });
  const instrs: TInstr[][] = names.map(() => []);
  const labels: Map<string, number>[] = names.map(() => new Map());
  for (const row of rows) {
    const cells = splitPiece(row, '|');
    if (cells.length > names.length) failAt(src, cells[names.length] as Piece, `this row has more cells than there are threads (${names.length})`);
    cells.forEach((raw, t) => {
      let cell = trimPiece(raw);
      for (;;) {
        const m = LABEL.exec(cell.text);
        if (!m) break;
        const name = m[1] as string;
        const ls = labels[t] as Map<string, number>;
        if (ls.has(name)) failAt(src, { text: name, start: cell.start }, `label '${name}' defined twice in P${t}`);
        ls.set(name, (instrs[t] as TInstr[]).length);
        cell = trimPiece({ text: cell.text.slice(m[0].length), start: cell.start + m[0].length });
      }
      if (cell.text !== '') (instrs[t] as TInstr[]).push(instruction(cell, t));
    });
  }
  return names.map((_, t) => ({ instrs: instrs[t] as TInstr[], labels: labels[t] as Map<string, number> }));
}
