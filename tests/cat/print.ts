/** Compact prefix rendering of cat expressions, for parser tests. */
import type { Expr, Pattern } from '../../src/cat/ast.js';

const pat = (p: Pattern): string => (p.kind === 'pvar' ? (p.name ?? '_') : `(${p.names.map((n) => n ?? '_').join(',')})`);

export function show(e: Expr): string {
  switch (e.kind) {
    case 'var':
      return e.name;
    case 'tag':
      return `'${e.name}`;
    case 'emptyRel':
      return '0';
    case 'universe':
      return '_';
    case 'op1':
      return `${e.op}(${show(e.arg)})`;
    case 'op':
      return `${e.op}(${e.args.map(show).join(', ')})`;
    case 'app':
      return `${show(e.fn)}<${show(e.arg)}>`;
    case 'tuple':
      return `(${e.elems.map(show).join(', ')})`;
    case 'set':
      return `{${e.elems.map(show).join(', ')}}`;
    case 'fun':
      return `fun ${pat(e.params)} -> ${show(e.body)}`;
    case 'let':
    case 'letrec':
      return `${e.kind} ${e.bindings.map((b) => `${pat(b.pattern)} = ${show(b.expr)}`).join(' and ')} in ${show(e.body)}`;
    case 'try':
      return `try ${show(e.body)} with ${show(e.fallback)}`;
    case 'if':
      return `if ${e.cond.kind} then ${show(e.then)} else ${show(e.else)}`;
    case 'match':
      return `match ${show(e.scrutinee)} ${e.clauses.map((c) => `'${c.tag}->${show(c.body)}`).join(' ')}${e.otherwise ? ` _->${show(e.otherwise)}` : ''}`;
    case 'matchSet':
      return `matchset ${show(e.scrutinee)} {}->${show(e.ifEmpty)} ${e.clause.kind}->${show(e.clause.body)}`;
  }
}
