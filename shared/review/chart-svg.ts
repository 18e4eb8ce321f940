// The charts of an exported review: each frozen result drawn by the same option builders as the
// screen (shared/charts/widget-chart.ts) and rendered to SVG by ECharts' server-side renderer, in
// the light theme (paper), the workspace's locale and currency and the pack's language.
import { readArrow } from '../arrow/cells';
import { chartLabels } from '../charts/labels';
import { renderOptionToSvg } from '../charts/ssr';
import { buildWidgetOption, isEChartKind, type WidgetChartInput } from '../charts/widget-chart';
import type { Currency, NumberLocale } from '../dashboard/types';
import type { TranslateFn } from '../i18n/catalog-types';
import type { FrozenResult, FrozenWidget } from './types';

export type ReviewChartRenderer = (widget: FrozenWidget, result: FrozenResult, size: { width: number; height: number }) => string | null;

export function reviewChartRenderer(t: TranslateFn, locale: NumberLocale, currency: Currency): ReviewChartRenderer {
  const labels = chartLabels(t);
  return (widget, result, size) => {
    if (!isEChartKind(widget.chart) || result.rowCount === 0) return null;
    const input: WidgetChartInput = {
      kind: widget.chart,
      reader: readArrow(result.ipc),
      columns: result.columns,
      spec: result.spec,
      options: { ...(widget.options ?? {}) },
      display: { locale, currency, theme: 'light' },
      labels,
    };
    return renderOptionToSvg(buildWidgetOption(input), { ...size, theme: 'light', background: false });
  };
}
