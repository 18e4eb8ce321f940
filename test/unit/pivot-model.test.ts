// The pivot layout (renderer/src/features/pivot/pivot-model.ts) on real results: the demo deals
// imported through the core, queried with totals, comparisons and shares, each figure checked
// against plain SQL run by another DuckDB on the sample CSV itself.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResult } from '../../shared/api';
import { readArrow } from '../../shared/arrow/cells';
import type { AnalysisSpec } from '../../shared/spec/types';
import { buildFlatTable, sortedRows } from '../../renderer/src/features/pivot/flat-model';
import {
  buildPivot,
  indexPivot,
  LABEL_SORT,
  layoutPivot,
  sameSelector,
  scalePosition,
  type PivotHeaderNode,
  type PivotLayout,
  type PivotRow,
} from '../../renderer/src/features/pivot/pivot-model';
import { memoryConnection, rowsOf } from '../helpers/duckdb';
import { must, tempCore } from '../helpers/workspace';

const DEALS = resolve(import.meta.dirname, '..', '..', 'resources', 'samples', 'deals.csv');
const WON_2025 = [
  { column: 'status', op: 'eq' as const, values: ['Won'] },
  { column: 'closed_at', op: 'in_period' as const, period: { from: '2025-01-01', to: '2026-01-01' } },
];
const WON_2025_SQL = `status = 'Won' AND closed_at >= DATE '2025-01-01' AND closed_at < DATE '2026-01-01'`;

let t: Awaited<ReturnType<typeof tempCore>>;
let db: Awaited<ReturnType<typeof memoryConnection>>;
const sql = (q: string) => rowsOf(db.conn, q);
const query = async (spec: AnalysisSpec): Promise<QueryResult> => must(await t.core.runQuery({ spec }));
const pivotOf = async (spec: AnalysisSpec, state = {}) => {
  const result = await query(spec);
  return buildPivot({ reader: readArrow(result.ipc), columns: result.columns, spec }, state);
};
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
/** Leaf header texts, for reading a column tree in a test: values as they are, totals as "Σ". */
function headerPaths(nodes: PivotHeaderNode[], prefix: string[] = []): string[] {
  return nodes.flatMap((n) => {
    const here =
      n.label.kind === 'value'
        ? String(n.label.value)
        : n.label.kind === 'total'
          ? `Σ${n.label.of ? ` ${String(n.label.of.value)}` : ''}`
          : n.label.kind === 'measure'
            ? n.label.measure.id
            : `Δ% ${n.label.measure.id}`;
    return n.children.length === 0 ? [[...prefix, here].join(' / ')] : headerPaths(n.children, [...prefix, here]);
  });
}
const cellAt = (layout: PivotLayout, row: PivotRow, leafPath: unknown[], column: string) => {
  const i = layout.leaves.findIndex((l) => JSON.stringify(l.path) === JSON.stringify(leafPath) && l.column === column);
  expect(i, `leaf ${JSON.stringify(leafPath)} ${column}`).toBeGreaterThanOrEqual(0);
  return row.cells[i] ?? null;
};

beforeAll(async () => {
  t = await tempCore();
  must(await t.core.importFile({ file: { kind: 'path', path: DEALS }, sourceName: 'deals', snapshotDate: '2026-11-01' }));
  db = await memoryConnection();
  await db.conn.run(`CREATE TABLE deals AS SELECT * FROM read_csv('${DEALS}', header = true)`);
}, 120_000);
afterAll(() => {
  db?.close();
  t?.dispose();
});

