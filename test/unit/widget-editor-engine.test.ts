// The widget editor's specs run through the real engine: shelves built with the editor's own rules
// (drop, grain, filter, KPI, formula) on the demo workspace as the app opens it, each result
// checked against a hand-written DuckDB query over the sample CSV files.
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceInfo } from '../../shared/api';
import { readArrow } from '../../shared/arrow/cells';
import type { AnalysisSpec } from '../../shared/spec/types';
import { ensureDemo } from '../../electron/core/demo';
import {
  addKpi,
  dropField,
  emptyState,
  putFormula,
  specOf,
  toWidget,
  updateDimension,
  updateFilter,
  updateValue,
  withSort,
  withTop,
  type EditorState,
} from '../../renderer/src/features/widget-editor/editor-model';
import { defaultSource, fieldsOf, type EditorField } from '../../renderer/src/features/widget-editor/fields';
import { checkSpec } from '../../renderer/src/features/widget-editor/spec-check';
import { memoryConnection, rowsOf } from '../helpers/duckdb';
import { must, tempCore } from '../helpers/workspace';

const SAMPLES = resolve(import.meta.dirname, '..', '..', 'resources', 'samples');
const TODAY = '2026-11-01';
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const day = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));

describe('widget editor specs on the demo workspace, against DuckDB', () => {
  let t: Awaited<ReturnType<typeof tempCore>>;
  let db: Awaited<ReturnType<typeof memoryConnection>>;
  let source: SourceInfo;
  let fields: EditorField[];
  const field = (column: string) => {
    const f = fields.find((x) => x.column === column);
    if (!f) throw new Error(`no field ${column}`);
    return f;
  };
  const sql = (q: string) => rowsOf(db.conn, q);
  const run = async (spec: AnalysisSpec) => {
    expect(checkSpec(spec, source, TODAY)).toBeNull();
    const result = must(await t.core.runQuery({ spec }));
    return readArrow(result.ipc).rows();
  };
  const start = (): EditorState => emptyState(source.name, 'w1');

  beforeAll(async () => {
    t = await tempCore();
    must(await ensureDemo(t.core, SAMPLES));
    const workspace = must(await t.core.getWorkspace());
    source = defaultSource(workspace)!;
    fields = fieldsOf(source);
    db = await memoryConnection();
    const csv = (name: string) => `read_csv('${join(SAMPLES, `${name}.csv`)}', header = true)`;
    await db.conn.run(`CREATE TABLE deals AS SELECT * FROM ${csv('deals')}`);
    await db.conn.run(`CREATE TABLE accounts AS SELECT * FROM ${csv('accounts')}`);
    await db.conn.run(`CREATE TABLE reps AS SELECT * FROM ${csv('reps')}`);
  }, 180_000);
  afterAll(() => {
    db?.close();
    t?.dispose();
  });

  it('opens on the enriched deals model', () => {
    expect(source.name).toBe('deals (enriched)');
    expect(source.model?.joined).toEqual(expect.arrayContaining(['accounts', 'reps']));
  });

  it('won amount by segment per quarter', async () => {
    let s = dropField(start(), field('amount'), 'values');
    s = dropField(s, field('accounts.segment'), 'columns');
    s = dropField(s, field('closed_at'), 'rows');
    s = updateDimension(s, 'rows', 'closed_at', { grain: 'quarter' });
    s = dropField(s, field('status'), 'filters');
    s = updateFilter(s, s.filters[0]!.id, { values: ['Won'] });
    const widget = toWidget(s)!;
    // Roles, never column names, when the fields have them.
    expect(widget.spec).toEqual({
      source: 'deals (enriched)',
      measures: [{ id: 'amount_sum', op: 'sum', role: 'amount' }],
      dimensions: [
        { id: 'closed_at', role: 'closed_at', grain: 'quarter' },
        { id: 'segment', role: 'segment' },
      ],
      columns: ['segment'],
      filters: [{ role: 'status', op: 'in', values: ['Won'] }],
    });
    const rows = await run(widget.spec);
    const expected = await sql(`SELECT CAST(date_trunc('quarter', d.closed_at) AS DATE) AS q, a.segment AS segment, sum(d.amount) AS s
      FROM deals d LEFT JOIN accounts a ON a.account_name = d.account
      WHERE d.status = 'Won' GROUP BY 1, 2 ORDER BY 1, 2 NULLS LAST`);
    expect(expected.length).toBeGreaterThan(12);
    expect(rows.map((r) => [day(r.closed_at), r.segment])).toEqual(expected.map((r) => [day(r.q), r.segment]));
    rows.forEach((r, i) => expect(r.amount_sum).toBeCloseTo(num(expected[i]!.s)!, 6));
  });

  it('deals and distinct accounts per rep, top 5 by deals, the rest as Others', async () => {
    let s = dropField(start(), 'count_rows', 'values');
    s = dropField(s, field('account'), 'values');
    s = dropField(s, field('owner'), 'rows');
    s = withSort(s, { kind: 'measure', id: 'row_count', direction: 'desc' });
    s = withTop(s, 5, 'Others');
    const spec = specOf(s)!;
    expect(spec.measures).toEqual([
      { id: 'row_count', op: 'count' },
      { id: 'account_count_distinct', op: 'count_distinct', role: 'account' },
    ]);
    const rows = await run(spec);
    const ranked = await sql(`SELECT owner, count(*) AS n, count(DISTINCT account) AS a FROM deals GROUP BY 1 ORDER BY 2 DESC, 1`);
    const top = ranked.slice(0, 5);
    const others = await sql(`SELECT count(*) AS n, count(DISTINCT account) AS a FROM deals
      WHERE owner NOT IN (${top.map((r) => `'${String(r.owner).replace(/'/g, "''")}'`).join(', ')})`);
    const expected = [...top.map((r) => [r.owner, num(r.n), num(r.a)]), ['Others', num(others[0]!.n), num(others[0]!.a)]].sort(
      (x, y) => (y[1] as number) - (x[1] as number),
    );
    expect(rows.map((r) => [r.owner, r.row_count, r.account_count_distinct])).toEqual(expected);
  });

  it('a catalog KPI in one click: conversion rate by segment over deals closed in 2025', async () => {
    let s = addKpi(start(), 'conversion_rate');
    s = dropField(s, field('accounts.segment'), 'rows');
    s = dropField(s, field('closed_at'), 'filters');
    s = updateFilter(s, s.filters[0]!.id, { period: { from: '2025-01-01', to: '2026-01-01' } });
    const rows = await run(specOf(s)!);
    const expected = await sql(`SELECT a.segment AS segment,
        count(*) FILTER (WHERE d.status = 'Won') AS won, count(*) FILTER (WHERE d.status = 'Lost') AS lost
      FROM deals d LEFT JOIN accounts a ON a.account_name = d.account
      WHERE d.closed_at >= DATE '2025-01-01' AND d.closed_at < DATE '2026-01-01' GROUP BY 1 ORDER BY 1 NULLS LAST`);
    expect(expected.length).toBeGreaterThan(1);
    expect(rows.map((r) => [r.segment, r.conversion_rate_won, r.conversion_rate_lost])).toEqual(
      expected.map((r) => [r.segment, num(r.won), num(r.lost)]),
    );
    rows.forEach((r, i) => {
      const won = num(expected[i]!.won)!;
      const lost = num(expected[i]!.lost)!;
      expect(r.conversion_rate).toBeCloseTo(won / (won + lost), 12);
    });
  });

  it('a calculated measure by a field without a role (the rep\'s manager), and a share of the total', async () => {
    let s = putFormula(start(), { formula: "sum_if(@amount, @status = 'Won') / count_if(@status = 'Won')", label: 'Average won deal' });
    s = dropField(s, field('amount'), 'values');
    s = updateValue(s, 'amount_sum', { show: 'percent_of_total' });
    s = dropField(s, field('reps.manager'), 'rows');
    const spec = specOf(s)!;
    expect(spec.dimensions).toEqual([{ id: 'reps_manager', column: 'reps.manager' }]);
    const rows = await run(spec);
    const expected = await sql(`SELECT r.manager AS manager,
        sum(d.amount) FILTER (WHERE d.status = 'Won') / count(*) FILTER (WHERE d.status = 'Won') AS basket,
        sum(d.amount) / (SELECT sum(amount) FROM deals) AS share
      FROM deals d LEFT JOIN reps r ON r.owner = d.owner GROUP BY 1 ORDER BY 1 NULLS LAST`);
    expect(rows.map((r) => r.reps_manager)).toEqual(expected.map((r) => r.manager));
    rows.forEach((r, i) => {
      expect(r.average_won_deal).toBeCloseTo(num(expected[i]!.basket)!, 6);
      expect(r.amount_sum).toBeCloseTo(num(expected[i]!.share)!, 12);
    });
  });
});
