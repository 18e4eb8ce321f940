// The Forecast section's pure parts: which sources it offers, default snapshots and closing
// periods, the waterfall steps of a movement and the bar each click opens, readings of a bias or a
// calibration gap, the commit view's figures, and the chart options (pale running period, the
// diagonal of the reliability diagram, violations marked on the stage lines).
import { describe, expect, it } from 'vitest';
import type { SourceInfo } from '../../shared/api';
import type { ForecastBasis, ForecastGroupSummary, ForecastRow, MovementResult, StageSanitySnapshot } from '../../shared/forecast/types';
import { MOVEMENT_BUCKETS } from '../../shared/forecast/types';
import { createFormats } from '../../shared/format/format';
import { CHART_THEMES } from '../../shared/charts/theme';
import { accuracyOption, calibrationOption, stageProbabilityOption } from '../../renderer/src/features/forecast/forecast-charts';
import {
  accuracyFigures,
  biasReading,
  CALIBRATED_GAP,
  defaultForecastSource,
  defaultSnapshotPair,
  forecastSources,
  gapReading,
  groupKey,
  groupRolesFor,
  groupText,
  MOVEMENT_BAR_KEYS,
  MOVEMENT_BAR_HINTS,
  movementPeriod,
  movementSteps,
  ON_TARGET_BIAS,
} from '../../renderer/src/features/forecast/forecast-model';
import { isMessageKey } from '../../shared/i18n/labels';

const snapshot = (date: string) => ({ date, file: `deals-${date}.csv`, rowCount: 10, importedAt: `${date}T08:00:00Z` });
const source = (name: string, dates: string[], roles: Record<string, string> = {}, model?: SourceInfo['model']): SourceInfo => ({
  name,
  file: `${name}.csv`,
  rowCount: 10,
  columns: [],
  importedAt: '2026-11-01T08:00:00Z',
  snapshots: dates.map(snapshot),
  roles,
  ...(model ? { model } : {}),
});

const basis: ForecastBasis = {
  source: 'pipeline',
  outcomeSource: null,
  identity: { rule: 'deal_id', roles: ['deal_id'], duplicateRows: 0 },
  outcome: { role: 'status', won: ['Won'], lost: ['Lost'] },
  probabilityScale: 100,
  stages: ['Qualification', 'Proposal', 'Negotiation'],
  stageOrderFrom: 'names',
  snapshotDates: ['2026-01-01', '2026-02-01'],
  asOf: '2026-02-01',
  filters: [],
  warnings: [],
};

describe('sources and defaults', () => {
  const sources = [
    source('deals', ['2026-11-01'], { deal_id: 'id', status: 'status', owner: 'owner' }),
    source('pipeline', ['2026-08-01', '2026-09-01', '2026-10-01'], { deal_id: 'id', stage: 'stage', owner: 'owner', team: 'team' }),
    source('quotes', ['2026-09-01', '2026-10-01'], { deal_id: 'id' }),
    source('deals (enriched)', ['2026-09-01', '2026-10-01', '2026-11-01', '2026-12-01'], { deal_id: 'id', status: 'status', segment: 'accounts.segment' }, { base: 'deals', joined: ['accounts'] }),
  ];

  it('offers the sources with two snapshots or more, enriched models left out, the most snapshots first', () => {
    expect(forecastSources(sources).map((s) => s.name)).toEqual(['pipeline', 'quotes']);
    expect(defaultForecastSource(sources)?.name).toBe('pipeline');
    expect(defaultForecastSource([sources[0]!])).toBeNull();
  });

  it('compares the last two snapshots first', () => {
    expect(defaultSnapshotPair(['2026-08-01', '2026-09-01', '2026-10-01'])).toEqual({ from: '2026-09-01', to: '2026-10-01' });
    expect(defaultSnapshotPair(['2026-08-01'])).toBeNull();
  });

  it('breaks down by the roles of the source and of the deals sources beside it', () => {
    // segment comes from the enriched deals, owner and team from the snapshots; quotes (no status nor stage) add nothing.
    expect(groupRolesFor(sources[1]!, sources)).toEqual(['owner', 'team', 'segment']);
  });
});

describe('closing periods', () => {
  it('the month or the quarter holding the later snapshot, or two dates', () => {
    expect(movementPeriod('all', '2026-11-15', { from: '', to: '' })).toBeNull();
    expect(movementPeriod('month', '2026-11-15', { from: '', to: '' })).toEqual({ from: '2026-11-01', to: '2026-12-01' });
    expect(movementPeriod('month', '2026-12-01', { from: '', to: '' })).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(movementPeriod('quarter', '2026-11-15', { from: '', to: '' })).toEqual({ from: '2026-10-01', to: '2027-01-01' });
    expect(movementPeriod('quarter', '2026-01-01', { from: '', to: '' })).toEqual({ from: '2026-01-01', to: '2026-04-01' });
    expect(movementPeriod('custom', '2026-11-01', { from: '2026-07-01', to: '2026-10-01' })).toEqual({ from: '2026-07-01', to: '2026-10-01' });
    expect(movementPeriod('custom', '2026-11-01', { from: '2026-10-01', to: '2026-07-01' })).toBeNull();
    expect(movementPeriod('custom', '2026-11-01', { from: '2026-07-01', to: '' })).toBeNull();
  });
});

