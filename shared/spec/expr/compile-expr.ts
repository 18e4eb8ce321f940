// Formula AST -> SQL, checked against a whitelist. Names resolve by place: inside an aggregate a
// name is a column (or @role), outside it is another measure of the spec. Strings become bound
// parameters, numbers are rendered by numberLiteral, identifiers by quoteIdent; nothing of the
// formula's text is pasted into SQL.
import type { ColumnKind } from '../column-kind';
import { SpecError, type Ctx } from '../context';
import { numberLiteral, quoteIdent, quoteLiteral } from '../quote';
import { suggest } from '../suggest';
import type { Expr } from './ast';
import { FormulaError, type Pos } from './lexer';
import { parseFormula } from './parser';

/** The type of a compiled expression; 'null' is the NULL literal, which fits anywhere. */
export type ExprType = ColumnKind | 'null';

export interface Typed {
  sql: string;
  type: ExprType;
  /** Set on a string literal, so that a comparison can cast it to the other side's type. */
  param?: string;
  /** A literal number, for arguments that must be constant (percentile, round). */
  constant?: number;
  /** The SQL is one CAST(... AS DOUBLE): atomic, and needing no further cast. */
  double?: boolean;
  /** The parts of this aggregate add up to the whole (count, sum): shares and running totals make sense. */
  additive?: boolean;
}

export interface FormulaScope {
  measureIds: readonly string[];
  /** Compiles the measure with this id (cycles are the caller's to detect). */
  measure: (id: string) => Typed;
}

const AGGREGATES = [
  'count',
  'count_distinct',
  'sum',
  'avg',
  'min',
  'max',
  'median',
  'percentile',
  'count_if',
  'sum_if',
  'avg_if',
] as const;
const SCALARS = ['coalesce', 'abs', 'round', 'nullif', 'date_diff', 'least', 'greatest'] as const;
const FUNCTIONS: readonly string[] = [...AGGREGATES, ...SCALARS];
const DATE_DIFF_UNITS = ['day', 'week', 'month', 'quarter', 'year'];

const isNumeric = (t: ExprType) => t === 'number' || t === 'null';
const isTime = (t: ExprType) => t === 'date' || t === 'timestamp';
const castNumber = (sql: string) => `CAST(${sql} AS DOUBLE)`;
const double = (sql: string, additive = false): Typed => ({ sql: castNumber(sql), type: 'number', double: true, additive });

class FormulaCompiler {
  private inAggregate: string | null = null;

  constructor(
    private readonly ctx: Ctx,
    private readonly scope: FormulaScope,
  ) {}

  private fail(message: string, pos: Pos): never {
    throw new FormulaError(message, pos);
  }

  /** Two sides that must be of comparable types; a string literal is cast to the other side's type. */
  private unify(a: Typed, b: Typed, pos: Pos, what: string): [string, string] {
    const cast = (lit: Typed, other: ExprType) => {
      if (lit.param === undefined) return lit.sql;
      if (other === 'date') return `CAST(${lit.param} AS DATE)`;
      if (other === 'timestamp') return `CAST(${lit.param} AS TIMESTAMP)`;
      if (other === 'number') return `CAST(${lit.param} AS DOUBLE)`;
      return lit.sql;
    };
    const family = (t: ExprType) => (isTime(t) ? 'time' : t);
    const ok =
      a.type === 'null' ||
      b.type === 'null' ||
      family(a.type) === family(b.type) ||
      (a.param !== undefined && b.type !== 'boolean') ||
      (b.param !== undefined && a.type !== 'boolean');
    if (!ok) this.fail(`cannot ${what} ${a.type} with ${b.type}`, pos);
    return [cast(a, b.type), cast(b, a.type)];
  }

  private need(t: Typed, pred: (x: ExprType) => boolean, wanted: string, pos: Pos, what: string): void {
    if (!pred(t.type)) this.fail(`${what} needs ${wanted}, got ${t.type}`, pos);
  }

