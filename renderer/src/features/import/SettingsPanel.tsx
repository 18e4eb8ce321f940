// The detected settings of the file, each overridable. A setting the user fixed is marked as such
// and can be returned to detection; every change runs the inspection again.
import { useEffect, useState, type ReactNode } from 'react';
import type { ImportInspection, ImportSettings, TextEncoding } from '../../../../shared/import/types';
import { TEXT_ENCODINGS } from '../../../../shared/import/types';
import {
  DATE_ORDER_OPTIONS,
  DECIMAL_OPTIONS,
  DELIMITER_OPTIONS,
  ENCODING_LABEL,
  ESCAPE_OPTIONS,
  nullTokensText,
  parseNullTokens,
  QUOTE_OPTIONS,
  THOUSANDS_OPTIONS,
  withSetting,
  type FixedSettings,
} from './import-model';

interface SettingsPanelProps {
  inspection: ImportInspection | null;
  fixed: FixedSettings;
  onChange: (fixed: FixedSettings) => void;
  disabled: boolean;
}

type Key = keyof ImportSettings;

const OTHER = '\u0000other';

export function SettingsPanel({ inspection, fixed, onChange, disabled }: SettingsPanelProps) {
  const value = <K extends Key>(key: K): ImportSettings[K] | undefined => (fixed[key] ?? inspection?.settings[key]) as ImportSettings[K] | undefined;
  const set = <K extends Key>(key: K, v: ImportSettings[K] | undefined) => onChange(withSetting(fixed, key, v));
  const format = value('format');
  const isCsv = format !== 'xlsx';

  const row = (key: Key, label: string, control: ReactNode, hint?: string) => (
    <SettingRow key={key} name={key} label={label} fixed={fixed[key] !== undefined} known={inspection !== null} onReset={() => set(key, undefined)} disabled={disabled} hint={hint}>
      {control}
    </SettingRow>
  );

  return (
    <div className="import-settings" data-testid="import-settings">
      <SettingsGroup title="File">
        {row(
          'format',
          'Format',
          <SelectControl
            name="format"
            value={format}
            options={[
              { value: 'csv', label: 'CSV or text' },
              { value: 'xlsx', label: 'Excel workbook' },
            ]}
            onChange={(v) => set('format', v)}
            disabled={disabled}
          />,
        )}
        {isCsv &&
          row(
            'encoding',
            'Encoding',
            <SelectControl
              name="encoding"
              value={value('encoding')}
              options={TEXT_ENCODINGS.map((e: TextEncoding) => ({ value: e, label: ENCODING_LABEL[e] }))}
              onChange={(v) => set('encoding', v)}
              disabled={disabled}
            />,
          )}
        {!isCsv && (
          <SettingRow
            name="sheet"
            label="Sheet"
            fixed={fixed.sheet !== undefined}
            known={inspection !== null}
            onReset={() => set('sheet', undefined)}
            disabled={disabled}
          >
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
                  {s.hidden ? ' (hidden)' : ''} · {s.rows.toLocaleString('en-US')} {s.rows === 1 ? 'row' : 'rows'} × {s.columns}
                </option>
              ))}
            </select>
          </SettingRow>
        )}
      </SettingsGroup>

      <SettingsGroup title="Layout">
        {isCsv &&
          row(
            'delimiter',
            'Delimiter',
            <DelimiterControl value={value('delimiter')} onChange={(v) => set('delimiter', v)} disabled={disabled} />,
          )}
        {isCsv &&
          row(
            'quote',
            'Quote',
            <SelectControl name="quote" value={value('quote')} options={QUOTE_OPTIONS} onChange={(v) => set('quote', v)} disabled={disabled} />,
          )}
        {isCsv &&
          row(
            'escape',
            'Escape',
            <SelectControl name="escape" value={value('escape')} options={ESCAPE_OPTIONS} onChange={(v) => set('escape', v)} disabled={disabled} />,
          )}
        {row(
          'skipRows',
          'Lines to skip',
          <NumberControl name="skipRows" value={value('skipRows')} min={0} max={10000} onChange={(v) => set('skipRows', v)} disabled={disabled} />,
          'Title or note lines above the header',
        )}
        {row(
          'headerRows',
          'Header rows',
          <NumberControl name="headerRows" value={value('headerRows')} min={0} max={5} onChange={(v) => set('headerRows', v)} disabled={disabled} />,
          '0 when the file has no header',
        )}
      </SettingsGroup>

      <SettingsGroup title="Values">
        {row(
          'decimalSeparator',
          'Decimal separator',
          <SelectControl
            name="decimalSeparator"
            value={value('decimalSeparator')}
            options={DECIMAL_OPTIONS}
            onChange={(v) => set('decimalSeparator', v)}
            disabled={disabled}
          />,
        )}
        {row(
          'thousandsSeparator',
          'Thousands separator',
          <SelectControl
            name="thousandsSeparator"
            value={value('thousandsSeparator')}
            options={THOUSANDS_OPTIONS}
            onChange={(v) => set('thousandsSeparator', v)}
            disabled={disabled}
          />,
        )}
        {row(
          'dateOrder',
          'Date order',
          <SelectControl name="dateOrder" value={value('dateOrder')} options={DATE_ORDER_OPTIONS} onChange={(v) => set('dateOrder', v)} disabled={disabled} />,
        )}
        {row(
          'nullTokens',
          'Empty values',
          <NullTokensControl value={value('nullTokens')} onChange={(v) => set('nullTokens', v)} disabled={disabled} />,
          'Read as empty, besides empty cells',
        )}
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

interface SettingRowProps {
  name: string;
  label: string;
  fixed: boolean;
  /** An inspection answered: "detected" means something. */
  known: boolean;
  onReset: () => void;
  disabled: boolean;
  hint?: string | undefined;
  children: ReactNode;
}

function SettingRow({ name, label, fixed, known, onReset, disabled, hint, children }: SettingRowProps) {
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
            title="Set by you. Click to detect it again."
            onClick={onReset}
            disabled={disabled}
            data-testid={`reset-${name}`}
          >
            set by you <span aria-hidden="true">↺</span>
          </button>
        ) : (
          known && <span className="setting-state">detected</span>
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
            {o.label}
          </option>
        ))}
        <option value={OTHER}>Other…</option>
      </select>
      {showOther && (
        <CommitInput
          className="input input-compact setting-other"
          testId="setting-delimiter-other"
          ariaLabel="Other delimiter"
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
  return (
    <CommitInput
      id="setting-nullTokens"
      className="input input-compact"
      testId="setting-nullTokens"
      ariaLabel="Values read as empty"
      value={value ? nullTokensText(value) : ''}
      onCommit={(text) => {
        const tokens = parseNullTokens(text);
        if (nullTokensText(tokens) !== nullTokensText(value ?? [])) onChange(tokens);
      }}
      disabled={disabled}
      title={value ? `Separate values with commas. Now: ${nullTokensText(value)}` : undefined}
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
