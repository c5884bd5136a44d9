/**
 * Parser for cat model and bell files: title, options and instructions.
 * Errors are MODEL_SYNTAX diagnostics with the offending token's span.
 */
import type { AppTest, CatFile, Expr, Instr, Pattern, TestKind, TestType } from './ast.js';
import { tokenize } from './lexer.js';
import { ExprParser } from './parse-expr.js';

/** Parses a whole cat (or bell) file. */
export function parseCat(text: string, file: string): CatFile {
  return new CatParser(tokenize(text, file), file).parseFile();
}

/** Parses one expression (for tests and tools). */
export function parseCatExpr(text: string, file = '<expr>'): Expr {
  const p = new CatParser(tokenize(text, file), file);
  return p.parseWholeExpr();
}

/** Model options of older herd versions, accepted after the title. */
const OLD_OPTIONS = new Set(['withco', 'withoutco', 'withinit', 'withoutinit', 'withsc', 'withoutsc']);

/** Keywords that begin an instruction. */
const INSTR_START = new Set([
  'let', 'match', 'show', 'unshow', 'include', 'procedure', 'call', 'debug', 'forall', 'with', 'instructions',
  'default', 'if', 'acyclic', 'irreflexive', 'empty', 'flag', 'undefined_unless', 'assert', 'enum',
]);

class CatParser extends ExprParser {
  constructor(toks: ConstructorParameters<typeof ExprParser>[0], private readonly file: string) {
    super(toks);
  }

  parseWholeExpr(): Expr {
    const e = this.parseExpr();
    if (this.peek().kind !== 'eof') this.fail('end of expression');
    return e;
  }

  parseFile(): CatFile {
    let title: string | undefined;
    const t = this.peek();
    if (t.kind === 'name') {
      this.next();
      const u = this.peek();
      if (u.kind === 'name' || u.kind === 'string') {
        this.next();
        title = u.text;
      } else title = t.text;
    } else if (t.kind === 'string') {
      this.next();
      title = t.text;
    }
    const options: string[] = [];
    for (;;) {
      const o = this.peek();
      if (this.accept('catdep')) options.push('catdep');
      else if (o.kind === 'name' && OLD_OPTIONS.has(o.text)) options.push(this.next().text);
      else break;
    }
    const instrs: Instr[] = [];
    while (this.peek().kind !== 'eof') instrs.push(this.parseInstr());
    return { file: this.file, title, options, instrs };
  }

  /** Instructions up to (not including) one of the `stops` keywords. */
  private parseInstrs(stops: readonly string[]): Instr[] {
    const out: Instr[] = [];
    while (!stops.some((s) => this.is(s))) {
      if (this.peek().kind === 'eof') this.fail(stops.map((s) => `'${s}'`).join(' or '));
      out.push(this.parseInstr());
    }
    return out;
  }

