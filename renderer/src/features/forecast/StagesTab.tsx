// Probability sanity over time: the mean probability reps entered at each stage, snapshot after
// snapshot. It should rise stage after stage; a stage whose mean falls below an earlier stage's is
// a violation, marked on the chart and listed. Beside it, the share of deals at each stage that
// were won later: where the probabilities promise more than the stage delivers.
import { useMemo } from 'react';
import type { ForecastSourceRequest, StageSanityRequest, StageSanityResult } from '../../../../shared/forecast/types';
import { useBackend } from '../../app/backend-context';
import { useFormats, useSettings } from '../../app/settings-context';
import { EChart } from '../../charts/EChart';
import { chartTheme } from '../../charts/theme';
import { useT } from '../../i18n/I18nProvider';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { BasisNote } from './BasisNote';
import { stageProbabilityOption } from './forecast-charts';
import { gapReading } from './forecast-model';
import { FcCard, NumTh, ReadingText } from './parts';
import { useApiResult } from './use-api-result';

export function StagesTab({ base }: { base: ForecastSourceRequest }) {
  const t = useT();
  const { api } = useBackend();
  const formats = useFormats();
  const { settings } = useSettings();
  const request: StageSanityRequest = base;
  const result = useApiResult(JSON.stringify(request), () => api.stageProbabilitySanity(request));
  const r: StageSanityResult | null = result.value;

  const option = useMemo(() => {
    if (!r) return null;
    return stageProbabilityOption(r.basis.stages, r.snapshots, chartTheme(settings.theme), formats, {
      date: (d) => formats.date(d),
      violation: t('forecast.belowEarlierStage'),
      deals: (count) => t('forecast.dealCount', { count, n: formats.integer(count) }),
    });
  }, [r, settings.theme, formats, t]);

  const broken = r?.snapshots.filter((s) => !s.rising) ?? [];
  const pct = (v: number | null) => (v === null ? '' : formats.fractionPercent(v));

  return (
    <div className="fc-tab" data-testid="forecast-stages" data-state={result.status}>
      {result.error && <ErrorPanel title={t('forecast.stagesFailed')} error={result.error} testId="forecast-error" />}
      {r && (
        <>
          <p className={`fc-lead ${broken.length ? 'fc-lead-warning' : ''}`} data-testid="stages-summary">
            {broken.length === 0
              ? t('forecast.stagesRising', { count: r.snapshots.length, n: formats.integer(r.snapshots.length) })
              : t('forecast.stagesBroken', { count: broken.length, n: formats.integer(broken.length), total: formats.integer(r.snapshots.length) })}
          </p>
          <FcCard title={t('forecast.stagesChartTitle')}>
            {option && <EChart option={option} className="fc-chart" testId="stages-chart" theme={settings.theme} label={t('forecast.stagesChartTitle')} />}
          </FcCard>
          <FcCard title={t('forecast.stagesTableTitle')}>
            <p className="fc-note fc-card-note">{t('forecast.stagesTableHint')}</p>
            <div className="fc-table-wrap">
              <table className="fc-table" data-testid="stages-table">
                <thead>
                  <tr>
                    <th scope="col">{t('forecast.colStage')}</th>
                    <NumTh>{t('forecast.colObservations')}</NumTh>
                    <NumTh>{t('forecast.probabilityEntered')}</NumTh>
                    <NumTh>{t('forecast.shareWon')}</NumTh>
                    <th scope="col">{t('forecast.reading')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.overall.stages.map((s) => {
                    const violation = r.overall.violations.find((v) => v.stage === s.stage);
                    const gap = s.meanProbability !== null && s.winRate !== null ? s.meanProbability - s.winRate : null;
                    return (
                      <tr key={s.stage} className={violation ? 'fc-row-violation' : undefined} data-testid="stages-row" data-stage={s.stage}>
                        <th scope="row">{s.stage}</th>
                        <td className="num">{formats.integer(s.deals)}</td>
                        <td className="num">
                          {pct(s.meanProbability)}
                          {violation && (
                            <span className="fc-violation" title={t('forecast.violationText', { stage: s.stage, previous: violation.previousStage })}>
                              {' '}
                              {t('forecast.belowStage', { previous: violation.previousStage })}
                            </span>
                          )}
                        </td>
                        <td className="num">{pct(s.winRate)}</td>
                        <td className="fc-reading">
                          <ReadingText reading={gapReading(gap)} ratio={gap} kind="gap" />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </FcCard>
          {broken.length > 0 && (
            <FcCard title={t('forecast.violationsTitle')}>
              <ul className="fc-violations" data-testid="stages-violations">
                {broken.flatMap((s) =>
                  s.violations.map((v) => (
                    <li key={`${s.date}-${v.stage}`}>
                      {t('forecast.violationLine', {
                        date: formats.date(s.date),
                        stage: v.stage,
                        probability: pct(v.meanProbability),
                        previous: v.previousStage,
                        previousProbability: pct(v.previousMeanProbability),
                      })}
                    </li>
                  )),
                )}
              </ul>
            </FcCard>
          )}
          <BasisNote basis={r.basis} />
        </>
      )}
    </div>
  );
}
