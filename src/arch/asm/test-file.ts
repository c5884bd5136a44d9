/**
 * Assembles a `LitmusTest` from an assembly test file: sections, initial
 * state, thread columns (the architecture parses instructions) and
 * constraints. Shared by the AArch64 and x86 front ends.
 */
import { DIAG_CODES, raise } from '../../diag.js';
import { SourceText } from '../../litmus/source.js';
import type { ArchName, InitEntry, LitmusTest, Prop, StateKey } from '../../litmus/types.js';
import { parseColumns, type AsmThread } from './columns.js';
import { parseConstraints } from './condition.js';
import { parseInit, type RegisterNamer } from './init.js';
import { splitSections } from './sections.js';
import type { Piece } from './text.js';
import { fromLitmus, isBigIntText, toLitmus } from './value.js';

export interface AsmDialect<TInstr> {
  readonly arch: ArchName;
  /** Header words accepted for this dialect (`AArch64`, `X86_64`...). */
  readonly headers: readonly string[];
  readonly register: RegisterNamer;
  readonly instruction: (src: SourceText, cell: Piece) => TInstr;
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
  const init = parseInit(src, s.init, dialect.register);
  const threads = parseColumns(src, { text: s.code.text, start: s.code.start }, (cell) => dialect.instruction(src, cell));
  const constraints = parseConstraints(src, s.constraints, dialect.register);
  const checkThread = (k: StateKey): void => {
    if (k.kind === 'reg' && k.thread >= threads.length) {
      raise(DIAG_CODES.LITMUS_SEMANTIC, `thread ${k.thread} does not exist (the test has ${threads.length})`, k.span);
    }
  };
  init.forEach((e) => checkThread(e.target));
  constraints.locations.forEach(checkThread);
  const typed = typedValues(init);
  return {
    arch: dialect.arch,
    name: s.name.text,
    ...(s.doc !== undefined ? { doc: s.doc } : {}),
    file,
    source: text,
    init,
    threads,
    locations: constraints.locations,
    ...(constraints.filter !== undefined ? { filter: typed(constraints.filter) } : {}),
    condition: { ...constraints.condition, prop: typed(constraints.condition.prop) },
  };
}

/**
 * herd compares final values as values of the key's declared type: under
 * `int64_t`, `0xFFFFFFFFFAA99887` is -89548665. Integer constants of the
 * condition are read the same way.
 */
function typedValues(init: readonly InitEntry[]): (p: Prop) => Prop {
  const types = new Map<string, string>();
  const id = (k: StateKey): string => (k.kind === 'reg' ? `${k.thread}:${k.reg}` : k.loc);
  for (const e of init) if (e.type !== undefined) types.set(id(e.target), e.type);
  const go = (p: Prop): Prop => {
    switch (p.kind) {
      case 'eq': {
        const v = p.value.value;
        if (typeof v !== 'number' && !isBigIntText(v)) return p;
        const t = types.get(id(p.key)) ?? 'int';
        return { ...p, value: { ...p.value, value: toLitmus(fromLitmus(v), t.endsWith('*') ? 'int64_t' : t) } };
      }
      case 'not':
        return { ...p, arg: go(p.arg) };
      case 'and':
      case 'or':
        return { ...p, args: p.args.map(go) };
      case 'implies':
        return { ...p, left: go(p.left), right: go(p.right) };
      default:
        return p;
    }
  };
  return go;
}
