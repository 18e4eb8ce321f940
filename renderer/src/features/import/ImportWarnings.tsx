// What the inspection found worth saying, plainly: a question when the file is ambiguous, a
// one-click fix when values do not fit their column, a note for everything else.
import type { ColumnPlan, ImportWarning } from '../../../../shared/import/types';
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
} from './import-model';

interface ImportWarningsProps {
  warnings: readonly ImportWarning[];
  /** Columns read differently from the earlier snapshots of the source this file is added to. */
  snapshotDiffs?: { source: string; diffs: readonly KindDiff[] } | null;
  /** An ambiguous date as written in the file ("03/04/2026"), for the date-order question. */
  dateSample?: string | null;
  columns: readonly ColumnPlan[];
  fixed: FixedSettings;
  onChange: (fixed: FixedSettings) => void;
  disabled: boolean;
}

export function ImportWarnings({ warnings, snapshotDiffs, dateSample, columns, fixed, onChange, disabled }: ImportWarningsProps) {
  const diffs = snapshotDiffs && snapshotDiffs.diffs.length > 0 ? snapshotDiffs : null;
  if (warnings.length === 0 && !diffs) return null;
  return (
    <ul className="import-warnings" aria-label="What to check before importing" data-testid="import-warnings">
      {diffs && (
        <li className="import-warning import-warning-problem" data-testid="warning-SNAPSHOT_KINDS">
          <span className="import-warning-icon" aria-hidden="true">
            !
          </span>
          <div className="import-warning-body">
            <div className="import-warning-title">Not read as in the earlier snapshots of “{diffs.source}”</div>
            <div className="import-warning-text">
              {diffs.diffs.map((d) => `${d.column}: ${KIND_LABEL[d.now]} here, ${KIND_LABEL[d.before]} before`).join(' · ')}. Comparing
              snapshots needs the same types.
            </div>
            <div className="import-warning-actions">
              <button
                type="button"
                className="button button-small"
                disabled={disabled}
                data-testid="kinds-as-before"
                onClick={() => onChange(diffs.diffs.reduce((f, d) => withColumnKind(f, d.column, d.before), fixed))}
              >
                Read {diffs.diffs.length === 1 ? 'it' : 'them'} as before
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
            {warningTone(w) === 'question' ? '?' : warningTone(w) === 'problem' ? '!' : 'i'}
          </span>
          <div className="import-warning-body">
            <WarningContent
              warning={w}
              sample={w.code === 'AMBIGUOUS_DATE_ORDER' ? (dateSample ?? null) : null}
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
  columns,
  fixed,
  onChange,
  disabled,
}: { warning: ImportWarning; sample: string | null } & Omit<ImportWarningsProps, 'warnings' | 'snapshotDiffs' | 'dateSample'>) {
  if (w.code === 'AMBIGUOUS_DATE_ORDER') {
    const { example, dayFirst, monthFirst } = ambiguousDateReadings(sample ?? w.message);
    const chosen = fixed.dateOrder;
    return (
      <>
        <div className="import-warning-title">
          Dates like {example}: is that {dayFirst} or {monthFirst}?
        </div>
        <div className="import-warning-text">
          {chosen === 'DMY' || chosen === 'MDY' ? (
            <span data-testid="date-order-answer">
              You said {chosen === 'DMY' ? 'day first' : 'month first'}: {example} is read as {chosen === 'DMY' ? dayFirst : monthFirst}.
            </span>
          ) : (
            w.message
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
            {dayFirst} <span className="muted">(day first)</span>
          </button>
          <button
            type="button"
            className={`button button-small ${chosen === 'MDY' ? 'button-chosen' : ''}`}
            aria-pressed={chosen === 'MDY'}
            disabled={disabled}
            data-testid="date-order-MDY"
            onClick={() => onChange(withSetting(fixed, 'dateOrder', 'MDY'))}
          >
            {monthFirst} <span className="muted">(month first)</span>
          </button>
        </div>
      </>
    );
  }
  if (w.code === 'CONVERSION_FAILURES') {
    const plan = columns.find((c) => c.name === w.column);
    return (
      <>
        <div className="import-warning-title">{warningTitle(w)}</div>
        <div className="import-warning-text">
          {plan
            ? `${plan.failed.toLocaleString('en-US')} of ${plan.nonEmpty.toLocaleString('en-US')} values cannot be read as ${plan.kind} and would be left empty.`
            : w.message}
        </div>
        {plan && plan.samples.length > 0 && (
          <ul className="import-warning-samples">
            {plan.samples.slice(0, 4).map((s) => (
              <li key={`${s.line}-${s.value}`}>
                <span className="muted">line {s.line}</span> <code>{s.value}</code>
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
              Import “{w.column}” as text
            </button>
          </div>
        )}
      </>
    );
  }
  if (warningTone(w) === 'info') {
    return (
      <div className="import-warning-inline">
        <span className="import-warning-title">{warningTitle(w)}:</span> <span className="import-warning-text">{w.message}</span>
      </div>
    );
  }
  return (
    <>
      <div className="import-warning-title">{warningTitle(w)}</div>
      <div className="import-warning-text">{w.message}</div>
    </>
  );
}
