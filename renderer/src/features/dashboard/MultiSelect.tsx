// A searchable multi-select of a field's values with their row counts (api.fieldValues): the
// button says what is chosen, the popover lists the values (most frequent first), a search box
// narrows them (ignoring case and accents, on the engine's side). Escape closes it.
import { useEffect, useId, useRef, useState } from 'react';
import type { FieldValueCount, FieldValuesRequest } from '../../../../shared/dashboard/types';
import type { FilterValue } from '../../../../shared/spec/types';
import { useBackend } from '../../app/backend-context';
import { useT } from '../../i18n/I18nProvider';
import { formatInteger } from '../../ui/format';

interface MultiSelectProps {
  label: string;
  /** Where the values come from: a source and a role or column of it. */
  request: Omit<FieldValuesRequest, 'search' | 'limit'>;
  selected: readonly FilterValue[];
  onChange(values: FilterValue[]): void;
  testId?: string;
  /** How a value reads (empty cells are "(empty)" in the user's language). */
  valueLabel(value: FilterValue): string;
}

const SEARCH_DELAY_MS = 200;
const LIMIT = 200;

export function MultiSelect({ label, request, selected, onChange, testId, valueLabel }: MultiSelectProps) {
  const t = useT();
  const { api } = useBackend();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [values, setValues] = useState<FieldValueCount[] | null>(null);
  const [truncated, setTruncated] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popId = useId();
  const requestKey = JSON.stringify(request);

  useEffect(() => {
    if (!open) return;
    let live = true;
    const timer = setTimeout(
      () => {
        void api.fieldValues({ ...request, search: search.trim() || undefined, limit: LIMIT }).then((r) => {
          if (!live) return;
          if (r.ok) {
            setValues(r.value.values);
            setTruncated(r.value.truncated);
            setFailed(null);
          } else setFailed(r.error.message);
        });
      },
      search ? SEARCH_DELAY_MS : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // requestKey stands for request (a new object each render).
  }, [open, search, requestKey, api]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const isSelected = (v: FilterValue) => selected.some((s) => s === v);
  const toggle = (v: FilterValue) => onChange(isSelected(v) ? selected.filter((s) => s !== v) : [...selected, v]);

  const summary =
    selected.length === 0
      ? t('dashboard.filterAll')
      : selected.length === 1
        ? valueLabel(selected[0]!)
        : t('dashboard.filterSelected', { count: selected.length });

  // Chosen values stay listed even when the search hides them.
  const shown = values ?? [];
  const missing = selected.filter((s) => !shown.some((v) => v.value === s));

  return (
    <div
      ref={rootRef}
      className={`multi ${selected.length > 0 ? 'multi-active' : ''}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          e.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="multi-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? popId : undefined}
        data-testid={testId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="multi-label">{label}</span>
        <span className="multi-summary">{summary}</span>
        <span className="multi-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div id={popId} className="multi-pop" role="dialog" aria-label={label} data-testid={testId ? `${testId}-pop` : undefined}>
          <input
            className="input input-compact"
            type="search"
            autoFocus
            placeholder={t('common.search')}
            aria-label={t('dashboard.filterSearch', { field: label })}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <div className="multi-list" role="group" aria-label={label}>
            {values === null && !failed && <div className="multi-note">{t('common.loading')}</div>}
            {failed && <div className="multi-note multi-error">{failed}</div>}
            {[...missing.map((value) => ({ value, count: null as number | null })), ...shown].map((v) => (
              <label key={String(v.value)} className="multi-option">
                <input type="checkbox" checked={isSelected(v.value)} onChange={() => toggle(v.value)} />
                <span className="multi-option-label">{valueLabel(v.value)}</span>
                {v.count !== null && <span className="multi-count">{formatInteger(v.count)}</span>}
              </label>
            ))}
            {values !== null && shown.length === 0 && missing.length === 0 && (
              <div className="multi-note">{t('dashboard.filterNoValues')}</div>
            )}
            {truncated && <div className="multi-note">{t('dashboard.filterTruncated', { count: LIMIT })}</div>}
          </div>
          <div className="multi-actions">
            <button type="button" className="button button-small button-ghost" disabled={selected.length === 0} onClick={() => onChange([])}>
              {t('dashboard.filterClear')}
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setOpen(false);
                buttonRef.current?.focus();
              }}
            >
              {t('common.close')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