  compile(e: Expr): Typed {
    switch (e.type) {
      case 'number':
        return { sql: numberLiteral(e.value), type: 'number', constant: e.value };
      case 'string': {
        const param = this.ctx.param(e.value);
        return { sql: `CAST(${param} AS VARCHAR)`, type: 'text', param };
      }
      case 'boolean':
        return { sql: e.value ? 'TRUE' : 'FALSE', type: 'boolean' };
      case 'null':
        return { sql: 'NULL', type: 'null' };
      case 'star':
        return this.fail("'*' is only allowed as count(*)", e.pos);
      case 'name':
        return this.inAggregate !== null ? this.column(e.name, e.pos) : this.measureRef(e.name, e.pos);
      case 'role': {
        const column = this.ctx.schema.roles?.[e.name];
        if (column === undefined) this.fail(`role '${e.name}' is not mapped to a column of this source`, e.pos);
        if (this.inAggregate === null) {
          this.fail(`@${e.name} must be inside an aggregate, e.g. sum(@${e.name})`, e.pos);
        }
        return this.column(column, e.pos);
      }
      case 'unary': {
        const arg = this.compile(e.arg);
        if (e.op === '-') {
          this.need(arg, isNumeric, 'a number', e.pos, "'-'");
          return { sql: `(-${arg.sql})`, type: 'number' };
        }
        this.need(arg, (t) => t === 'boolean' || t === 'null', 'a condition', e.pos, 'NOT');
        return { sql: `(NOT ${arg.sql})`, type: 'boolean' };
      }
      case 'binary':
        return this.binary(e);
      case 'in': {
        const arg = this.compile(e.arg);
        const items = e.list.map((item) => this.unify(arg, this.compile(item), item.pos, 'compare')[1]);
        return { sql: `(${arg.sql} ${e.negated ? 'NOT IN' : 'IN'} (${items.join(', ')}))`, type: 'boolean' };
      }
      case 'is_null': {
        const arg = this.compile(e.arg);
        return { sql: `(${arg.sql} IS ${e.negated ? 'NOT ' : ''}NULL)`, type: 'boolean' };
      }
      case 'between': {
        // Half-open, as every range in Quarterdeck: low <= x < high.
        const arg = this.compile(e.arg);
        const [x, low] = this.unify(arg, this.compile(e.low), e.low.pos, 'compare');
        const [, high] = this.unify(arg, this.compile(e.high), e.high.pos, 'compare');
        const range = `${x} >= ${low} AND ${x} < ${high}`;
        return { sql: e.negated ? `(NOT (${range}))` : `(${range})`, type: 'boolean' };
      }
      case 'call':
        return this.call(e.name, e.args, e.pos);
    }
  }

