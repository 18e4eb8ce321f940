// The detected settings of the file, each overridable. A setting the user fixed is marked as such
// and can be returned to detection; every change runs the inspection again.
import { useEffect, useState, type ReactNode } from 'react';
import type { ImportInspection, ImportSettings, TextEncoding } from '../../../../shared/import/types';
import { TEXT_ENCODINGS } from '../../../../shared/import/types';
import { useT } from '../../i18n/I18nProvider';
import {
  DATE_ORDER_OPTIONS,
  DECIMAL_OPTIONS,
  DELIMITER_OPTIONS,
  encodingLabel,
  ESCAPE_OPTIONS,
  nullTokensText,
  parseNullTokens,
  QUOTE_OPTIONS,
  THOUSANDS_OPTIONS,
  withSetting,
  type FixedSettings,
  type SettingOption,
} from './import-model';
import './settings-panel.css';

interface SettingsPanelProps {
  inspection: ImportInspection | null;
  fixed: FixedSettings;
  onChange: (fixed: FixedSettings) => void;
  disabled: boolean;
}

type Key = keyof ImportSettings;

const OTHER = '\u0000other';

export function SettingsPanel({ inspection, fixed, onChange, disabled }: SettingsPanelProps) {
  const t = useT();
  const translated = <T extends string>(options: readonly SettingOption<T>[]) => options.map((o) => ({ value: o.value, label: t(o.label) }));
  const value = <K extends Key>(key: K): ImportSettings[K] | undefined => (fixed[key] ?? inspection?.settings[key]) as ImportSettings[K] | undefined;
  const set = <K extends Key>(key: K, v: ImportSettings[K] | undefined) => onChange(withSetting(fixed, key, v));
  const format = value('format');
  const isCsv = format !== 'xlsx';

  const rowState: RowState = { fixed, known: inspection !== null, disabled, reset: (key) => set(key, undefined) };

  return (
    <div className="import-settings" data-testid="import-settings">
      <SettingsGroup title={t('import.groupFile')}>
        <SettingRow setting="format" label={t('import.settingFormat')} state={rowState}>
          <SelectControl
            name="format"
            value={format}
            options={[
              { value: 'csv', label: t('import.formatCsvText') },
              { value: 'xlsx', label: t('import.summaryExcel') },
            ]}
            onChange={(v) => set('format', v)}
            disabled={disabled}
          />
        </SettingRow>
        {isCsv && (
          <SettingRow setting="encoding" label={t('import.settingEncoding')} state={rowState}>
            <SelectControl
              name="encoding"
              value={value('encoding')}
              options={TEXT_ENCODINGS.map((e: TextEncoding) => ({ value: e, label: encodingLabel(t, e) }))}
              onChange={(v) => set('encoding', v)}
              disabled={disabled}
            />
          </SettingRow>
        )}
        {!isCsv && (
          <SettingRow setting="sheet" label={t('import.settingSheet')} state={rowState}>
            {/* A list rather than a drop-down: every sheet of the workbook is in view at once. */}
            <select
              id="setting-sheet"
              className="sheet-list"
              data-testid="sheet-select"
              size={Math.max(2, Math.min(8, inspection?.sheets.length ?? 2))}
              value={value('sheet') ?? ''}
              disabled={disabled || !inspection || inspection.sheets.length === 0}
              onChange={(e) => set('sheet', e.target.value)}
            >
              {(inspection?.sheets ?? []).map((s) => (
                <option key={s.name} value={s.name} className={s.hidden ? 'sheet-hidden' : undefined}>
                  {s.name}
                  {s.hidden && <> {t('import.sheetHidden')}</>}
                  {' · '}
                  {t('import.sheetSize', { rows: s.rows, columns: s.columns })}
                </option>
              ))}
            </select>
          </SettingRow>
        )}
      </SettingsGroup>

      <SettingsGroup title={t('import.groupLayout')}>
        {isCsv && (
          <SettingRow setting="delimiter" label={t('import.settingDelimiter')} state={rowState}>
            <DelimiterControl value={value('delimiter')} onChange={(v) => set('delimiter', v)} disabled={disabled} />
          </SettingRow>
        )}
        {isCsv && (
          <SettingRow setting="quote" label={t('import.settingQuote')} state={rowState}>
            <SelectControl name="quote" value={value('quote')} options={translated(QUOTE_OPTIONS)} onChange={(v) => set('quote', v)} disabled={disabled} />
          </SettingRow>
        )}
        {isCsv && (
          <SettingRow setting="escape" label={t('import.settingEscape')} state={rowState}>
            <SelectControl name="escape" value={value('escape')} options={translated(ESCAPE_OPTIONS)} onChange={(v) => set('escape', v)} disabled={disabled} />
          </SettingRow>
        )}
        <SettingRow setting="skipRows" label={t('import.settingSkipRows')} hint={t('import.hintSkipRows')} state={rowState}>
          <NumberControl name="skipRows" value={value('skipRows')} min={0} max={10000} onChange={(v) => set('skipRows', v)} disabled={disabled} />
        </SettingRow>
        <SettingRow setting="headerRows" label={t('import.settingHeaderRows')} hint={t('import.hintHeaderRows')} state={rowState}>
          <NumberControl name="headerRows" value={value('headerRows')} min={0} max={5} onChange={(v) => set('headerRows', v)} disabled={disabled} />
        </SettingRow>
      </SettingsGroup>

      <SettingsGroup title={t('import.groupValues')}>
        <SettingRow setting="decimalSeparator" label={t('import.settingDecimal')} state={rowState}>
          <SelectControl
            name="decimalSeparator"
            value={value('decimalSeparator')}
            options={translated(DECIMAL_OPTIONS)}
            onChange={(v) => set('decimalSeparator', v)}
            disabled={disabled}
          />
        </SettingRow>
        <SettingRow setting="thousandsSeparator" label={t('import.settingThousands')} state={rowState}>
          <SelectControl
            name="thousandsSeparator"
            value={value('thousandsSeparator')}
            options={translated(THOUSANDS_OPTIONS)}
            onChange={(v) => set('thousandsSeparator', v)}
            disabled={disabled}
          />
        </SettingRow>
        <SettingRow setting="dateOrder" label={t('import.settingDateOrder')} state={rowState}>
          <SelectControl name="dateOrder" value={value('dateOrder')} options={translated(DATE_ORDER_OPTIONS)} onChange={(v) => set('dateOrder', v)} disabled={disabled} />
        </SettingRow>
        <SettingRow setting="nullTokens" label={t('import.settingNullTokens')} hint={t('import.hintNullTokens')} state={rowState}>
          <NullTokensControl value={value('nullTokens')} onChange={(v) => set('nullTokens', v)} disabled={disabled} />
        </SettingRow>
      </SettingsGroup>
    </div>
  );
}

function SettingsGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="import-settings-group">
      <h3 className="import-settings-title">{title}</h3>
      {children}
    </section>
  );
}

/** What every setting row needs from the panel: the fixed settings and how to undo one. */
interface RowState {
  fixed: FixedSettings;
  /** An inspection answered: "detected" means something. */
  known: boolean;
  disabled: boolean;
  reset: (key: Key) => void;
}

interface SettingRowProps {
  setting: Key;
  label: string;
  hint?: string | undefined;
  state: RowState;
  children: ReactNode;
}

function SettingRow({ setting: name, label, hint, state, children }: SettingRowProps) {
  const fixed = state.fixed[name] !== undefined;
  const { known, disabled } = state;
  const onReset = () => state.reset(name);
  const t = useT();
  return (
    <div className="setting" data-testid={`setting-row-${name}`} data-state={fixed ? 'fixed' : 'detected'}>
      <div className="setting-head">
        <label className="setting-label" htmlFor={`setting-${name}`} title={hint}>
          {label}
        </label>
        {fixed ? (
          <button
            type="button"
            className="setting-state setting-state-fixed"
            title={t('import.settingFixedTitle')}
            onClick={onReset}
            disabled={disabled}
            data-testid={`reset-${name}`}
          >
            {t('import.settingFixed')} <span aria-hidden="true">↺</span>
          </button>
        ) : (
          known && <span className="setting-state">{t('import.settingDetected')}</span>
        )}
      </div>
      {children}
    </div>
  );
}

interface SelectControlProps<T extends string> {
  name: string;
  value: T | undefined;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  disabled: boolean;
}

