// What an open chip lets you set: a dimension's grain or bins, a value's aggregation and "show
// value as", a filter's condition (values from the engine, a range, a period). Plus name, order and
// the other axis, all reachable with the keyboard.
import { useState } from 'react';
import type { FieldValueCount } from '../../../../shared/dashboard/types';
import { RELATIVE_PERIODS, TIME_GRAINS, type FilterValue, type MeasureOp, type MeasureShow, type RelativePeriod, type TimeGrain } from '../../../../shared/spec/types';
import { useBackend } from '../../app/backend-context';
import { useT } from '../../i18n/I18nProvider';
import {
  DEFAULT_BINS,
  exclusiveEnd,
  filterOps,
  includedEnd,
  parseFilterValue,
  parseValueList,
  valueArity,
  withFilterOp,
  type DimensionChip,
  type FilterChip,
  type ValueChip,
} from './editor-model';
import type { EditorField } from './fields';
import { FILTER_OP_KEYS, GRAIN_KEYS, kpiText, OP_KEYS, PERIOD_KEYS, SHELF_KEYS, SHOW_KEYS } from './labels';
import { useFieldValues } from './use-field-values';

interface OrderProps {
  onMoveBy(delta: -1 | 1): void;
  canUp: boolean;
  canDown: boolean;
}

function OrderButtons({ onMoveBy, canUp, canDown }: OrderProps) {
  const t = useT();
  return (
    <div className="we-settings-row we-settings-actions">
      <button type="button" className="button button-small" disabled={!canUp} onClick={() => onMoveBy(-1)}>
        {t('editor.moveUp')}
      </button>
      <button type="button" className="button button-small" disabled={!canDown} onClick={() => onMoveBy(1)}>
        {t('editor.moveDown')}
      </button>
    </div>
  );
}

