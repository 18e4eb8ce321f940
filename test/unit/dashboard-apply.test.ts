// The filter bar and cross-filters applied to widgets, and how KPI tiles are queried: pure.
import { describe, expect, it } from 'vitest';
import {
  alignedGrain,
  comparedRange,
  kpiTileSpec,
  readKpiTile,
  widgetQuerySpec,
  type SourceLike,
} from '../../shared/dashboard/apply';
import { parseDashboard } from '../../shared/dashboard/schema';
import type { CrossFilter, DashboardFilterBar, Widget } from '../../shared/dashboard/types';
import { parseSpec } from '../../shared/spec/schema';

const deals: SourceLike = {
  name: 'deals',
  columns: [
    { name: 'owner', type: 'VARCHAR' },
    { name: 'stage', type: 'VARCHAR' },
    { name: 'amount', type: 'DOUBLE' },
    { name: 'created_at', type: 'DATE' },
    { name: 'closed_at', type: 'DATE' },
    { name: 'note_date', type: 'VARCHAR' },
  ],
  roles: { owner: 'owner', stage: 'stage', amount: 'amount', created_at: 'created_at', closed_at: 'closed_at' },
};

const leads: SourceLike = {
  name: 'leads',
  columns: [
    { name: 'owner', kind: 'text' },
    { name: 'created', kind: 'timestamp' },
  ],
  roles: { owner: 'owner', created_at: 'created' },
};

const enrichedActivities: SourceLike = {
  name: 'activities (enriched)',
  columns: [
    { name: 'owner', type: 'VARCHAR' },
    { name: 'activity_at', type: 'TIMESTAMP' },
    { name: 'accounts.segment', type: 'VARCHAR' },
    { name: 'deals.closed_at', type: 'DATE' },
  ],
  roles: { owner: 'owner', activity_at: 'activity_at', segment: 'accounts.segment', closed_at: 'deals.closed_at' },
  model: { base: 'activities', joined: ['accounts', 'deals'] },
};

const widget = (over: Partial<Widget> = {}): Widget => ({
  id: 'w1',
  title: 'Revenue by month',
  chart: 'line',
  spec: {
    source: 'deals',
    measures: [{ id: 'revenue', op: 'sum', role: 'amount' }],
    dimensions: [{ id: 'month', role: 'closed_at', grain: 'month' }],
    filters: [{ column: 'stage', op: 'neq', values: ['Lost'] }],
  },
  layout: { x: 0, y: 0, w: 6, h: 4 },
  ...over,
});

const bar = (over: Partial<DashboardFilterBar> = {}): DashboardFilterBar => ({ period: null, values: [], compare: null, ...over });

