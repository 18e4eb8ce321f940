// Measures -> aggregate expressions, each cast explicitly (DOUBLE for numbers) so that BIGINT,
// HUGEINT and DECIMAL reach the renderer as numbers of a known type.
import { SpecError, type Ctx } from './context';
import { compileFormula, type Typed } from './expr/compile-expr';
import { quoteIdent } from './quote';
import type { NormalizedAggregateMeasure, NormalizedMeasure } from './types';

export function aggregateSql(ctx: Ctx, m: NormalizedAggregateMeasure, index: number): Typed {
  const field = `measures.${index}.${m.role !== null ? 'role' : 'column'}`;
  if (m.column === null && m.role === null) {
    if (m.op !== 'count') throw new SpecError(`${m.op} needs a column`, { field: `measures.${index}.column` });
    return { sql: 'CAST(count(*) AS DOUBLE)', type: 'number', double: true, additive: true };
  }
  const column = ctx.resolve(m, field);
  const kind = ctx.kindOf(column, field);
  const col = quoteIdent(column);
  switch (m.op) {
    case 'count':
      return { sql: `CAST(count(${col}) AS DOUBLE)`, type: 'number', double: true, additive: true };
    case 'count_distinct':
      return { sql: `CAST(count(DISTINCT ${col}) AS DOUBLE)`, type: 'number', double: true };
    case 'sum':
    case 'avg':
    case 'median':
      if (kind !== 'number') {
        throw new SpecError(`${m.op} needs a numeric column; "${column}" is ${kind}`, { field });
      }
      // DuckDB's median of a DECIMAL keeps the column's scale (1750.125 -> 1750.12): take it of doubles.
      if (m.op === 'median') return { sql: `CAST(median(CAST(${col} AS DOUBLE)) AS DOUBLE)`, type: 'number', double: true };
      return { sql: `CAST(${m.op}(${col}) AS DOUBLE)`, type: 'number', double: true, additive: m.op === 'sum' };
    case 'min':
    case 'max':
      if (kind === 'number') return { sql: `CAST(${m.op}(${col}) AS DOUBLE)`, type: 'number', double: true };
      if (kind === 'other') throw new SpecError(`${m.op} cannot order "${column}"`, { field });
      return { sql: `${m.op}(${col})`, type: kind };
  }
}

/**
 * Compiles every measure of a spec. Formulas may refer to the other measures by id; those are
 * compiled once, on demand, and a cycle of references is refused.
 */
export function measuresSql(ctx: Ctx, measures: readonly NormalizedMeasure[]): Typed[] {
  const byId = new Map(measures.map((m, i) => [m.id, i]));
  const done = new Map<number, Typed>();
  const inProgress: number[] = [];
  const compileAt = (i: number): Typed => {
    const cached = done.get(i);
    if (cached !== undefined) return cached;
    const m = measures[i]!;
    if (inProgress.includes(i)) {
      const cycle = [...inProgress.slice(inProgress.indexOf(i)), i].map((j) => measures[j]!.id).join(' -> ');
      throw new SpecError(`measures refer to each other in a cycle: ${cycle}`, { field: `measures.${i}.formula` });
    }
    inProgress.push(i);
    const typed: Typed =
      m.kind === 'aggregate'
        ? aggregateSql(ctx, m, i)
        : compileFormula(ctx, m.formula, `measures.${i}.formula`, {
            measureIds: [...byId.keys()],
            measure: (id) => {
              const ref = compileAt(byId.get(id)!);
              return ref.double ? ref : { sql: `(${ref.sql})`, type: ref.type };
            },
          });
    inProgress.pop();
    done.set(i, typed);
    return typed;
  };
  return measures.map((_, i) => compileAt(i));
}
