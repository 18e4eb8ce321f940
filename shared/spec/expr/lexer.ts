// Formula tokens. The lexer is the first wall: comments, semicolons and any character outside the
// grammar are refused here, with the line and column where they stand.

export interface Pos {
  line: number;
  column: number;
}

export type TokenType = 'number' | 'string' | 'ident' | 'quoted' | 'role' | 'op' | 'eof';

export interface Token {
  type: TokenType;
  /** The number's value as text, the unquoted name or string, the operator, or a bare word. */
  text: string;
  pos: Pos;
}

export class FormulaError extends Error {
  constructor(
    message: string,
    readonly pos: Pos,
  ) {
    super(message);
  }
}

const TWO_CHAR_OPS = ['<=', '>=', '<>', '!='];
const ONE_CHAR_OPS = '+-*/%=<>(),';

const isDigit = (c: string) => c >= '0' && c <= '9';
const isIdentStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isIdentPart = (c: string) => isIdentStart(c) || isDigit(c);

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (at: number): Pos => ({ line, column: at - lineStart + 1 });

  /** Reads a delimited name or string; the closing delimiter is escaped by doubling it. */
  const readDelimited = (close: string, what: string): string => {
    const start = pos(i);
    let text = '';
    i++;
    for (;;) {
      if (i >= source.length) throw new FormulaError(`unterminated ${what}`, start);
      const c = source[i]!;
      if (c === '\n') {
        line++;
        lineStart = i + 1;
      }
      if (c === '\u0000') throw new FormulaError('NUL character', pos(i));
      if (c === close) {
        if (source[i + 1] === close) {
          text += close;
          i += 2;
          continue;
        }
        i++;
        return text;
      }
      text += c;
      i++;
    }
  };

  while (i < source.length) {
    const c = source[i]!;
    const here = pos(i);
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (two === '--' || two === '/*') throw new FormulaError('comments are not allowed in a formula', here);
    if (c === ';') throw new FormulaError('";" is not allowed in a formula', here);
    if (isDigit(c) || (c === '.' && isDigit(source[i + 1] ?? ''))) {
      const start = i;
      while (isDigit(source[i] ?? '')) i++;
      if (source[i] === '.') {
        i++;
        while (isDigit(source[i] ?? '')) i++;
      }
      if (source[i] === 'e' || source[i] === 'E') {
        const save = i;
        i++;
        if (source[i] === '+' || source[i] === '-') i++;
        if (!isDigit(source[i] ?? '')) i = save;
        else while (isDigit(source[i] ?? '')) i++;
      }
      if (isIdentStart(source[i] ?? '')) throw new FormulaError(`malformed number "${source.slice(start, i + 1)}"`, here);
      tokens.push({ type: 'number', text: source.slice(start, i), pos: here });
      continue;
    }
    if (isIdentStart(c)) {
      const start = i;
      while (isIdentPart(source[i] ?? '')) i++;
      tokens.push({ type: 'ident', text: source.slice(start, i), pos: here });
      continue;
    }
    if (c === '@') {
      i++;
      const start = i;
      while (isIdentPart(source[i] ?? '')) i++;
      if (i === start) throw new FormulaError('"@" must be followed by a role name', here);
      tokens.push({ type: 'role', text: source.slice(start, i), pos: here });
      continue;
    }
    if (c === "'") {
      tokens.push({ type: 'string', text: readDelimited("'", 'string'), pos: here });
      continue;
    }
    if (c === '"') {
      tokens.push({ type: 'quoted', text: readDelimited('"', 'quoted name'), pos: here });
      continue;
    }
    if (c === '[') {
      tokens.push({ type: 'quoted', text: readDelimited(']', 'bracketed name'), pos: here });
      continue;
    }
    if (TWO_CHAR_OPS.includes(two)) {
      tokens.push({ type: 'op', text: two, pos: here });
      i += 2;
      continue;
    }
    if (ONE_CHAR_OPS.includes(c)) {
      tokens.push({ type: 'op', text: c, pos: here });
      i++;
      continue;
    }
    throw new FormulaError(`unexpected character ${JSON.stringify(c)}`, here);
  }
  tokens.push({ type: 'eof', text: '', pos: pos(i) });
  return tokens;
}
