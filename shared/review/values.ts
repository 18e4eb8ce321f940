// A frozen result read back as rows: what the review shows in its tables, compares with the previous
// review and anonymises. Measure formats (money, percent, number) follow the KPI catalog and the
// roles measured; values are formatted for the workspace's locale and currency. Pure.
import type { ResultColumn } from '../api';
import { readArrow, type CellValue } from '../arrow/cells';
import type { Currency, NumberLocale } from '../dashboard/types';
import { findKpi, wilsonInterval } from '../model/kpis';
import type { AnalysisSpec, MeasureInput } from '../spec/types';
import type { FrozenResult, FrozenWidget } from './types';

export type ValueFormat = 'money' | 'percent' | 'number' | 'days';

const MONEY_ROLES = new Set(['amount', 'cost_amount', 'target_amount']);
const MONEY_NAME = /amount|revenue|montant|betrag|bedrag|omzet|umsatz|chiffre|spend|cost/i;

/** The format of a result column of a spec: its KPI measure's, else from the role or column it aggregates. */
export function measureFormat(spec: AnalysisSpec, columnId: string): ValueFormat {
  const base = columnId.replace(/__(previous|change)$/, '');
  if (columnId.endsWith('__change_pct')) return 'percent';
  for (const [i, m] of (spec.measures as MeasureInput[]).entries()) {
    if ('kpi' in m) {
      const id = m.id ?? m.kpi;
      if (base !== id && !base.startsWith(`${id}_`)) continue;
      const kpi = findKpi(m.kpi);
      const catalogId = base === id ? m.kpi : `${m.kpi}${base.slice(id.length)}`;
      const km = kpi?.measures.find((x) => x.id === catalogId);
      if (km) return km.format === 'currency' ? 'money' : km.format;
      continue;
    }
    const id = m.id ?? `m${i}`;
    if (id !== base) continue;
    if ('op' in m) {
      if (m.op === 'count' || m.op === 'count_distinct') return 'number';
      if (m.role && MONEY_ROLES.has(m.role)) return 'money';
      if (m.column && MONEY_NAME.test(m.column)) return 'money';
      return 'number';
    }
    return 'number';
  }
  return 'number';
}

export interface ValueFormatter {
  locale: string;
  format(value: number | null, format: ValueFormat): string;
  /** A change between two values of a format: "+12.5 %", "−€1,200", "+3 pts" for rates. */
  change(current: number | null, previous: number | null, format: ValueFormat): string | null;
  cell(value: CellValue): string;
}

export function valueFormatter(locale: NumberLocale, currency: Currency): ValueFormatter {
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const points = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const signedMoney = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const signedNumber = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const format = (value: number | null, f: ValueFormat): string => {
    if (value === null || !Number.isFinite(value)) return '–';
    if (f === 'money') return money.format(value);
    if (f === 'percent') return percent.format(value);
    if (f === 'days') return integer.format(value);
    return Number.isInteger(value) ? integer.format(value) : number.format(value);
  };
  return {
    locale,
    format,
    change(current, previous, f) {
      if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
      // A rate changes by points; an amount or count by a share of its previous value.
      if (f === 'percent') return `${points.format((current - previous) * 100)} pts`;
      if (previous !== 0) return signed.format((current - previous) / Math.abs(previous));
      return f === 'money' ? signedMoney.format(current - previous) : signedNumber.format(current - previous);
    },
    cell(value) {
      if (value === null) return '–';
      if (typeof value === 'number') return Number.isInteger(value) ? integer.format(value) : number.format(value);
      return String(value);
    },
  };
}

export interface TableColumn {
  id: string;
  label: string;
  role: ResultColumn['role'];
  format: ValueFormat;
}

export interface ResultRows {
  columns: TableColumn[];
  rows: Record<string, CellValue>[];
  /** Per row: whether it is a total (GROUPING SETS rows). */
  totals: boolean[];
}

/** A frozen result as rows, comparison columns (m__previous ...) left out, totals flagged. */
export function resultRows(result: FrozenResult): ResultRows {
  const reader = readArrow(result.ipc);
  const rows = reader.rows();
  const grouping = result.columns.find((c) => c.role === 'grouping');
  const columns = result.columns
    .filter((c) => c.role !== 'grouping' && !/__(previous|change|change_pct)$/.test(c.id))
    .map((c) => ({ id: c.id, label: c.label, role: c.role, format: c.role === 'measure' ? measureFormat(result.spec, c.id) : ('number' as ValueFormat) }));
  const totals = rows.map((r) => (grouping ? Number(r[grouping.id] ?? 0) !== 0 : false));
  return { columns, rows, totals };
}

/** The key of a row: its dimension values (totals keyed apart). */
export function rowKey(row: Record<string, CellValue>, columns: readonly TableColumn[], total: boolean): string {
  return JSON.stringify([total, ...columns.filter((c) => c.role === 'dimension').map((c) => row[c.id] ?? null)]);
}

/** Measure values of a previous review's widget, by row key: what "last review" shows per row. */
export function previousValues(previous: FrozenWidget | undefined): Map<string, Record<string, number | null>> {
  const out = new Map<string, Record<string, number | null>>();
  const result = previous?.results[0];
  if (!result || previous?.kpi) return out;
  const { columns, rows, totals } = resultRows(result);
  rows.forEach((row, i) => {
    const values: Record<string, number | null> = {};
    for (const c of columns) if (c.role === 'measure') values[c.id] = typeof row[c.id] === 'number' ? (row[c.id] as number) : null;
    out.set(rowKey(row, columns, totals[i]!), values);
  });
  return out;
}

/**
 * Whether a result column is one of the spec's own measures (a KPI's main figure, an aggregate, a
 * formula) rather than a count a KPI adds beside its figure: the columns compared with last review.
 */
export function isMainMeasure(spec: AnalysisSpec, columnId: string): boolean {
  return (spec.measures as MeasureInput[]).some((m, i) => ('kpi' in m ? (m.id ?? m.kpi) : (m.id ?? `m${i}`)) === columnId);
}

/** The rate KPIs of a spec (conversion rate ...): each rate column with its successes and trials columns. */
export function rateColumns(spec: AnalysisSpec): { rate: string; successes: string; trials: string }[] {
  const out: { rate: string; successes: string; trials: string }[] = [];
  for (const m of spec.measures as MeasureInput[]) {
    if (!('kpi' in m)) continue;
    const kpi = findKpi(m.kpi);
    if (!kpi?.rate) continue;
    const id = m.id ?? m.kpi;
    const rename = (x: string) => `${id}${x.slice(kpi.id.length)}`;
    out.push({ rate: id, successes: rename(kpi.rate.successes), trials: rename(kpi.rate.trials) });
  }
  return out;
}

/** The 95 % Wilson interval of a rate on one row, when its counts are there. */
export function rowInterval(row: Record<string, CellValue>, rate: { successes: string; trials: string }): { low: number; high: number } | null {
  const s = row[rate.successes];
  const n = row[rate.trials];
  if (typeof s !== 'number' || typeof n !== 'number' || n <= 0) return null;
  return wilsonInterval(s, n);
}
