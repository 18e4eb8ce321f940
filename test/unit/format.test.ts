// Locale- and currency-aware formatting (renderer/src/ui/format.ts), per workspace locale. The
// expectations are the real Intl output of Node's ICU; separators are spelled out: NNBSP is the
// narrow no-break space (U+202F) fr-FR groups thousands with, NBSP the no-break space (U+00A0).
import { describe, expect, it } from 'vitest';
import { NUMBER_LOCALES } from '../../shared/dashboard/types';
import { createFormats, formatBucket, formatCompact, formatNumber, formatPercent } from '../../renderer/src/ui/format';

const NNBSP = '\u202f';
const NBSP = '\u00a0';
const MAR_2025 = Date.UTC(2025, 2, 1);

describe('createFormats: numbers', () => {
  it('en-US groups with commas, compact with K/M', () => {
    const f = createFormats({ locale: 'en-US', currency: 'USD' });
    expect(f.number(1234567.891)).toBe('1,234,567.89');
    expect(f.number(0.00421)).toBe('0.00421');
    expect(f.integer(1234.4)).toBe('1,234');
    expect(f.compact(12500)).toBe('12.5K');
    expect(f.compact(1_250_000)).toBe('1.3M');
    expect(f.compact(950)).toBe('950');
    expect(f.number(null)).toBe('');
    expect(f.number(Number.NaN)).toBe('');
  });

  it('en-GB uses lower-case compact suffixes', () => {
    const f = createFormats({ locale: 'en-GB', currency: 'GBP' });
    expect(f.compact(12500)).toBe('12.5k');
    expect(f.compact(1_250_000)).toBe('1.3m');
  });

  it('fr-FR groups thousands with a narrow no-break space and a decimal comma', () => {
    const f = createFormats({ locale: 'fr-FR', currency: 'EUR' });
    // The separator is what Intl itself gives for the group part.
    const group = new Intl.NumberFormat('fr-FR').formatToParts(1234567).find((p) => p.type === 'group')?.value;
    expect(group).toBe(NNBSP);
    expect(f.number(1234567.891)).toBe(`1${NNBSP}234${NNBSP}567,89`);
    expect(f.compact(12500)).toBe(`12,5${NBSP}k`);
    expect(f.compact(1_250_000)).toBe(`1,3${NBSP}M`);
  });

  it('nl-NL and de-DE group with dots; de-DE has no short form for thousands', () => {
    const nl = createFormats({ locale: 'nl-NL' });
    const de = createFormats({ locale: 'de-DE' });
    expect(nl.number(1234567.891)).toBe('1.234.567,89');
    expect(nl.compact(12500)).toBe('12,5K');
    expect(de.number(1234567.891)).toBe('1.234.567,89');
    expect(de.compact(12500)).toBe('12.500');
    expect(de.compact(1_300_000)).toBe(`1,3${NBSP}Mio.`);
  });

  it('lines a column of figures up with fixed decimals in the locale', () => {
    expect(createFormats({ locale: 'en-US' }).fixed(2)(3406137.1)).toBe('3,406,137.10');
    expect(createFormats({ locale: 'de-DE' }).fixed(2)(3406137.1)).toBe('3.406.137,10');
    expect(createFormats({ locale: 'fr-FR' }).fixed(0)(22500)).toBe(`22${NNBSP}500`);
  });
});

describe('createFormats: money', () => {
  it('puts the currency where each locale puts it, cents only when there are cents', () => {
    expect(createFormats({ locale: 'en-US', currency: 'EUR' }).currency(1234.5)).toBe('€1,234.50');
    expect(createFormats({ locale: 'en-US', currency: 'EUR' }).currency(22500)).toBe('€22,500');
    expect(createFormats({ locale: 'en-GB', currency: 'GBP' }).currency(99.5)).toBe('£99.50');
    expect(createFormats({ locale: 'fr-FR', currency: 'EUR' }).currency(1234.5)).toBe(`1${NNBSP}234,50${NBSP}€`);
    expect(createFormats({ locale: 'nl-NL', currency: 'EUR' }).currency(1234.5)).toBe(`€${NBSP}1.234,50`);
    expect(createFormats({ locale: 'de-DE', currency: 'EUR' }).currency(22500)).toBe(`22.500${NBSP}€`);
    // One currency per workspace: the narrow sign, not "US$" or "$US".
    expect(createFormats({ locale: 'fr-FR', currency: 'USD' }).currency(3)).toBe(`3${NBSP}$`);
    expect(createFormats({ locale: 'en-GB', currency: 'USD' }).currency(3)).toBe('$3');
    expect(createFormats({ locale: 'de-DE', currency: 'CHF' }).currency(3)).toBe(`3${NBSP}CHF`);
  });

  it('shortens amounts for axes and tiles', () => {
    expect(createFormats({ locale: 'en-US', currency: 'EUR' }).compactCurrency(12500)).toBe('€12.5K');
    expect(createFormats({ locale: 'fr-FR', currency: 'EUR' }).compactCurrency(12500)).toBe(`12,5${NBSP}k${NBSP}€`);
    expect(createFormats({ locale: 'nl-NL', currency: 'EUR' }).compactCurrency(12500)).toBe(`€${NBSP}12,5K`);
    expect(createFormats({ locale: 'de-DE', currency: 'EUR' }).compactCurrency(12500)).toBe(`12.500${NBSP}€`);
    expect(createFormats({ locale: 'de-DE', currency: 'CHF' }).compactCurrency(1_300_000)).toBe(`1,3${NBSP}Mio.${NBSP}CHF`);
    // Below a thousand there is nothing to shorten.
    expect(createFormats({ locale: 'en-US', currency: 'USD' }).compactCurrency(999)).toBe('$999');
  });

  it('signs changes', () => {
    expect(createFormats({ locale: 'en-US', currency: 'EUR' }).signedCurrency(1250)).toBe('+€1,250');
    expect(createFormats({ locale: 'en-US', currency: 'EUR' }).signedCurrency(-3.5)).toBe('-€3.50');
    expect(createFormats({ locale: 'de-DE' }).signedNumber(1250)).toBe('+1.250');
    expect(createFormats({ locale: 'de-DE' }).signedNumber(0)).toBe('0');
  });
});

