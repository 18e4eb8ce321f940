// Pipeline movement between two snapshots: the waterfall from the starting pipeline to the ending
// one (new, pulled in, amount changes, pushed out, won, lost...), the same bars as a table, and a
// click on a bar (or Enter on its row) lists that bar's deals in a side panel.
import { useCallback, useMemo, useState } from 'react';
import type { ForecastSourceRequest, MovementRequest, MovementResult, MovementSelection } from '../../../../shared/forecast/types';
import { useBackend } from '../../app/backend-context';
import { useFormats, useSettings } from '../../app/settings-context';
import { buildWaterfallOption } from '../../charts/build-waterfall';
import { EChart, type EChartEventParams } from '../../charts/EChart';
import { useChartLabels } from '../../charts/use-chart-labels';
import { useT } from '../../i18n/I18nProvider';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { DealsPanel } from './DealsPanel';
import { BasisNote } from './BasisNote';
import { defaultSnapshotPair, MOVEMENT_BAR_HINTS, MOVEMENT_BAR_KEYS, MOVEMENT_SCOPES, movementBars, movementPeriod, movementSteps, type MovementScope } from './forecast-model';
import { dealColumns, FcCard, NumTh, SelectField } from './parts';
import { useApiResult } from './use-api-result';

export interface MovementTabProps {
  base: ForecastSourceRequest;
  snapshots: readonly string[];
}

const SCOPE_KEYS = {
  all: 'forecast.scopeAll',
  month: 'forecast.scopeMonth',
  quarter: 'forecast.scopeQuarter',
  custom: 'forecast.scopeCustom',
} as const;