describe('movement waterfall', () => {
  const amounts: Record<string, [number, number]> = { new: [500, 4], increased: [120, 2], decreased: [-80, 1], won: [-300, 3], lost: [-200, 2] };
  const buckets = MOVEMENT_BUCKETS.map((id) => ({ id, amount: amounts[id]?.[0] ?? 0, deals: amounts[id]?.[1] ?? 0 }));
  const start = 1000;
  const end = start + buckets.reduce((s, b) => s + b.amount, 0);
  const result: MovementResult = {
    basis,
    from: '2026-01-01',
    to: '2026-02-01',
    period: null,
    start: { id: 'start', amount: start, deals: 10 },
    buckets,
    end: { id: 'end', amount: end, deals: 9 },
    wonAmount: 310,
  };

  it('steps from the start to the end, empty buckets left out, each step naming the bar it opens', () => {
    const { steps, bars } = movementSteps(result, (id) => `label:${id}`);
    expect(bars).toEqual(['start', 'new', 'increased', 'decreased', 'won', 'lost', 'end']);
    expect(steps.map((s) => s.label)).toEqual(bars.map((b) => `label:${b}`));
    expect(steps[0]).toEqual({ label: 'label:start', value: start, kind: 'start' });
    expect(steps.at(-1)).toEqual({ label: 'label:end', value: end, kind: 'end' });
    // The deltas carry the buckets' signed amounts and land on the end.
    expect(start + steps.filter((s) => s.kind === 'delta').reduce((n, s) => n + s.value, 0)).toBe(end);
  });

  it('names and explains every bar', () => {
    for (const id of ['start', ...MOVEMENT_BUCKETS, 'end'] as const) {
      expect(isMessageKey(MOVEMENT_BAR_KEYS[id])).toBe(true);
      expect(isMessageKey(MOVEMENT_BAR_HINTS[id])).toBe(true);
    }
  });
});

describe('readings', () => {
  it('reads a bias as optimistic, sandbagging or on target', () => {
    expect(biasReading(0.12)).toBe('over');
    expect(biasReading(-0.12)).toBe('under');
    expect(biasReading(ON_TARGET_BIAS / 2)).toBe('onTarget');
    expect(biasReading(-ON_TARGET_BIAS / 2)).toBe('onTarget');
    expect(biasReading(null)).toBe('unknown');
    expect(gapReading(0.159)).toBe('over');
    expect(gapReading(-0.084)).toBe('under');
    expect(gapReading(CALIBRATED_GAP / 3)).toBe('onTarget');
  });

  it('names groups by their values, the empty one in words', () => {
    expect(groupText({ owner: 'Chloé Petit' }, ['owner'], '(empty)')).toBe('Chloé Petit');
    expect(groupText({ team: 'SMB', segment: null }, ['team', 'segment'], '(empty)')).toBe('SMB · (empty)');
    expect(groupKey({ a: '1', b: null })).toBe(groupKey({ b: null, a: '1' }));
  });
});

describe('commit view figures', () => {
  const row = (period: string, group: Record<string, string>, commit: number, actual: number): ForecastRow => ({
    period,
    group,
    total: Object.keys(group).length === 0,
    forecastDeals: 5,
    pipeline: commit * 2,
    weighted: commit * 1.5,
    commitDeals: 2,
    commit,
    wonDeals: 1,
    actual,
    actualFromForecast: actual,
    error: commit * 1.5 - actual,
    commitError: commit - actual,
    errorRatio: actual ? (commit * 1.5 - actual) / actual : null,
  });
  const rows = [row('2026-01-01', { owner: 'A' }, 100, 80), row('2026-02-01', { owner: 'A' }, 50, 90), row('2026-03-01', { owner: 'A' }, 70, 10)];
  const complete = new Set(['2026-01-01', '2026-02-01']);
  const done = rows.filter((r) => complete.has(r.period));
  const summary: ForecastGroupSummary = {
    group: { owner: 'A' },
    total: false,
    periods: 2,
    weighted: done.reduce((s, r) => s + r.weighted, 0),
    commit: done.reduce((s, r) => s + r.commit, 0),
    actual: done.reduce((s, r) => s + r.actual, 0),
    error: done.reduce((s, r) => s + r.error, 0),
    bias: done.reduce((s, r) => s + r.error, 0) / done.reduce((s, r) => s + r.actual, 0),
    commitBias: done.reduce((s, r) => s + r.commitError, 0) / done.reduce((s, r) => s + r.actual, 0),
    meanAbsError: done.reduce((s, r) => s + Math.abs(r.error), 0) / done.length,
    meanAbsErrorRatio: null,
  };

  it('the weighted view is the engine’s summary', () => {
    const f = accuracyFigures(summary, 'weighted', rows, complete);
    expect(f).toEqual({ forecast: summary.weighted, actual: summary.actual, error: summary.error, bias: summary.bias, meanAbsError: summary.meanAbsError });
  });

  it('the commit view sums its error over the complete periods only', () => {
    const f = accuracyFigures(summary, 'commit', rows, complete);
    expect(f.forecast).toBe(summary.commit);
    expect(f.error).toBe(summary.commit - summary.actual);
    expect(f.bias).toBe(summary.commitBias);
    expect(f.meanAbsError).toBe(done.reduce((s, r) => s + Math.abs(r.commitError), 0) / done.length);
  });
});

