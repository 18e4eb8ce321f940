// How the widget is drawn: the chart type (the kinds that fit the shelves, the suggested one
// marked), and the options of that kind — stacking, data labels, legend, dashed comparison, "a rise
// is good news" for KPI tiles, totals and colour scale for pivots — plus sort, top N and the date
// the dashboard's period restricts.
import { CHART_KINDS, STACKINGS, type ChartKind, type ChartOptions, type FieldRef, type Stacking } from '../../../../shared/dashboard/types';
import { TOTALS, type Totals } from '../../../../shared/spec/types';
import { useT } from '../../i18n/I18nProvider';
import { sortChoice, topDimension, type EditorState, type SortChoice } from './editor-model';
import type { EditorField } from './fields';
import { CHART_KEYS, STACKING_KEYS, TOTALS_KEYS } from './labels';

interface DisplayOptionsProps {
  state: EditorState;
  kinds: readonly ChartKind[];
  suggested: ChartKind;
  /** Names of the Values chips, by id. */
  valueNames: ReadonlyMap<string, string>;
  dateFields: readonly EditorField[];
  fieldName(field: EditorField): string;
  onChart(kind: ChartKind): void;
  onOptions(options: ChartOptions): void;
  onTotals(totals: Totals): void;
  onSort(choice: SortChoice): void;
  onTop(n: number | null): void;
  onPeriodField(field: FieldRef | null | undefined): void;
}

const STACKED_KINDS: readonly ChartKind[] = ['bar', 'column', 'line'];
const LABEL_KINDS: readonly ChartKind[] = ['bar', 'column', 'pie', 'donut', 'funnel', 'waterfall', 'histogram', 'heatmap'];
const LEGEND_KINDS: readonly ChartKind[] = ['bar', 'column', 'line', 'pie', 'donut', 'scatter'];
const TOP_CHOICES = [5, 10, 20, 50] as const;

function fieldRefOf(field: EditorField): FieldRef {
  return field.role !== null ? { role: field.role } : { source: field.origin, column: field.name };
}

function periodKey(ref: FieldRef | null | undefined): string {
  if (ref === undefined) return 'default';
  if (ref === null) return 'none';
  return 'role' in ref ? `role:${ref.role}` : `column:${ref.source}:${ref.column}`;
}

