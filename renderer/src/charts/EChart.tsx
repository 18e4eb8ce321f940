// A thin React wrapper around one ECharts instance, after echarts-for-react's core: init on mount,
// setOption only when the option changed, resize with the container, dispose on unmount.
// Callers memoize the option (useMemo), so a changed reference means a changed chart.
// Clicks and double clicks are reported with ECharts' event params; the ref handle exports the
// chart as a PNG data URL or an SVG document, whatever the renderer on screen.
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type { Theme } from '../../../shared/dashboard/types';
import { echarts } from './echarts';
import type { ChartOption } from './option-types';
import { chartTheme } from './theme';

/** What ECharts passes to click handlers (the parts callers read). */
export interface EChartEventParams {
  componentType?: string;
  seriesType?: string;
  seriesIndex?: number;
  seriesName?: string;
  dataIndex?: number;
  name?: string;
  data?: unknown;
  value?: unknown;
}

export interface EChartHandle {
  /** The chart as a PNG data URL, on the theme's background (pixelRatio 2 by default). */
  toPngDataUrl(pixelRatio?: number): string | null;
  /** The chart as an SVG document. */
  toSvgString(): string | null;
  /** The live instance, for what the handle does not cover. */
  instance(): echarts.ECharts | null;
}

export interface EChartProps {
  option: ChartOption;
  className?: string;
  testId?: string;
  /** Accessible description of the chart (canvas content is invisible to screen readers). */
  label?: string;
  renderer?: 'canvas' | 'svg';
  /** The theme the option was built for: its background is painted under exported images. */
  theme?: Theme;
  /** Paint the theme's background on screen too (default: transparent, the card shows through). */
  background?: boolean;
  onClick?(params: EChartEventParams): void;
  onDblClick?(params: EChartEventParams): void;
  ref?: Ref<EChartHandle>;
}

/** Renders `option` once more on a detached instance, without animation, and hands it to `read`. */
function renderDetached<T>(option: ChartOption, width: number, height: number, renderer: 'canvas' | 'svg', background: string, read: (chart: echarts.ECharts) => T): T {
  const host = document.createElement('div');
  const chart = echarts.init(renderer === 'svg' ? null : host, null, {
    renderer,
    width,
    height,
    ...(renderer === 'svg' ? { ssr: true } : {}),
  });
  try {
    chart.setOption({ ...option, animation: false, backgroundColor: background });
    return read(chart);
  } finally {
    chart.dispose();
  }
}

export function EChart({ option, className, testId, label, renderer = 'canvas', theme, background = false, onClick, onDblClick, ref }: EChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const appliedRef = useRef<ChartOption | null>(null);
  const optionRef = useRef(option);
  optionRef.current = option;
  const handlers = useRef({ onClick, onDblClick });
  handlers.current = { onClick, onDblClick };
  const paint = chartTheme(theme).background;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = echarts.init(container, null, { renderer });
    chartRef.current = chart;
    chart.on('click', (params) => handlers.current.onClick?.(params as EChartEventParams));
    chart.on('dblclick', (params) => handlers.current.onDblClick?.(params as EChartEventParams));
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      // A hidden tab has no size: resize when it shows again, not to zero.
      frame = requestAnimationFrame(() => {
        if (container.clientWidth > 0 && container.clientHeight > 0) chart.resize();
      });
    });
    observer.observe(container);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
      appliedRef.current = null;
    };
  }, [renderer]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || appliedRef.current === option) return;
    // notMerge: a new query replaces the whole chart, no series left over from the previous one.
    chart.setOption(background ? { ...option, backgroundColor: paint } : option, { notMerge: true, lazyUpdate: true });
    appliedRef.current = option;
  }, [option, renderer, background, paint]);

  useImperativeHandle(
    ref,
    () => ({
      instance: () => chartRef.current,
      toPngDataUrl: (pixelRatio = 2) => {
        const chart = chartRef.current;
        if (!chart) return null;
        if (renderer === 'canvas') return chart.getDataURL({ type: 'png', pixelRatio, backgroundColor: paint, excludeComponents: ['dataZoom'] });
        return renderDetached(optionRef.current, chart.getWidth(), chart.getHeight(), 'canvas', paint, (c) =>
          c.getDataURL({ type: 'png', pixelRatio, backgroundColor: paint, excludeComponents: ['dataZoom'] }),
        );
      },
      toSvgString: () => {
        const chart = chartRef.current;
        if (!chart) return null;
        return renderDetached(optionRef.current, chart.getWidth(), chart.getHeight(), 'svg', paint, (c) => c.renderToSVGString());
      },
    }),
    [renderer, paint],
  );

  return <div ref={containerRef} className={className} data-testid={testId} role="img" aria-label={label} />;
}
