/**
 * Expression parser for the cat language. Operator precedence follows
 * herd's grammar, loosest first: `|`, `++`, `;`, `\`, `&`, then `*`
 * (binary cartesian product), prefix `~` and postfix `*` `+` `?`, then
 * `^-1`, then application `f x`.
 */
import { DIAG_CODES, raise, type Span } from '../diag.js';
import type { Binder, Binding, Cond, Expr, Op2, Pattern, SetClause, TagClause, VariantCond } from './ast.js';
import type { Token } from './lexer.js';

export class ExprParser {
  protected pos = 0;
  constructor(protected readonly toks: readonly Token[]) {}

  protected peek(k = 0): Token {
    return this.toks[Math.min(this.pos + k, this.toks.length - 1)];
  }
  protected next(): Token {
    const t = this.peek();
    if (this.pos < this.toks.length - 1) this.pos++;
    return t;
  }
  protected is(text: string, k = 0): boolean {
    const t = this.peek(k);
    return (t.kind === 'punct' || t.kind === 'keyword') && t.text === text;
  }
  protected accept(text: string): boolean {
    if (!this.is(text)) return false;
    this.next();
    return true;
  }
  protected fail(what: string, t: Token = this.peek()): never {
    const found = t.kind === 'eof' ? 'end of file' : t.kind === 'string' ? `string "${t.text}"` : `'${t.kind === 'tag' ? "'" : ''}${t.text}'`;
    return raise(DIAG_CODES.MODEL_SYNTAX, `syntax error: unexpected ${found}, expected ${what}`, t.span);
  }
  protected expect(text: string): Token {
    if (!this.is(text)) this.fail(`'${text}'`);
    return this.next();
  }
  protected name(what = 'a name'): Token {
    if (this.peek().kind !== 'name') this.fail(what);
    return this.next();
  }
  /** Span from `start` to the last consumed token. */
  protected from(start: Span): Span {
    const end = this.toks[Math.max(0, this.pos - 1)].span;
    return { file: start.file, line: start.line, col: start.col, endLine: end.endLine ?? end.line, endCol: end.endCol ?? end.col };
  }

  /** `exp` in herd's grammar: binders, `fun`, `try`, `if`, `match`, or a base (possibly a tuple). */
  parseExpr(): Expr {
    const t = this.peek();
    const s = t.span;
    if (this.accept('let')) {
      const isRec = this.accept('rec');
      const bindings = this.parseBindings();
      this.expect('in');
      const body = this.parseExpr();
      return { kind: isRec ? 'letrec' : 'let', bindings, body, span: this.from(s) };
    }
    if (this.accept('fun')) {
      const params = this.is('(') ? this.parseFormalsInParens() : this.parsePat0Pattern();
      this.expect('->');
      const body = this.parseExpr();
      return { kind: 'fun', params, body, name: '*fun*', span: this.from(s) };
    }
    if (this.accept('try')) {
      const body = this.parseExpr();
      this.expect('with');
      const fallback = this.parseExpr();
      return { kind: 'try', body, fallback, span: this.from(s) };
    }
    if (this.accept('if')) {
      const cond = this.parseCond();
      this.expect('then');
      const thenE = this.parseExpr();
      this.expect('else');
      const elseE = this.parseExpr();
      return { kind: 'if', cond, then: thenE, else: elseE, span: this.from(s) };
    }
    if (this.accept('match')) return this.parseMatch(s);
    const first = this.parseBase();
    if (!this.is(',')) return first;
    const elems = [first];
    while (this.accept(',')) elems.push(this.parseBase());
    return { kind: 'tuple', elems, span: this.from(s) };
  }

  protected parseBindings(): Binding[] {
    const out = [this.parseBinding()];
    while (this.accept('and')) out.push(this.parseBinding());
    return out;
  }

  private parseBinding(): Binding {
    const s = this.peek().span;
    if (this.is('(')) {
      const pattern = this.parseFormalsInParens();
      this.expect('=');
      return { pattern, expr: this.parseExpr(), span: this.from(s) };
    }
    const first = this.parsePat0();
    if (this.is(',')) {
      const names: Binder[] = [first];
      while (this.accept(',')) names.push(this.parsePat0());
      this.expect('=');
      return { pattern: { kind: 'ptuple', names, span: this.from(s) }, expr: this.parseExpr(), span: this.from(s) };
    }
    if (this.accept('=')) return { pattern: { kind: 'pvar', name: first, span: s }, expr: this.parseExpr(), span: this.from(s) };
    // Function definition: `f x = e` or `f(x, y) = e`.
    if (first === undefined) this.fail("'='");
    const ps = this.peek().span;
    const params = this.is('(') ? this.parseFormalsInParens() : this.parsePat0Pattern();
    this.expect('=');
    const body = this.parseExpr();
    const fun: Expr = { kind: 'fun', params, body, name: first, span: this.from(ps) };
    return { pattern: { kind: 'pvar', name: first, span: s }, expr: fun, span: this.from(s) };
  }

