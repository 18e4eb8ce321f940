// Probability calibration: the probability entered on each deal at snapshot time (or its stage's
// default), bucketed, against the share of those deals won later — a reliability diagram whose
// points would sit on the diagonal if the probabilities were right. Per rep (or team, stage...),
// so that the optimist and the sandbagger show.
import { useMemo, useState } from 'react';
import { CALIBRATION_OBSERVATIONS, type CalibrationObservations, type CalibrationRequest, type CalibrationResult, type ForecastSourceRequest } from '../../../../shared/forecast/types';
import { roleName } from '../../../../shared/i18n/labels';
import { useBackend } from '../../app/backend-context';
import { useFormats, useSettings } from '../../app/settings-context';
import { EChart } from '../../charts/EChart';
import { chartTheme } from '../../charts/theme';
import { useT } from '../../i18n/I18nProvider';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { BasisNote } from './BasisNote';
import { calibrationOption, type CalibrationSeries } from './forecast-charts';
import { bucketRange, gapReading, groupKey, groupText } from './forecast-model';
import { FcCard, GroupBySelect, GroupTh, NumTh, ReadingText, SelectField } from './parts';
import { useApiResult } from './use-api-result';

export interface CalibrationTabProps {
  base: ForecastSourceRequest;
  groupRoles: readonly string[];
}

const OBSERVATION_KEYS = {
  every: 'forecast.observationsEvery',
  first: 'forecast.observationsFirst',
  last: 'forecast.observationsLast',
} as const;