  private parseInstr(): Instr {
    const t = this.peek();
    const s = t.span;
    if (!this.is('~') && !(t.kind === 'keyword' && INSTR_START.has(t.text))) this.fail('an instruction (let, include, acyclic, ...)');
    if (this.accept('let')) {
      const isRec = this.accept('rec');
      const bindings = this.parseBindings();
      let test: AppTest | undefined;
      if (isRec && this.accept('when')) test = this.parseAppTest();
      this.accept('in');
      return isRec ? { kind: 'rec', bindings, test, span: this.from(s) } : { kind: 'let', bindings, span: this.from(s) };
    }
    if (this.accept('enum')) {
      const name = this.name().text;
      this.expect('=');
      this.accept('||');
      const tags: string[] = [];
      do {
        const g = this.peek();
        if (g.kind !== 'tag') this.fail('a tag');
        this.next();
        tags.push(g.text);
      } while (this.accept('||'));
      return { kind: 'enum', name, tags, span: this.from(s) };
    }
    if (this.accept('match')) return this.parseInsMatch(s);
    if (this.accept('show')) {
      const e = this.parseBase();
      if (this.accept('as')) return { kind: 'showAs', expr: e, name: this.name().text, span: this.from(s) };
      if (e.kind !== 'var') this.fail("'as'");
      const names = [e.name];
      while (this.accept(',')) names.push(this.name().text);
      return { kind: 'show', names, span: this.from(s) };
    }
    if (this.accept('unshow')) {
      const names = [this.name().text];
      while (this.accept(',')) names.push(this.name().text);
      return { kind: 'unshow', names, span: this.from(s) };
    }
    if (this.accept('include')) {
      const f = this.peek();
      if (f.kind !== 'string') this.fail('a file name (a string)');
      this.next();
      return { kind: 'include', file: f.text, span: this.from(s) };
    }
    if (this.accept('procedure')) {
      const isRec = this.accept('rec');
      const name = this.name().text;
      const params: Pattern = this.is('(') ? this.parseFormalsInParens() : this.parsePat0Pattern();
      this.expect('=');
      const body = this.parseInstrs(['end']);
      this.expect('end');
      return { kind: 'procedure', name, params, body, isRec, span: this.from(s) };
    }
    if (this.accept('call')) {
      const name = this.name().text;
      const arg = this.parseSimple();
      const checkName = this.accept('as') ? this.name().text : undefined;
      return { kind: 'call', name, arg, checkName, span: this.from(s) };
    }
    if (this.accept('debug')) return { kind: 'debug', expr: this.parseExpr(), span: this.from(s) };
    if (this.accept('forall')) {
      const name = this.name().text;
      this.expect('in');
      const set = this.parseExpr();
      this.expect('do');
      const body = this.parseInstrs(['end']);
      this.expect('end');
      return { kind: 'forall', name, set, body, span: this.from(s) };
    }
    if (this.accept('with')) {
      const name = this.name().text;
      this.expect('from');
      return { kind: 'withFrom', name, set: this.parseExpr(), span: this.from(s) };
    }
    if (this.is('instructions') || this.is('default')) {
      const isDefault = this.next().text === 'default';
      const name = this.name().text;
      this.expect('[');
      const args = this.parseArgs(']');
      return { kind: 'events', name, args, isDefault, span: this.from(s) };
    }
    if (this.accept('if')) {
      const cond = this.parseVariantCond();
      this.accept('then');
      const thenI = this.parseInstrs(['else', 'end']);
      const elseI = this.accept('else') ? this.parseInstrs(['end']) : [];
      this.expect('end');
      return { kind: 'ifVariant', cond, then: thenI, else: elseI, span: this.from(s) };
    }
    const type: TestType = this.accept('flag') ? 'flag' : this.accept('undefined_unless') ? 'undefinedUnless' : this.accept('assert') ? 'assert' : 'check';
    return { kind: 'test', test: this.parseAppTest(), type, span: this.from(s) };
  }

  private parseAppTest(): AppTest {
    const s = this.peek().span;
    const negated = this.accept('~');
    const t = this.peek();
    const test: TestKind | undefined = this.accept('acyclic') ? 'acyclic' : this.accept('irreflexive') ? 'irreflexive' : this.accept('empty') ? 'empty' : undefined;
    if (test === undefined) this.fail("'acyclic', 'irreflexive' or 'empty'", t);
    const expr = this.parseExpr();
    const name = this.accept('as') ? this.name().text : undefined;
    return { negated, test, expr, name, span: this.from(s) };
  }

  private parseInsMatch(s: Instr['span']): Instr {
    const scrutinee = this.parseExpr();
    this.expect('with');
    this.accept('||');
    const clauses: { tag: string; body: Instr[] }[] = [];
    let otherwise: Instr[] | undefined;
    for (;;) {
      const t = this.peek();
      if (this.accept('_')) {
        this.expect('->');
        otherwise = this.parseInstrs(['end']);
        break;
      }
      if (t.kind !== 'tag') this.fail("a tag or '_'");
      this.next();
      this.expect('->');
      clauses.push({ tag: t.text, body: this.parseInstrs(['||', 'end']) });
      if (!this.accept('||')) break;
    }
    this.expect('end');
    return { kind: 'insMatch', scrutinee, clauses, otherwise, span: this.from(s) };
  }
}
