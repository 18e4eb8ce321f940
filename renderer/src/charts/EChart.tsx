// A thin React wrapper around one ECharts instance, after echarts-for-react's core: init on mount,
// setOption only when the option changed, resize with the container, dispose on unmount.
// Callers memoize the option (useMemo), so a changed reference means a changed chart.
import { useEffect, useRef } from 'react';
import { echarts } from './echarts';
import type { ChartOption } from './option-types';

interface EChartProps {
  option: ChartOption;
  className?: string;
  testId?: string;
  /** Accessible description of the chart (canvas content is invisible to screen readers). */
  label?: string;
}

export function EChart({ option, className, testId, label }: EChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const appliedRef = useRef<ChartOption | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = echarts.init(container, null, { renderer: 'canvas' });
    chartRef.current = chart;
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
  }, []);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || appliedRef.current === option) return;
    // notMerge: a new query replaces the whole chart, no series left over from the previous one.
    chart.setOption(option, { notMerge: true, lazyUpdate: true });
    appliedRef.current = option;
  }, [option]);

  return <div ref={containerRef} className={className} data-testid={testId} role="img" aria-label={label} />;
}
