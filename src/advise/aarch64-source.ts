/**
 * The code of an AArch64 litmus test as the fix search edits it: a grid of
 * rows (ended by `;`) and thread columns (separated by `|`). An inserted
 * instruction is a new row where only its thread's cell has text; a
 * rewritten one (STR → STLR) keeps its cell. Cells keep the widths of the
 * original columns; a text too wide for its column widens that column in
 * every row, so the `|` stay aligned.
 */
import { SourceText } from '../litmus/source.js';
import type { AArch64Instr, AArch64Thread } from '../litmus/aarch64/ast.js';
import { splitSections } from '../arch/asm/sections.js';
import { splitPiece, type Piece } from '../arch/asm/text.js';

/** One cell as written: leading blanks, text (labels and instruction), trailing blanks. */
interface GridCell {
  readonly lead: string;
  readonly content: string;
  readonly trail: string;
}

/** One row: what precedes it since the last `;` (up to its line's start), and its cells. */
interface GridRow {
  readonly prefix: string;
  readonly cells: readonly GridCell[];
}

/** A row being edited: its cells and the columns changed. */
interface EditedRow {
  readonly cells: GridCell[];
  readonly changed: Set<number>;
}

/** Where an instruction of a thread is written. */
export interface InstrSite {
  readonly thread: number;
  /** Index in the thread's instructions. */
  readonly index: number;
  readonly instr: AArch64Instr;
  /** Row of the grid (0 is the `P0 | P1` header). */
  readonly row: number;
  /** The labels written before it in its cell (`Lout:`), or ''. */
  readonly labels: string;
  readonly line: number;
}

/** A change to the code: a new instruction before a site, a rewrite of one, a removal. */
export type GridEdit =
  | { readonly kind: 'insert'; readonly before: InstrSite; readonly text: string }
  | { readonly kind: 'replace'; readonly site: InstrSite; readonly text: string }
  | { readonly kind: 'delete'; readonly site: InstrSite };

const LABEL = /^([A-Za-z_.][\w.]*)\s*:\s*/;

export class AArch64Source {
  readonly src: SourceText;
  /** Each thread's instructions, where they are written. */
  readonly sites: readonly (readonly InstrSite[])[];
  private readonly rows: readonly GridRow[];
  /** Text before the code (header, initial state) and after it (constraints). */
  private readonly head: string;
  private readonly tail: string;
  private readonly bySpan = new Map<number, InstrSite>();

  constructor(readonly text: string, file: string, threads: readonly AArch64Thread[]) {
    this.src = new SourceText(text, file);
    const s = splitSections(this.src);
    const code = s.code;
    const pieces = splitPiece({ text: code.text, start: code.start }, ';');
    const last = pieces.pop() as Piece;
    this.head = text.slice(0, code.start);
    this.tail = text.slice(last.start);
    this.rows = pieces.map((p) => this.row(p));
    const sites: InstrSite[][] = threads.map(() => []);
    this.rows.forEach((row, r) => {
      if (r === 0) return;
      row.cells.forEach((cell, t) => {
        const list = sites[t];
        if (list === undefined || cell.content === '') return;
        let rest = cell.content;
        let labels = '';
        for (let m = LABEL.exec(rest); m !== null; m = LABEL.exec(rest)) {
          labels += m[0];
          rest = rest.slice(m[0].length);
        }
        if (rest === '') return;
        const index = list.length;
        const instr = threads[t]?.instrs[index];
        if (instr === undefined) return;
        const site = { thread: t, index, instr, row: r, labels: labels.trimEnd(), line: instr.span.line };
        list.push(site);
        this.bySpan.set(this.src.offsetOf(instr.span.line, instr.span.col), site);
      });
    });
    this.sites = sites;
  }

  /** The site of the instruction an event's span points at. */
  siteAt(line: number, col: number): InstrSite | undefined {
    return this.bySpan.get(this.src.offsetOf(line, col));
  }

