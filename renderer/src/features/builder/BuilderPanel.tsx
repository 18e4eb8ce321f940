// The builder's controls: measure (aggregation + column), group by (column + grain), chart type,
// sort and top-N. Every choice offered is one the engine accepts.
import type { ColumnInfo } from '../../../../shared/api';
import type { MeasureOp, TimeGrain } from '../../../../shared/spec/types';
import type { ChartKind } from '../../charts/option-types';
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
  const measureColumns = columnsForOp(state.op, columns);
  const measureOptions = [
    ...(opNeedsColumn(state.op) ? [] : [{ value: ROWS, label: 'Rows' }]),
    ...measureColumns.map((c) => ({ value: c.name, label: c.name })),
  ];
  const dimensionOptions = [
    { value: NONE, label: 'Nothing (one total)' },
    ...dimensionColumns(columns).map((c) => ({ value: c.name, label: c.name })),
  ];
  const time = isTimeDimension(state, columns);

  return (
    <form className="builder-panel" onSubmit={(e) => e.preventDefault()} aria-label="Chart builder">
      <fieldset className="builder-group">
        <legend>Measure</legend>
        <Field label="Aggregation">
          <Select<MeasureOp>
            testId="measure-op"
            value={state.op}
            options={OPS.map((o) => ({ ...o, disabled: !opAvailable(o.value, columns) }))}
            onChange={(op) => onChange(withOp(state, op, columns))}
          />
        </Field>
        <Field label="Of">
          <Select
            testId="measure-column"
            value={state.measureColumn ?? ROWS}
            options={measureOptions}
            onChange={(v) => onChange({ ...state, measureColumn: v === ROWS ? null : v })}
          />
        </Field>
      </fieldset>

      <fieldset className="builder-group">
        <legend>Group by</legend>
        <Field label="Column">
          <Select
            testId="dimension-column"
            value={state.dimension ?? NONE}
            options={dimensionOptions}
            onChange={(v) => onChange(withDimension(state, v === NONE ? null : v, columns))}
          />
        </Field>
        {time && (
          <Field label="Per">
            <Select<TimeGrain>
              testId="dimension-grain"
              value={state.grain}
              options={GRAINS}
              onChange={(grain) => onChange({ ...state, grain })}
            />
          </Field>
        )}
      </fieldset>

      <fieldset className="builder-group">
        <legend>Display</legend>
        <Field label="Chart">
          <Select<ChartKind>
            testId="chart-type"
            value={state.chartKind}
            options={[
              { value: 'bar', label: 'Bar' },
              { value: 'line', label: 'Line' },
            ]}
            onChange={(chartKind) => onChange({ ...state, chartKind })}
          />
        </Field>
        <Field label="Sort">
          <Select<SortChoice>
            testId="sort"
            value={state.sort}
            options={SORTS}
            onChange={(sort) => onChange({ ...state, sort })}
          />
        </Field>
        <Field label="Show">
          <Select
            testId="limit"
            value={String(state.limit ?? 'all')}
            options={LIMITS.map((l) => ({ value: String(l ?? 'all'), label: l === null ? 'All groups' : `First ${l}` }))}
            onChange={(v) => onChange({ ...state, limit: (v === 'all' ? null : Number(v)) as LimitChoice })}
          />
        </Field>
      </fieldset>
    </form>
  );
}
