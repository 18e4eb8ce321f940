// A KPI tile ("flash figure"): the value large, its change against the comparison period with an
// arrow coloured by whether it is good news, the previous value, and a sparkline of the buckets.
import { useMemo } from 'react';
import type { Theme } from '../../../shared/dashboard/types';
import { useT } from '../i18n/I18nProvider';
import type { KpiTileModel } from './build-kpi';
import { EChart } from './EChart';
import './charts.css';

export interface KpiTileProps {
  tile: KpiTileModel;
  /** The tile's title (the widget's); the measure's label when absent. */
  title?: string;
  theme?: Theme;
  /** Hide the sparkline (very small tiles). */
  compact?: boolean;
  className?: string;
  testId?: string;
}

const ARROWS = { up: '▲', down: '▼', flat: '▶' } as const;

export function KpiTile({ tile, title, theme, compact = false, className, testId = 'kpi-tile' }: KpiTileProps) {
  const t = useT();
  const name = title ?? tile.label;
  const direction = tile.direction;
  const tone = tile.good === null ? 'neutral' : tile.good ? 'good' : 'bad';
  const label = useMemo(() => {
    if (tile.changeText === null || direction === null) return t('charts.kpiLabel', { title: name, value: tile.text });
    return t('charts.kpiLabelChange', {
      title: name,
      value: tile.text,
      direction,
      change: tile.changeText,
      compare: tile.compare === 'same_period_last_year' ? 'year' : 'previous',
      tone,
    });
  }, [t, name, tile, direction, tone]);
  return (
    <div className={`kpi-tile ${className ?? ''}`} role="group" aria-label={label} data-testid={testId}>
      <div className="kpi-tile-value" data-testid={`${testId}-value`}>
        {tile.text}
      </div>
      {direction !== null && tile.changeText !== null && (
        <div className={`kpi-tile-change kpi-tile-${tone}`} style={tile.changeColor ? { color: tile.changeColor } : undefined} data-testid={`${testId}-change`} data-direction={direction} data-tone={tone}>
          <span className="kpi-tile-arrow" aria-hidden="true">
            {ARROWS[direction]}
          </span>
          <span>{tile.changeText}</span>
          {tile.previousText !== null && <span className="kpi-tile-previous">{t('charts.kpiPrevious', { value: tile.previousText })}</span>}
        </div>
      )}
      {tile.periodLabel !== null && <div className="kpi-tile-period">{tile.periodLabel}</div>}
      {!compact && tile.sparkline && (
        <div className="kpi-tile-spark" aria-hidden="true">
          <EChart option={tile.sparkline} className="kpi-tile-spark-chart" testId={`${testId}-sparkline`} theme={theme} label={t('charts.trend')} />
        </div>
      )}
    </div>
  );
}