describe('widgetQuerySpec', () => {
  it('ANDs the period (on closed_at by default) and the value filters to the widget\'s own filters', () => {
    const w = widget({ spec: { ...widget().spec, filter: { column: 'amount', op: 'gt', values: [0] } } });
    const before = JSON.stringify(w);
    const q = widgetQuerySpec(
      w,
      bar({
        period: 'last_complete_quarter',
        values: [
          { field: { role: 'owner' }, values: ['Ann', 'Bob'] },
          { field: { role: 'stage' }, values: [] },
          { field: { source: 'deals', column: 'stage' }, values: ['Won', null] },
        ],
      }),
      [],
      deals,
    );
    expect(q.ignored).toEqual([]);
    expect(q.periodColumn).toBe('closed_at');
    expect(q.spec.filters).toEqual(w.spec.filters);
    expect(q.spec.filter).toEqual({
      and: [
        { column: 'amount', op: 'gt', values: [0] },
        { role: 'closed_at', op: 'in_period', period: 'last_complete_quarter' },
        { role: 'owner', op: 'in', values: ['Ann', 'Bob'] },
        { column: 'stage', op: 'in', values: ['Won', null] },
      ],
    });
    expect(JSON.stringify(w)).toBe(before);
    expect(parseSpec(q.spec).ok).toBe(true);
  });

  it('lists the filters a source cannot take, with why', () => {
    const q = widgetQuerySpec(
      widget({ spec: { source: 'leads', measures: [{ op: 'count' }] } }),
      bar({
        period: { from: '2026-01-01', to: '2026-04-01' },
        values: [
          { field: { role: 'segment' }, values: ['SMB'] },
          { field: { source: 'deals', column: 'stage' }, values: ['Won'] },
          { field: { source: 'leads', column: 'status' }, values: ['New'] },
          { field: { role: 'owner' }, values: ['Ann'] },
        ],
        compare: 'previous_period',
      }),
      [],
      leads,
    );
    // No closed_at: the period falls back to created_at.
    expect(q.periodColumn).toBe('created');
    expect(q.spec.filter).toEqual({
      and: [
        { role: 'created_at', op: 'in_period', period: { from: '2026-01-01', to: '2026-04-01' } },
        { role: 'owner', op: 'in', values: ['Ann'] },
      ],
    });
    expect(q.ignored).toEqual([
      { kind: 'value', field: { role: 'segment' }, reason: 'role_not_mapped' },
      { kind: 'value', field: { source: 'deals', column: 'stage' }, reason: 'other_source' },
      { kind: 'value', field: { source: 'leads', column: 'status' }, reason: 'no_such_column' },
      { kind: 'compare', field: null, reason: 'no_time_dimension' },
    ]);
    expect(q.spec.compare).toBeUndefined();
  });

  it('a named period field is never swapped for another; null opts a widget out', () => {
    const onExpected = bar({ period: 'this_month', periodField: { role: 'expected_close_at' } });
    const q = widgetQuerySpec(widget(), onExpected, [], deals);
    expect(q.spec.filter).toBeUndefined();
    expect(q.ignored).toEqual([{ kind: 'period', field: { role: 'expected_close_at' }, reason: 'role_not_mapped' }]);

    const text = widgetQuerySpec(widget({ periodField: { source: 'deals', column: 'note_date' } }), bar({ period: 'this_month' }), [], deals);
    expect(text.ignored).toEqual([{ kind: 'period', field: { source: 'deals', column: 'note_date' }, reason: 'not_a_date' }]);

    // The widget's own field wins over the bar's.
    const created = widgetQuerySpec(widget({ periodField: { role: 'created_at' } }), onExpected, [], deals);
    expect(created.spec.filter).toEqual({ and: [{ role: 'created_at', op: 'in_period', period: 'this_month' }] });
    expect(created.periodColumn).toBe('created_at');

    const optedOut = widgetQuerySpec(widget({ periodField: null }), bar({ period: 'this_month' }), [], deals);
    expect(optedOut.spec.filter).toBeUndefined();
    expect(optedOut.ignored).toEqual([]);
    expect(optedOut.periodColumn).toBeNull();

    const none = widgetQuerySpec(
      widget({ spec: { source: 'targets', measures: [{ op: 'count' }] } }),
      bar({ period: 'this_month' }),
      [],
      { name: 'targets', columns: [{ name: 'month', type: 'VARCHAR' }], roles: { target_period: 'month' } },
    );
    expect(none.ignored).toEqual([{ kind: 'period', field: null, reason: 'no_date_field' }]);
  });

  it('on an enriched model: the source\'s own date first, and columns of the base or of a joined source', () => {
    const q = widgetQuerySpec(
      widget({ spec: { source: 'activities (enriched)', measures: [{ op: 'count' }] } }),
      bar({
        period: 'last_30_days',
        values: [
          { field: { source: 'accounts', column: 'segment' }, values: ['Enterprise'] },
          { field: { source: 'activities', column: 'owner' }, values: ['Ann'] },
          { field: { source: 'reps', column: 'team' }, values: ['SMB'] },
        ],
      }),
      [],
      enrichedActivities,
    );
    expect(q.periodColumn).toBe('activity_at');
    expect(q.spec.filter).toEqual({
      and: [
        { role: 'activity_at', op: 'in_period', period: 'last_30_days' },
        { column: 'accounts.segment', op: 'in', values: ['Enterprise'] },
        { column: 'owner', op: 'in', values: ['Ann'] },
      ],
    });
    expect(q.ignored).toEqual([{ kind: 'value', field: { source: 'reps', column: 'team' }, reason: 'other_source' }]);
  });

  it('applies the cross-filters of other widgets, not the widget\'s own', () => {
    const cross: CrossFilter[] = [
      { fromWidget: 'w1', field: { role: 'owner' }, values: ['Ann'], label: 'Rep: Ann' },
      { fromWidget: 'w2', field: { role: 'stage' }, values: ['Won'], label: 'Stage: Won' },
      { fromWidget: 'w3', field: { role: 'closed_at' }, values: ['2026-01-01', '2026-03-01', null], label: 'Months', grain: 'month' },
      { fromWidget: 'w4', field: { role: 'segment' }, values: ['SMB'], label: 'Segment: SMB' },
    ];
    const q = widgetQuerySpec(widget(), bar(), cross, deals);
    expect(q.spec.filter).toEqual({
      and: [
        { role: 'stage', op: 'in', values: ['Won'] },
        {
          or: [
            { role: 'closed_at', op: 'in_period', period: { from: '2026-01-01', to: '2026-02-01' } },
            { role: 'closed_at', op: 'in_period', period: { from: '2026-03-01', to: '2026-04-01' } },
            { role: 'closed_at', op: 'is_null' },
          ],
        },
      ],
    });
    expect(q.ignored).toEqual([{ kind: 'cross', field: { role: 'segment' }, reason: 'role_not_mapped', fromWidget: 'w4' }]);
    // Widget w2 is filtered by w1's selection but not by its own.
    const w2 = widgetQuerySpec(widget({ id: 'w2' }), bar(), cross.slice(0, 2), deals);
    expect(w2.spec.filter).toEqual({ and: [{ role: 'owner', op: 'in', values: ['Ann'] }] });
    expect(parseSpec(q.spec).ok).toBe(true);
  });

  it('the comparison toggle sets compare on time widgets (keeping their axis), not with totals', () => {
    const q = widgetQuerySpec(widget(), bar({ compare: 'same_period_last_year' }), [], deals);
    expect(q.spec.compare).toEqual({ to: 'same_period_last_year' });
    const along = widgetQuerySpec(
      widget({ spec: { ...widget().spec, compare: { to: 'previous_period', along: 'month' } } }),
      bar({ compare: 'same_period_last_year' }),
      [],
      deals,
    );
    expect(along.spec.compare).toEqual({ to: 'same_period_last_year', along: 'month' });
    const totals = widgetQuerySpec(widget({ spec: { ...widget().spec, totals: 'grand' } }), bar({ compare: 'previous_period' }), [], deals);
    expect(totals.spec.compare).toBeUndefined();
    expect(totals.ignored).toEqual([{ kind: 'compare', field: null, reason: 'totals' }]);
    // Toggle off: the widget's own comparison stays.
    const own = widget({ spec: { ...widget().spec, compare: { to: 'previous_period' } } });
    expect(widgetQuerySpec(own, bar(), [], deals).spec.compare).toEqual({ to: 'previous_period' });
  });
});

