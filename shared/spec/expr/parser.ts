// A Pratt parser for formulas: tokens -> AST. It knows the grammar only; which names and functions
// exist is checked when the AST is compiled.
import type { BinaryOp, Expr } from './ast';
import { FormulaError, tokenize, type Token } from './lexer';

const enum Prec {
  Lowest = 0,
  Or = 1,
  And = 2,
  Not = 3,
  Compare = 4,
  Additive = 5,
  Multiplicative = 6,
  Unary = 7,
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'null', 'between', 'true', 'false']);
const COMPARE: Record<string, BinaryOp> = { '=': '=', '<>': '<>', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
const MAX_DEPTH = 100;

function describe(t: Token): string {
  if (t.type === 'eof') return 'end of formula';
  if (t.type === 'string') return 'a string';
  if (t.type === 'quoted') return `"${t.text}"`;
  if (t.type === 'role') return `@${t.text}`;
  return `'${t.text}'`;
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]!;
  }
  private next(): Token {
    const t = this.peek();
    if (t.type !== 'eof') this.i++;
    return t;
  }
  private isOp(t: Token, text: string): boolean {
    return t.type === 'op' && t.text === text;
  }
  private isKeyword(t: Token, word: string): boolean {
    return t.type === 'ident' && t.text.toLowerCase() === word;
  }
  private expectOp(text: string): Token {
    const t = this.peek();
    if (!this.isOp(t, text)) throw new FormulaError(`expected '${text}' but found ${describe(t)}`, t.pos);
    return this.next();
  }
  private expectKeyword(word: string): void {
    const t = this.peek();
    if (!this.isKeyword(t, word)) throw new FormulaError(`expected ${word.toUpperCase()} but found ${describe(t)}`, t.pos);
    this.next();
  }

  parseFormula(): Expr {
    const expr = this.parseExpr(Prec.Lowest);
    const t = this.peek();
    if (t.type !== 'eof') throw new FormulaError(`unexpected ${describe(t)}`, t.pos);
    return expr;
  }

  parseExpr(min: Prec): Expr {
    if (++this.depth > MAX_DEPTH) throw new FormulaError('formula nested too deeply', this.peek().pos);
    let left = this.parsePrefix();
    for (;;) {
      const t = this.peek();
      const prec = this.infixPrec(t);
      if (prec === null || prec <= min) break;
      left = this.parseInfix(left, prec);
    }
    this.depth--;
    return left;
  }

  private infixPrec(t: Token): Prec | null {
    if (t.type === 'op') {
      if (t.text === '+' || t.text === '-') return Prec.Additive;
      if (t.text === '*' || t.text === '/' || t.text === '%') return Prec.Multiplicative;
      if (t.text in COMPARE) return Prec.Compare;
      return null;
    }
    if (t.type !== 'ident') return null;
    const word = t.text.toLowerCase();
    if (word === 'or') return Prec.Or;
    if (word === 'and') return Prec.And;
    if (word === 'in' || word === 'is' || word === 'between') return Prec.Compare;
    if (word === 'not' && (this.isKeyword(this.peek(1), 'in') || this.isKeyword(this.peek(1), 'between'))) {
      return Prec.Compare;
    }
    return null;
  }

  private parseInfix(left: Expr, prec: Prec): Expr {
    const t = this.next();
    const pos = t.pos;
    if (t.type === 'op') {
      const op: BinaryOp = COMPARE[t.text] ?? (t.text as BinaryOp);
      return { type: 'binary', op, left, right: this.parseExpr(prec), pos };
    }
    let word = t.text.toLowerCase();
    if (word === 'or' || word === 'and') {
      return { type: 'binary', op: word === 'or' ? 'OR' : 'AND', left, right: this.parseExpr(prec), pos };
    }
    let negated = false;
    if (word === 'not') {
      negated = true;
      word = this.next().text.toLowerCase();
    }
    if (word === 'is') {
      if (this.isKeyword(this.peek(), 'not')) {
        this.next();
        negated = true;
      }
      this.expectKeyword('null');
      return { type: 'is_null', negated, arg: left, pos };
    }
    if (word === 'in') {
      this.expectOp('(');
      const list: Expr[] = [];
      do list.push(this.parseExpr(Prec.Lowest));
      while (this.isOp(this.peek(), ',') && this.next());
      this.expectOp(')');
      return { type: 'in', negated, arg: left, list, pos };
    }
    // BETWEEN: its bounds bind tighter than AND, so that "x BETWEEN 1 AND 2" reads as one range.
    const low = this.parseExpr(Prec.Compare);
    this.expectKeyword('and');
    const high = this.parseExpr(Prec.Compare);
    return { type: 'between', negated, arg: left, low, high, pos };
  }

  private parsePrefix(): Expr {
    const t = this.next();
    const pos = t.pos;
    switch (t.type) {
      case 'number': {
        const value = Number(t.text);
        if (!Number.isFinite(value)) throw new FormulaError(`number out of range: ${t.text}`, pos);
        return { type: 'number', value, pos };
      }
      case 'string':
        return { type: 'string', value: t.text, pos };
      case 'quoted':
        return { type: 'name', name: t.text, pos };
      case 'role':
        return { type: 'role', name: t.text, pos };
      case 'op':
        if (t.text === '(') {
          const inner = this.parseExpr(Prec.Lowest);
          this.expectOp(')');
          return inner;
        }
        if (t.text === '-') return { type: 'unary', op: '-', arg: this.parseExpr(Prec.Unary), pos };
        if (t.text === '+') return this.parseExpr(Prec.Unary);
        throw new FormulaError(`unexpected ${describe(t)}`, pos);
      case 'eof':
        throw new FormulaError('unexpected end of formula', pos);
      case 'ident':
        break;
    }
    const word = t.text.toLowerCase();
    if (word === 'not') return { type: 'unary', op: 'NOT', arg: this.parseExpr(Prec.Not), pos };
    if (word === 'true' || word === 'false') return { type: 'boolean', value: word === 'true', pos };
    if (word === 'null') return { type: 'null', pos };
    if (KEYWORDS.has(word)) throw new FormulaError(`unexpected ${word.toUpperCase()}`, pos);
    if (this.isOp(this.peek(), '(')) {
      this.next();
      const args: Expr[] = [];
      if (this.isOp(this.peek(), '*') && this.isOp(this.peek(1), ')')) {
        args.push({ type: 'star', pos: this.next().pos });
      } else if (!this.isOp(this.peek(), ')')) {
        do args.push(this.parseExpr(Prec.Lowest));
        while (this.isOp(this.peek(), ',') && this.next());
      }
      this.expectOp(')');
      return { type: 'call', name: word, args, pos };
    }
    return { type: 'name', name: t.text, pos };
  }
}

/** Parses a formula into its AST; throws FormulaError with the position of the first problem. */
export function parseFormula(source: string): Expr {
  return new Parser(tokenize(source)).parseFormula();
}
