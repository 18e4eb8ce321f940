// Home: the workspace's flash figures — the key catalog KPIs of the deals source for the last
// complete month, each with its change against the month before (a few, like pipeline value, are
// figures of today) — and the way into the dashboards.
import { useEffect, useMemo, useState } from 'react';
import type { SourceInfo, WorkspaceInfo } from '../../../../shared/api';
import type { Dashboard, DashboardFilterBar, FieldRef, Widget } from '../../../../shared/dashboard/types';
import { kpiDefinition, kpiName } from '../../../../shared/i18n/labels';
import { DEFAULT_OUTCOME, findKpi, kpiSpec, missingRoles, outcomeRole } from '../../../../shared/model/kpis';
import type { AnalysisSpec } from '../../../../shared/spec/types';
import { parseDay, resolvePeriod } from '../../../../shared/spec/dates';
import { useBackend } from '../../app/backend-context';
import { useFormats } from '../../app/settings-context';
import type { View } from '../../app/TopBar';
import { useT } from '../../i18n/I18nProvider';
import { localToday } from '../dashboard/FilterBar';
import { SettingsDialog } from '../dashboard/SettingsDialog';
import { rememberActiveDashboard } from '../dashboard/use-dashboards';
import { useWidgetQuery } from '../dashboard/use-widget-query';
import { KpiVisual } from '../dashboard/WidgetVisual';
import { ErrorPanel } from '../../ui/ErrorPanel';
import './home.css';

export interface HomeViewProps {
  workspace: WorkspaceInfo;
  onNavigate(view: View): void;
}

/** The flash figures, at most ten: the month's results, then the pipeline as it stands. */
export const HOME_KPIS: readonly { id: string; periodField?: FieldRef | null }[] = [
  { id: 'revenue_won' },
  { id: 'won_deals' },
  { id: 'conversion_rate' },
  { id: 'average_basket' },
  { id: 'sales_cycle_median' },
  { id: 'opportunities_created', periodField: { role: 'created_at' } },
  { id: 'pipeline_value', periodField: null },
  { id: 'weighted_pipeline', periodField: null },
  { id: 'stale_deals', periodField: null },
];

const HOME_FILTERS: DashboardFilterBar = { period: 'last_complete_month', values: [], compare: 'previous_period' };
const NO_CROSS = [] as const;

/** The deals source the figures read: the first that can compute revenue won, a base source before an enriched model. */
export function dealsSource(sources: readonly SourceInfo[]): SourceInfo | undefined {
  const revenue = findKpi('revenue_won');
  const able = sources.filter((s) => revenue && missingRoles(revenue, s.roles).length === 0);
  return able.find((s) => !s.model) ?? able[0];
}

export function homeWidgets(source: SourceInfo, today: string): Widget[] {
  return HOME_KPIS.flatMap(({ id, periodField }) => {
    const kpi = findKpi(id);
    if (!kpi || missingRoles(kpi, source.roles).length > 0) return [];
    // A KPI read over won deals only is not a spec measure: its formulas and won filter instead.
    const spec: AnalysisSpec =
      kpi.scope === 'won'
        ? kpiSpec(kpi, { source: source.name, today, roles: source.roles, outcome: { ...DEFAULT_OUTCOME, role: outcomeRole(source.roles) ?? 'status' } })
        : { source: source.name, measures: [{ kpi: id }] };
    const w: Widget = {
      id: `home-${id}`,
      title: kpi.label,
      chart: 'kpi',
      spec,
      options: { higherIsBetter: kpi.higherIsBetter },
      layout: { x: 0, y: 0, w: 3, h: 4 },
      ...(periodField !== undefined ? { periodField } : {}),
    };
    return [w];
  });
}

export function HomeView({ workspace, onNavigate }: HomeViewProps) {
  const t = useT();
  const { api } = useBackend();
  const formats = useFormats();
  const [dashboards, setDashboards] = useState<Dashboard[] | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const source = dealsSource(workspace.sources);
  const widgets = useMemo(() => (source ? homeWidgets(source, localToday()) : []), [source]);

  useEffect(() => {
    let live = true;
    void api.listDashboards().then((r) => live && setDashboards(r.ok ? r.value : []));
    return () => {
      live = false;
    };
  }, [api]);

  const months = useMemo(() => {
    const today = parseDay(localToday())!;
    const cal = { weekStart: 'monday' as const, fiscalYearStartMonth: 1 };
    const current = resolvePeriod('last_complete_month', today, cal);
    const previous = resolvePeriod('last_complete_month', parseDay(current.from)!, cal);
    const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);
    return { current: formats.bucket(ms(current.from), 'month'), previous: formats.bucket(ms(previous.from), 'month') };
  }, [formats]);

  const open = (id: string) => {
    rememberActiveDashboard(id);
    onNavigate('dashboards');
  };

  return (
    <div className="home" data-testid="home-view">
      <header className="home-head">
        <div>
          <h1 className="home-title">{t('home.title')}</h1>
          <p className="home-subtitle" data-testid="home-period">
            {source ? t('home.period', { month: months.current, previous: months.previous, source: source.name }) : t('home.noDeals')}
          </p>
        </div>
        <button type="button" className="button button-small" onClick={() => setSettingsOpen(true)} data-testid="home-settings">
          {t('home.settings')}
        </button>
      </header>
      {source && (
        <section className="home-tiles" aria-label={t('home.tilesLabel')} data-testid="home-tiles">
          {widgets.map((w) => (
            <HomeTile key={w.id} widget={w} source={source} kpi={w.id.slice('home-'.length)} />
          ))}
        </section>
      )}
      <section className="home-dashboards" aria-labelledby="home-dashboards-title">
        <h2 id="home-dashboards-title" className="home-section-title">
          {t('home.dashboards')}
        </h2>
        {dashboards === null && <p className="muted">{t('common.loading')}</p>}
        {dashboards !== null && dashboards.length === 0 && (
          <p className="muted">
            {t('home.noDashboards')}{' '}
            <button type="button" className="link-button" onClick={() => onNavigate('dashboards')}>
              {t('home.createDashboard')}
            </button>
          </p>
        )}
        {dashboards !== null && dashboards.length > 0 && (
          <ul className="home-links" data-testid="home-dashboards">
            {dashboards.map((d) => (
              <li key={d.id}>
                <button type="button" className="home-link" onClick={() => open(d.id)}>
                  <span className="home-link-name">{d.name}</span>
                  <span className="home-link-meta">{t('home.widgets', { count: d.widgets.length })}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}

function HomeTile({ widget, source, kpi }: { widget: Widget; source: SourceInfo; kpi: string }) {
  const t = useT();
  const missing = useMemo(
    () => (name: string) => ({ code: 'NOT_FOUND' as const, message: t('dashboard.sourceMissing', { source: name }) }),
    [t],
  );
  const state = useWidgetQuery(widget, HOME_FILTERS, NO_CROSS, source, missing);
  const name = kpiName(t, kpi);
  return (
    <article className="home-tile" data-testid="home-tile" data-kpi={kpi} data-state={state.status} title={kpiDefinition(t, kpi)} aria-label={name}>
      <h3 className="home-tile-name">
        {name}
        {widget.periodField === null && <span className="home-tile-note">{t('home.current')}</span>}
      </h3>
      {state.status === 'error' && state.error && <ErrorPanel compact title={t('home.tileFailed')} error={state.error} />}
      {state.status !== 'error' && !state.data && <div className="skeleton home-tile-loading" />}
      {state.data?.kind === 'kpi' && <KpiVisual widget={widget} data={state.data} showTitle={false} />}
    </article>
  );
}
