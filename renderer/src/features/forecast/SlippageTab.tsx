// Slippage and drift: per rep (or team, segment), how many deals had their close date pushed, how
// many were pushed so often they are flagged, the days added, stage regressions and the amount
// drift from the first estimate to the final amount. A group's name lists its pushed deals, its
// flagged count the flagged ones.
import { useMemo, useState } from 'react';
import { DEFAULT_FLAG_PUSHES, type ForecastGroup, type ForecastSourceRequest, type SlippageRequest, type SlippageResult } from '../../../../shared/forecast/types';
import { roleName } from '../../../../shared/i18n/labels';
import { useBackend } from '../../app/backend-context';
import { useFormats } from '../../app/settings-context';
import { useT } from '../../i18n/I18nProvider';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { BasisNote } from './BasisNote';
import { DealsPanel } from './DealsPanel';
import { groupKey, groupText } from './forecast-model';
import { dealColumns, FcCard, GroupBySelect, GroupTh, NumTh, SelectField } from './parts';
import { useApiResult } from './use-api-result';

export interface SlippageTabProps {
  base: ForecastSourceRequest;
  groupRoles: readonly string[];
}

const FLAG_CHOICES = [2, 3, 4, 5] as const;
/** The mark of a flagged figure (a flag). */
const FLAG = '\u2691';

interface Drill {
  group: ForecastGroup | null;
  name: string;
  minPushes: number;
}

