// Small pieces the forecast tabs share: the "break down by" picker and a bias or calibration gap
// read out in plain words.
import { roleName } from '../../../../shared/i18n/labels';
import { useFormats } from '../../app/settings-context';
import { useT } from '../../i18n/I18nProvider';
import type { BiasReading } from './forecast-model';

export function GroupBySelect({ value, roles, onChange, testId, allowNone = true }: { value: string; roles: readonly string[]; onChange(role: string): void; testId: string; allowNone?: boolean }) {
  const t = useT();
  return (
    <label className="fc-field">
      <span className="fc-field-label">{t('forecast.groupBy')}</span>
      <select className="select select-compact" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {allowNone && <option value="">{t('forecast.groupNone')}</option>}
        {roles.map((r) => (
          <option key={r} value={r}>
            {roleName(t, r)}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * A bias (forecast − won) / won, or a calibration gap (probability entered − share won), in words:
 * "Forecast 12 % above what was won: optimistic".
 */
export function ReadingText({ reading, ratio, kind }: { reading: BiasReading; ratio: number | null; kind: 'bias' | 'gap' }) {
  const t = useT();
  const formats = useFormats();
  const size = ratio === null ? 0 : Math.abs(ratio);
  let text: string;
  if (kind === 'bias') {
    const pct = formats.fractionPercent(size);
    text =
      reading === 'over'
        ? t('forecast.biasOver', { pct })
        : reading === 'under'
          ? t('forecast.biasUnder', { pct })
          : reading === 'onTarget'
            ? t('forecast.biasOnTarget', { pct })
            : t('forecast.biasUnknown');
  } else {
    const points = formats.number(Math.round(size * 1000) / 10);
    text =
      reading === 'over'
        ? t('forecast.gapOver', { points })
        : reading === 'under'
          ? t('forecast.gapUnder', { points })
          : reading === 'onTarget'
            ? t('forecast.gapOnTarget', { points })
            : t('forecast.gapUnknown');
  }
  return (
    <span className={`fc-reading-tag fc-reading-${reading}`} data-reading={reading}>
      {text}
    </span>
  );
}
