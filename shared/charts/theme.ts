// Chart colours of the light and dark themes. The series palettes keep the same hues in both, the
// dark one lighter so that lines and bars stand out on a dark surface; text, axes and split lines
// are picked for contrast on each theme's surface.
import type { Theme } from '../dashboard/types';

export interface ChartTheme {
  name: Theme;
  /** The surface charts are drawn on (widget cards; the background of exported images). */
  background: string;
  text: string;
  textMuted: string;
  axisLine: string;
  splitLine: string;
  /** Tooltip box. */
  tooltipBackground: string;
  tooltipBorder: string;
  tooltipText: string;
  palette: readonly string[];
  /** Good news (green) and bad news (red): KPI changes, waterfall increases and decreases. */
  good: string;
  bad: string;
  neutral: string;
  /** Totals and absolute bars (waterfall start / end / total). */
  total: string;
  /** Heatmap scale, low to high. */
  scale: readonly string[];
  /** Borders between slices and cells. */
  separator: string;
  /** Zoom slider. */
  zoomFill: string;
}

export const CHART_FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif";

const LIGHT: ChartTheme = {
  name: 'light',
  background: '#ffffff',
  text: '#1f2329',
  textMuted: '#5f6672',
  axisLine: '#d5d9e0',
  splitLine: '#eef0f3',
  tooltipBackground: '#ffffff',
  tooltipBorder: '#d5d9e0',
  tooltipText: '#1f2329',
  palette: ['#4263eb', '#12b886', '#f59f00', '#e8590c', '#7048e8', '#1098ad', '#d6336c', '#5c940d', '#868e96', '#ae3ec9'],
  good: '#2b8a3e',
  bad: '#c92a2a',
  neutral: '#6b7280',
  total: '#495057',
  scale: ['#edf2ff', '#91a7ff', '#4263eb', '#1c2f8a'],
  separator: '#ffffff',
  zoomFill: 'rgba(66, 99, 235, 0.15)',
};

const DARK: ChartTheme = {
  name: 'dark',
  background: '#1b1e24',
  text: '#e9ecef',
  textMuted: '#aab1bd',
  axisLine: '#4a515c',
  splitLine: '#2d323b',
  tooltipBackground: '#262a32',
  tooltipBorder: '#4a515c',
  tooltipText: '#e9ecef',
  palette: ['#748ffc', '#38d9a9', '#ffd43b', '#ff922b', '#b197fc', '#3bc9db', '#f783ac', '#a9e34b', '#ced4da', '#e599f7'],
  good: '#51cf66',
  bad: '#ff6b6b',
  neutral: '#aab1bd',
  total: '#ced4da',
  scale: ['#262c3d', '#3b4c9b', '#5c7cfa', '#bac8ff'],
  separator: '#1b1e24',
  zoomFill: 'rgba(116, 143, 252, 0.2)',
};

export const CHART_THEMES: Record<Theme, ChartTheme> = { light: LIGHT, dark: DARK };

export function chartTheme(theme: Theme | undefined): ChartTheme {
  return CHART_THEMES[theme ?? 'light'] ?? LIGHT;
}

/** A colour with some transparency (#rrggbb only), for comparison series and areas. */
export function withAlpha(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) return color;
  return `rgba(${parseInt(m[1]!, 16)}, ${parseInt(m[2]!, 16)}, ${parseInt(m[3]!, 16)}, ${alpha})`;
}