export function SlippageTab({ base, groupRoles }: SlippageTabProps) {
  const t = useT();
  const { api } = useBackend();
  const formats = useFormats();
  const [by, setBy] = useState<string>(groupRoles.includes('owner') ? 'owner' : (groupRoles[0] ?? ''));
  const [flagPushes, setFlagPushes] = useState<number>(DEFAULT_FLAG_PUSHES);
  const [drill, setDrill] = useState<Drill | null>(null);

  const request: SlippageRequest = useMemo(() => ({ ...base, ...(by ? { by: [by] } : {}), flagPushes }), [base, by, flagPushes]);
  const result = useApiResult(JSON.stringify(request), () => api.slippage(request));
  const r: SlippageResult | null = result.value;
  const empty = t('forecast.emptyValue');
  const total = r?.groups.find((g) => g.total) ?? null;
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

  const columns = useMemo(
    () =>
      dealColumns(t, [
        { id: 'pushes', label: t('forecast.colPushes'), format: 'integer' },
        { id: 'days_pushed', label: t('forecast.colDaysPushed'), format: 'integer' },
        { id: 'first_expected_close', label: t('forecast.colFirstClose'), format: 'date' },
        { id: 'last_expected_close', label: t('forecast.colLastClose'), format: 'date' },
        { id: 'regressions', label: t('forecast.colRegressions'), format: 'integer' },
        { id: 'first_amount', label: t('forecast.colFirstAmount'), format: 'money' },
        { id: 'final_amount', label: t('forecast.colFinalAmount'), format: 'money' },
        { id: 'amount_drift', label: t('forecast.colDrift'), format: 'signedMoney' },
      ]),
    [t],
  );

  return (
    <div className="fc-tab" data-testid="forecast-slippage" data-state={result.status}>
      <div className="fc-controls">
        <GroupBySelect
          value={by}
          roles={groupRoles}
          onChange={(v) => {
            setBy(v);
            setDrill(null);
          }}
          testId="slippage-by"
        />
        <SelectField
          label={t('forecast.flagFrom')}
          value={String(flagPushes)}
          onChange={(v) => {
            setFlagPushes(Number(v));
            setDrill(null);
          }}
          testId="slippage-flag"
        >
          {FLAG_CHOICES.map((n) => (
            <option key={n} value={String(n)}>
              {t('forecast.pushesOrMore', { count: n, n: formats.integer(n) })}
            </option>
          ))}
        </SelectField>
      </div>
      {result.error && <ErrorPanel title={t('forecast.slippageFailed')} error={result.error} testId="forecast-error" />}
      {r && total && (
        <>
          <p className="fc-lead" data-testid="slippage-summary">
            {t('forecast.slippageLead', {
              pushed: formats.integer(total.pushedDeals),
              deals: formats.integer(total.deals),
              share: formats.fractionPercent(share(total.pushedDeals, total.deals)),
              flagged: formats.integer(total.flaggedDeals),
              count: r.flagPushes,
              n: formats.integer(r.flagPushes),
            })}{' '}
            {t('forecast.driftLead', {
              first: formats.currency(Math.round(total.firstAmount)),
              final: formats.currency(Math.round(total.finalAmount)),
              drift: total.amountDriftRatio === null ? '' : formats.changePercent(total.amountDriftRatio),
            })}
          </p>
          <FcCard title={by ? t('forecast.slippageTitleBy', { role: roleName(t, by) }) : t('forecast.slippageTitle')} hint={t('forecast.slippageHint')} loading={result.status === 'loading'}>
            <div className="fc-table-wrap">
              <table className="fc-table" data-testid="slippage-table">
                <thead>
                  <tr>
                    <GroupTh by={by} />
                    <NumTh>{t('forecast.colDeals')}</NumTh>
                    <NumTh>{t('forecast.colPushedDeals')}</NumTh>
                    <NumTh>{t('forecast.colFlagged', { count: r.flagPushes, n: formats.integer(r.flagPushes) })}</NumTh>
                    <NumTh>{t('forecast.colPushes')}</NumTh>
                    <NumTh>{t('forecast.colDaysPerPush')}</NumTh>
                    <NumTh>{t('forecast.colRegressedDeals')}</NumTh>
                    <NumTh>{t('forecast.colFirstAmount')}</NumTh>
                    <NumTh>{t('forecast.colFinalAmount')}</NumTh>
                    <NumTh>{t('forecast.colDrift')}</NumTh>
                  </tr>
                </thead>
                <tbody>
                  {r.groups.map((g) => {
                    const name = g.total ? t('forecast.total') : groupText(g.group, r.by, empty);
                    const target = g.total ? null : g.group;
                    const pushedShare = share(g.pushedDeals, g.deals);
                    return (
                      <tr key={groupKey(g.group)} className={`${g.total ? 'fc-row-total' : ''} ${g.flaggedDeals > 0 ? 'fc-row-flagged' : ''}`} data-testid="slippage-row" data-group={name} data-flagged={g.flaggedDeals}>
                        <th scope="row">
                          <button
                            type="button"
                            className="fc-row-button"
                            title={t('forecast.openPushed', { group: name })}
                            onClick={() => setDrill({ group: target, name, minPushes: 1 })}
                            data-testid="slippage-open-pushed"
                          >
                            {name}
                          </button>
                        </th>
                        <td className="num">{formats.integer(g.deals)}</td>
                        <td className="num">
                          <span className="fc-share">
                            <span className="fc-share-bar" style={{ width: `${Math.round(pushedShare * 100)}%` }} aria-hidden="true" />
                            <span className="fc-share-text">
                              {formats.integer(g.pushedDeals)} · {formats.fractionPercent(pushedShare)}
                            </span>
                          </span>
                        </td>
                        <td className="num">
                          {g.flaggedDeals > 0 ? (
                            <button
                              type="button"
                              className="fc-flag"
                              title={t('forecast.openFlagged', { group: name })}
                              onClick={() => setDrill({ group: target, name, minPushes: r.flagPushes })}
                              data-testid="slippage-open-flagged"
                            >
                              <span aria-hidden="true">{FLAG}</span> {formats.integer(g.flaggedDeals)}
                            </button>
                          ) : (
                            formats.integer(0)
                          )}
                        </td>
                        <td className="num">{formats.integer(g.pushes)}</td>
                        <td className="num">{g.pushes > 0 ? formats.integer(Math.round(g.daysPushed / g.pushes)) : ''}</td>
                        <td className="num">{formats.integer(g.regressedDeals)}</td>
                        <td className="num">{formats.currency(Math.round(g.firstAmount))}</td>
                        <td className="num">{formats.currency(Math.round(g.finalAmount))}</td>
                        <td className={`num ${g.amountDrift < 0 ? 'fc-down' : g.amountDrift > 0 ? 'fc-up' : ''}`}>
                          {g.amountDriftRatio === null ? formats.signedCurrency(Math.round(g.amountDrift)) : formats.changePercent(g.amountDriftRatio)}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </FcCard>
          <BasisNote basis={r.basis} />
        </>
      )}
      {drill && (
        <DealsPanel
          key={`${JSON.stringify(drill)}@${JSON.stringify(request)}`}
          title={drill.minPushes > 1 ? t('forecast.flaggedDealsOf', { group: drill.name }) : t('forecast.pushedDealsOf', { group: drill.name })}
          subtitle={t('forecast.pushedAtLeast', { count: drill.minPushes, n: formats.integer(drill.minPushes) })}
          columns={columns}
          defaultOrder={t('forecast.orderMostPushes')}
          fetchPage={(offset, limit, sort) =>
            api.slippageDeals({ ...request, ...(drill.group ? { group: drill.group } : {}), minPushes: drill.minPushes, offset, limit, ...(sort ? { sort } : {}) })
          }
          onClose={() => setDrill(null)}
        />
      )}
    </div>
  );
}
