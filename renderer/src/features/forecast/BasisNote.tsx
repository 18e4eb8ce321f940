// "How this was computed", under every forecast analysis: how deals were followed from snapshot to
// snapshot, where won and lost were read, the stage order, the date the data runs to, and what the
// engine warns about (its warnings are English sentences about the data).
import type { ForecastBasis } from '../../../../shared/forecast/types';
import { useFormats } from '../../app/settings-context';
import { useT } from '../../i18n/I18nProvider';

export function BasisNote({ basis }: { basis: ForecastBasis }) {
  const t = useT();
  const formats = useFormats();
  return (
    <details className="fc-basis" data-testid="forecast-basis">
      <summary>{t('forecast.basisTitle')}</summary>
      <ul>
        <li>
          {basis.identity.rule === 'deal_id'
            ? t('forecast.basisIdentityId')
            : t('forecast.basisIdentityName', { count: basis.identity.roles.length })}
        </li>
        <li>
          {basis.outcomeSource === null
            ? t('forecast.basisOutcomeSnapshots')
            : t('forecast.basisOutcomeSource', { source: basis.outcomeSource })}
        </li>
        <li>
          {t('forecast.basisSnapshots', {
            count: basis.snapshotDates.length,
            n: formats.integer(basis.snapshotDates.length),
            first: formats.date(basis.snapshotDates[0] ?? ''),
            last: formats.date(basis.snapshotDates.at(-1) ?? ''),
            asOf: formats.date(basis.asOf),
          })}
        </li>
        {basis.stages.length > 0 && <li>{t('forecast.basisStages', { stages: basis.stages.join(' › ') })}</li>}
        {basis.filters.length > 0 && (
          <li lang="en">
            {t('forecast.basisFilters')} {basis.filters.join(' · ')}
          </li>
        )}
      </ul>
      {basis.warnings.length > 0 && (
        <ul className="fc-basis-warnings" lang="en" data-testid="forecast-warnings">
          {basis.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </details>
  );
}