describe('kpiTileSpec', () => {
  const tile = widget({
    id: 'k1',
    chart: 'kpi',
    spec: { source: 'deals', measures: [{ id: 'revenue', op: 'sum', role: 'amount' }], dimensions: [{ column: 'owner' }], sort: [{ by: 'revenue' }], limit: 3 },
  });
  const today = '2026-11-22';

  it('a period that is one bucket: one spec over the last N buckets, compared bucket by bucket', () => {
    const q = kpiTileSpec(tile, bar({ period: 'last_complete_month', values: [{ field: { role: 'owner' }, values: ['Ann'] }] }), [], deals, { today });
    expect(q.mode).toBe('buckets');
    expect(q.grain).toBe('month');
    expect(q.period).toEqual({ from: '2026-10-01', to: '2026-11-01' });
    expect(q.compared).toEqual({ from: '2026-09-01', to: '2026-10-01' });
    expect(q.specs).toEqual([
      {
        source: 'deals',
        measures: [{ id: 'revenue', op: 'sum', role: 'amount' }],
        filter: {
          and: [
            { role: 'owner', op: 'in', values: ['Ann'] },
            { role: 'closed_at', op: 'in_period', period: { from: '2025-11-01', to: '2026-11-01' } },
          ],
        },
        dimensions: [{ id: 'bucket', role: 'closed_at', grain: 'month' }],
        compare: { to: 'previous_period', along: 'bucket' },
        sort: [{ by: 'bucket', direction: 'asc' }],
        limit: 12,
      },
    ]);
    expect(q.sparkline).toHaveLength(12);
    expect(q.sparkline[0]).toBe('2025-11-01');
    expect(q.sparkline.at(-1)).toBe('2026-10-01');
    expect(parseSpec(q.specs[0]).ok).toBe(true);
  });

  it('to-date periods compare like for like; the toggle picks the comparison', () => {
    const mtd = kpiTileSpec(tile, bar({ period: 'month_to_date' }), [], deals, { today });
    expect(mtd.mode).toBe('buckets');
    expect(mtd.period).toEqual({ from: '2026-11-01', to: '2026-11-23' });
    expect(mtd.compared).toEqual({ from: '2026-10-01', to: '2026-10-23' });
    const ytd = kpiTileSpec(tile, bar({ period: 'year_to_date', compare: 'same_period_last_year' }), [], deals, { today });
    expect(ytd.grain).toBe('year');
    expect(ytd.compared).toEqual({ from: '2025-01-01', to: '2025-11-23' });
    expect(ytd.specs[0]!.compare).toEqual({ to: 'same_period_last_year', along: 'bucket' });
    expect(ytd.sparkline).toEqual(['2022-01-01', '2023-01-01', '2024-01-01', '2025-01-01', '2026-01-01']);
    // A week (Monday 2026-11-16) vs the same week last year: 364 days earlier, a Monday too.
    const week = kpiTileSpec(tile, bar({ period: { from: '2026-11-16', to: '2026-11-23' }, compare: 'same_period_last_year' }), [], deals, { today, buckets: 4 });
    expect(week.grain).toBe('week');
    expect(week.compared).toEqual({ from: '2025-11-17', to: '2025-11-24' });
    expect(week.sparkline).toEqual(['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16']);
  });

  it('any other period: the figure, the compared range and a trend, as three specs', () => {
    const q = kpiTileSpec(tile, bar({ period: 'last_30_days' }), [], deals, { today });
    expect(q.mode).toBe('range');
    expect(q.period).toEqual({ from: '2026-10-23', to: '2026-11-22' });
    expect(q.compared).toEqual({ from: '2026-09-23', to: '2026-10-23' });
    expect(q.grain).toBe('day');
    expect(q.sparkline).toHaveLength(30);
    expect(q.specs).toHaveLength(3);
    expect(q.specs[0]!.dimensions).toBeUndefined();
    expect(q.specs[1]!.filter).toEqual({ and: [{ role: 'closed_at', op: 'in_period', period: { from: '2026-09-23', to: '2026-10-23' } }] });
    expect(q.specs[2]!.dimensions).toEqual([{ id: 'bucket', role: 'closed_at', grain: 'day' }]);
    for (const s of q.specs) expect(parseSpec(s).ok).toBe(true);

    const year = kpiTileSpec(tile, bar({ period: 'last_12_months' }), [], deals, { today });
    expect(year.mode).toBe('range');
    expect(year.compared).toEqual({ from: '2024-11-01', to: '2025-11-01' });
    expect(year.grain).toBe('month');
    expect(year.sparkline).toHaveLength(12);
  });

  it('no period, or no date field: the value alone', () => {
    const q = kpiTileSpec(tile, bar(), [], deals, { today });
    expect(q.mode).toBe('total');
    expect(q.specs).toEqual([{ source: 'deals', measures: [{ id: 'revenue', op: 'sum', role: 'amount' }] }]);
    const noDate = kpiTileSpec({ ...tile, periodField: { role: 'expected_close_at' } }, bar({ period: 'this_month' }), [], deals, { today });
    expect(noDate.mode).toBe('total');
    expect(noDate.ignored).toEqual([{ kind: 'period', field: { role: 'expected_close_at' }, reason: 'role_not_mapped' }]);
  });

  it('reads the figures', () => {
    const q = kpiTileSpec(tile, bar({ period: 'last_complete_month' }), [], deals, { today, buckets: 3 });
    const figures = readKpiTile(q, [
      [
        { bucket: '2026-08-01', revenue: 5, revenue__previous: null, revenue__change: null, revenue__change_pct: null },
        { bucket: '2026-10-01', revenue: 12, revenue__previous: 8, revenue__change: 4, revenue__change_pct: 0.5 },
      ],
    ]);
    expect(figures).toEqual({
      value: 12,
      previous: 8,
      change: 4,
      changePct: 0.5,
      sparkline: [
        { bucket: '2026-08-01', value: 5 },
        { bucket: '2026-09-01', value: null },
        { bucket: '2026-10-01', value: 12 },
      ],
    });
    const r = kpiTileSpec(tile, bar({ period: { from: '2026-11-03', to: '2026-11-06' } }), [], deals, { today });
    expect(r.mode).toBe('range');
    expect(readKpiTile(r, [[{ revenue: 30 }], [{ revenue: -20 }], [{ bucket: '2026-11-04', revenue: 30 }]])).toEqual({
      value: 30,
      previous: -20,
      change: 50,
      changePct: 2.5,
      sparkline: [
        { bucket: '2026-11-03', value: null },
        { bucket: '2026-11-04', value: 30 },
        { bucket: '2026-11-05', value: null },
      ],
    });
    expect(readKpiTile(r, [[{ revenue: 30 }], [{ revenue: 0 }], []]).changePct).toBeNull();
  });
});