function NameInput({ value, placeholder, onChange, testId }: { value: string; placeholder: string; onChange(v: string): void; testId: string }) {
  const t = useT();
  return (
    <label className="we-settings-field">
      <span>{t('editor.chipName')}</span>
      <input className="input input-compact" value={value} placeholder={placeholder} data-testid={testId} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

const BIN_CHOICES = ['none', '5', '10', '20', '50'] as const;

interface DimensionSettingsProps extends OrderProps {
  chip: DimensionChip;
  field: EditorField | null;
  shelf: 'rows' | 'columns';
  defaultName: string;
  onChange(patch: Partial<Omit<DimensionChip, 'id' | 'ref'>>): void;
  onMoveTo(shelf: 'rows' | 'columns'): void;
}

export function DimensionSettings({ chip, field, shelf, defaultName, onChange, onMoveTo, ...order }: DimensionSettingsProps) {
  const t = useT();
  const time = field?.kind === 'date' || field?.kind === 'timestamp';
  const numeric = field?.kind === 'number';
  const bins = chip.bin === null ? 'none' : 'count' in chip.bin ? String(chip.bin.count) : 'width';
  const other = shelf === 'rows' ? 'columns' : 'rows';
  return (
    <div className="we-settings">
      {time && (
        <label className="we-settings-field">
          <span>{t('editor.grain')}</span>
          <select className="select select-compact" value={chip.grain ?? 'month'} data-testid={`grain-${chip.id}`} onChange={(e) => onChange({ grain: e.target.value as TimeGrain })}>
            {TIME_GRAINS.map((g) => (
              <option key={g} value={g}>
                {t(GRAIN_KEYS[g])}
              </option>
            ))}
          </select>
        </label>
      )}
      {numeric && (
        <label className="we-settings-field">
          <span>{t('editor.binning')}</span>
          <select
            className="select select-compact"
            value={bins}
            data-testid={`bins-${chip.id}`}
            onChange={(e) => {
              const v = e.target.value;
              onChange({ bin: v === 'none' ? null : v === 'width' ? (chip.bin ?? DEFAULT_BINS) : { count: Number(v) } });
            }}
          >
            {BIN_CHOICES.map((b) => (
              <option key={b} value={b}>
                {b === 'none' ? t('editor.binsNone') : t('editor.binsCount', { count: Number(b) })}
              </option>
            ))}
            {bins === 'width' && <option value="width">{t('editor.binsWidth', { width: chip.bin && 'width' in chip.bin ? chip.bin.width : 0 })}</option>}
          </select>
        </label>
      )}
      <NameInput value={chip.label ?? ''} placeholder={defaultName} testId={`name-${chip.id}`} onChange={(v) => onChange({ label: v || undefined })} />
      <div className="we-settings-row we-settings-actions">
        <button type="button" className="button button-small" data-testid={`move-${chip.id}-${other}`} onClick={() => onMoveTo(other)}>
          {t('editor.moveTo', { shelf: t(SHELF_KEYS[other]) })}
        </button>
      </div>
      <OrderButtons {...order} />
    </div>
  );
}

interface ValueSettingsProps extends OrderProps {
  chip: ValueChip;
  ops: readonly MeasureOp[];
  shows: readonly MeasureShow[];
  defaultName: string;
  onChange(patch: Partial<ValueChip>): void;
  onEditFormula(): void;
}

export function ValueSettings({ chip, ops, shows, defaultName, onChange, onEditFormula, ...order }: ValueSettingsProps) {
  const t = useT();
  return (
    <div className="we-settings">
      {chip.type === 'aggregate' && (
        <label className="we-settings-field">
          <span>{t('editor.aggregation')}</span>
          <select className="select select-compact" value={chip.op} data-testid={`op-${chip.id}`} onChange={(e) => onChange({ op: e.target.value as MeasureOp })}>
            {ops.map((op) => (
              <option key={op} value={op}>
                {t(OP_KEYS[op])}
              </option>
            ))}
          </select>
        </label>
      )}
      {chip.type === 'kpi' && <p className="we-settings-note">{kpiText(t, chip.kpi).meaning}</p>}
      {chip.type === 'formula' && (
        <div className="we-settings-row">
          <code className="we-formula-inline">{chip.formula}</code>
          <button type="button" className="button button-small" data-testid={`edit-formula-${chip.id}`} onClick={onEditFormula}>
            {t('editor.editFormula')}
          </button>
        </div>
      )}
      {chip.type !== 'kpi' && (
        <label className="we-settings-field">
          <span>{t('editor.showAs')}</span>
          <select
            className="select select-compact"
            value={chip.show ?? 'value'}
            disabled={shows.length === 0}
            data-testid={`show-${chip.id}`}
            onChange={(e) => onChange({ show: e.target.value === 'value' ? null : (e.target.value as MeasureShow) })}
          >
            <option value="value">{t('editor.showValue')}</option>
            {shows.map((s) => (
              <option key={s} value={s}>
                {t(SHOW_KEYS[s])}
              </option>
            ))}
          </select>
        </label>
      )}
      <NameInput value={chip.label ?? ''} placeholder={defaultName} testId={`name-${chip.id}`} onChange={(v) => onChange({ label: v || undefined })} />
      <OrderButtons {...order} />
    </div>
  );
}

interface FilterSettingsProps {
  chip: FilterChip;
  field: EditorField | null;
  source: string;
  onChange(chip: FilterChip): void;
}

export function FilterSettings({ chip, field, source, onChange }: FilterSettingsProps) {
  const t = useT();
  const kind = field?.kind ?? 'text';
  const arity = valueArity(chip.op);
  const isDate = kind === 'date' || kind === 'timestamp';
  const inputType = isDate ? 'date' : kind === 'number' ? 'number' : 'text';
  const valueText = (v: FilterValue | undefined) => (v === null || v === undefined ? '' : String(v).slice(0, isDate ? 10 : undefined));
  const setValue = (i: number, text: string) => {
    const values = [...chip.values];
    values[i] = parseFilterValue(text, kind);
    onChange({ ...chip, values });
  };
  return (
    <div className="we-settings">
      <label className="we-settings-field">
        <span>{t('editor.condition')}</span>
        <select className="select select-compact" value={chip.op} data-testid={`filter-op-${chip.id}`} onChange={(e) => onChange(withFilterOp(chip, e.target.value as FilterChip['op']))}>
          {filterOps(field).map((op) => (
            <option key={op} value={op}>
              {t(FILTER_OP_KEYS[op])}
            </option>
          ))}
        </select>
      </label>
      {arity === 'list' && <ValuePicker chip={chip} field={field} source={source} onChange={onChange} />}
      {arity === 'one' && kind === 'boolean' && (
        <select className="select select-compact" aria-label={t('editor.value')} value={valueText(chip.values[0])} onChange={(e) => setValue(0, e.target.value)}>
          <option value="">{t('editor.chooseValue')}</option>
          <option value="true">{t('editor.yes')}</option>
          <option value="false">{t('editor.no')}</option>
        </select>
      )}
      {arity === 'one' && kind !== 'boolean' && (
        <input
          className="input input-compact"
          type={chip.op === 'contains' ? 'text' : inputType}
          aria-label={t('editor.value')}
          data-testid={`filter-value-${chip.id}`}
          value={valueText(chip.values[0])}
          onChange={(e) => setValue(0, e.target.value)}
        />
      )}
      {arity === 'two' && (
        <div className="we-settings-row">
          <input className="input input-compact" type={inputType} aria-label={t('editor.from')} placeholder={t('editor.from')} value={valueText(chip.values[0])} onChange={(e) => setValue(0, e.target.value)} />
          <input className="input input-compact" type={inputType} aria-label={t('editor.toExcluded')} placeholder={t('editor.toExcluded')} value={valueText(chip.values[1])} onChange={(e) => setValue(1, e.target.value)} />
        </div>
      )}
      {arity === 'period' && <PeriodPicker chip={chip} onChange={onChange} />}
    </div>
  );
}

const CUSTOM = 'custom';

function PeriodPicker({ chip, onChange }: { chip: FilterChip; onChange(chip: FilterChip): void }) {
  const t = useT();
  const period = chip.period;
  const custom = period !== null && typeof period !== 'string';
  return (
    <>
      <select
        className="select select-compact"
        aria-label={t('editor.period')}
        data-testid={`filter-period-${chip.id}`}
        value={custom ? CUSTOM : (period ?? 'last_12_months')}
        onChange={(e) => {
          const v = e.target.value;
          onChange({ ...chip, period: v === CUSTOM ? { from: '', to: '' } : (v as RelativePeriod) });
        }}
      >
        {RELATIVE_PERIODS.map((p) => (
          <option key={p} value={p}>
            {t(PERIOD_KEYS[p])}
          </option>
        ))}
        <option value={CUSTOM}>{t('editor.periodCustom')}</option>
      </select>
      {custom && (
        <div className="we-settings-row">
          <label className="we-settings-field">
            <span>{t('editor.from')}</span>
            <input className="input input-compact" type="date" value={period.from} onChange={(e) => onChange({ ...chip, period: { ...period, from: e.target.value } })} />
          </label>
          <label className="we-settings-field">
            <span>{t('editor.toIncluded')}</span>
            <input
              className="input input-compact"
              type="date"
              value={period.to ? includedEnd(period.to) : ''}
              onChange={(e) => onChange({ ...chip, period: { ...period, to: e.target.value ? exclusiveEnd(e.target.value) : '' } })}
            />
          </label>
        </div>
      )}
    </>
  );
}

const valueKey = (v: FilterValue) => (v === null ? '\u0000null' : `${typeof v}:${String(v)}`);

/** A multi-select of the field's values (from the engine), searchable; typed values when the engine cannot list them. */
function ValuePicker({ chip, field, source, onChange }: FilterSettingsProps) {
  const t = useT();
  const { api } = useBackend();
  const [search, setSearch] = useState('');
  const ref = 'role' in chip.ref ? { role: chip.ref.role } : { column: chip.ref.column };
  const listed = useFieldValues(api, source, ref, search);
  const [typed, setTyped] = useState(() => chip.values.map((v) => String(v)).join(', '));
  const selected = new Set(chip.values.map(valueKey));
  const toggle = (v: FilterValue) => {
    const values = selected.has(valueKey(v)) ? chip.values.filter((x) => valueKey(x) !== valueKey(v)) : [...chip.values, v];
    onChange({ ...chip, values });
  };
  if (listed.unavailable) {
    return (
      <label className="we-settings-field">
        <span>{t('editor.typedValues')}</span>
        <input
          className="input input-compact"
          value={typed}
          data-testid={`filter-values-${chip.id}`}
          onChange={(e) => {
            setTyped(e.target.value);
            onChange({ ...chip, values: parseValueList(e.target.value, field?.kind ?? 'text') });
          }}
        />
      </label>
    );
  }
  // Values chosen earlier but not in the current list stay visible, so they can be unticked.
  const shown: FieldValueCount[] = [...listed.values];
  for (const v of chip.values) if (!shown.some((x) => valueKey(x.value) === valueKey(v))) shown.unshift({ value: v, count: 0 });
  return (
    <div className="we-values">
      <input
        className="input input-compact"
        type="search"
        value={search}
        placeholder={t('editor.searchValues')}
        aria-label={t('editor.searchValues')}
        data-testid={`filter-search-${chip.id}`}
        onChange={(e) => setSearch(e.target.value)}
      />
      <div className="we-values-list" role="group" aria-label={t('editor.values')} data-testid={`filter-values-${chip.id}`}>
        {shown.map((v) => (
          <label key={valueKey(v.value)} className="we-value">
            <input type="checkbox" checked={selected.has(valueKey(v.value))} onChange={() => toggle(v.value)} />
            <span className={v.value === null ? 'muted' : ''}>{v.value === null ? t('editor.emptyValue') : String(v.value)}</span>
            {v.count > 0 && <span className="we-value-count">{v.count}</span>}
          </label>
        ))}
        {listed.loading && shown.length === 0 && <div className="we-empty">{t('editor.loadingValues')}</div>}
        {!listed.loading && shown.length === 0 && <div className="we-empty">{t('editor.noValues')}</div>}
      </div>
      <div className="we-settings-row we-settings-actions">
        {listed.truncated && <span className="we-settings-note">{t('editor.valuesTruncated')}</span>}
        {chip.values.length > 0 && (
          <button type="button" className="link-button" onClick={() => onChange({ ...chip, values: [] })}>
            {t('editor.clearValues')}
          </button>
        )}
      </div>
    </div>
  );
}