  /** A name or `_`. */
  protected parsePat0(): Binder {
    if (this.accept('_')) return undefined;
    return this.name('a name or _').text;
  }
  protected parsePat0Pattern(): Pattern {
    const s = this.peek().span;
    return { kind: 'pvar', name: this.parsePat0(), span: s };
  }
  /** `(x, y)`, `(x)`, `()`. One name gives a plain variable pattern. */
  protected parseFormalsInParens(): Pattern {
    const s = this.expect('(').span;
    const names: Binder[] = [];
    if (!this.is(')')) {
      names.push(this.parsePat0());
      while (this.accept(',')) names.push(this.parsePat0());
    }
    this.expect(')');
    return names.length === 1 ? { kind: 'pvar', name: names[0], span: this.from(s) } : { kind: 'ptuple', names, span: this.from(s) };
  }

  private parseCond(): Cond {
    const s = this.peek().span;
    const variantStart = (k: number): boolean => this.peek(k).kind === 'string' || this.is('not', k);
    if (variantStart(0) || (this.is('(') && variantStart(1))) {
      return { kind: 'variantCond', cond: this.parseVariantCond(), span: this.from(s) };
    }
    const left = this.parseExpr();
    const op = this.accept('=') ? 'eq' : this.accept('subset') ? 'subset' : this.accept('in') ? 'in' : undefined;
    if (op === undefined) this.fail("'=', 'subset' or 'in'");
    return { kind: op, left, right: this.parseExpr(), span: this.from(s) };
  }

  /** `not` binds tighter than `&&`, which binds tighter than `||`. */
  protected parseVariantCond(): VariantCond {
    const s = this.peek().span;
    let left = this.parseVariantAnd();
    while (this.accept('||')) left = { kind: 'or', left, right: this.parseVariantAnd(), span: this.from(s) };
    return left;
  }
  private parseVariantAnd(): VariantCond {
    const s = this.peek().span;
    let left = this.parseVariantAtom();
    while (this.accept('&&')) left = { kind: 'and', left, right: this.parseVariantAtom(), span: this.from(s) };
    return left;
  }
  private parseVariantAtom(): VariantCond {
    const t = this.peek();
    if (this.accept('not')) return { kind: 'not', arg: this.parseVariantAtom(), span: this.from(t.span) };
    if (this.accept('(')) {
      const c = this.parseVariantCond();
      this.expect(')');
      return c;
    }
    if (t.kind !== 'string') this.fail('a variant name (a string)');
    this.next();
    return { kind: 'variant', name: t.text, span: t.span };
  }

  private parseMatch(s: Span): Expr {
    const scrutinee = this.parseExpr();
    this.expect('with');
    this.accept('||');
    const setClauseAhead = this.is('{') || ((this.peek().kind === 'name' || this.is('_')) && (this.is('++', 1) || this.is('|', 1)));
    if (setClauseAhead) {
      let ifEmpty: Expr | undefined, clause: SetClause | undefined;
      for (let k = 0; k < 2; k++) {
        if (k === 1) this.expect('||');
        if (this.accept('{')) {
          this.expect('}');
          this.expect('->');
          ifEmpty = this.parseExpr();
        } else clause = this.parseSetClause();
      }
      if (ifEmpty === undefined || clause === undefined) this.fail('one {} clause and one element clause');
      this.expect('end');
      return { kind: 'matchSet', scrutinee, ifEmpty, clause, span: this.from(s) };
    }
    const clauses: TagClause[] = [];
    let otherwise: Expr | undefined;
    for (;;) {
      const t = this.peek();
      if (this.accept('_')) {
        this.expect('->');
        otherwise = this.parseExpr();
        break;
      }
      if (t.kind !== 'tag') this.fail("a tag or '_'");
      this.next();
      this.expect('->');
      clauses.push({ tag: t.text, body: this.parseExpr(), span: this.from(t.span) });
      if (!this.accept('||')) break;
    }
    this.expect('end');
    return { kind: 'match', scrutinee, clauses, otherwise, span: this.from(s) };
  }

  private parseSetClause(): SetClause {
    const s = this.peek().span;
    const a = this.parsePat0();
    if (this.accept('|')) {
      const elt = this.parsePat0();
      this.expect('++');
      const post = this.parsePat0();
      this.expect('->');
      return { kind: 'preEltPost', pre: a, elt, post, body: this.parseExpr(), span: this.from(s) };
    }
    this.expect('++');
    const rest = this.parsePat0();
    this.expect('->');
    return { kind: 'eltRem', elt: a, rest, body: this.parseExpr(), span: this.from(s) };
  }

  /** `base` in herd's grammar: operator expressions. */
  parseBase(): Expr {
    return this.parseNary('|', 'union', () => this.parsePlusPlus());
  }

  private parseNary(tok: string, op: Op2, sub: () => Expr): Expr {
    const s = this.peek().span;
    const first = sub();
    if (!this.is(tok)) return first;
    const args: Expr[] = [first];
    while (this.accept(tok)) {
      const e = sub();
      if (e.kind === 'op' && e.op === op) args.push(...e.args);
      else args.push(e);
    }
    return { kind: 'op', op, args, span: this.from(s) };
  }