describe('createFormats: percentages', () => {
  it('formats a percentage and a fraction as a percentage', () => {
    const us = createFormats({ locale: 'en-US' });
    expect(us.percent(12.5)).toBe('12.5%');
    expect(us.fractionPercent(0.125)).toBe('12.5%');
    expect(us.changePercent(0.125)).toBe('+12.5%');
    expect(us.changePercent(-0.031)).toBe('-3.1%');
    expect(us.changePercent(0)).toBe('0%');
    expect(createFormats({ locale: 'fr-FR' }).fractionPercent(0.125)).toBe(`12,5${NBSP}%`);
    expect(createFormats({ locale: 'nl-NL' }).fractionPercent(0.125)).toBe('12,5%');
    expect(createFormats({ locale: 'de-DE' }).changePercent(-0.031)).toBe(`-3,1${NBSP}%`);
  });
});

describe('createFormats: dates and time buckets', () => {
  it('labels months in each language', () => {
    expect(createFormats({ locale: 'en-US' }).bucket(MAR_2025, 'month')).toBe('Mar 2025');
    expect(createFormats({ locale: 'en-GB' }).bucket(MAR_2025, 'month')).toBe('Mar 2025');
    expect(createFormats({ locale: 'fr-FR' }).bucket(MAR_2025, 'month')).toBe('mars 2025');
    expect(createFormats({ locale: 'nl-NL' }).bucket(MAR_2025, 'month')).toBe('mrt 2025');
    expect(createFormats({ locale: 'de-DE' }).bucket(MAR_2025, 'month')).toBe('März 2025');
  });

  it('labels quarters with the locale abbreviation, fiscal quarters from the fiscal start', () => {
    const jan = Date.UTC(2025, 0, 1);
    expect(createFormats({ locale: 'en-US' }).bucket(jan, 'quarter')).toBe('Q1 2025');
    expect(createFormats({ locale: 'fr-FR' }).bucket(jan, 'quarter')).toBe('T1 2025');
    expect(createFormats({ locale: 'nl-NL' }).bucket(jan, 'quarter')).toBe('K1 2025');
    expect(createFormats({ locale: 'de-DE' }).bucket(Date.UTC(2025, 9, 1), 'quarter')).toBe('Q4 2025');
    const fiscal = createFormats({ locale: 'en-GB', fiscalYearStartMonth: 4 });
    expect(fiscal.bucket(Date.UTC(2025, 3, 1), 'quarter')).toBe('Q1 2025');
    expect(fiscal.bucket(Date.UTC(2026, 0, 1), 'quarter')).toBe('Q4 2025');
  });

  it('labels weeks by ISO week number, days and years', () => {
    const monday = Date.UTC(2025, 2, 3);
    expect(createFormats({ locale: 'en-US' }).bucket(monday, 'week')).toBe('W10 2025');
    expect(createFormats({ locale: 'fr-FR' }).bucket(monday, 'week')).toBe('S10 2025');
    expect(createFormats({ locale: 'de-DE' }).bucket(monday, 'week')).toBe('KW 10 2025');
    // A Sunday-start week (Sunday 2 March) is the week of the Monday after it.
    expect(createFormats({ locale: 'en-US' }).bucket(Date.UTC(2025, 2, 2), 'week')).toBe('W10 2025');
    // 29 Dec 2025 is in week 1 of 2026.
    expect(createFormats({ locale: 'en-US' }).bucket(Date.UTC(2025, 11, 29), 'week')).toBe('W1 2026');
    expect(createFormats({ locale: 'en-US' }).bucket(MAR_2025, 'day')).toBe('Mar 1, 2025');
    expect(createFormats({ locale: 'fr-FR' }).bucket(MAR_2025, 'day')).toBe('1 mars 2025');
    expect(createFormats({ locale: 'de-DE' }).bucket(MAR_2025, 'day')).toBe('01.03.2025');
    expect(createFormats({ locale: 'nl-NL' }).bucket(MAR_2025, 'year')).toBe('2025');
  });

  it('formats days given as text or milliseconds, leaves other text alone', () => {
    const f = createFormats({ locale: 'en-GB' });
    expect(f.date('2025-03-01')).toBe('1 Mar 2025');
    expect(f.date('2025-03-01 14:00:00')).toBe('1 Mar 2025');
    expect(f.date(MAR_2025)).toBe('1 Mar 2025');
    expect(f.date('soon')).toBe('soon');
    expect(f.date(null)).toBe('');
  });

  it('gives every locale every formatter', () => {
    for (const locale of NUMBER_LOCALES) {
      const f = createFormats({ locale, currency: 'CHF' });
      expect(f.locale).toBe(locale);
      expect(f.currency(1)).toContain('CHF');
      expect(f.number(1.5)).toMatch(/^1[.,]5$/);
    }
  });
});

describe('the en-US functions keep their output', () => {
  it('formats as before', () => {
    expect(formatNumber(1234567.891)).toBe('1,234,567.89');
    expect(formatCompact(1_250_000)).toBe('1.3M');
    expect(formatPercent(0.123)).toBe('12.3%');
    expect(formatBucket(Date.UTC(2024, 4, 1), 'month')).toBe('May 2024');
    expect(formatBucket(Date.UTC(2024, 4, 1), 'week')).toBe('Week of 2024-05-01');
  });
});