describe('chart options', () => {
  const formats = createFormats({ locale: 'en-US', currency: 'EUR' });
  const theme = CHART_THEMES.light;

  it('forecast vs won: won as bars (a running period pale), the forecast as a line', () => {
    const points = [
      { label: 'Jan 2026', forecast: 120, actual: 100, complete: true, snapshot: 'Jan 1, 2026' },
      { label: 'Feb 2026', forecast: 90, actual: 20, complete: false, snapshot: 'Feb 1, 2026' },
    ];
    const option = accuracyOption(points, theme, formats, { forecast: 'Forecast', actual: 'Won', error: 'Error', partial: 'running', snapshot: 'Snapshot' });
    const series = option.series as { type: string; data: unknown[] }[];
    expect(series.map((s) => s.type)).toEqual(['bar', 'line']);
    expect(series[1]!.data).toEqual(points.map((p) => p.forecast));
    const bars = series[0]!.data as { value: number; itemStyle: { color: string } }[];
    expect(bars.map((b) => b.value)).toEqual(points.map((p) => p.actual));
    expect(bars[0]!.itemStyle.color).toBe(theme.palette[1]);
    expect(bars[1]!.itemStyle.color).not.toBe(theme.palette[1]);
  });

  it('reliability diagram: the diagonal, then a point per bucket with observations', () => {
    const bucket = (from: number, count: number, won: number) => ({
      from,
      to: from + 0.5,
      count,
      won,
      lost: count - won,
      meanProbability: count ? from + 0.25 : null,
      winRate: count ? won / count : null,
      low: null,
      high: null,
    });
    const option = calibrationOption([{ name: 'Total', buckets: [bucket(0, 10, 2), bucket(0.5, 0, 0)] }], theme, formats, {
      probability: 'Probability',
      winRate: 'Share won',
      perfect: 'Right',
      observations: (n) => `${n}`,
      interval: 'Range',
      bucket: 'Bucket',
    });
    const series = option.series as { name: string; data: unknown[] }[];
    expect(series[0]!.data).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(series[1]!.data).toHaveLength(1);
    expect((series[1]!.data[0] as { value: number[] }).value).toEqual([0.25, 0.2]);
  });

  it('stage lines: a stage below an earlier one is marked', () => {
    const snapshots: StageSanitySnapshot[] = [
      {
        date: '2026-01-01',
        stages: [
          { stage: 'Qualification', deals: 4, meanProbability: 0.3 },
          { stage: 'Proposal', deals: 3, meanProbability: 0.2 },
        ],
        rising: false,
        violations: [{ stage: 'Proposal', previousStage: 'Qualification', meanProbability: 0.2, previousMeanProbability: 0.3 }],
      },
      {
        date: '2026-02-01',
        stages: [
          { stage: 'Qualification', deals: 4, meanProbability: 0.2 },
          { stage: 'Proposal', deals: 3, meanProbability: 0.6 },
        ],
        rising: true,
        violations: [],
      },
    ];
    const option = stageProbabilityOption(['Qualification', 'Proposal'], snapshots, theme, formats, { date: (d) => d, violation: 'below', deals: (n) => `${n}` });
    const series = option.series as { name: string; data: unknown[] }[];
    expect(series.map((s) => s.name)).toEqual(['Qualification', 'Proposal']);
    expect(series[0]!.data).toEqual([0.3, 0.2]);
    const marked = series[1]!.data[0] as { value: number; itemStyle: { color: string } };
    expect(marked.value).toBe(0.2);
    expect(marked.itemStyle.color).toBe(theme.bad);
    expect(series[1]!.data[1]).toBe(0.6);
  });
});
