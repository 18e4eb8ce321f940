// The single-source chart builder's rules (a source's Chart tab): default choice, aggregations and
// the columns they accept, the chart following the dimension, and the spec it sends.
import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../../shared/api';
import { isMessageKey } from '../../shared/i18n/labels';
import { columnKind } from '../../shared/spec/column-kind';
import {
  columnsForOp,
  defaultState,
  GRAINS,
  opAccepts,
  opAvailable,
  OPS,
  SORTS,
  toSpec,
  withDimension,
  withOp,
} from '../../renderer/src/features/builder/builder-model';

const columns: ColumnInfo[] = ['owner:VARCHAR', 'amount:DOUBLE', 'closed_at:DATE', 'created_at:DATE', 'won:BOOLEAN'].map((c) => {
  const [name, type] = c.split(':') as [string, string];
  return { name, type, kind: columnKind(type) };
});

describe('chart builder model', () => {
  it('starts with the count of rows by month of creation, as a line', () => {
    const s = defaultState(columns);
    expect(s).toMatchObject({ op: 'count', measureColumn: null, dimension: 'created_at', grain: 'month', chartKind: 'line' });
    expect(toSpec('deals', s, columns)).toEqual({
      source: 'deals',
      measures: [{ id: 'm0', op: 'count' }],
      dimensions: [{ id: 'd0', column: 'created_at', grain: 'month' }],
    });
  });

  it('an aggregation keeps its column when it still fits, else takes a number', () => {
    let s = withOp(defaultState(columns), 'sum', columns);
    expect(s.measureColumn).toBe('amount');
    s = withOp({ ...s, measureColumn: 'owner' }, 'max', columns);
    expect(s.measureColumn).toBe('owner');
    s = withOp(s, 'avg', columns);
    expect(s.measureColumn).toBe('amount');
    expect(columnsForOp('sum', columns).map((c) => c.name)).toEqual(['amount']);
    expect(opAccepts('median', 'date')).toBe(false);
    expect(opAvailable('sum', columns.filter((c) => c.kind !== 'number'))).toBe(false);
  });

  it('bars by a category, sorted by value and cut at a limit', () => {
    let s = withDimension(withOp(defaultState(columns), 'sum', columns), 'owner', columns);
    expect(s.chartKind).toBe('bar');
    s = { ...s, sort: 'value_desc', limit: 10 };
    expect(toSpec('deals', s, columns)).toEqual({
      source: 'deals',
      measures: [{ id: 'm0', op: 'sum', column: 'amount' }],
      dimensions: [{ id: 'd0', column: 'owner' }],
      sort: [{ by: 'm0', direction: 'desc' }],
      limit: 10,
    });
    expect(toSpec('deals', { ...s, op: 'sum', measureColumn: null }, columns)).toBeNull();
  });

  it('every label is a catalog key', () => {
    for (const label of [...OPS.map((o) => o.label), ...GRAINS.flatMap((g) => [g.label, g.noun]), ...SORTS.map((o) => o.label)]) {
      expect(isMessageKey(label), label).toBe(true);
    }
  });
});
