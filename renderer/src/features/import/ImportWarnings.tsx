// What the inspection found worth saying, plainly: a question when the file is ambiguous, a
// one-click fix when values do not fit their column, a note for everything else.
import type { ColumnPlan, DateOrder, ImportWarning } from '../../../../shared/import/types';
import { EngineText } from '../../i18n/EngineText';
import { useLanguage, useT } from '../../i18n/I18nProvider';
import {
  ambiguousDateReadings,
  KIND_LABEL,
  type KindDiff,
  sortWarnings,
  warningTitle,
  warningTone,
  withColumnKind,
  withSetting,
  type FixedSettings,
  type WarningTone,
} from './import-model';

const TONE_ICON: Record<WarningTone, string> = { question: '?', problem: '!', info: 'i' };

interface ImportWarningsProps {
  warnings: readonly ImportWarning[];
  /** Columns read differently from the earlier snapshots of the source this file is added to. */
  snapshotDiffs?: { source: string; diffs: readonly KindDiff[] } | null;
  /** An ambiguous date as written in the file ("03/04/2026"), for the date-order question. */
  dateSample?: string | null;
  /** The date order the file is read with now, for the date-order question. */
  dateOrder?: DateOrder | undefined;
  columns: readonly ColumnPlan[];
  fixed: FixedSettings;
  onChange: (fixed: FixedSettings) => void;
  disabled: boolean;
}

export function ImportWarnings({ warnings, snapshotDiffs, dateSample, dateOrder, columns, fixed, onChange, disabled }: ImportWarningsProps) {
  const t = useT();
  const diffs = snapshotDiffs && snapshotDiffs.diffs.length > 0 ? snapshotDiffs : null;
  if (warnings.length === 0 && !diffs) return null;
  return (
    <ul className="import-warnings" aria-label={t('import.warningsLabel')} data-testid="import-warnings">
      {diffs && (
        <li className="import-warning import-warning-problem" data-testid="warning-SNAPSHOT_KINDS">
          <span className="import-warning-icon" aria-hidden="true">
            !
          </span>
          <div className="import-warning-body">
            <div className="import-warning-title">{t('import.snapshotKindsTitle', { source: diffs.source })}</div>
            <div className="import-warning-text">
              {t('import.snapshotKindsText', {
                diffs: diffs.diffs
                  .map((d) => t('import.snapshotKindDiff', { column: d.column, now: t(KIND_LABEL[d.now]), before: t(KIND_LABEL[d.before]) }))
                  .join(' · '),
              })}
            </div>
            <div className="import-warning-actions">
              <button
                type="button"
                className="button button-small"
                disabled={disabled}
                data-testid="kinds-as-before"
                onClick={() => onChange(diffs.diffs.reduce((f, d) => withColumnKind(f, d.column, d.before), fixed))}
              >
                {t('import.readAsBefore', { count: diffs.diffs.length })}
              </button>
            </div>
          </div>
        </li>
      )}
      {sortWarnings(warnings).map((w, i) => (
        <li
          key={`${w.code}-${w.column ?? ''}-${i}`}
          className={`import-warning import-warning-${warningTone(w)}`}
          data-testid={`warning-${w.code}`}
          data-column={w.column}
        >
          <span className="import-warning-icon" aria-hidden="true">
            {TONE_ICON[warningTone(w)]}
          </span>
          <div className="import-warning-body">
            <WarningContent
              warning={w}
              sample={w.code === 'AMBIGUOUS_DATE_ORDER' ? (dateSample ?? null) : null}
              dateOrder={dateOrder}
              columns={columns}
              fixed={fixed}
              onChange={onChange}
              disabled={disabled}
            />
          </div>
        </li>
      ))}
    </ul>
  );
}

