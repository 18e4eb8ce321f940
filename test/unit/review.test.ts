// The review pack without a database: frozen results read back as rows (formats from the KPI
// catalog, totals, Wilson intervals), compared with the previous review row by row, anonymised with
// aliases that depend on the name alone, and rendered as one self-contained HTML document in the
// chosen language, with charts drawn by the same builders as the screen (SVG).
import { tableFromArrays, tableToIPC, type Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { ResultColumn } from '../../shared/api';
import { readArrow } from '../../shared/arrow/cells';
import { createTranslator } from '../../shared/i18n';
import { Aliases, anonymiseResult, anonymiseReview } from '../../shared/review/anonymise';
import { reviewChartRenderer } from '../../shared/review/chart-svg';
import { renderReviewHtml, reviewPageHeader } from '../../shared/review/html';
import type { FrozenResult, FrozenWidget, Review } from '../../shared/review/types';
import { measureFormat, previousValues, rateColumns, resultRows, rowInterval, valueFormatter } from '../../shared/review/values';
import type { AnalysisSpec } from '../../shared/spec/types';

function result(spec: AnalysisSpec, columns: ResultColumn[], data: Record<string, unknown[]>): FrozenResult {
  const arrays: Record<string, unknown[] | Float64Array> = {};
  for (const c of columns) arrays[c.id] = c.kind === 'number' ? Float64Array.from(data[c.id] as number[]) : (data[c.id] as string[]);
  const ipc = tableToIPC(tableFromArrays(arrays as never) as unknown as Table, 'stream');
  return { spec, columns, ipc, rowCount: (data[columns[0]!.id] ?? []).length, truncated: false };
}

const col = (id: string, label: string, role: ResultColumn['role'], kind: ResultColumn['kind'] = role === 'measure' ? 'number' : 'text'): ResultColumn => ({ id, label, role, kind, type: kind === 'number' ? 'DOUBLE' : 'VARCHAR' });

const repSpec: AnalysisSpec = { source: 'deals', measures: [{ kpi: 'conversion_rate' }], dimensions: [{ role: 'owner' }] };
const repColumns = [
  col('d0', '@owner', 'dimension'),
  col('conversion_rate', 'Conversion rate', 'measure'),
  col('conversion_rate_won', 'Won', 'measure'),
  col('conversion_rate_lost', 'Lost', 'measure'),
  col('conversion_rate_closed', 'Closed', 'measure'),
];

function repWidget(values: { owner: string; won: number; lost: number }[]): FrozenWidget {
  const r = result(repSpec, repColumns, {
    d0: values.map((v) => v.owner),
    conversion_rate: values.map((v) => v.won / (v.won + v.lost)),
    conversion_rate_won: values.map((v) => v.won),
    conversion_rate_lost: values.map((v) => v.lost),
    conversion_rate_closed: values.map((v) => v.won + v.lost),
  });
  return { widgetId: 'rep-conversion', title: 'Conversion by rep', chart: 'bar', layout: { x: 0, y: 0, w: 6, h: 6 }, results: [r], ignored: [], snapshots: [{ source: 'deals', dates: ['2026-11-01'], files: ['deals.csv'] }], dimensionRoles: { d0: 'owner' } };
}

function tile(value: number, previous: number): FrozenWidget {
  const spec: AnalysisSpec = { source: 'deals', measures: [{ kpi: 'revenue_won' }] };
  const r = result(spec, [col('revenue_won', 'Revenue won', 'measure')], { revenue_won: [value] });
  return {
    widgetId: 'flash-revenue',
    title: 'Revenue won',
    chart: 'kpi',
    layout: { x: 0, y: 0, w: 3, h: 3 },
    results: [r],
    kpi: {
      query: { mode: 'buckets', valueId: 'revenue_won', timeId: 'bucket', grain: 'month', period: { from: '2026-10-01', to: '2026-11-01' }, compared: { from: '2026-09-01', to: '2026-10-01' }, compareTo: 'previous_period', sparkline: ['2026-09-01', '2026-10-01'] },
      figures: { value, previous, change: value - previous, changePct: (value - previous) / previous, sparkline: [{ bucket: '2026-09-01', value: previous }, { bucket: '2026-10-01', value }] },
    },
    ignored: [],
    snapshots: [],
    dimensionRoles: {},
  };
}

function review(id: string, period: { from: string; to: string }, widgets: FrozenWidget[], extra: Partial<Review> = {}): Review {
  return {
    id,
    name: 'Monthly business-model review',
    templateId: 'monthly-business-review',
    dashboardId: null,
    periodChoice: { period: 'custom', customPeriod: period },
    period,
    referenceDay: '2026-11-01',
    today: period.to,
    compare: 'previous_period',
    filters: { period, values: [{ field: { role: 'owner' }, values: ['Léa Dubois'] }], compare: 'previous_period' },
    sources: [{ slot: 'deals', source: 'deals', snapshot: '2026-11-01', file: 'deals.csv' }],
    createdAt: '2026-11-02T09:00:00.000Z',
    status: 'draft',
    frozenAt: null,
    widgets,
    notes: {},
    summary: '',
    actions: [],
    previousId: null,
    ...extra,
  };
}

describe('frozen results as rows', () => {
  it('formats from the KPI catalog and the roles, with Wilson intervals for rates', () => {
    expect(measureFormat(repSpec, 'conversion_rate')).toBe('percent');
    expect(measureFormat(repSpec, 'conversion_rate_won')).toBe('number');
    expect(measureFormat({ source: 's', measures: [{ kpi: 'revenue_won', id: 'rev' }] }, 'rev')).toBe('money');
    expect(measureFormat({ source: 's', measures: [{ op: 'sum', role: 'cost_amount', id: 'spend' }] }, 'spend')).toBe('money');
    expect(measureFormat({ source: 's', measures: [{ op: 'count' }] }, 'm0')).toBe('number');
    const w = repWidget([{ owner: 'Sophie Martin', won: 41, lost: 59 }]);
    const { columns, rows } = resultRows(w.results[0]!);
    expect(columns.map((c) => `${c.id}:${c.format}`)).toEqual(['d0:number', 'conversion_rate:percent', 'conversion_rate_won:number', 'conversion_rate_lost:number', 'conversion_rate_closed:number']);
    const rate = rateColumns(repSpec)[0]!;
    expect(rate).toEqual({ rate: 'conversion_rate', successes: 'conversion_rate_won', trials: 'conversion_rate_closed' });
    const ci = rowInterval(rows[0]!, rate)!;
    // Wilson 95 % for 41/100.
    expect(ci.low).toBeCloseTo(0.3187, 3);
    expect(ci.high).toBeCloseTo(0.508, 3);
  });

  it('finds the previous review\'s value of each row by its dimensions', () => {
    const before = previousValues(repWidget([{ owner: 'A', won: 1, lost: 3 }, { owner: 'B', won: 2, lost: 2 }]));
    const now = repWidget([{ owner: 'B', won: 5, lost: 5 }]);
    const { columns, rows, totals } = resultRows(now.results[0]!);
    const key = JSON.stringify([totals[0], rows[0]!.d0]);
    expect(before.get(key)).toEqual({ conversion_rate: 0.5, conversion_rate_won: 2, conversion_rate_lost: 2, conversion_rate_closed: 4 });
    expect(columns.length).toBe(5);
  });

  it('says changes the way managers read them: points for rates, shares for amounts', () => {
    const f = valueFormatter('fr-FR', 'EUR');
    expect(f.change(0.224, 0.309, 'percent')).toBe('-8,5 pts');
    expect(f.change(739254, 988937, 'money')).toBe('-25,2\u00a0%');
    expect(f.format(739254, 'money')).toBe('739\u202f254\u00a0€');
    expect(f.change(5, 0, 'number')).toBe('+5');
  });
});

describe('anonymisation', () => {
  const prefixes = { rep: 'Rep', account: 'Account', deal: 'Deal' };

  it('gives each name an alias that depends on the name alone, stable across reviews', () => {
    const a = new Aliases(prefixes);
    const b = new Aliases(prefixes);
    b.alias('owner', 'Someone Else');
    expect(a.alias('owner', 'Léa Dubois')).toBe(b.alias('owner', 'Léa Dubois'));
    expect(a.alias('owner', 'Léa Dubois')).toMatch(/^Rep [A-Z]{3}$/);
    expect(a.alias('account', 'Keller Bau GmbH')).toMatch(/^Account [A-Z]{3}$/);
    // 500 names, 500 distinct aliases.
    const many = new Set(Array.from({ length: 500 }, (_, i) => a.alias('owner', `Rep number ${i}`)));
    expect(many.size).toBe(500);
  });

  it('rewrites the frozen rows, the filters, the notes and the actions', () => {
    const w = repWidget([{ owner: 'Léa Dubois', won: 23, lost: 151 }, { owner: 'Sophie Martin', won: 102, lost: 146 }]);
    const aliases = new Aliases(prefixes);
    const anon = anonymiseResult(w.results[0]!, w.dimensionRoles, aliases);
    const rows = readArrow(anon.ipc).rows();
    expect(rows.map((r) => r.d0)).toEqual([aliases.alias('owner', 'Léa Dubois'), aliases.alias('owner', 'Sophie Martin')]);
    expect(rows.map((r) => r.conversion_rate_won)).toEqual([23, 102]);
    const r = anonymiseReview(
      review('r1', { from: '2026-10-01', to: '2026-11-01' }, [w], {
        notes: { 'rep-conversion': 'Léa Dubois converts least: pair her with Sophie Martin.' },
        actions: [{ id: 'a1', widgetId: 'rep-conversion', text: 'Coach Léa Dubois', owner: 'Sophie Martin', due: null, status: 'open', createdAt: 'now' }],
      }),
      new Aliases(prefixes),
    );
    const text = JSON.stringify({ notes: r.notes, actions: r.actions, filters: r.filters });
    expect(text).not.toContain('Léa');
    expect(text).not.toContain('Sophie');
    expect(r.notes['rep-conversion']).toBe(`${aliases.alias('owner', 'Léa Dubois')} converts least: pair her with ${aliases.alias('owner', 'Sophie Martin')}.`);
  });
});

describe('the HTML pack', () => {
  const previous = review('r0', { from: '2026-09-01', to: '2026-10-01' }, [tile(988937, 800000), repWidget([{ owner: 'Léa Dubois', won: 20, lost: 100 }])]);
  const current = review('r1', { from: '2026-10-01', to: '2026-11-01' }, [tile(739254, 988937), repWidget([{ owner: 'Léa Dubois', won: 23, lost: 151 }])], {
    previousId: 'r0',
    notes: { 'rep-conversion': 'Qualification <script>alert(1)</script> is weak' },
    summary: 'A slower month.',
    actions: [
      { id: 'a1', widgetId: 'rep-conversion', text: 'Coach on qualification', owner: 'Catherine Vasseur', due: '2026-11-30', status: 'open', createdAt: 'now', carriedFrom: { reviewId: 'r0', actionId: 'a0', period: { from: '2026-09-01', to: '2026-10-01' } } },
    ],
  });

  it('is one document: figures beside the last review, notes escaped, actions, charts as SVG, no external resource', () => {
    const t = createTranslator('en').t;
    const html = renderReviewHtml(current, previous, { t, language: 'en', locale: 'en-US', currency: 'EUR', generatedAt: '2026-11-02 10:00', renderChart: reviewChartRenderer(t, 'en-US', 'EUR') });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('October 2026');
    expect(html).toContain('Compared with the review of September 2026');
    expect(html).toContain('Last review: €988,937 <span>(-25.2%)</span>');
    // Conversion by rep: its value, last review's, and the interval.
    expect(html).toContain('13.2%');
    expect(html).toContain('Last review 16.7% · -3.4 pts');
    expect(html).toMatch(/95 % interval<\/th>/);
    expect(html).toContain('Qualification &lt;script&gt;alert(1)&lt;/script&gt; is weak');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Carried over from the review of September 2026');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/(src|href)="https?:/);
    // The role's name, not the compiler's "@owner".
    expect(html).toContain('<th class="">Owner</th>');
  });

  it('speaks the chosen language and the workspace\'s number format', () => {
    const t = createTranslator('fr').t;
    const html = renderReviewHtml(current, previous, { t, language: 'fr', locale: 'fr-FR', currency: 'EUR', generatedAt: 'x' });
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('octobre 2026');
    expect(html).toContain('Revue précédente');
    expect(html).toContain('739\u202f254\u00a0€');
    expect(reviewPageHeader(current, t, 'fr')).toContain('Monthly business-model review · octobre 2026 · owner: Léa Dubois');
  });
});
