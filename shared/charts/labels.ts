// The words drawn inside charts. Option builders are pure and never translate: the caller passes
// these, built from the `charts` message namespace by `chartLabels(t)` (useChartLabels() in React,
// createTranslator(language).t on the command line).
import type { MessageKey } from '../i18n/catalog-types';

export interface ChartLabels {
  /** The slice or series merging the smallest values. */
  others: string;
  /** The total bar of a waterfall, the centre of a donut. */
  total: string;
  /** Added to a comparison series' name: "Revenue (previous period)". */
  previous: string;
  /** Same, when the comparison is with the same period last year. */
  previousYear: string;
  /** Tooltip line of a change. */
  change: string;
  /** Tooltip line of a row count (histograms). */
  count: string;
  /** First and last bars of a pipeline movement waterfall. */
  start: string;
  end: string;
  /** A category whose value is empty (NULL). */
  empty: string;
  /** Funnel: conversion from the previous step and from the first. */
  conversion: string;
  conversionFromFirst: string;
  /** Waterfall legend. */
  increase: string;
  decrease: string;
  /** Tooltip line of a share (pie slices, 100% stacks). */
  share: string;
  /** Histogram tooltip: the bin's range. */
  range: string;
}

const KEYS: Record<keyof ChartLabels, MessageKey> = {
  others: 'charts.others',
  total: 'charts.total',
  previous: 'charts.previous',
  previousYear: 'charts.previousYear',
  change: 'charts.change',
  count: 'charts.count',
  start: 'charts.start',
  end: 'charts.end',
  empty: 'charts.empty',
  conversion: 'charts.conversion',
  conversionFromFirst: 'charts.conversionFromFirst',
  increase: 'charts.increase',
  decrease: 'charts.decrease',
  share: 'charts.share',
  range: 'charts.range',
};

/** The chart labels in the language of `t`. */
export function chartLabels(t: (key: MessageKey) => string): ChartLabels {
  const labels = {} as Record<keyof ChartLabels, string>;
  for (const [name, key] of Object.entries(KEYS) as [keyof ChartLabels, MessageKey][]) labels[name] = t(key);
  return labels;
}