describe('period helpers', () => {
  const cal = { weekStart: 'monday' as const, fiscalYearStartMonth: 1 };
  it('alignedGrain: the smallest bucket starting at the period\'s start that holds it', () => {
    expect(alignedGrain({ from: '2026-11-22', to: '2026-11-23' }, cal)).toBe('day');
    expect(alignedGrain({ from: '2026-11-16', to: '2026-11-20' }, cal)).toBe('week');
    expect(alignedGrain({ from: '2026-04-01', to: '2026-07-01' }, cal)).toBe('quarter');
    expect(alignedGrain({ from: '2026-04-01', to: '2026-07-01' }, { ...cal, fiscalYearStartMonth: 2 })).toBe(null);
    expect(alignedGrain({ from: '2026-01-15', to: '2026-02-01' }, cal)).toBe(null);
    expect(alignedGrain({ from: '2026-02-01', to: '2026-02-01' }, cal)).toBe(null);
  });
  it('comparedRange: whole months by months, else by days; last year by 12 months', () => {
    expect(comparedRange({ from: '2026-02-01', to: '2026-04-01' }, 'previous_period')).toEqual({ from: '2025-12-01', to: '2026-02-01' });
    expect(comparedRange({ from: '2026-03-10', to: '2026-03-20' }, 'previous_period')).toEqual({ from: '2026-02-28', to: '2026-03-10' });
    expect(comparedRange({ from: '2024-02-29', to: '2024-03-31' }, 'same_period_last_year')).toEqual({ from: '2023-02-28', to: '2023-03-31' });
  });
});

describe('dashboard schema', () => {
  it('accepts a document with its widgets and names the first bad field', () => {
    const doc = { id: 'd1', name: 'Sales', widgets: [widget()], filters: bar({ period: 'this_month', compare: 'previous_period' }), updatedAt: '' };
    expect(parseDashboard(doc).ok).toBe(true);
    const bad = parseDashboard({ ...doc, widgets: [{ ...widget(), layout: { x: 0, y: 0, w: 13, h: 4 } }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.location?.field).toBe('widgets.0.layout.w');
    const badSpec = parseDashboard({ ...doc, widgets: [{ ...widget(), spec: { source: 'deals', measures: [] } }] });
    expect(badSpec.ok).toBe(false);
    if (!badSpec.ok) expect(badSpec.error.location?.field).toBe('widgets.0.spec.measures');
    const tooManyValues = parseDashboard({ ...doc, filters: bar({ values: [{ field: { role: 'owner' }, values: Array.from({ length: 1001 }, (_, i) => i) }] }) });
    expect(tooManyValues.ok).toBe(false);
  });
});
