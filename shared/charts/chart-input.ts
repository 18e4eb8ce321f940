// What every widget chart is drawn from: the result of the widget's query, the spec that was run,
// the drawing options and the workspace's display settings. Plain data; see widget-chart.ts.
import type { ArrowReader } from '../arrow/cells';
import type { ResultColumn } from '../api';
import type { ChartKind, ChartOptions, Currency, NumberLocale, Theme } from '../dashboard/types';
import type { AnalysisSpec } from '../spec/types';
import type { ChartLabels } from './labels';

export interface WidgetChartInput {
  kind: ChartKind;
  reader: ArrowReader;
  /** The result's columns as the query reported them (dimensions, measures, comparison columns). */
  columns: readonly ResultColumn[];
  /** The spec that was run: dimensions (grains, bins, top), the pivot's column axis, the comparison. */
  spec: AnalysisSpec;
  options: ChartOptions;
  display: { locale: NumberLocale; currency: Currency; theme: Theme };
  /** Translated by the caller (chartLabels(t)); builders stay pure. */
  labels: ChartLabels;
  /**
   * Which measures are money (formatted with the currency): their ids. Default: aggregates of an
   * amount-like role or column (amount, cost_amount, target_amount, "revenue", "montant" ...) other
   * than counts, and catalog KPIs whose format is currency.
   */
  moneyMeasures?: readonly string[];
  /**
   * Waterfall only. 'increments' (default): each row is a step, a final total bar closes the chart.
   * 'movement': the rows are a pipeline movement, the first row the absolute starting value, the
   * last row the absolute ending value, the rows between the changes (new, won, lost, slipped ...).
   */
  waterfall?: 'increments' | 'movement';
}