function SelectControl<T extends string>({ name, value, options, onChange, disabled }: SelectControlProps<T>) {
  const known = value !== undefined && options.some((o) => o.value === value);
  return (
    <select
      id={`setting-${name}`}
      className="select select-compact"
      data-testid={`setting-${name}`}
      value={value ?? ''}
      disabled={disabled}
      onChange={(e) => e.target.value !== '' && onChange(e.target.value as T)}
    >
      {value === undefined && <option value="">…</option>}
      {value !== undefined && !known && <option value={value}>{JSON.stringify(value)}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

function DelimiterControl({ value, onChange, disabled }: { value: string | undefined; onChange: (v: string) => void; disabled: boolean }) {
  const t = useT();
  const standard = value !== undefined && DELIMITER_OPTIONS.some((o) => o.value === value);
  const [other, setOther] = useState(false);
  const showOther = other || (value !== undefined && !standard);
  return (
    <div className="setting-pair">
      <select
        id="setting-delimiter"
        className="select select-compact"
        data-testid="setting-delimiter"
        value={showOther ? OTHER : (value ?? '')}
        disabled={disabled}
        onChange={(e) => {
          if (e.target.value === '') return;
          if (e.target.value === OTHER) {
            setOther(true);
          } else {
            setOther(false);
            onChange(e.target.value);
          }
        }}
      >
        {value === undefined && <option value="">…</option>}
        {DELIMITER_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {t(o.label)}
          </option>
        ))}
        <option value={OTHER}>{t('import.delimiterOther')}</option>
      </select>
      {showOther && (
        <CommitInput
          className="input input-compact setting-other"
          testId="setting-delimiter-other"
          ariaLabel={t('import.delimiterOtherLabel')}
          value={standard ? '' : (value ?? '')}
          maxLength={3}
          onCommit={(v) => v && onChange(v)}
          disabled={disabled}
        />
      )}
    </div>
  );
}

interface NumberControlProps {
  name: string;
  value: number | undefined;
  min: number;
  max: number;
  onChange: (v: number) => void;
  disabled: boolean;
}

function NumberControl({ name, value, min, max, onChange, disabled }: NumberControlProps) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(() => setText(value === undefined ? '' : String(value)), [value]);
  return (
    <input
      id={`setting-${name}`}
      type="number"
      className="input input-compact"
      data-testid={`setting-${name}`}
      min={min}
      max={max}
      step={1}
      value={text}
      disabled={disabled}
      placeholder="…"
      onChange={(e) => {
        setText(e.target.value);
        const n = Number(e.target.value);
        if (e.target.value !== '' && Number.isInteger(n) && n >= min && n <= max && n !== value) onChange(n);
      }}
      onBlur={() => setText(value === undefined ? '' : String(value))}
    />
  );
}

function NullTokensControl({ value, onChange, disabled }: { value: string[] | undefined; onChange: (v: string[]) => void; disabled: boolean }) {
  const t = useT();
  return (
    <CommitInput
      id="setting-nullTokens"
      className="input input-compact"
      testId="setting-nullTokens"
      ariaLabel={t('import.nullTokensLabel')}
      value={value ? nullTokensText(value) : ''}
      onCommit={(text) => {
        const tokens = parseNullTokens(text);
        if (nullTokensText(tokens) !== nullTokensText(value ?? [])) onChange(tokens);
      }}
      disabled={disabled}
      title={value ? t('import.nullTokensTitle', { tokens: nullTokensText(value) }) : undefined}
    />
  );
}

interface CommitInputProps {
  id?: string;
  className: string;
  testId: string;
  ariaLabel: string;
  value: string;
  onCommit: (value: string) => void;
  disabled: boolean;
  maxLength?: number;
  title?: string | undefined;
}

/** A text input that reports its value on Enter or when it loses focus, not on every key. */
function CommitInput({ id, className, testId, ariaLabel, value, onCommit, disabled, maxLength, title }: CommitInputProps) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <input
      id={id}
      type="text"
      className={className}
      data-testid={testId}
      aria-label={ariaLabel}
      value={text}
      maxLength={maxLength}
      disabled={disabled}
      title={title}
      spellCheck={false}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => onCommit(text)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onCommit(text);
      }}
    />
  );
}
