// The Forecast section: how reliable the forecast is and how the pipeline moves, over the dated
// snapshots of a deals source. A source picker (sources with two snapshots or more), then five
// views: pipeline movement between two snapshots, forecast vs actual, probability calibration,
// slippage, and stage probabilities over time. A view keeps its settings while another is shown.
import { useMemo, useState } from 'react';
import type { WorkspaceInfo } from '../../../../shared/api';
import type { ForecastSourceRequest } from '../../../../shared/forecast/types';
import { useFormats } from '../../app/settings-context';
import { useT } from '../../i18n/I18nProvider';
import { Tabs } from '../../ui/Tabs';
import { AccuracyTab } from './AccuracyTab';
import { CalibrationTab } from './CalibrationTab';
import { defaultForecastSource, forecastSources, groupRolesFor } from './forecast-model';
import { MovementTab } from './MovementTab';
import { SlippageTab } from './SlippageTab';
import { StagesTab } from './StagesTab';
import './forecast.css';

export interface ForecastViewProps {
  workspace: WorkspaceInfo;
}

export const FORECAST_TABS = ['movement', 'accuracy', 'calibration', 'slippage', 'stages'] as const;
export type ForecastTab = (typeof FORECAST_TABS)[number];

const TAB_KEYS = {
  movement: 'forecast.tabMovement',
  accuracy: 'forecast.tabAccuracy',
  calibration: 'forecast.tabCalibration',
  slippage: 'forecast.tabSlippage',
  stages: 'forecast.tabStages',
} as const;

export function ForecastView({ workspace }: ForecastViewProps) {
  const t = useT();
  const formats = useFormats();
  const candidates = useMemo(() => forecastSources(workspace.sources), [workspace.sources]);
  const [picked, setPicked] = useState<string | null>(null);
  const [tab, setTab] = useState<ForecastTab>('movement');
  const [visited, setVisited] = useState<ReadonlySet<ForecastTab>>(() => new Set(['movement']));
  const source = candidates.find((s) => s.name === picked) ?? defaultForecastSource(workspace.sources);

  const base: ForecastSourceRequest | null = useMemo(() => (source ? { source: source.name } : null), [source]);
  const snapshots = useMemo(() => source?.snapshots.map((s) => s.date) ?? [], [source]);
  const groupRoles = useMemo(() => (source ? groupRolesFor(source, workspace.sources) : []), [source, workspace.sources]);

  const choose = (next: ForecastTab) => {
    setTab(next);
    setVisited((v) => (v.has(next) ? v : new Set([...v, next])));
  };

  if (!source || !base) {
    return (
      <div className="fc-view" data-testid="forecast-view">
        <div className="empty-state fc-empty" data-testid="forecast-empty">
          <h2>{t('forecast.noSnapshotsTitle')}</h2>
          <p>{t('forecast.noSnapshotsText')}</p>
        </div>
      </div>
    );
  }

  return (
    <div className="fc-view" data-testid="forecast-view">
      <header className="fc-head">
        <div>
          <h1 className="fc-title">{t('forecast.title')}</h1>
          <p className="fc-subtitle">
            {t('forecast.subtitle', {
              count: snapshots.length,
              n: formats.integer(snapshots.length),
              first: formats.date(snapshots[0] ?? ''),
              last: formats.date(snapshots.at(-1) ?? ''),
            })}
          </p>
        </div>
        <label className="fc-field fc-source">
          <span className="fc-field-label">{t('forecast.source')}</span>
          <select
            className="select select-compact"
            value={source.name}
            onChange={(e) => setPicked(e.target.value)}
            disabled={candidates.length < 2}
            data-testid="forecast-source"
          >
            {candidates.map((s) => (
              <option key={s.name} value={s.name}>
                {t('forecast.sourceOption', { source: s.name, count: s.snapshots.length, n: formats.integer(s.snapshots.length) })}
              </option>
            ))}
          </select>
        </label>
      </header>
      <Tabs tabs={FORECAST_TABS.map((id) => ({ id, label: t(TAB_KEYS[id]) }))} active={tab} onChange={choose} />
      {/* Each view is built once visited and kept (hidden) after: its settings survive a tab change. */}
      {FORECAST_TABS.filter((id) => visited.has(id)).map((id) => (
        <div key={`${source.name}:${id}`} className="fc-panel" role="tabpanel" aria-label={t(TAB_KEYS[id])} hidden={id !== tab}>
          {id === 'movement' && <MovementTab base={base} snapshots={snapshots} />}
          {id === 'accuracy' && <AccuracyTab base={base} groupRoles={groupRoles} />}
          {id === 'calibration' && <CalibrationTab base={base} groupRoles={groupRoles} />}
          {id === 'slippage' && <SlippageTab base={base} groupRoles={groupRoles} />}
          {id === 'stages' && <StagesTab base={base} />}
        </div>
      ))}
    </div>
  );
}