describe('pivot layout: team > owner by quarter, sum of amount, subtotals', () => {
  const spec: AnalysisSpec = {
    source: 'deals',
    measures: [{ op: 'sum', column: 'amount', label: 'Revenue won' }],
    dimensions: [{ column: 'team' }, { column: 'owner' }, { column: 'closed_at', grain: 'quarter' }],
    columns: ['d2'],
    totals: 'subtotals',
    filters: WON_2025,
  };

  it('nests rows by team then owner, quarters across, each figure as plain SQL sums it', async () => {
    const layout = await pivotOf(spec);
    expect(layout.rowDimensions.map((d) => d.id)).toEqual(['d0', 'd1']);
    expect(layout.columnDimensions.map((d) => [d.id, d.grain])).toEqual([['d2', 'quarter']]);
    // One measure: the quarters are the leaves, then the row total column.
    expect(headerPaths(layout.columnTree)).toEqual(['2025-01-01', '2025-04-01', '2025-07-01', '2025-10-01', 'Σ']);
    expect(layout.measures).toMatchObject([{ id: 'm0', label: 'Revenue won', format: 'currency', show: null, compare: null }]);

    const details = await sql(`SELECT team, owner, CAST(date_trunc('quarter', closed_at) AS DATE) AS q, sum(amount) AS v
      FROM deals WHERE ${WON_2025_SQL} GROUP BY ALL`);
    const byTeam = await sql(`SELECT team, CAST(date_trunc('quarter', closed_at) AS DATE) AS q, sum(amount) AS v FROM deals WHERE ${WON_2025_SQL} GROUP BY ALL`);
    const byOwner = await sql(`SELECT team, owner, sum(amount) AS v FROM deals WHERE ${WON_2025_SQL} GROUP BY ALL`);
    const byQuarter = await sql(`SELECT CAST(date_trunc('quarter', closed_at) AS DATE) AS q, sum(amount) AS v FROM deals WHERE ${WON_2025_SQL} GROUP BY ALL`);
    const [grand] = await sql(`SELECT sum(amount) AS v, count(DISTINCT team) AS teams FROM deals WHERE ${WON_2025_SQL}`);

    const teams = layout.rows.filter((r) => r.kind === 'group');
    expect(teams.map((r) => r.value).sort()).toEqual(byTeam.map((r) => r.team).filter((v, i, a) => a.indexOf(v) === i).sort());
    expect(teams).toHaveLength(num(grand!.teams)!);
    // Teams in the result's order (by name), each followed by its reps.
    expect(teams.map((r) => r.value)).toEqual([...teams.map((r) => r.value)].sort());
    expect(layout.rows.filter((r) => r.kind === 'detail')).toHaveLength(byOwner.length);

    for (const d of details) {
      const row = layout.rows.find((r) => r.kind === 'detail' && r.path[0] === d.team && r.path[1] === d.owner)!;
      expect(row.parentKey).toBe(JSON.stringify([d.team]));
      const cell = cellAt(layout, row, [d.q], 'm0')!;
      expect(cell.number).toBeCloseTo(num(d.v)!, 6);
      expect(cell.total).toBe(false);
      expect(cell.selector).toEqual({ d0: d.team, d1: d.owner, d2: d.q });
    }
    for (const d of byTeam) {
      const row = layout.rows.find((r) => r.kind === 'group' && r.path[0] === d.team)!;
      const cell = cellAt(layout, row, [d.q], 'm0')!;
      expect(cell.number).toBeCloseTo(num(d.v)!, 6);
      expect(cell.total).toBe(true);
      expect(cell.selector).toEqual({ d0: d.team, d2: d.q });
    }
    for (const d of byOwner) {
      const row = layout.rows.find((r) => r.path[0] === d.team && r.path[1] === d.owner)!;
      const cell = cellAt(layout, row, [], 'm0')!;
      expect(cell.number).toBeCloseTo(num(d.v)!, 6);
      expect(cell.selector).toEqual({ d0: d.team, d1: d.owner });
    }
    const total = layout.grandTotal!;
    expect(total.kind).toBe('grand');
    expect(total.selector).toEqual({});
    for (const d of byQuarter) expect(cellAt(layout, total, [d.q], 'm0')!.number).toBeCloseTo(num(d.v)!, 6);
    expect(cellAt(layout, total, [], 'm0')!.number).toBeCloseTo(num(grand!.v)!, 6);
    expect(cellAt(layout, total, [], 'm0')!.selector).toEqual({});

    // The colour scale's range: detail cells only (no subtotal, no total column).
    const [stats] = await sql(`SELECT min(v) AS lo, max(v) AS hi, median(v) AS mid FROM (SELECT sum(amount) AS v FROM deals
      WHERE ${WON_2025_SQL} GROUP BY team, owner, date_trunc('quarter', closed_at))`);
    const range = layout.ranges.m0!;
    expect(range.min).toBeCloseTo(num(stats!.lo)!, 6);
    expect(range.max).toBeCloseTo(num(stats!.hi)!, 6);
    expect(range.median).toBeCloseTo(num(stats!.mid)!, 6);
    expect(scalePosition(range, range.max)).toBe(1);
    expect(scalePosition(range, range.min)).toBe(0);
    // A diverging scale turns at the median figure, not the middle of this skewed range.
    expect(range.median).toBeLessThan((range.min + range.max) / 2);
    expect(scalePosition(range, range.median, 'median')).toBe(0.5);
    expect(scalePosition(range, (range.min + range.max) / 2, 'median')).toBeGreaterThan(0.5);
    expect(scalePosition(range, range.max, 'median')).toBe(1);
    expect(scalePosition({ min: 3, max: 3, median: 3 }, 3)).toBeNull();
    expect(layout.groupKeys).toEqual(teams.map((r) => r.key));
  });

  it('sorts by the total column within each team, teams by their own total', async () => {
    const result = await query(spec);
    const index = indexPivot({ reader: readArrow(result.ipc), columns: result.columns, spec });
    const totalLeaf = index.leaves.find((l) => l.total)!;
    const desc = layoutPivot(index, { sort: { by: totalLeaf.key, direction: 'desc' } });
    const expected = await sql(`SELECT team, owner, sum(amount) AS v, sum(sum(amount)) OVER (PARTITION BY team) AS team_v
      FROM deals WHERE ${WON_2025_SQL} GROUP BY team, owner ORDER BY team_v DESC, v DESC`);
    const shown = desc.rows.map((r) => (r.kind === 'group' ? `# ${r.value}` : `${r.path[0]} ${r.value}`));
    const want: string[] = [];
    for (const e of expected) {
      if (!want.includes(`# ${e.team}`)) want.push(`# ${e.team}`);
      want.push(`${e.team} ${e.owner}`);
    }
    expect(shown).toEqual(want);
    expect(desc.sort).toEqual({ by: totalLeaf.key, direction: 'desc' });
    // Ascending is the exact reverse within each level here (no ties); the grand total stays apart.
    const asc = layoutPivot(index, { sort: { by: totalLeaf.key, direction: 'asc' } });
    expect(asc.rows.filter((r) => r.kind === 'group').map((r) => r.value)).toEqual(
      desc.rows.filter((r) => r.kind === 'group').map((r) => r.value).reverse(),
    );
    expect(asc.grandTotal?.cells).toEqual(desc.grandTotal?.cells);
    // By label, descending: teams Z→A, reps Z→A inside each.
    const byLabel = layoutPivot(index, { sort: { by: LABEL_SORT, direction: 'desc' } });
    const teams = byLabel.rows.filter((r) => r.kind === 'group').map((r) => String(r.value));
    expect(teams).toEqual([...teams].sort((a, b) => b.localeCompare(a)));
    // An unknown sort key is ignored: the result's order.
    expect(layoutPivot(index, { sort: { by: 'nope', direction: 'asc' } }).rows.map((r) => r.key)).toEqual(layoutPivot(index).rows.map((r) => r.key));
  });

  it('a collapsed team shows its subtotal only', async () => {
    const result = await query(spec);
    const index = indexPivot({ reader: readArrow(result.ipc), columns: result.columns, spec });
    const open = layoutPivot(index);
    const enterprise = open.rows.find((r) => r.value === 'Enterprise')!;
    expect(enterprise.expanded).toBe(true);
    const reps = open.rows.filter((r) => r.parentKey === enterprise.key);
    expect(reps.length).toBe(enterprise.childCount);
    const folded = layoutPivot(index, { collapsed: new Set([enterprise.key]) });
    expect(folded.rows).toHaveLength(open.rows.length - reps.length);
    const row = folded.rows.find((r) => r.key === enterprise.key)!;
    expect(row.expanded).toBe(false);
    expect(row.cells).toEqual(enterprise.cells);
    expect(folded.rows.some((r) => r.parentKey === enterprise.key)).toBe(false);
    const all = layoutPivot(index, { collapsed: new Set(index.groupKeys) });
    expect(all.rows.every((r) => r.kind === 'group' && !r.expanded)).toBe(true);
    expect(all.grandTotal).not.toBeNull();
  });
});