export function CalibrationTab({ base, groupRoles }: CalibrationTabProps) {
  const t = useT();
  const { api } = useBackend();
  const formats = useFormats();
  const { settings } = useSettings();
  const roles = useMemo(() => [...groupRoles, ...(groupRoles.includes('stage') ? [] : ['stage'])], [groupRoles]);
  const [by, setBy] = useState<string>(groupRoles.includes('owner') ? 'owner' : '');
  const [observations, setObservations] = useState<CalibrationObservations>('every');
  const [picked, setPicked] = useState<string | null>(null);

  const request: CalibrationRequest = useMemo(() => ({ ...base, ...(by ? { by: [by] } : {}), observations }), [base, by, observations]);
  const result = useApiResult(JSON.stringify(request), () => api.probabilityCalibration(request));
  const r: CalibrationResult | null = result.value;
  const empty = t('forecast.emptyValue');
  const total = r?.groups.find((g) => g.total) ?? null;
  const groups = useMemo(() => r?.groups.filter((g) => !g.total) ?? [], [r]);
  // The group drawn: the one picked, else the most optimistic (groups come by decreasing gap).
  const shown = (picked === null ? groups[0] : groups.find((g) => groupKey(g.group) === picked)) ?? null;
  const nameOf = (g: { group: Record<string, string | null>; total: boolean }) => (g.total ? t('forecast.total') : groupText(g.group, r?.by ?? [], empty));

  const option = useMemo(() => {
    if (!total) return null;
    const series: CalibrationSeries[] = shown
      ? [
          { name: t('forecast.total'), buckets: total.buckets, muted: true },
          { name: groupText(shown.group, r?.by ?? [], empty), buckets: shown.buckets },
        ]
      : [{ name: t('forecast.total'), buckets: total.buckets }];
    return calibrationOption(series, chartTheme(settings.theme), formats, {
      probability: t('forecast.probabilityEntered'),
      winRate: t('forecast.shareWon'),
      perfect: t('forecast.perfectCalibration'),
      observations: (count) => t('forecast.observationCount', { count, n: formats.integer(count) }),
      interval: t('forecast.interval'),
      bucket: t('forecast.bucket'),
    });
  }, [total, shown, r, empty, settings.theme, formats, t]);

  const detail = shown ?? total;

  return (
    <div className="fc-tab" data-testid="forecast-calibration" data-state={result.status}>
      <div className="fc-controls">
        <GroupBySelect
          value={by}
          roles={roles}
          onChange={(v) => {
            setBy(v);
            setPicked(null);
          }}
          testId="calibration-by"
        />
        <SelectField label={t('forecast.observations')} value={observations} onChange={(v) => setObservations(v as CalibrationObservations)} testId="calibration-observations">
          {CALIBRATION_OBSERVATIONS.map((o) => (
            <option key={o} value={o}>
              {t(OBSERVATION_KEYS[o])}
            </option>
          ))}
        </SelectField>
        {groups.length > 0 && (
          <SelectField label={t('forecast.diagramShows')} value={shown ? groupKey(shown.group) : ''} onChange={setPicked} testId="calibration-group">
            {groups.map((g) => (
              <option key={groupKey(g.group)} value={groupKey(g.group)}>
                {nameOf(g)}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      {result.error && <ErrorPanel title={t('forecast.calibrationFailed')} error={result.error} testId="forecast-error" />}
      {r && total && (
        <>
          <p className="fc-lead" data-testid="calibration-summary">
            <ReadingText reading={gapReading(total.gap)} ratio={total.gap} kind="gap" />{' '}
            {t('forecast.calibrationLead', {
              probability: formats.fractionPercent(total.meanProbability ?? 0),
              won: formats.fractionPercent(total.winRate ?? 0),
              count: total.resolved,
              n: formats.integer(total.resolved),
            })}
          </p>
          {groups.length > 1 && (
            <p className="fc-note" data-testid="calibration-extremes">
              {t('forecast.calibrationExtremes', {
                optimist: nameOf(groups[0]!),
                optimistGap: formats.signedNumber(Math.round((groups[0]!.gap ?? 0) * 1000) / 10),
                cautious: nameOf(groups.at(-1)!),
                cautiousGap: formats.signedNumber(Math.round((groups.at(-1)!.gap ?? 0) * 1000) / 10),
              })}
            </p>
          )}
          <div className="fc-split">
            <FcCard title={shown ? t('forecast.diagramTitleGroup', { group: nameOf(shown) }) : t('forecast.diagramTitle')} hint={t('forecast.diagramHint')} loading={result.status === 'loading'}>
              {option && <EChart option={option} className="fc-chart fc-chart-square" testId="calibration-chart" theme={settings.theme} label={t('forecast.diagramTitle')} />}
            </FcCard>
            {detail && (
              <FcCard title={t('forecast.bucketsTitle', { group: nameOf(detail) })}>
                <div className="fc-table-wrap">
                  <table className="fc-table" data-testid="calibration-buckets">
                    <thead>
                      <tr>
                        <th scope="col">{t('forecast.bucket')}</th>
                        <NumTh>{t('forecast.colObservations')}</NumTh>
                        <NumTh>{t('forecast.colWon')}</NumTh>
                        <NumTh>{t('forecast.probabilityEntered')}</NumTh>
                        <NumTh>{t('forecast.shareWon')}</NumTh>
                        <NumTh>{t('forecast.interval')}</NumTh>
                      </tr>
                    </thead>
                    <tbody>
                      {detail.buckets.map((b) => {
                        const gap = b.meanProbability !== null && b.winRate !== null ? b.meanProbability - b.winRate : null;
                        return (
                          <tr key={b.from} className={`fc-reading-${gapReading(gap)} ${b.count === 0 ? 'fc-row-empty' : ''}`} data-testid="calibration-bucket" data-count={b.count}>
                            <th scope="row">{bucketRange(b.from, b.to, formats.fractionPercent)}</th>
                            <td className="num">{formats.integer(b.count)}</td>
                            <td className="num">{formats.integer(b.won)}</td>
                            <td className="num">{b.meanProbability === null ? '' : formats.fractionPercent(b.meanProbability)}</td>
                            <td className="num fc-bias">{b.winRate === null ? '' : formats.fractionPercent(b.winRate)}</td>
                            <td className="num fc-muted">{b.low === null || b.high === null ? '' : `${formats.fractionPercent(b.low)} – ${formats.fractionPercent(b.high)}`}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </FcCard>
            )}
          </div>
          <FcCard title={by ? t('forecast.calibrationGroupsTitle', { role: roleName(t, by) }) : t('forecast.calibrationTotalTitle')}>
            <p className="fc-note fc-card-note">{t('forecast.gapExplained')}</p>
            <div className="fc-table-wrap">
              <table className="fc-table" data-testid="calibration-table">
                <thead>
                  <tr>
                    <GroupTh by={by} />
                    <NumTh>{t('forecast.colObservations')}</NumTh>
                    <NumTh>{t('forecast.colStillOpen')}</NumTh>
                    <NumTh>{t('forecast.probabilityEntered')}</NumTh>
                    <NumTh>{t('forecast.shareWon')}</NumTh>
                    <NumTh>{t('forecast.colGap')}</NumTh>
                    <NumTh title={t('forecast.brierHint')}>{t('forecast.colBrier')}</NumTh>
                    <th scope="col">{t('forecast.reading')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.groups.map((g) => {
                    const reading = gapReading(g.gap);
                    const selected = !g.total && shown !== null && groupKey(g.group) === groupKey(shown.group);
                    return (
                      <tr
                        key={groupKey(g.group)}
                        className={`${g.total ? 'fc-row-total' : 'fc-row-click'} ${selected ? 'fc-row-selected' : ''} fc-reading-${reading}`}
                        data-testid="calibration-row"
                        data-group={nameOf(g)}
                        data-gap={g.gap ?? ''}
                        onClick={g.total ? undefined : () => setPicked(groupKey(g.group))}
                      >
                        <th scope="row">
                          {g.total ? (
                            nameOf(g)
                          ) : (
                            <button
                              type="button"
                              className="fc-row-button"
                              aria-pressed={selected}
                              onClick={(e) => {
                                e.stopPropagation();
                                setPicked(groupKey(g.group));
                              }}
                            >
                              {nameOf(g)}
                            </button>
                          )}
                        </th>
                        <td className="num">{formats.integer(g.resolved)}</td>
                        <td className="num fc-muted">{formats.integer(g.unresolved)}</td>
                        <td className="num">{g.meanProbability === null ? '' : formats.fractionPercent(g.meanProbability)}</td>
                        <td className="num">{g.winRate === null ? '' : formats.fractionPercent(g.winRate)}</td>
                        <td className="num fc-bias">{g.gap === null ? '' : t('forecast.points', { points: formats.signedNumber(Math.round(g.gap * 1000) / 10) })}</td>
                        <td className="num">{g.brier === null ? '' : formats.fixed(3)(g.brier)}</td>
                        <td className="fc-reading">
                          <ReadingText reading={reading} ratio={g.gap} kind="gap" />
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
    </div>
  );
}
