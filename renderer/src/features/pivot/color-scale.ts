// The conditional colour scale of measure cells: a translucent tint over the cell's surface, so
// that the text keeps its contrast in both themes. Without a "higher is better" judgement the
// scale is one hue (more is darker); with one, it diverges: good figures green, bad ones red,
// the middle of the range untinted.
import type { Theme } from '../../../../shared/dashboard/types';

type Rgb = readonly [number, number, number];

const PALETTE: Record<Theme, { accent: Rgb; good: Rgb; bad: Rgb }> = {
  light: { accent: [66, 99, 235], good: [47, 158, 68], bad: [224, 49, 49] },
  dark: { accent: [111, 140, 255], good: [64, 192, 87], bad: [250, 82, 82] },
};

/** Strongest tint (alpha) at the ends of the range. */
const MAX_ALPHA: Record<Theme, number> = { light: 0.42, dark: 0.5 };

const rgba = ([r, g, b]: Rgb, alpha: number) => `rgba(${r}, ${g}, ${b}, ${Math.round(alpha * 1000) / 1000})`;

/**
 * The background of a cell at `position` (0 = the measure's minimum, 1 = its maximum), or null
 * for no tint. `higherIsBetter` undefined: one hue; true / false: green for good, red for bad.
 */
export function scaleColor(position: number | null, theme: Theme, higherIsBetter?: boolean): string | null {
  if (position === null || !Number.isFinite(position)) return null;
  const palette = PALETTE[theme];
  const max = MAX_ALPHA[theme];
  if (higherIsBetter === undefined) {
    // A floor so the smallest figure is still visibly part of the scale.
    return rgba(palette.accent, 0.04 + position * (max - 0.04));
  }
  const signed = (position - 0.5) * 2 * (higherIsBetter ? 1 : -1);
  if (Math.abs(signed) < 0.02) return null;
  return rgba(signed > 0 ? palette.good : palette.bad, Math.abs(signed) * max);
}