describe('pivot layout: column groups, measures, totals', () => {
  it('year > quarter across with two measures: year subtotal columns and the grand total column', async () => {
    const spec: AnalysisSpec = {
      source: 'deals',
      measures: [{ op: 'sum', column: 'amount' }, { op: 'count' }],
      dimensions: [{ column: 'team' }, { id: 'year', column: 'closed_at', grain: 'year' }, { id: 'quarter', column: 'closed_at', grain: 'quarter' }],
      columns: ['year', 'quarter'],
      totals: 'subtotals',
      filters: [{ column: 'status', op: 'eq', values: ['Won'] }, { column: 'closed_at', op: 'in_period', period: { from: '2025-07-01', to: '2026-04-01' } }],
    };
    const layout = await pivotOf(spec);
    expect(headerPaths(layout.columnTree)).toEqual([
      '2025-01-01 / 2025-07-01 / m0', '2025-01-01 / 2025-07-01 / m1',
      '2025-01-01 / 2025-10-01 / m0', '2025-01-01 / 2025-10-01 / m1',
      '2025-01-01 / Σ 2025-01-01 / m0', '2025-01-01 / Σ 2025-01-01 / m1',
      '2026-01-01 / 2026-01-01 / m0', '2026-01-01 / 2026-01-01 / m1',
      '2026-01-01 / Σ 2026-01-01 / m0', '2026-01-01 / Σ 2026-01-01 / m1',
      'Σ / m0', 'Σ / m1',
    ]);
    expect(layout.measures.map((m) => m.format)).toEqual(['currency', 'integer']);
    const smb = layout.rows.find((r) => r.value === 'SMB')!;
    expect(smb.kind).toBe('detail');
    const [y2025] = await sql(`SELECT sum(amount) AS v, count(*) AS n FROM deals WHERE team = 'SMB' AND status = 'Won'
      AND closed_at >= DATE '2025-07-01' AND closed_at < DATE '2026-01-01'`);
    const yearTotal = cellAt(layout, smb, ['2025-01-01'], 'm0')!;
    expect(yearTotal.number).toBeCloseTo(num(y2025!.v)!, 6);
    expect(yearTotal.selector).toEqual({ d0: 'SMB', year: '2025-01-01' });
    expect(cellAt(layout, smb, ['2025-01-01'], 'm1')!.number).toBe(num(y2025!.n));
    const q4 = cellAt(layout, layout.grandTotal!, ['2025-01-01', '2025-10-01'], 'm1')!;
    const [q4sql] = await sql(`SELECT count(*) AS n FROM deals WHERE status = 'Won' AND closed_at >= DATE '2025-10-01' AND closed_at < DATE '2026-01-01'`);
    expect(q4.number).toBe(num(q4sql!.n));
    expect(q4.selector).toEqual({ year: '2025-01-01', quarter: '2025-10-01' });
  });

  it("'grand' totals: row and column totals only, no intermediate total column", async () => {
    const layout = await pivotOf({
      source: 'deals',
      measures: [{ op: 'count' }],
      dimensions: [{ column: 'owner' }, { id: 'year', column: 'created_at', grain: 'year' }, { id: 'quarter', column: 'created_at', grain: 'quarter' }],
      columns: ['year', 'quarter'],
      totals: 'grand',
      filters: [{ column: 'created_at', op: 'in_period', period: { from: '2025-10-01', to: '2026-04-01' } }],
    });
    expect(headerPaths(layout.columnTree)).toEqual(['2025-01-01 / 2025-10-01', '2026-01-01 / 2026-01-01', 'Σ']);
    const [n] = await sql(`SELECT count(*) AS n FROM deals WHERE created_at >= DATE '2025-10-01' AND created_at < DATE '2026-04-01'`);
    expect(layout.grandTotal!.cells.at(-1)!.number).toBe(num(n!.n));
    expect(layout.rows.every((r) => r.kind === 'detail' && r.depth === 0)).toBe(true);
  });

  it('text columns keep the result order (stage in pipeline order), even where a rep lacks a stage', async () => {
    const stages = await query({ source: 'deals', measures: [{ op: 'count' }], dimensions: [{ column: 'stage' }] });
    const order = readArrow(stages.ipc).rows().map((r) => r.d0);
    expect(order.slice(0, 2)).toEqual(['Prospecting', 'Qualification']);
    // Few deals per rep and stage: some reps have no deal at some stage.
    const layout = await pivotOf({
      source: 'deals',
      measures: [{ op: 'count' }],
      dimensions: [{ column: 'owner' }, { column: 'stage' }],
      columns: ['d1'],
      filters: [{ column: 'created_at', op: 'in_period', period: { from: '2026-09-01', to: '2026-11-01' } }],
    });
    const present = await sql(`SELECT DISTINCT stage FROM deals WHERE created_at >= DATE '2026-09-01' AND created_at < DATE '2026-11-01'`);
    expect(headerPaths(layout.columnTree)).toEqual(order.filter((s) => present.some((p) => p.stage === s)));
    const gaps = await sql(`SELECT count(*) AS n FROM (SELECT owner FROM deals WHERE created_at >= DATE '2026-09-01' AND created_at < DATE '2026-11-01'
      GROUP BY owner HAVING count(DISTINCT stage) < ${present.length})`);
    expect(num(gaps[0]!.n)).toBeGreaterThan(0);
    // No totals asked: no total row or column, nothing is a total.
    expect(layout.grandTotal).toBeNull();
    expect(layout.rows.flatMap((r) => r.cells).every((c) => c === null || !c.total)).toBe(true);
  });

  it('without row dimensions: one row of figures', async () => {
    const layout = await pivotOf({
      source: 'deals',
      measures: [{ op: 'sum', column: 'amount' }],
      dimensions: [{ column: 'team' }],
      columns: ['d0'],
      totals: 'grand',
      filters: WON_2025,
    });
    expect(layout.rows).toHaveLength(1);
    expect(layout.rows[0]!.kind).toBe('grand');
    expect(layout.grandTotal).toBeNull();
    const teams = await sql(`SELECT team, sum(amount) AS v FROM deals WHERE ${WON_2025_SQL} GROUP BY 1 ORDER BY 1`);
    expect(headerPaths(layout.columnTree)).toEqual([...teams.map((r) => String(r.team)), 'Σ']);
    teams.forEach((r, i) => {
      expect(layout.rows[0]!.cells[i]!.number).toBeCloseTo(num(r.v)!, 6);
      expect(layout.rows[0]!.cells[i]!.selector).toEqual({ d0: r.team });
      expect(layout.rows[0]!.cells[i]!.total).toBe(false);
    });
  });
});

