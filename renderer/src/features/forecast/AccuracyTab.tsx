// Forecast vs actual: per month or quarter, the forecast frozen from the snapshot taken at the start
// of the period (the weighted open pipeline expected to close in it, or the commit view: deals at
// or beyond a stage or probability) against the revenue won in it; error and bias per rep, team or
// segment, each with its reading in words.
import { useMemo, useState } from 'react';
import { DEFAULT_COMMIT_PROBABILITY, type ForecastAccuracyRequest, type ForecastAccuracyResult, type ForecastGrain, type ForecastSourceRequest } from '../../../../shared/forecast/types';
import { useBackend } from '../../app/backend-context';
import { useFormats, useSettings } from '../../app/settings-context';
import { EChart } from '../../charts/EChart';
import { chartTheme } from '../../charts/theme';
import { useT } from '../../i18n/I18nProvider';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { parseDay } from '../../ui/format';
import { BasisNote } from './BasisNote';
import { accuracyOption } from './forecast-charts';
import { accuracyFigures, biasReading, groupKey, groupText, type ForecastView } from './forecast-model';
import { FcCard, GroupBySelect, GroupTh, NumTh, ReadingText, SelectField } from './parts';
import { useApiResult } from './use-api-result';

export interface AccuracyTabProps {
  base: ForecastSourceRequest;
  /** Roles a forecast can be broken down by in this workspace. */
  groupRoles: readonly string[];
}

const PROBABILITY_THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9] as const;

type CommitMode = 'probability' | 'stage';

