// Small pieces the forecast tabs share: a labelled picker, the "break down by" picker, a card with
// its header, table headers, the columns every deal list starts and ends with, and a bias or
// calibration gap read out in plain words.
import type { ReactNode } from 'react';
import type { CellValue } from '../../../../shared/arrow/cells';
import { roleName } from '../../../../shared/i18n/labels';
import { useFormats } from '../../app/settings-context';
import { useT, type TFunction } from '../../i18n/I18nProvider';
import type { DealColumn } from './DealsPanel';
import type { BiasReading } from './forecast-model';

/** A labelled compact select of the controls row. */
export function SelectField({ label, value, onChange, testId, children }: { label: string; value: string; onChange(value: string): void; testId: string; children: ReactNode }) {
  return (
    <label className="fc-field">
      <span className="fc-field-label">{label}</span>
      <select className="select select-compact" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {children}
      </select>
    </label>
  );
}

export function GroupBySelect({ value, roles, onChange, testId, allowNone = true }: { value: string; roles: readonly string[]; onChange(role: string): void; testId: string; allowNone?: boolean }) {
  const t = useT();
  return (
    <SelectField label={t('forecast.groupBy')} value={value} onChange={onChange} testId={testId}>
      {allowNone && <option value="">{t('forecast.groupNone')}</option>}
      {roles.map((r) => (
        <option key={r} value={r}>
          {roleName(t, r)}
        </option>
      ))}
    </SelectField>
  );
}

/**
 * A card with a title and an optional hint. With `loading` given, the card is dimmed (stale) while
 * the next answer comes.
 */
export function FcCard({ title, hint, loading, children }: { title: ReactNode; hint?: ReactNode; loading?: boolean; children?: ReactNode }) {
  return (
    <section className={loading === undefined ? 'card fc-card' : `card fc-card ${loading ? 'fc-stale' : ''}`}>
      <div className="card-header">
        <h3 className="card-title">{title}</h3>
        {hint !== undefined && <span className="result-meta">{hint}</span>}
      </div>
      {children}
    </section>
  );
}

/** A right-aligned (figures) column header. */
export function NumTh({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <th scope="col" className="num" title={title}>
      {children}
    </th>
  );
}

/** The first column header of a table broken down by a role: the role's name, else "Group". */
export function GroupTh({ by }: { by: string }) {
  const t = useT();
  return <th scope="col">{by ? roleName(t, by) : t('forecast.colGroup')}</th>;
}

const OUTCOME_KEYS = { won: 'forecast.outcomeWon', lost: 'forecast.outcomeLost', open: 'forecast.outcomeOpen' } as const;

/** A deal list's columns: deal, account and owner, then `middle`, then the outcome in words. */
export function dealColumns(t: TFunction, middle: readonly DealColumn[]): DealColumn[] {
  return [
    { id: 'deal_name', label: t('forecast.colDeal'), format: 'text' },
    { id: 'account', label: t('forecast.colAccount'), format: 'text' },
    { id: 'owner', label: t('forecast.colOwner'), format: 'text' },
    ...middle,
    {
      id: 'outcome',
      label: t('forecast.colOutcome'),
      format: 'text',
      render: (v: CellValue) => (v === 'won' || v === 'lost' || v === 'open' ? t(OUTCOME_KEYS[v]) : String(v)),
    },
  ];
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