describe('pivot layout: comparisons and shares', () => {
  it('a comparison adds a change % leaf after each measure, with the previous value and the change', async () => {
    const layout = await pivotOf({
      source: 'deals',
      measures: [{ op: 'sum', column: 'amount' }],
      dimensions: [{ column: 'team' }, { column: 'closed_at', grain: 'quarter' }],
      columns: ['d1'],
      compare: { to: 'previous_period' },
      filters: WON_2025,
    });
    expect(layout.measures[0]!.compare).toEqual({ previous: 'm0__previous', change: 'm0__change', change_pct: 'm0__change_pct' });
    expect(headerPaths(layout.columnTree)).toEqual([
      '2025-01-01 / m0', '2025-01-01 / Δ% m0', '2025-04-01 / m0', '2025-04-01 / Δ% m0',
      '2025-07-01 / m0', '2025-07-01 / Δ% m0', '2025-10-01 / m0', '2025-10-01 / Δ% m0',
    ]);
    const expected = await sql(`WITH q AS (SELECT team, CAST(date_trunc('quarter', closed_at) AS DATE) AS q, sum(amount) AS v
        FROM deals WHERE status = 'Won' AND closed_at >= DATE '2024-10-01' AND closed_at < DATE '2026-01-01' GROUP BY ALL)
      SELECT c.team, c.q, c.v, p.v AS prev FROM q c LEFT JOIN q p ON p.team = c.team AND p.q = c.q - INTERVAL 3 MONTH
      WHERE c.q >= DATE '2025-01-01'`);
    expect(expected.length).toBe(layout.rows.length * 4);
    for (const e of expected) {
      const row = layout.rows.find((r) => r.value === e.team)!;
      const change = cellAt(layout, row, [e.q], 'm0__change_pct')!;
      const prev = num(e.prev);
      expect(change.previous).toBeCloseTo(prev!, 6);
      expect(change.change).toBeCloseTo(num(e.v)! - prev!, 6);
      expect(change.number).toBeCloseTo((num(e.v)! - prev!) / Math.abs(prev!), 9);
      expect(change.selector).toEqual({ d0: e.team, d1: e.q });
    }
  });

  it('percent of row: a share format, each row summing to 100% across the columns', async () => {
    const layout = await pivotOf({
      source: 'deals',
      measures: [{ op: 'sum', column: 'amount', show: 'percent_of_row' }],
      dimensions: [{ column: 'team' }, { column: 'closed_at', grain: 'quarter' }],
      columns: ['d1'],
      totals: 'grand',
      filters: WON_2025,
    });
    expect(layout.measures[0]).toMatchObject({ format: 'percent', show: 'percent_of_row' });
    const shares = await sql(`SELECT team, CAST(date_trunc('quarter', closed_at) AS DATE) AS q,
        sum(amount) / sum(sum(amount)) OVER (PARTITION BY team) AS share FROM deals WHERE ${WON_2025_SQL} GROUP BY 1, 2`);
    for (const s of shares) {
      const row = layout.rows.find((r) => r.value === s.team)!;
      expect(cellAt(layout, row, [s.q], 'm0')!.number).toBeCloseTo(num(s.share)!, 9);
    }
    for (const row of layout.rows) {
      const detail = row.cells.filter((c) => c && !c.total).reduce((a, c) => a + c!.number!, 0);
      expect(detail).toBeCloseTo(1, 9);
      expect(row.cells.at(-1)!.number).toBeCloseTo(1, 12);
    }
  });
});