export function AccuracyTab({ base, groupRoles }: AccuracyTabProps) {
  const t = useT();
  const { api } = useBackend();
  const formats = useFormats();
  const { settings } = useSettings();
  const [grain, setGrain] = useState<ForecastGrain>('month');
  const [by, setBy] = useState<string>('');
  const [view, setView] = useState<ForecastView>('weighted');
  const [commitMode, setCommitMode] = useState<CommitMode>('probability');
  const [probability, setProbability] = useState<number>(DEFAULT_COMMIT_PROBABILITY);
  const [stage, setStage] = useState<string>('');
  const [chartGroup, setChartGroup] = useState<string>('');

  // The open stages of the last answer: the commit stage is picked among them (the last by default).
  const [stages, setStages] = useState<string[]>([]);
  const commitStage = stages.includes(stage) ? stage : (stages.at(-1) ?? '');
  const request: ForecastAccuracyRequest = useMemo(
    () => ({
      ...base,
      grain,
      ...(by ? { by: [by] } : {}),
      commit: commitMode === 'stage' && commitStage ? { stage: commitStage } : { probability },
    }),
    [base, grain, by, commitMode, commitStage, probability],
  );
  const result = useApiResult(JSON.stringify(request), () => api.forecastAccuracy(request));
  const r: ForecastAccuracyResult | null = result.value;
  // Kept while the next answer runs (adjusting state during render, as React recommends over an effect).
  if (r && r.basis.stages.join('\u0000') !== stages.join('\u0000')) setStages(r.basis.stages);

  const complete = useMemo(() => new Set(r?.periods.filter((p) => p.complete).map((p) => p.start) ?? []), [r]);
  const roles = r?.by ?? [];
  const empty = t('forecast.emptyValue');
  const groups = useMemo(() => r?.summary.filter((s) => !s.total) ?? [], [r]);
  const chosen = groups.find((g) => groupKey(g.group) === chartGroup);

  const periodLabel = (start: string) => formats.bucket(parseDay(start), grain);
  const chart = useMemo(() => {
    if (!r) return null;
    const key = chosen ? groupKey(chosen.group) : null;
    const points = r.periods.map((p) => {
      const row = r.rows.find((x) => x.period === p.start && (key === null ? x.total : !x.total && groupKey(x.group) === key));
      return {
        label: formats.bucket(parseDay(p.start), r.grain),
        forecast: row ? (view === 'commit' ? row.commit : row.weighted) : 0,
        actual: row?.actual ?? 0,
        complete: p.complete,
        snapshot: formats.date(p.snapshotDate),
      };
    });
    return accuracyOption(points, chartTheme(settings.theme), formats, {
      forecast: view === 'commit' ? t('forecast.commitForecast') : t('forecast.weightedForecast'),
      actual: t('forecast.wonRevenue'),
      error: t('forecast.error'),
      partial: t('forecast.partialPeriod'),
      snapshot: t('forecast.frozenFrom'),
    });
  }, [r, chosen, view, formats, settings.theme, t]);

  // The lead reads the group the chart shows (all deals by default).
  const total = chosen ?? r?.summary.find((s) => s.total);
  const totalFigures = total && r ? accuracyFigures(total, view, r.rows, complete) : null;
  const periodRows = useMemo(() => {
    if (!r) return [];
    const key = chosen ? groupKey(chosen.group) : null;
    return r.rows.filter((x) => (key === null ? x.total : !x.total && groupKey(x.group) === key));
  }, [r, chosen]);

  return (
    <div className="fc-tab" data-testid="forecast-accuracy" data-state={result.status}>
      <div className="fc-controls">
        <SelectField label={t('forecast.grain')} value={grain} onChange={(v) => setGrain(v as ForecastGrain)} testId="accuracy-grain">
          <option value="month">{t('forecast.grainMonth')}</option>
          <option value="quarter">{t('forecast.grainQuarter')}</option>
        </SelectField>
        <GroupBySelect
          value={by}
          roles={groupRoles}
          onChange={(v) => {
            setBy(v);
            setChartGroup('');
          }}
          testId="accuracy-by"
        />
        <SelectField label={t('forecast.view')} value={view} onChange={(v) => setView(v as ForecastView)} testId="accuracy-view">
          <option value="weighted">{t('forecast.viewWeighted')}</option>
          <option value="commit">{t('forecast.viewCommit')}</option>
        </SelectField>
        {view === 'commit' && (
          <>
            <SelectField label={t('forecast.commitRule')} value={commitMode} onChange={(v) => setCommitMode(v as CommitMode)} testId="accuracy-commit-mode">
              <option value="probability">{t('forecast.commitByProbability')}</option>
              <option value="stage" disabled={stages.length === 0}>
                {t('forecast.commitByStage')}
              </option>
            </SelectField>
            {commitMode === 'probability' ? (
              <SelectField label={t('forecast.commitProbability')} value={String(probability)} onChange={(v) => setProbability(Number(v))} testId="accuracy-commit-probability">
                {PROBABILITY_THRESHOLDS.map((p) => (
                  <option key={p} value={String(p)}>
                    {formats.fractionPercent(p)}
                  </option>
                ))}
              </SelectField>
            ) : (
              <SelectField label={t('forecast.commitStage')} value={commitStage} onChange={setStage} testId="accuracy-commit-stage">
                {stages.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </SelectField>
            )}
          </>
        )}
        {groups.length > 0 && (
          <SelectField label={t('forecast.chartShows')} value={chartGroup} onChange={setChartGroup} testId="accuracy-chart-group">
            <option value="">{t('forecast.allGroups')}</option>
            {groups.map((g) => (
              <option key={groupKey(g.group)} value={groupKey(g.group)}>
                {groupText(g.group, roles, empty)}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      {result.error && <ErrorPanel title={t('forecast.accuracyFailed')} error={result.error} testId="forecast-error" />}
      {r && totalFigures && (
        <>
          <p className="fc-lead" data-testid="accuracy-summary">
            <ReadingText reading={biasReading(totalFigures.bias)} ratio={totalFigures.bias} kind="bias" />{' '}
            {t('forecast.accuracyLead', {
              group: total!.total ? t('forecast.total') : groupText(total!.group, roles, empty),
              forecast: formats.currency(Math.round(totalFigures.forecast)),
              actual: formats.currency(totalFigures.actual),
              count: total!.periods,
              n: formats.integer(total!.periods),
            })}
          </p>
          <FcCard
            title={chosen ? t('forecast.accuracyChartGroup', { group: groupText(chosen.group, roles, empty) }) : t('forecast.accuracyChartTitle')}
            hint={t('forecast.partialHint')}
            loading={result.status === 'loading'}
          >
            {chart && <EChart option={chart} className="fc-chart" testId="accuracy-chart" theme={settings.theme} label={t('forecast.accuracyChartTitle')} />}
          </FcCard>
          <FcCard title={t('forecast.biasTableTitle')} loading={result.status === 'loading'}>
            <p className="fc-note fc-card-note">{t('forecast.biasExplained')}</p>
            <div className="fc-table-wrap">
              <table className="fc-table" data-testid="accuracy-table">
                <thead>
                  <tr>
                    <GroupTh by={by} />
                    <NumTh>{t('forecast.colPeriods')}</NumTh>
                    <NumTh>{view === 'commit' ? t('forecast.commitForecast') : t('forecast.weightedForecast')}</NumTh>
                    <NumTh>{t('forecast.wonRevenue')}</NumTh>
                    <NumTh>{t('forecast.error')}</NumTh>
                    <NumTh>{t('forecast.bias')}</NumTh>
                    <NumTh>{t('forecast.meanAbsError')}</NumTh>
                    <th scope="col">{t('forecast.reading')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.summary.map((s) => {
                    const f = accuracyFigures(s, view, r.rows, complete);
                    const reading = biasReading(f.bias);
                    const name = s.total ? t('forecast.total') : groupText(s.group, roles, empty);
                    return (
                      <tr key={groupKey(s.group)} className={`${s.total ? 'fc-row-total' : ''} fc-reading-${reading}`} data-testid="accuracy-row" data-group={name} data-bias={f.bias ?? ''}>
                        <th scope="row">{name}</th>
                        <td className="num">{formats.integer(s.periods)}</td>
                        <td className="num">{formats.currency(Math.round(f.forecast))}</td>
                        <td className="num">{formats.currency(f.actual)}</td>
                        <td className="num">{formats.signedCurrency(Math.round(f.error))}</td>
                        <td className="num fc-bias">{f.bias === null ? '' : formats.changePercent(f.bias)}</td>
                        <td className="num">{formats.currency(Math.round(f.meanAbsError))}</td>
                        <td className="fc-reading">
                          <ReadingText reading={reading} ratio={f.bias} kind="bias" />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </FcCard>
          <details className="card fc-card fc-details" data-testid="accuracy-periods">
            <summary>{chosen ? t('forecast.periodTableGroup', { group: groupText(chosen.group, roles, empty) }) : t('forecast.periodTable')}</summary>
            <div className="fc-table-wrap">
              <table className="fc-table">
                <thead>
                  <tr>
                    <th scope="col">{t('forecast.colPeriod')}</th>
                    <th scope="col">{t('forecast.frozenFrom')}</th>
                    <NumTh>{t('forecast.colForecastDeals')}</NumTh>
                    <NumTh>{t('forecast.colPipeline')}</NumTh>
                    <NumTh>{view === 'commit' ? t('forecast.commitForecast') : t('forecast.weightedForecast')}</NumTh>
                    <NumTh>{t('forecast.wonRevenue')}</NumTh>
                    <NumTh>{t('forecast.error')}</NumTh>
                    <NumTh>{t('forecast.errorRatio')}</NumTh>
                  </tr>
                </thead>
                <tbody>
                  {periodRows.map((x) => {
                    const p = r.periods.find((q) => q.start === x.period);
                    const forecast = view === 'commit' ? x.commit : x.weighted;
                    const error = view === 'commit' ? x.commitError : x.error;
                    const ratio = x.actual !== 0 ? error / x.actual : null;
                    return (
                      <tr key={x.period} className={`fc-reading-${biasReading(ratio)} ${p?.complete ? '' : 'fc-row-partial'}`}>
                        <th scope="row">{p?.complete ? periodLabel(x.period) : t('forecast.periodPartial', { period: periodLabel(x.period) })}</th>
                        <td>{p ? formats.date(p.snapshotDate) : ''}</td>
                        <td className="num">{formats.integer(view === 'commit' ? x.commitDeals : x.forecastDeals)}</td>
                        <td className="num">{formats.currency(x.pipeline)}</td>
                        <td className="num">{formats.currency(Math.round(forecast))}</td>
                        <td className="num">{formats.currency(x.actual)}</td>
                        <td className="num">{formats.signedCurrency(Math.round(error))}</td>
                        <td className="num fc-bias">{ratio === null ? '' : formats.changePercent(ratio)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </details>
          <BasisNote basis={r.basis} />
        </>
      )}
    </div>
  );
}
