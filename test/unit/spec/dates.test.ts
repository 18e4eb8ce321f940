// Calendar arithmetic and relative periods, against a fixed `today` (never the clock).
import { describe, expect, it } from 'vitest';
import { bucketStart, formatDay, parseDay, resolvePeriod, type CalendarOptions } from '../../../shared/spec/dates';
import type { PeriodInput } from '../../../shared/spec/types';

const cal = (fiscalYearStartMonth = 1, weekStart: 'monday' | 'sunday' = 'monday'): CalendarOptions => ({
  weekStart,
  fiscalYearStartMonth,
});
const TODAY = parseDay('2024-05-15')!; // a Wednesday

describe('relative periods resolved against 2024-05-15', () => {
  const cases: [PeriodInput, number, string, string][] = [
    ['last_complete_month', 1, '2024-04-01', '2024-05-01'],
    ['last_complete_quarter', 1, '2024-01-01', '2024-04-01'],
    // Fiscal quarters Feb-Apr, May-Jul: the current one starts 05-01.
    ['last_complete_quarter', 2, '2024-02-01', '2024-05-01'],
    ['this_month', 1, '2024-05-01', '2024-06-01'],
    ['month_to_date', 1, '2024-05-01', '2024-05-16'],
    ['quarter_to_date', 1, '2024-04-01', '2024-05-16'],
    ['quarter_to_date', 2, '2024-05-01', '2024-05-16'],
    ['year_to_date', 1, '2024-01-01', '2024-05-16'],
    ['year_to_date', 4, '2024-04-01', '2024-05-16'],
    ['year_to_date', 7, '2023-07-01', '2024-05-16'],
    // Complete days before today.
    ['last_7_days', 1, '2024-05-08', '2024-05-15'],
    ['last_30_days', 1, '2024-04-15', '2024-05-15'],
    // Twelve complete months before the current one.
    ['last_12_months', 1, '2023-05-01', '2024-05-01'],
    ['previous_year', 1, '2023-01-01', '2024-01-01'],
    ['previous_year', 7, '2022-07-01', '2023-07-01'],
    [{ from: '2024-02-01', to: '2024-03-01' }, 1, '2024-02-01', '2024-03-01'],
  ];
  for (const [period, fiscal, from, to] of cases) {
    it(`${JSON.stringify(period)} with a fiscal year from month ${fiscal} is [${from}, ${to})`, () => {
      expect(resolvePeriod(period, TODAY, cal(fiscal))).toEqual({ from, to });
    });
  }
  it('crosses a year boundary backwards', () => {
    expect(resolvePeriod('last_complete_month', parseDay('2024-01-10')!, cal())).toEqual({ from: '2023-12-01', to: '2024-01-01' });
    expect(resolvePeriod('last_complete_quarter', parseDay('2024-02-29')!, cal())).toEqual({ from: '2023-10-01', to: '2024-01-01' });
  });
});

describe('calendar', () => {
  it('starts weeks on the chosen day', () => {
    expect(formatDay(bucketStart(TODAY, 'week', cal(1, 'monday')))).toBe('2024-05-13');
    expect(formatDay(bucketStart(TODAY, 'week', cal(1, 'sunday')))).toBe('2024-05-12');
    // A Sunday is its own Sunday-start week and the last day of a Monday-start week.
    const sunday = parseDay('2024-05-12')!;
    expect(formatDay(bucketStart(sunday, 'week', cal(1, 'sunday')))).toBe('2024-05-12');
    expect(formatDay(bucketStart(sunday, 'week', cal(1, 'monday')))).toBe('2024-05-06');
  });
  it('honours the fiscal year in quarter and year buckets', () => {
    expect(formatDay(bucketStart(parseDay('2024-01-20')!, 'quarter', cal(2)))).toBe('2023-11-01');
    expect(formatDay(bucketStart(parseDay('2024-03-31')!, 'year', cal(4)))).toBe('2023-04-01');
    expect(formatDay(bucketStart(parseDay('2024-04-01')!, 'year', cal(4)))).toBe('2024-04-01');
  });
  it('refuses impossible days', () => {
    expect(parseDay('2024-02-30')).toBeNull();
    expect(parseDay('2023-02-29')).toBeNull();
    expect(parseDay('2024-02-29')).toEqual({ y: 2024, m: 2, d: 29 });
    expect(parseDay('2024-5-1')).toBeNull();
  });
});