describe('pivot layout: a large result', () => {
  it('5,000 deal rows under their reps lay out in a blink and re-sort within each rep', async () => {
    const spec: AnalysisSpec = {
      source: 'deals',
      measures: [{ op: 'sum', column: 'amount' }],
      dimensions: [{ column: 'owner' }, { column: 'deal_id' }],
      totals: 'subtotals',
    };
    const result = await query(spec);
    const [counts] = await sql(`SELECT count(*) AS deals, count(DISTINCT owner) AS reps FROM deals`);
    const started = performance.now();
    const index = indexPivot({ reader: readArrow(result.ipc), columns: result.columns, spec });
    const layout = layoutPivot(index, { sort: { by: index.leaves[0]!.key, direction: 'desc' } });
    const elapsed = performance.now() - started;
    expect(layout.rows.length).toBe(num(counts!.deals)! + num(counts!.reps)!);
    expect(elapsed).toBeLessThan(2000);
    // Each rep's deals are sorted by amount, largest first, and stay under their rep.
    let parent: PivotRow | null = null;
    let previous = Number.POSITIVE_INFINITY;
    for (const row of layout.rows) {
      if (row.kind === 'group') {
        parent = row;
        previous = Number.POSITIVE_INFINITY;
        continue;
      }
      expect(row.parentKey).toBe(parent!.key);
      const v = row.cells[0]!.number ?? Number.NEGATIVE_INFINITY;
      expect(v).toBeLessThanOrEqual(previous);
      previous = v;
    }
  });
});

