// Text of the pivot's figures and labels, through the workspace's formats (locale, currency). Pure:
// the translated words come in as `PivotLabels`, so the same functions serve tests and exports.
import type { CellValue } from '../../../../shared/arrow/cells';
import type { Formats } from '../../ui/format';
import { parseDay } from '../../ui/format';
import type { HeaderLabel, MeasureFormat, MeasureRange, PivotDimension, PivotMeasure } from './pivot-model';

/** The translated words the pivot shows around user data. */
export interface PivotLabels {
  empty: string;
  yes: string;
  no: string;
  grandTotal: string;
  /** "{value} total" */
  groupTotal(value: string): string;
  changePct: string;
}

/** A dimension value as a header reads it: time buckets by their grain, dates by the locale. */
export function dimensionText(value: CellValue, dimension: Pick<PivotDimension, 'grain' | 'kind'>, formats: Formats, labels: PivotLabels): string {
  if (value === null) return labels.empty;
  if (typeof value === 'boolean') return value ? labels.yes : labels.no;
  if (typeof value === 'string' && (dimension.kind === 'date' || dimension.kind === 'timestamp' || dimension.grain !== null)) {
    const ms = parseDay(value);
    if (Number.isFinite(ms)) {
      if (dimension.grain !== null) return formats.bucket(ms, dimension.grain);
      if (dimension.kind === 'date') return formats.date(ms);
    }
    return formats.cell(value, dimension.kind);
  }
  if (typeof value === 'number') return formats.number(value);
  return value;
}

/** What a header cell says. */
export function headerText(label: HeaderLabel, formats: Formats, labels: PivotLabels): string {
  switch (label.kind) {
    case 'value':
      return dimensionText(label.value, label.dimension, formats, labels);
    case 'total':
      return label.of === null ? labels.grandTotal : labels.groupTotal(dimensionText(label.of.value, label.of.dimension, formats, labels));
    case 'measure':
      return label.measure.label;
    case 'change':
      return labels.changePct;
  }
}

/**
 * The formatter of a measure's figures. Amounts of a measure reaching the thousands are shown
 * without cents (a pivot is read for its magnitudes); every figure of a column has the same
 * number of decimals so that they line up.
 */
export function measureFormatter(
  measure: Pick<PivotMeasure, 'format' | 'decimals'>,
  range: MeasureRange | undefined,
  formats: Formats,
): (value: number | null) => string {
  const large = range !== undefined && Math.max(Math.abs(range.min), Math.abs(range.max)) >= 1000;
  return formatterOf(measure.format, large ? 0 : measure.decimals, formats);
}

function formatterOf(format: MeasureFormat, decimals: number, formats: Formats): (value: number | null) => string {
  switch (format) {
    case 'currency':
      return decimals === 0 ? (v) => formats.currency(v === null ? null : Math.round(v)) : (v) => formats.currency(v);
    case 'percent':
      return (v) => formats.fractionPercent(v);
    case 'integer':
      return (v) => formats.integer(v);
    case 'number':
    case 'days':
      return formats.fixed(decimals);
  }
}

/** The formatter of a measure's change: signed, in the measure's unit ("+€1,250", "-3"). */
export function signedFormatter(measure: Pick<PivotMeasure, 'format'>, formats: Formats): (value: number | null) => string {
  switch (measure.format) {
    case 'currency':
      return (v) => formats.signedCurrency(v === null ? null : Math.round(v * 100) / 100);
    case 'percent':
      return (v) => formats.changePercent(v);
    default:
      return (v) => formats.signedNumber(v);
  }
}

/** A change as the pivot shows it: its size without sign (the arrow tells the direction). */
export function changeText(value: number | null, formats: Formats): { text: string; direction: 'up' | 'down' | 'flat' | null } {
  if (value === null || !Number.isFinite(value)) return { text: '', direction: null };
  const direction = value > 0 ? 'up' : value < 0 ? 'down' : 'flat';
  return { text: formats.fractionPercent(Math.abs(value)), direction };
}