  private binary(e: Extract<Expr, { type: 'binary' }>): Typed {
    const left = this.compile(e.left);
    const right = this.compile(e.right);
    switch (e.op) {
      case 'AND':
      case 'OR': {
        const bool = (t: ExprType) => t === 'boolean' || t === 'null';
        this.need(left, bool, 'conditions on both sides', e.pos, e.op);
        this.need(right, bool, 'conditions on both sides', e.pos, e.op);
        return { sql: `(${left.sql} ${e.op} ${right.sql})`, type: 'boolean' };
      }
      case '=':
      case '<>':
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const [a, b] = this.unify(left, right, e.pos, 'compare');
        return { sql: `(${a} ${e.op} ${b})`, type: 'boolean' };
      }
      default: {
        this.need(left, isNumeric, 'numbers', e.pos, `'${e.op}'`);
        this.need(right, isNumeric, 'numbers', e.pos, `'${e.op}'`);
        // Safe division: a zero divisor gives an empty cell, not an error or an infinity.
        const r = e.op === '/' || e.op === '%' ? `NULLIF(${right.sql}, 0)` : right.sql;
        return { sql: `(${left.sql} ${e.op} ${r})`, type: 'number' };
      }
    }
  }

  private column(name: string, pos: Pos): Typed {
    const kind = this.ctx.kinds.get(name);
    if (kind === undefined) {
      const near = suggest(name, [...this.ctx.kinds.keys()]);
      this.fail(`unknown column '${name}'${near ? ` — did you mean '${near}'?` : ''}`, pos);
    }
    return { sql: quoteIdent(name), type: kind };
  }

  private measureRef(name: string, pos: Pos): Typed {
    if (this.scope.measureIds.includes(name)) return this.scope.measure(name);
    if (this.ctx.kinds.has(name)) {
      this.fail(`column '${name}' must be inside an aggregate, e.g. sum(${name}) or count_distinct(${name})`, pos);
    }
    const near = suggest(name, [...this.scope.measureIds, ...this.ctx.kinds.keys()]);
    return this.fail(`unknown name '${name}'${near ? ` — did you mean '${near}'?` : ''}`, pos);
  }

  private arity(name: string, args: Expr[], min: number, max: number, pos: Pos): void {
    if (args.length < min || args.length > max) {
      const n = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      this.fail(`${name}() takes ${n} argument${n === '1' ? '' : 's'}, got ${args.length}`, pos);
    }
  }

  private call(name: string, args: Expr[], pos: Pos): Typed {
    if (!FUNCTIONS.includes(name)) {
      const near = suggest(name, FUNCTIONS);
      this.fail(`unknown function '${name}'${near ? ` — did you mean '${near}'?` : ''}`, pos);
    }
    if ((AGGREGATES as readonly string[]).includes(name)) return this.aggregate(name, args, pos);
    return this.scalar(name, args, pos);
  }

  private aggregate(name: string, args: Expr[], pos: Pos): Typed {
    if (this.inAggregate !== null) this.fail(`${name}() inside ${this.inAggregate}(): aggregates do not nest`, pos);
    if (name === 'count' && args.length === 1 && args[0]!.type === 'star') args = [];
    this.inAggregate = name;
    try {
      const compiled = args.map((a) => this.compile(a));
      const arg = (i: number) => compiled[i]!;
      const numeric = (i: number) => this.need(arg(i), isNumeric, 'a number', args[i]!.pos, `${name}()`);
      const condition = (i: number) =>
        this.need(arg(i), (t) => t === 'boolean', 'a condition', args[i]!.pos, `${name}()`);
      switch (name) {
        case 'count':
          this.arity(name, args, 0, 1, pos);
          return double(args.length === 0 ? 'count(*)' : `count(${arg(0).sql})`, true);
        case 'count_distinct':
          this.arity(name, args, 1, 1, pos);
          return double(`count(DISTINCT ${arg(0).sql})`);
        case 'sum':
        case 'avg':
        case 'median':
          this.arity(name, args, 1, 1, pos);
          numeric(0);
          // DuckDB's median of a DECIMAL keeps the column's scale: take it of doubles.
          return double(`${name}(${name === 'median' ? castNumber(arg(0).sql) : arg(0).sql})`, name === 'sum');
        case 'min':
        case 'max': {
          this.arity(name, args, 1, 1, pos);
          const t = arg(0).type;
          if (t === 'other' || t === 'boolean') this.fail(`${name}() cannot order ${t} values`, args[0]!.pos);
          const sql = `${name}(${arg(0).sql})`;
          return t === 'number' ? double(sql) : { sql, type: t };
        }
        case 'percentile': {
          this.arity(name, args, 2, 2, pos);
          numeric(0);
          const p = arg(1).constant;
          if (p === undefined || p < 0 || p > 1) {
            this.fail('percentile() needs a constant fraction between 0 and 1, e.g. percentile(x, 0.75)', args[1]!.pos);
          }
          return double(`quantile_cont(${castNumber(arg(0).sql)}, ${numberLiteral(p)})`);
        }
        case 'count_if':
          this.arity(name, args, 1, 1, pos);
          condition(0);
          return double(`count(*) FILTER (WHERE ${arg(0).sql})`, true);
        default: {
          // sum_if, avg_if
          this.arity(name, args, 2, 2, pos);
          numeric(0);
          condition(1);
          const fn = name === 'sum_if' ? 'sum' : 'avg';
          return double(`${fn}(${arg(0).sql}) FILTER (WHERE ${arg(1).sql})`, fn === 'sum');
        }
      }
    } finally {
      this.inAggregate = null;
    }
  }

  private scalar(name: string, args: Expr[], pos: Pos): Typed {
    if (name === 'date_diff') {
      this.arity(name, args, 3, 3, pos);
      const unit = args[0]!;
      if (unit.type !== 'string' || !DATE_DIFF_UNITS.includes(unit.value)) {
        this.fail(`date_diff() needs a unit among ${DATE_DIFF_UNITS.map((u) => `'${u}'`).join(', ')}`, unit.pos);
      }
      const [a, b] = [this.compile(args[1]!), this.compile(args[2]!)];
      this.need(a, (t) => isTime(t) || t === 'null', 'dates', args[1]!.pos, 'date_diff()');
      this.need(b, (t) => isTime(t) || t === 'null', 'dates', args[2]!.pos, 'date_diff()');
      // The unit is one of a fixed list: the one literal a formula may produce.
      return { sql: `date_diff(${quoteLiteral(unit.value)}, ${a.sql}, ${b.sql})`, type: 'number' };
    }
    const compiled = args.map((a) => this.compile(a));
    switch (name) {
      case 'abs':
        this.arity(name, args, 1, 1, pos);
        this.need(compiled[0]!, isNumeric, 'a number', args[0]!.pos, 'abs()');
        return { sql: `abs(${compiled[0]!.sql})`, type: 'number' };
      case 'round': {
        this.arity(name, args, 1, 2, pos);
        this.need(compiled[0]!, isNumeric, 'a number', args[0]!.pos, 'round()');
        const digits = compiled[1]?.constant ?? 0;
        if (args.length === 2 && (compiled[1]!.constant === undefined || !Number.isInteger(digits) || digits < 0 || digits > 12)) {
          this.fail('round() needs a whole number of digits between 0 and 12', args[1]!.pos);
        }
        return { sql: `round(${compiled[0]!.sql}, ${numberLiteral(digits)})`, type: 'number' };
      }
      case 'nullif': {
        this.arity(name, args, 2, 2, pos);
        const [a, b] = this.unify(compiled[0]!, compiled[1]!, pos, 'compare');
        return { sql: `nullif(${a}, ${b})`, type: compiled[0]!.type };
      }
      default: {
        // coalesce, least, greatest: arguments of one type.
        this.arity(name, args, name === 'coalesce' ? 1 : 2, 100, pos);
        const first = compiled.find((c) => c.type !== 'null' && c.param === undefined) ?? compiled[0]!;
        const sqls = compiled.map((c, i) => this.unify(first, c, args[i]!.pos, 'mix')[1]);
        return { sql: `${name}(${sqls.join(', ')})`, type: first.type };
      }
    }
  }
}

/** Parses, checks and compiles a formula measure; errors carry the formula position. */
export function compileFormula(ctx: Ctx, formula: string, field: string, scope: FormulaScope): Typed {
  try {
    const ast = parseFormula(formula);
    const typed = new FormulaCompiler(ctx, scope).compile(ast);
    // Measures reach the renderer as DOUBLE, whatever integer or decimal arithmetic produced them.
    if (typed.double) return typed;
    if (typed.type === 'number' || typed.type === 'null') return double(typed.sql);
    return typed;
  } catch (e) {
    if (e instanceof FormulaError) {
      throw new SpecError(`${e.message} at ${e.pos.line}:${e.pos.column}`, {
        field,
        line: e.pos.line,
        column: e.pos.column,
      });
    }
    throw e;
  }
}