describe('flat table model', () => {
  it('lists the rows as they come, total rows marked, sortable by any column', async () => {
    const spec: AnalysisSpec = {
      source: 'deals',
      measures: [{ op: 'sum', column: 'amount' }, { op: 'count' }],
      dimensions: [{ column: 'team' }, { column: 'owner' }],
      totals: 'subtotals',
      filters: WON_2025,
    };
    const result = await query(spec);
    const table = buildFlatTable({ reader: readArrow(result.ipc), columns: result.columns, spec });
    expect(table.columns.map((c) => [c.id, c.role])).toEqual([['d0', 'dimension'], ['d1', 'dimension'], ['m0', 'measure'], ['m1', 'measure']]);
    expect(table.columns[2]!.measure!.format).toBe('currency');
    const teams = await sql(`SELECT count(DISTINCT team) AS n, count(DISTINCT owner) AS reps FROM deals WHERE ${WON_2025_SQL}`);
    expect(table.rowCount).toBe(num(teams[0]!.n)! + num(teams[0]!.reps)! + 1);
    const totals = Array.from({ length: table.rowCount }, (_, r) => r).filter((r) => table.rolledUp(r).size > 0);
    expect(totals).toHaveLength(num(teams[0]!.n)! + 1);
    const grand = totals.find((r) => table.rolledUp(r).size === 2)!;
    expect(table.selector(grand)).toEqual({});
    const team = totals.find((r) => table.rolledUp(r).size === 1)!;
    expect(Object.keys(table.selector(team))).toEqual(['d0']);

    const byCount = sortedRows(table, { column: 'm1', direction: 'desc' });
    const counts = byCount.map((r) => table.number(r, 'm1')!);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(byCount[0]).toBe(grand);
    const byOwner = sortedRows(table, { column: 'd1', direction: 'asc' });
    const owners = byOwner.map((r) => table.value(r, 'd1')).filter((v) => v !== null) as string[];
    expect(owners).toEqual([...owners].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })));
    // Rows without an owner (totals) last.
    expect(byOwner.slice(owners.length).every((r) => table.value(r, 'd1') === null)).toBe(true);
    // Ranges leave totals out.
    const [range] = await sql(`SELECT min(n) AS lo, max(n) AS hi, median(n) AS mid FROM (SELECT count(*) AS n FROM deals WHERE ${WON_2025_SQL} GROUP BY team, owner)`);
    expect(table.ranges.m1).toEqual({ min: num(range!.lo), max: num(range!.hi), median: num(range!.mid) });
    expect(sameSelector(table.selector(byCount[1]!), table.selector(byCount[1]!))).toBe(true);
  });
});

