// A template's preview: its dashboard's layout in miniature, each widget drawn as a glyph of its
// chart kind (tiles, bars, lines, slices, tables), so that the library shows what a template
// holds at a glance without running anything.
import type { ChartKind, WidgetLayout } from '../../../../shared/dashboard/types';

const COLS = 12;
const UNIT = 10;
/** Rows are drawn flatter than columns: a dashboard is taller than a card. */
const ROW = 0.35;

function glyph(kind: ChartKind, x: number, y: number, w: number, h: number) {
  const pad = 3;
  const ix = x + pad;
  const iy = y + pad;
  const iw = Math.max(1, w - 2 * pad);
  const ih = Math.max(1, h - 2 * pad);
  switch (kind) {
    case 'kpi':
      return (
        <>
          <rect x={ix} y={iy + ih * 0.15} width={iw * 0.6} height={Math.max(2, ih * 0.3)} className="tt-ink" />
          <polyline points={`${ix},${iy + ih * 0.9} ${ix + iw * 0.3},${iy + ih * 0.7} ${ix + iw * 0.6},${iy + ih * 0.8} ${ix + iw},${iy + ih * 0.6}`} className="tt-line" />
        </>
      );
    case 'line':
      return <polyline points={`${ix},${iy + ih * 0.8} ${ix + iw * 0.25},${iy + ih * 0.5} ${ix + iw * 0.5},${iy + ih * 0.6} ${ix + iw * 0.75},${iy + ih * 0.25} ${ix + iw},${iy + ih * 0.35}`} className="tt-line" />;
    case 'pie':
    case 'donut': {
      const r = Math.min(iw, ih) / 2;
      return (
        <>
          <circle cx={ix + iw / 2} cy={iy + ih / 2} r={r} className="tt-soft" />
          <path d={`M ${ix + iw / 2} ${iy + ih / 2} L ${ix + iw / 2} ${iy + ih / 2 - r} A ${r} ${r} 0 0 1 ${ix + iw / 2 + r} ${iy + ih / 2} Z`} className="tt-ink" />
        </>
      );
    }
    case 'bar':
    case 'funnel':
      return (
        <>
          {[0.9, 0.65, 0.45, 0.3].map((f, i) => (
            <rect key={i} x={ix} y={iy + (i * ih) / 4 + 1} width={iw * f} height={Math.max(1, ih / 4 - 2)} className="tt-ink" />
          ))}
        </>
      );
    case 'pivot':
    case 'table':
      return (
        <>
          {[0, 1, 2, 3].map((i) => (
            <rect key={i} x={ix} y={iy + (i * ih) / 4} width={iw} height={Math.max(1, ih / 4 - 2)} className={i === 0 ? 'tt-ink' : 'tt-soft'} />
          ))}
        </>
      );
    case 'heatmap':
      return (
        <>
          {[0, 1, 2].flatMap((r) =>
            [0, 1, 2, 3].map((c) => (
              <rect key={`${r}-${c}`} x={ix + (c * iw) / 4} y={iy + (r * ih) / 3} width={Math.max(1, iw / 4 - 1)} height={Math.max(1, ih / 3 - 1)} className={(r + c) % 2 ? 'tt-ink' : 'tt-soft'} />
            )),
          )}
        </>
      );
    default:
      return (
        <>
          {[0.5, 0.8, 0.35, 0.65, 0.95].map((f, i) => (
            <rect key={i} x={ix + (i * iw) / 5 + 1} y={iy + ih * (1 - f)} width={Math.max(1, iw / 5 - 2)} height={ih * f} className="tt-ink" />
          ))}
        </>
      );
  }
}

export interface TemplateThumbnailProps {
  widgets: readonly { id: string; chart: ChartKind; layout: WidgetLayout }[];
  /** Accessible description ("Preview of …"). */
  label: string;
}

export function TemplateThumbnail({ widgets, label }: TemplateThumbnailProps) {
  const rows = Math.max(6, ...widgets.map((w) => w.layout.y + w.layout.h));
  const width = COLS * UNIT;
  const height = rows * UNIT * ROW;
  return (
    <svg className="template-thumbnail" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-testid="template-thumbnail">
      {widgets.map((w) => {
        const x = w.layout.x * UNIT;
        const y = w.layout.y * UNIT * ROW;
        const wd = w.layout.w * UNIT;
        const ht = w.layout.h * UNIT * ROW;
        return (
          <g key={w.id}>
            <rect x={x + 1} y={y + 1} width={wd - 2} height={ht - 2} rx={2} className="tt-frame" />
            {glyph(w.chart, x + 1, y + 1, wd - 2, ht - 2)}
          </g>
        );
      })}
    </svg>
  );
}