function WarningContent({
  warning: w,
  sample,
  dateOrder,
  columns,
  fixed,
  onChange,
  disabled,
}: { warning: ImportWarning; sample: string | null } & Omit<ImportWarningsProps, 'warnings' | 'snapshotDiffs' | 'dateSample'>) {
  const t = useT();
  const { language } = useLanguage();
  if (w.code === 'AMBIGUOUS_DATE_ORDER') {
    const readings = ambiguousDateReadings(sample ?? w.message, language);
    const { example } = readings;
    const dayFirst = readings.dayFirst ?? t('import.dayFirst');
    const monthFirst = readings.monthFirst ?? t('import.monthFirst');
    const chosen = fixed.dateOrder;
    return (
      <>
        <div className="import-warning-title">{t('import.ambiguousTitle', { example, dayFirst, monthFirst })}</div>
        <div className="import-warning-text">
          {chosen === 'DMY' || chosen === 'MDY' ? (
            <span data-testid="date-order-answer">
              {chosen === 'DMY'
                ? t('import.ambiguousAnsweredDayFirst', { example, reading: dayFirst })
                : t('import.ambiguousAnsweredMonthFirst', { example, reading: monthFirst })}
            </span>
          ) : w.column ? (
            t('import.ambiguousText', { column: w.column, order: dateOrder ?? 'DMY' })
          ) : (
            <EngineText text={w} english={w.message} />
          )}
        </div>
        <div className="import-warning-actions">
          <button
            type="button"
            className={`button button-small ${chosen === 'DMY' ? 'button-chosen' : ''}`}
            aria-pressed={chosen === 'DMY'}
            disabled={disabled}
            data-testid="date-order-DMY"
            onClick={() => onChange(withSetting(fixed, 'dateOrder', 'DMY'))}
          >
            {dayFirst} <span className="muted">{t('import.dayFirstHint')}</span>
          </button>
          <button
            type="button"
            className={`button button-small ${chosen === 'MDY' ? 'button-chosen' : ''}`}
            aria-pressed={chosen === 'MDY'}
            disabled={disabled}
            data-testid="date-order-MDY"
            onClick={() => onChange(withSetting(fixed, 'dateOrder', 'MDY'))}
          >
            {monthFirst} <span className="muted">{t('import.monthFirstHint')}</span>
          </button>
        </div>
      </>
    );
  }
  if (w.code === 'CONVERSION_FAILURES') {
    const plan = columns.find((c) => c.name === w.column);
    return (
      <>
        <div className="import-warning-title">{warningTitle(t, w)}</div>
        <div className="import-warning-text">
          {plan ? (
            t('import.conversionText', { failed: plan.failed, nonEmpty: plan.nonEmpty, kind: t(KIND_LABEL[plan.kind]) })
          ) : (
            <EngineText text={w} english={w.message} />
          )}
        </div>
        {plan && plan.samples.length > 0 && (
          <ul className="import-warning-samples">
            {plan.samples.slice(0, 4).map((s) => (
              <li key={`${s.line}-${s.value}`}>
                <span className="muted">{t('errors.atLine', { line: String(s.line) })}</span> <code>{s.value}</code>
              </li>
            ))}
          </ul>
        )}
        {w.column && (
          <div className="import-warning-actions">
            <button
              type="button"
              className="button button-small"
              disabled={disabled}
              data-testid={`as-text-${w.column}`}
              onClick={() => onChange(withColumnKind(fixed, w.column!, 'text'))}
            >
              {t('import.importAsText', { column: w.column })}
            </button>
          </div>
        )}
      </>
    );
  }
  if (warningTone(w) === 'info') {
    return (
      <div className="import-warning-inline">
        <span className="import-warning-title">{t('import.warningInlineTitle', { title: warningTitle(t, w) })}</span>{' '}
        <EngineText className="import-warning-text" text={w} english={w.message} />
      </div>
    );
  }
  return (
    <>
      <div className="import-warning-title">{warningTitle(t, w)}</div>
      <div className="import-warning-text">
        <EngineText text={w} english={w.message} />
      </div>
    </>
  );
}