  private parsePlusPlus(): Expr {
    const s = this.peek().span;
    const left = this.parseNary(';', 'seq', () => this.parseDiff());
    if (!this.accept('++')) return left;
    return { kind: 'op', op: 'add', args: [left, this.parsePlusPlus()], span: this.from(s) };
  }

  private parseDiff(): Expr {
    const s = this.peek().span;
    let left = this.parseInter();
    while (this.accept('\\')) left = { kind: 'op', op: 'diff', args: [left, this.parseInter()], span: this.from(s) };
    return left;
  }

  private parseInter(): Expr {
    const s = this.peek().span;
    const left = this.parseCartesian();
    if (!this.accept('&')) return left;
    return { kind: 'op', op: 'inter', args: [left, this.parseInter()], span: this.from(s) };
  }

  /** Tokens that can start an operand: after `*`, they make it the binary cartesian product. */
  private startsOperand(k: number): boolean {
    const t = this.peek(k);
    if (t.kind === 'name' || t.kind === 'tag') return true;
    return ['(', '[', '{', '_', '0', '~', 'begin'].some((x) => this.is(x, k));
  }

  private parseCartesian(): Expr {
    const s = this.peek().span;
    const left = this.parsePrefix();
    if (!(this.is('*') && this.startsOperand(1))) return left;
    this.next();
    return { kind: 'op', op: 'cartesian', args: [left, this.parsePrefix()], span: this.from(s) };
  }

  private parsePrefix(): Expr {
    const s = this.peek().span;
    if (this.accept('~')) return { kind: 'op1', op: 'comp', arg: this.parsePrefix(), span: this.from(s) };
    let e = this.parseHat();
    for (;;) {
      if (this.accept('+')) e = { kind: 'op1', op: 'plus', arg: e, span: this.from(s) };
      else if (this.accept('?')) e = { kind: 'op1', op: 'opt', arg: e, span: this.from(s) };
      else if (this.is('*') && !this.startsOperand(1)) {
        this.next();
        e = { kind: 'op1', op: 'star', arg: e, span: this.from(s) };
      } else return e;
    }
  }

  private parseHat(): Expr {
    const s = this.peek().span;
    let e = this.parseApp();
    for (;;) {
      // Older models write `r -1` for the inverse.
      if (this.accept('-1')) {
        e = { kind: 'op1', op: 'inv', arg: e, span: this.from(s) };
        continue;
      }
      if (!this.accept('^')) return e;
      if (this.accept('-1')) e = { kind: 'op1', op: 'inv', arg: e, span: this.from(s) };
      else if (this.accept('+')) e = { kind: 'op1', op: 'plus', arg: e, span: this.from(s) };
      else if (this.accept('*')) e = { kind: 'op1', op: 'star', arg: e, span: this.from(s) };
      else this.fail("'-1', '+' or '*' after '^'");
    }
  }

  /** `f a b`: application of a name to simple arguments (left associative). */
  private parseApp(): Expr {
    const t = this.peek();
    if (t.kind !== 'name') return this.parseSimple();
    this.next();
    let e: Expr = { kind: 'var', name: t.text, span: t.span };
    for (;;) {
      const a = this.peek();
      let arg: Expr;
      if (a.kind === 'name') {
        this.next();
        arg = { kind: 'var', name: a.text, span: a.span };
      } else if (a.kind === 'tag' || ['(', '[', '{', '_', '0', 'begin'].some((x) => this.is(x))) arg = this.parseSimple();
      else return e;
      e = { kind: 'app', fn: e, arg, span: this.from(t.span) };
    }
  }

  /** `simple` in herd's grammar. */
  protected parseSimple(): Expr {
    const t = this.peek();
    const s = t.span;
    if (t.kind === 'tag') {
      this.next();
      return { kind: 'tag', name: t.text, span: s };
    }
    if (this.accept('0')) return { kind: 'emptyRel', span: s };
    if (this.accept('_')) return { kind: 'universe', span: s };
    if (this.accept('{')) {
      const elems = this.parseArgs('}');
      return { kind: 'set', elems, span: this.from(s) };
    }
    if (this.accept('[')) {
      const arg = this.parseExpr();
      this.expect(']');
      return { kind: 'op1', op: 'toid', arg, span: this.from(s) };
    }
    if (this.accept('(')) {
      if (this.accept(')')) return { kind: 'tuple', elems: [], span: this.from(s) };
      const e = this.parseExpr();
      this.expect(')');
      return e;
    }
    if (this.accept('begin')) {
      const e = this.parseExpr();
      this.expect('end');
      return e;
    }
    return this.fail('an expression');
  }

  /** Comma-separated bases up to the closing token (consumed). */
  protected parseArgs(close: string): Expr[] {
    const out: Expr[] = [];
    if (this.accept(close)) return out;
    out.push(this.parseBase());
    while (this.accept(',')) out.push(this.parseBase());
    this.expect(close);
    return out;
  }
}
