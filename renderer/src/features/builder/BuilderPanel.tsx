// The builder's controls: measure (aggregation + column), group by (column + grain), chart type,
// sort and top-N. Every choice offered is one the engine accepts.
import type { ColumnInfo } from '../../../../shared/api';
import type { MeasureOp, TimeGrain } from '../../../../shared/spec/types';
import type { ChartKind } from '../../charts/option-types';
import { useT } from '../../i18n/I18nProvider';
import { Field, Select } from '../../ui/Field';
import {
  columnsForOp,
  dimensionColumns,
  GRAINS,
  isTimeDimension,
  LIMITS,
  opAvailable,
  opNeedsColumn,
  OPS,
  SORTS,
  withDimension,
  withOp,
  type BuilderState,
  type LimitChoice,
  type SortChoice,
} from './builder-model';

const ROWS = '__rows__';
const NONE = '__none__';

interface BuilderPanelProps {
  columns: readonly ColumnInfo[];
  state: BuilderState;
  onChange: (state: BuilderState) => void;
}

export function BuilderPanel({ columns, state, onChange }: BuilderPanelProps) {
  const t = useT();
  const measureColumns = columnsForOp(state.op, columns);
  const measureOptions = [
    ...(opNeedsColumn(state.op) ? [] : [{ value: ROWS, label: t('builder.rows') }]),
    ...measureColumns.map((c) => ({ value: c.name, label: c.name })),
  ];
  const dimensionOptions = [
    { value: NONE, label: t('builder.nothing') },
    ...dimensionColumns(columns).map((c) => ({ value: c.name, label: c.name })),
  ];
  const time = isTimeDimension(state, columns);

  return (
    <form className="builder-panel" onSubmit={(e) => e.preventDefault()} aria-label={t('builder.panelLabel')}>
      <fieldset className="builder-group">
        <legend>{t('builder.measure')}</legend>
        <Field label={t('builder.aggregation')}>
          <Select<MeasureOp>
            testId="measure-op"
            value={state.op}
            options={OPS.map((o) => ({ value: o.value, label: t(o.label), disabled: !opAvailable(o.value, columns) }))}
            onChange={(op) => onChange(withOp(state, op, columns))}
          />
        </Field>
        <Field label={t('builder.of')}>
          <Select
            testId="measure-column"
            value={state.measureColumn ?? ROWS}
            options={measureOptions}
            onChange={(v) => onChange({ ...state, measureColumn: v === ROWS ? null : v })}
          />
        </Field>
      </fieldset>

      <fieldset className="builder-group">
        <legend>{t('builder.groupBy')}</legend>
        <Field label={t('builder.column')}>
          <Select
            testId="dimension-column"
            value={state.dimension ?? NONE}
            options={dimensionOptions}
            onChange={(v) => onChange(withDimension(state, v === NONE ? null : v, columns))}
          />
        </Field>
        {time && (
          <Field label={t('builder.per')}>
            <Select<TimeGrain>
              testId="dimension-grain"
              value={state.grain}
              options={GRAINS.map((g) => ({ value: g.value, label: t(g.label) }))}
              onChange={(grain) => onChange({ ...state, grain })}
            />
          </Field>
        )}
      </fieldset>

      <fieldset className="builder-group">
        <legend>{t('builder.display')}</legend>
        <Field label={t('builder.chart')}>
          <Select<ChartKind>
            testId="chart-type"
            value={state.chartKind}
            options={[
              { value: 'bar', label: t('builder.chartBar') },
              { value: 'line', label: t('builder.chartLine') },
            ]}
            onChange={(chartKind) => onChange({ ...state, chartKind })}
          />
        </Field>
        <Field label={t('builder.sort')}>
          <Select<SortChoice>
            testId="sort"
            value={state.sort}
            options={SORTS.map((o) => ({ value: o.value, label: t(o.label) }))}
            onChange={(sort) => onChange({ ...state, sort })}
          />
        </Field>
        <Field label={t('builder.show')}>
          <Select
            testId="limit"
            value={String(state.limit ?? 'all')}
            options={LIMITS.map((l) => ({ value: String(l ?? 'all'), label: l === null ? t('builder.allGroups') : t('builder.firstN', { count: l }) }))}
            onChange={(v) => onChange({ ...state, limit: (v === 'all' ? null : Number(v)) as LimitChoice })}
          />
        </Field>
      </fieldset>
    </form>
  );
}