export function DisplayOptions(props: DisplayOptionsProps) {
  const { state, kinds, suggested, valueNames, dateFields, fieldName } = props;
  const t = useT();
  const options = state.options;
  const kind = state.chart;
  const dims = state.rows.length + state.columns.length;
  const set = (patch: Partial<ChartOptions>) => props.onOptions({ ...options, ...patch });
  const sort = sortChoice(state);
  const sortValue = sort.kind === 'natural' ? 'natural' : `${sort.direction}:${sort.id}`;
  const top = topDimension(state);
  const periodFields = dateFields.map((f) => ({ key: periodKey(fieldRefOf(f)), field: f }));

  return (
    <div className="we-display">
      <div className="we-chart-kinds" role="radiogroup" aria-label={t('editor.chartType')} data-testid="chart-kinds">
        {CHART_KINDS.map((k) => {
          const fits = kinds.includes(k);
          return (
            <button
              key={k}
              type="button"
              role="radio"
              aria-checked={kind === k}
              disabled={!fits}
              className={`we-kind ${kind === k ? 'we-kind-active' : ''}`}
              data-testid={`chart-kind-${k}`}
              title={fits ? (k === suggested ? t('editor.chartSuggested', { kind: t(CHART_KEYS[k]) }) : t(CHART_KEYS[k])) : t('editor.chartDoesNotFit', { kind: t(CHART_KEYS[k]) })}
              onClick={() => props.onChart(k)}
            >
              <ChartGlyph kind={k} />
              <span>{t(CHART_KEYS[k])}</span>
              {k === suggested && <span className="we-kind-star" aria-hidden="true" />}
            </button>
          );
        })}
      </div>
      <div className="we-options" data-testid="chart-options">
        {STACKED_KINDS.includes(kind) && dims === 2 && (
          <label className="we-option">
            <span>{t('editor.stacking')}</span>
            <select
              className="select select-compact"
              value={options.stacking ?? 'grouped'}
              data-testid="option-stacking"
              onChange={(e) => set({ stacking: e.target.value as Stacking })}
            >
              {STACKINGS.map((s) => (
                <option key={s} value={s}>
                  {t(STACKING_KEYS[s])}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === 'line' && (
          <label className="we-option we-check">
            <input type="checkbox" checked={options.showComparison ?? true} onChange={(e) => set({ showComparison: e.target.checked })} />
            <span>{t('editor.optionComparison')}</span>
          </label>
        )}
        {(kind === 'kpi' || kind === 'pivot') && (
          <label className="we-option we-check">
            <input type="checkbox" checked={options.higherIsBetter ?? true} data-testid="option-higher-is-better" onChange={(e) => set({ higherIsBetter: e.target.checked })} />
            <span>{t('editor.optionHigherIsBetter')}</span>
          </label>
        )}
        {kind === 'pivot' && (
          <label className="we-option we-check">
            <input type="checkbox" checked={options.colorScale ?? false} onChange={(e) => set({ colorScale: e.target.checked })} />
            <span>{t('editor.optionColorScale')}</span>
          </label>
        )}
        {(kind === 'pivot' || kind === 'table') && dims > 0 && (
          <label className="we-option">
            <span>{t('editor.totals')}</span>
            <select className="select select-compact" value={state.totals} data-testid="option-totals" onChange={(e) => props.onTotals(e.target.value as Totals)}>
              {TOTALS.map((x) => (
                <option key={x} value={x}>
                  {t(TOTALS_KEYS[x])}
                </option>
              ))}
            </select>
          </label>
        )}
        {LABEL_KINDS.includes(kind) && (
          <label className="we-option we-check">
            <input type="checkbox" checked={options.labels ?? false} onChange={(e) => set({ labels: e.target.checked })} />
            <span>{t('editor.optionLabels')}</span>
          </label>
        )}
        {LEGEND_KINDS.includes(kind) && (
          <label className="we-option we-check">
            <input type="checkbox" checked={options.legend ?? true} onChange={(e) => set({ legend: e.target.checked })} />
            <span>{t('editor.optionLegend')}</span>
          </label>
        )}
        {dims > 0 && state.values.length > 0 && (
          <label className="we-option">
            <span>{t('editor.sort')}</span>
            <select
              className="select select-compact"
              value={sortValue}
              data-testid="option-sort"
              onChange={(e) => {
                const v = e.target.value;
                if (v === 'natural') return props.onSort({ kind: 'natural' });
                const [direction, ...id] = v.split(':');
                props.onSort({ kind: 'measure', id: id.join(':'), direction: direction as 'asc' | 'desc' });
              }}
            >
              <option value="natural">{t('editor.sortNatural')}</option>
              {[...valueNames].flatMap(([id, name]) => [
                <option key={`desc:${id}`} value={`desc:${id}`}>
                  {t('editor.sortDesc', { measure: name })}
                </option>,
                <option key={`asc:${id}`} value={`asc:${id}`}>
                  {t('editor.sortAsc', { measure: name })}
                </option>,
              ])}
            </select>
          </label>
        )}
        {top !== null && state.values.length > 0 && (
          <label className="we-option">
            <span>{t('editor.top')}</span>
            <select
              className="select select-compact"
              value={top.top ? String(top.top.n) : 'all'}
              data-testid="option-top"
              onChange={(e) => props.onTop(e.target.value === 'all' ? null : Number(e.target.value))}
            >
              <option value="all">{t('editor.topAll')}</option>
              {TOP_CHOICES.map((n) => (
                <option key={n} value={String(n)}>
                  {t('editor.topN', { count: n })}
                </option>
              ))}
            </select>
          </label>
        )}
        {dateFields.length > 0 && (
          <label className="we-option">
            <span>{t('editor.periodField')}</span>
            <select
              className="select select-compact"
              value={periodKey(state.periodField)}
              data-testid="option-period-field"
              onChange={(e) => {
                const v = e.target.value;
                if (v === 'default') return props.onPeriodField(undefined);
                if (v === 'none') return props.onPeriodField(null);
                const found = periodFields.find((p) => p.key === v);
                if (found) props.onPeriodField(fieldRefOf(found.field));
              }}
            >
              <option value="default">{t('editor.periodFieldDefault')}</option>
              {periodFields.map((p) => (
                <option key={p.key} value={p.key}>
                  {fieldName(p.field)}
                </option>
              ))}
              <option value="none">{t('editor.periodFieldNone')}</option>
            </select>
          </label>
        )}
      </div>
    </div>
  );
}

/** A small picture of each chart kind (inline SVG: the CSP allows no remote content). */
function ChartGlyph({ kind }: { kind: ChartKind }) {
  const common = { width: 18, height: 18, viewBox: '0 0 18 18', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, 'aria-hidden': true } as const;
  switch (kind) {
    case 'column':
      return (
        <svg {...common}>
          <path d="M3 15V9M7 15V4M11 15V7M15 15V11" strokeWidth={2.5} />
        </svg>
      );
    case 'bar':
      return (
        <svg {...common}>
          <path d="M3 3h7M3 7h12M3 11h5M3 15h9" strokeWidth={2.5} />
        </svg>
      );
    case 'line':
      return (
        <svg {...common}>
          <path d="M2 14l4-5 3 3 7-8" />
        </svg>
      );
    case 'pie':
      return (
        <svg {...common}>
          <circle cx="9" cy="9" r="6.5" />
          <path d="M9 9V2.5M9 9l5.5 3.5" />
        </svg>
      );
    case 'donut':
      return (
        <svg {...common}>
          <circle cx="9" cy="9" r="6.5" />
          <circle cx="9" cy="9" r="3" />
        </svg>
      );
    case 'kpi':
      return (
        <svg {...common}>
          <rect x="2" y="4" width="14" height="10" rx="2" />
          <path d="M5 10h3M10 11l2-3 2 2" />
        </svg>
      );
    case 'pivot':
      return (
        <svg {...common}>
          <rect x="2" y="2.5" width="14" height="13" rx="1.5" />
          <path d="M2 6.5h14M6.5 2.5v13M11 6.5v9" />
        </svg>
      );
    case 'table':
      return (
        <svg {...common}>
          <rect x="2" y="2.5" width="14" height="13" rx="1.5" />
          <path d="M2 6.5h14M2 10.5h14" />
        </svg>
      );
    case 'histogram':
      return (
        <svg {...common}>
          <path d="M2 15V10h3.5V5H9v3h3.5v4H16v3z" />
        </svg>
      );
    case 'funnel':
      return (
        <svg {...common}>
          <path d="M2 3h14l-5 6v6l-4-2V9z" />
        </svg>
      );
    case 'waterfall':
      return (
        <svg {...common}>
          <path d="M3 15V6M7 6V3M11 8V4M15 15V8" strokeWidth={2.5} />
        </svg>
      );
    case 'heatmap':
      return (
        <svg {...common}>
          <rect x="2" y="2" width="6" height="6" fill="currentColor" opacity={0.8} />
          <rect x="10" y="2" width="6" height="6" fill="currentColor" opacity={0.3} />
          <rect x="2" y="10" width="6" height="6" fill="currentColor" opacity={0.4} />
          <rect x="10" y="10" width="6" height="6" fill="currentColor" opacity={0.9} />
        </svg>
      );
    case 'scatter':
      return (
        <svg {...common}>
          <circle cx="5" cy="12" r="1.3" fill="currentColor" />
          <circle cx="8" cy="7" r="1.3" fill="currentColor" />
          <circle cx="12" cy="9" r="1.3" fill="currentColor" />
          <circle cx="14" cy="4" r="1.3" fill="currentColor" />
        </svg>
      );
  }
}