export function MovementTab({ base, snapshots }: MovementTabProps) {
  const t = useT();
  const { api } = useBackend();
  const formats = useFormats();
  const { settings } = useSettings();
  const chartLabels = useChartLabels();
  const [from, setFrom] = useState(() => defaultSnapshotPair(snapshots)?.from ?? '');
  const [to, setTo] = useState(() => defaultSnapshotPair(snapshots)?.to ?? '');
  const [scope, setScope] = useState<MovementScope>('all');
  const [custom, setCustom] = useState({ from: '', to: '' });
  const [open, setOpen] = useState<MovementSelection | null>(null);

  const period = useMemo(() => movementPeriod(scope, to, custom), [scope, to, custom]);
  const request: MovementRequest | null = useMemo(() => {
    if (!from || !to || from >= to) return null;
    if (scope === 'custom' && !period) return null;
    return { ...base, from, to, ...(period ? { period } : {}) };
  }, [base, from, to, scope, period]);
  const result = useApiResult(request ? JSON.stringify(request) : null, () => api.pipelineMovement(request!));
  const movement: MovementResult | null = result.value;

  const barLabel = useCallback((id: MovementSelection) => t(MOVEMENT_BAR_KEYS[id]), [t]);
  const chart = useMemo(() => {
    if (!movement) return null;
    const { steps, bars } = movementSteps(movement, barLabel);
    const option = buildWaterfallOption(steps, {
      display: { locale: settings.locale, currency: settings.currency, theme: settings.theme },
      labels: chartLabels,
      measureLabel: t('forecast.pipelineAmount'),
    });
    return { option, bars };
  }, [movement, barLabel, settings.locale, settings.currency, settings.theme, chartLabels, t]);

  const onChartClick = useCallback(
    (p: EChartEventParams) => {
      const bar = p.dataIndex === undefined ? undefined : chart?.bars[p.dataIndex];
      if (bar) setOpen(bar);
    },
    [chart],
  );

  const changeFrom = (value: string) => {
    setFrom(value);
    setOpen(null);
    if (value >= to) setTo(snapshots.find((d) => d > value) ?? to);
  };

  const change = movement ? movement.end.amount - movement.start.amount : 0;
  const openBar = open && movement ? movementBars(movement).find((b) => b.id === open) : undefined;

  const columns = useMemo(
    () =>
      dealColumns(t, [
        { id: 'change', label: t('forecast.colChange'), format: 'signedMoney' },
        { id: 'amount_start', label: t('forecast.colAmountStart'), format: 'money' },
        { id: 'amount_end', label: t('forecast.colAmountEnd'), format: 'money' },
        { id: 'stage_start', label: t('forecast.colStageStart'), format: 'text' },
        { id: 'stage_end', label: t('forecast.colStageEnd'), format: 'text' },
        { id: 'expected_close_start', label: t('forecast.colCloseStart'), format: 'date' },
        { id: 'expected_close_end', label: t('forecast.colCloseEnd'), format: 'date' },
      ]),
    [t],
  );

  return (
    <div className="fc-tab" data-testid="forecast-movement" data-state={result.status}>
      <div className="fc-controls">
        <SelectField label={t('forecast.fromSnapshot')} value={from} onChange={changeFrom} testId="movement-from">
          {snapshots.slice(0, -1).map((d) => (
            <option key={d} value={d}>
              {formats.date(d)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('forecast.toSnapshot')}
          value={to}
          onChange={(v) => {
            setTo(v);
            setOpen(null);
          }}
          testId="movement-to"
        >
          {snapshots
            .filter((d) => d > from)
            .map((d) => (
              <option key={d} value={d}>
                {formats.date(d)}
              </option>
            ))}
        </SelectField>
        <SelectField
          label={t('forecast.scope')}
          value={scope}
          onChange={(v) => {
            setScope(v as MovementScope);
            setOpen(null);
          }}
          testId="movement-scope"
        >
          {MOVEMENT_SCOPES.map((s) => (
            <option key={s} value={s}>
              {t(SCOPE_KEYS[s])}
            </option>
          ))}
        </SelectField>
        {scope === 'custom' && (
          <>
            <label className="fc-field">
              <span className="fc-field-label">{t('forecast.periodFrom')}</span>
              <input type="date" className="input input-compact" value={custom.from} onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))} data-testid="movement-period-from" />
            </label>
            <label className="fc-field">
              <span className="fc-field-label">{t('forecast.periodTo')}</span>
              <input type="date" className="input input-compact" value={custom.to} onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))} data-testid="movement-period-to" />
            </label>
          </>
        )}
      </div>
      {scope === 'custom' && !period && <p className="fc-note">{t('forecast.periodIncomplete')}</p>}
      {result.error && <ErrorPanel title={t('forecast.movementFailed')} error={result.error} testId="forecast-error" />}
      {movement && chart && (
        <>
          <p className="fc-lead" data-testid="movement-summary">
            {t('forecast.movementSummary', {
              from: formats.date(movement.from),
              to: formats.date(movement.to),
              start: formats.currency(movement.start.amount),
              end: formats.currency(movement.end.amount),
              change: formats.signedCurrency(change),
              startDeals: formats.integer(movement.start.deals),
              endDeals: formats.integer(movement.end.deals),
            })}
            {movement.period
              ? ` ${t('forecast.movementPeriod', { from: formats.date(movement.period.from), to: formats.date(movement.period.to) })}`
              : ` ${t('forecast.movementAllOpen')}`}
          </p>
          <FcCard title={t('forecast.waterfallTitle')} hint={t('forecast.clickBar')} loading={result.status === 'loading'}>
            <EChart
              option={chart.option}
              className="fc-chart"
              testId="movement-chart"
              theme={settings.theme}
              label={t('forecast.waterfallLabel', { start: formats.currency(movement.start.amount), end: formats.currency(movement.end.amount) })}
              onClick={onChartClick}
            />
          </FcCard>
          <section className="card fc-card">
            <table className="fc-table" data-testid="movement-table">
              <caption className="visually-hidden">{t('forecast.waterfallTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('forecast.colBar')}</th>
                  <th scope="col">{t('forecast.colMeaning')}</th>
                  <NumTh>{t('forecast.colAmount')}</NumTh>
                  <NumTh>{t('forecast.colDeals')}</NumTh>
                </tr>
              </thead>
              <tbody>
                {movementBars(movement).map((b) => {
                  const absolute = b.id === 'start' || b.id === 'end';
                  const empty = !absolute && b.deals === 0;
                  return (
                    <tr
                      key={b.id}
                      className={`fc-row-click ${absolute ? 'fc-row-total' : ''} ${empty ? 'fc-row-empty' : ''} ${open === b.id ? 'fc-row-selected' : ''}`}
                      data-testid={`movement-row-${b.id}`}
                      data-amount={b.amount}
                      data-deals={b.deals}
                      onClick={() => setOpen(b.id)}
                    >
                      <th scope="row">
                        <button type="button" className="fc-row-button" onClick={(e) => {
                            e.stopPropagation();
                            setOpen(b.id);
                          }} data-testid={`movement-open-${b.id}`}>
                          {barLabel(b.id)}
                        </button>
                      </th>
                      <td className="fc-muted">{t(MOVEMENT_BAR_HINTS[b.id])}</td>
                      <td className={`num ${absolute ? '' : b.amount > 0 ? 'fc-up' : b.amount < 0 ? 'fc-down' : ''}`} data-testid={`movement-amount-${b.id}`}>
                        {absolute ? formats.currency(b.amount) : formats.signedCurrency(b.amount)}
                      </td>
                      <td className="num" data-testid={`movement-deals-${b.id}`}>
                        {formats.integer(b.deals)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {movement.buckets.some((b) => b.id === 'won' && b.deals > 0) && (
              <p className="fc-note fc-card-note">{t('forecast.wonAmountNote', { amount: formats.currency(movement.wonAmount) })}</p>
            )}
          </section>
          <BasisNote basis={movement.basis} />
        </>
      )}
      {open && movement && request && (
        <DealsPanel
          key={`${open}@${JSON.stringify(request)}`}
          title={t('forecast.dealsOfBar', { bar: barLabel(open) })}
          subtitle={t('forecast.dealsOfBarSubtitle', {
            from: formats.date(movement.from),
            to: formats.date(movement.to),
            amount: openBar ? (open === 'start' || open === 'end' ? formats.currency(openBar.amount) : formats.signedCurrency(openBar.amount)) : '',
          })}
          columns={columns}
          defaultOrder={t('forecast.orderLargestChange')}
          fetchPage={(offset, limit, sort) => api.movementDeals({ ...request, bar: open, offset, limit, ...(sort ? { sort } : {}) })}
          onClose={() => setOpen(null)}
        />
      )}
    </div>
  );
}