  /** The test's text with the edits made (insertions before one site keep their order). */
  apply(edits: readonly GridEdit[]): string {
    const rows: EditedRow[] = this.rows.map((r) => ({ cells: [...r.cells], changed: new Set<number>() }));
    const inserted = new Map<number, EditedRow[]>();
    const movedLabels = new Set<InstrSite>();
    for (const e of edits) {
      if (e.kind !== 'insert') continue;
      const r = e.before.row;
      const t = e.before.thread;
      const here = rows[r] as EditedRow;
      const list = inserted.get(r) ?? [];
      // Insertions of different threads before one row share a new row.
      let row = list.find((x) => !x.changed.has(t));
      if (row === undefined) {
        row = { cells: here.cells.map((c) => blank(c)), changed: new Set() };
        list.push(row);
        inserted.set(r, list);
      }
      const old = here.cells[t] as GridCell;
      // A label on the instruction moves up, so a branch to it runs the new instruction too.
      const labels = movedLabels.has(e.before) ? '' : e.before.labels;
      row.cells[t] = { lead: old.lead, content: labels === '' ? e.text : `${labels} ${e.text}`, trail: '' };
      row.changed.add(t);
      if (labels !== '') {
        movedLabels.add(e.before);
        here.cells[t] = { ...old, content: old.content.slice(labels.length).trimStart() };
        here.changed.add(t);
      }
    }
    const deleted = new Set<number>();
    for (const e of edits) {
      if (e.kind === 'insert') continue;
      const row = rows[e.site.row] as EditedRow;
      const old = row.cells[e.site.thread] as GridCell;
      const labels = movedLabels.has(e.site) ? '' : e.site.labels;
      const text = e.kind === 'replace' ? e.text : '';
      row.cells[e.site.thread] = { ...old, content: labels === '' ? text : text === '' ? labels : `${labels} ${text}` };
      row.changed.add(e.site.thread);
      if (row.cells.every((c) => c.content === '')) deleted.add(e.site.row);
    }
    // Each column keeps its width, grown everywhere when a new text does not fit in it.
    const widen = new Map<number, number>();
    const need = (r: number, x: EditedRow): void => {
      for (const t of x.changed) {
        const o = (this.rows[r] as GridRow).cells[t] as GridCell;
        const c = x.cells[t] as GridCell;
        const over = c.lead.length + c.content.length + Math.min(1, o.trail.length) - width(o);
        if (over > (widen.get(t) ?? 0)) widen.set(t, over);
      }
    };
    rows.forEach((x, r) => {
      need(r, x);
      for (const y of inserted.get(r) ?? []) need(r, y);
    });
    const render = (r: number, x: EditedRow): string => {
      const orig = this.rows[r] as GridRow;
      return x.cells.map((c, t) => {
        const o = orig.cells[t] as GridCell;
        const extra = widen.get(t) ?? 0;
        if (!x.changed.has(t) && c === o) return c.lead + c.content + c.trail + ' '.repeat(extra);
        const body = c.lead + c.content;
        return body + ' '.repeat(Math.max(Math.min(1, o.trail.length), width(o) + extra - body.length));
      }).join('|') + ';';
    };
    let out = this.head;
    rows.forEach((x, r) => {
      const orig = this.rows[r] as GridRow;
      const sep = orig.prefix.includes('\n') ? '\n' : ' ';
      const lines = (inserted.get(r) ?? []).map((y) => render(r, y));
      if (!deleted.has(r)) lines.push(render(r, x));
      if (lines.length > 0) out += orig.prefix + lines.join(sep);
    });
    return out + this.tail;
  }

  /** A row of the code: the text since the previous `;`, split into its prefix and its cells. */
  private row(p: Piece): GridRow {
    const raw = this.text.slice(p.start, p.start + p.text.length);
    // The prefix ends at the last newline before the row's first non-blank character.
    const firstText = p.text.search(/\S/);
    const upTo = firstText < 0 ? p.text.length : firstText;
    const nl = p.text.lastIndexOf('\n', upTo);
    const prefixLen = nl < 0 ? 0 : nl + 1;
    const cells = splitPiece({ text: p.text.slice(prefixLen), start: p.start + prefixLen }, '|').map((c) => {
      const written = this.text.slice(c.start, c.start + c.text.length);
      const lead = c.text.length - c.text.trimStart().length;
      const content = c.text.trim();
      const contentAt = lead;
      return {
        lead: written.slice(0, lead),
        content: written.slice(contentAt, contentAt + content.length),
        trail: written.slice(contentAt + content.length),
      };
    });
    return { prefix: raw.slice(0, prefixLen), cells };
  }
}

function width(c: GridCell): number {
  return c.lead.length + c.content.length + c.trail.length;
}

/** A cell of the same width with nothing in it. */
function blank(c: GridCell): GridCell {
  return { lead: '', content: '', trail: ' '.repeat(c.lead.length + c.content.length + c.trail.length) };
}
