// The widget editor, the way Excel pivot tables and Power BI taught managers: pick the data, drag
// fields onto Rows, Columns, Values and Filters (or click them, or use their "add to…" menu), add a
// catalog KPI in one click or a calculated measure, choose how it is drawn, and watch the live
// preview. Produces a dashboard Widget (its AnalysisSpec names roles, not columns). Escape closes.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { WorkspaceInfo } from '../../../../shared/api';
import type { ChartOptions, Currency, FieldRef, NumberLocale, Theme, Widget } from '../../../../shared/dashboard/types';
import type { Totals } from '../../../../shared/spec/types';
import { useBackend } from '../../app/backend-context';
import { defaultChartKind } from '../../charts/widget-chart';
import { useLanguage, useT } from '../../i18n/I18nProvider';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { Modal } from '../../ui/Modal';
import { useQuery } from '../builder/use-query';
import { DimensionSettings, FilterSettings, ValueSettings } from './ChipSettings';
import { DisplayOptions } from './DisplayOptions';
import { EditorPreview } from './EditorPreview';
import {
  addKpi,
  autoTitle,
  changeSource,
  chartChoices,
  chooseChart,
  clickField,
  COUNT_ROWS,
  dropField,
  fieldOfRef,
  filterComplete,
  includedEnd,
  initialState,
  layoutFor,
  moveChip,
  putFormula,
  refName,
  removeChip,
  settle,
  showChoices,
  specOf,
  toWidget,
  updateDimension,
  updateFilter,
  updateValue,
  validOps,
  valueArity,
  valueName,
  withSort,
  withTop,
  type DimensionChip,
  type DragItem,
  type EditorState,
  type FieldSpecRef,
  type FilterChip,
  type ShelfId,
  type ValueChip,
} from './editor-model';
import { FieldList } from './FieldList';
import { defaultSource, fieldDisplayName, fieldsOf, type EditorField } from './fields';
import { FormulaEditor, type FormulaDraft } from './FormulaEditor';
import { KpiList } from './KpiList';
import { FILTER_OP_KEYS, GRAIN_KEYS, OP_KEYS, PERIOD_KEYS, SHOW_KEYS, titleWords } from './labels';
import { Shelf, type ShelfChip } from './Shelf';
import { checkSpec, localToday } from './spec-check';
import './widget-editor.css';

export interface WidgetEditorProps {
  workspace: WorkspaceInfo;
  /** The widget to edit; null to build a new one. */
  initial: Widget | null;
  /** The workspace's display settings: the preview draws with them. */
  display: { locale: NumberLocale; currency: Currency; theme: Theme };
  onSave(widget: Widget): void;
  onCancel(): void;
}

type Drag = { type: 'field'; item: DragItem } | { type: 'kpi'; kpi: string } | { type: 'chip'; shelf: ShelfId; id: string };

const capitalize = (text: string) => (text ? text[0]!.toLocaleUpperCase() + text.slice(1) : text);

export function WidgetEditor({ workspace, initial, display, onSave, onCancel }: WidgetEditorProps) {
  const t = useT();
  const { language } = useLanguage();
  const { api } = useBackend();
  const [state, setState] = useState<EditorState>(() => settle(initialState(workspace, initial, defaultSource)));
  const [panel, setPanel] = useState<'fields' | 'kpis'>('fields');
  const [open, setOpen] = useState<{ shelf: ShelfId; id: string } | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [formula, setFormula] = useState<{ id: string | null } | null>(null);
  const today = useMemo(() => localToday(), []);
  // A new object from the caller each render must not redraw the preview.
  const shown = useMemo(() => ({ locale: display.locale, currency: display.currency, theme: display.theme }), [display.locale, display.currency, display.theme]);

  const source = workspace.sources.find((s) => s.name === state.source) ?? null;
  const fields = useMemo(() => (source ? fieldsOf(source) : []), [source]);
  const list = useMemo(() => new Intl.ListFormat(language, { type: 'conjunction' }), [language]);
  const words = useMemo(() => titleWords(t, (items) => list.format(items)), [t, list]);
  const fieldOf = useCallback((ref: FieldSpecRef) => fieldOfRef(ref, source, fields), [source, fields]);
  const nameOf = useCallback((ref: FieldSpecRef) => {
    const f = fieldOf(ref);
    return f ? fieldDisplayName(f, fields) : refName(ref);
  }, [fieldOf, fields]);

  const suggestedTitle = capitalize(autoTitle(state, nameOf, words));
  const title = state.titleAuto ? suggestedTitle : state.title;
  const spec = useMemo(() => specOf(state), [state]);
  const problem = useMemo(() => (spec && source ? checkSpec(spec, source, today) : null), [spec, source, today]);
  const query = useQuery(api, problem ? null : spec);
  const { kinds, fallback } = useMemo(() => chartChoices(state), [state]);

  // Once the answer is in, the suggested chart can use its size (a few slices make a pie).
  const resultKey = query.spec ? JSON.stringify(query.spec) : null;
  useEffect(() => {
    if (!query.result || !query.spec || resultKey !== JSON.stringify(spec)) return;
    const suggested = defaultChartKind(query.spec, query.result.columns, query.result.rowCount);
    setState((s) => (s.chartChosen || s.chart === suggested || !chartChoices(s).kinds.includes(suggested) ? s : { ...s, chart: suggested }));
    // The result is the trigger; the spec it was run for is compared by its JSON.
  }, [query.result]);

  const update = (next: (s: EditorState) => EditorState) => setState(next);

  const addItem = (item: DragItem, shelf?: ShelfId) => {
    update((s) => (shelf ? dropField(s, item, shelf) : clickField(s, item)));
  };

  const accepts = (shelf: ShelfId): boolean => {
    if (!drag) return false;
    if (drag.type === 'kpi') return shelf === 'values';
    if (drag.type === 'field') return drag.item !== COUNT_ROWS || shelf === 'values';
    if (drag.shelf === shelf) return true;
    if (drag.shelf === 'values') {
      const chip = state.values.find((v) => v.id === drag.id);
      return chip?.type === 'aggregate' && chip.ref !== null;
    }
    return true;
  };

  const onDrop = (shelf: ShelfId, index: number) => {
    const d = drag;
    setDrag(null);
    if (!d) return;
    if (d.type === 'field') update((s) => dropField(s, d.item, shelf, index));
    else if (d.type === 'kpi') update((s) => addKpi(s, d.kpi));
    else update((s) => moveChip(s, { shelf: d.shelf, id: d.id }, { shelf, index }, source));
  };

  const moveBy = (shelf: ShelfId, id: string, delta: -1 | 1) => {
    update((s) => {
      const i = (s[shelf] as { id: string }[]).findIndex((c) => c.id === id);
      return moveChip(s, { shelf, id }, { shelf, index: delta < 0 ? i - 1 : i + 2 }, source);
    });
  };

  const order = (shelf: ShelfId, i: number, n: number) => ({
    canUp: i > 0,
    canDown: i < n - 1,
    onMoveBy: (delta: -1 | 1) => moveBy(shelf, (state[shelf] as { id: string }[])[i]!.id, delta),
  });

  // ---------- chips ----------

  const dimensionChips = (shelf: 'rows' | 'columns'): ShelfChip[] =>
    state[shelf].map((d: DimensionChip, i) => {
      const field = fieldOf(d.ref);
      const parts = [
        d.grain ? t(GRAIN_KEYS[d.grain]) : null,
        d.bin ? ('count' in d.bin ? t('editor.binsCount', { count: d.bin.count }) : t('editor.binsWidth', { width: d.bin.width })) : null,
        d.top ? t('editor.topN', { count: d.top.n }) : null,
      ].filter((x): x is string => x !== null);
      return {
        id: d.id,
        label: d.label ?? nameOf(d.ref),
        detail: parts.join(' · '),
        invalid: field === null,
        settings: (
          <DimensionSettings
            chip={d}
            field={field}
            shelf={shelf}
            defaultName={nameOf(d.ref)}
            onChange={(patch) => update((s) => updateDimension(s, shelf, d.id, patch))}
            onMoveTo={(to) => {
              update((s) => moveChip(s, { shelf, id: d.id }, { shelf: to }, source));
              setOpen({ shelf: to, id: d.id });
            }}
            {...order(shelf, i, state[shelf].length)}
          />
        ),
      };
    });

  const valueOrder = (i: number) => order('values', i, state.values.length);
  const valueChips: ShelfChip[] = state.values.map((v: ValueChip, i) => {
    const field = v.type === 'aggregate' && v.ref ? fieldOf(v.ref) : null;
    const detail =
      v.type === 'aggregate'
        ? [v.ref === null ? null : t(OP_KEYS[v.op]), v.show ? t(SHOW_KEYS[v.show]) : null].filter(Boolean).join(' · ')
        : v.type === 'kpi'
          ? t('editor.kpiChip')
          : v.formula;
    // An aggregate chip reads "amount / Sum", as a pivot table's field list does.
    const label = v.label ? v.label : v.type === 'aggregate' && v.ref !== null ? nameOf(v.ref) : valueName(v, nameOf, words);
    return {
      id: v.id,
      label,
      detail,
      invalid: problem?.measure === i || (v.type === 'aggregate' && v.ref !== null && field === null),
      settings: (
        <ValueSettings
          chip={v}
          ops={validOps(v.type === 'aggregate' && v.ref ? field : null)}
          shows={showChoices(v, state)}
          defaultName={valueName({ ...v, label: undefined } as ValueChip, nameOf, words)}
          onChange={(patch) => update((s) => updateValue(s, v.id, patch))}
          onEditFormula={() => {
            setOpen(null);
            setFormula({ id: v.id });
          }}
          {...valueOrder(i)}
        />
      ),
    };
  });

  const filterDetail = (f: FilterChip, field: EditorField | null): string => {
    if (!filterComplete(f)) return t('editor.filterAny');
    const shown = (v: unknown) => (v === null ? t('editor.emptyValue') : String(v).slice(0, field?.kind === 'date' ? 10 : undefined));
    switch (valueArity(f.op)) {
      case 'list': {
        const head = f.values.slice(0, 3).map(shown).join(', ');
        const more = f.values.length > 3 ? ` ${t('editor.andMore', { count: f.values.length - 3 })}` : '';
        return `${f.op === 'not_in' ? `${t(FILTER_OP_KEYS.not_in)} ` : ''}${head}${more}`;
      }
      case 'one':
        return `${t(FILTER_OP_KEYS[f.op])} ${shown(f.values[0])}`;
      case 'two':
        return t('editor.range', { from: shown(f.values[0]), to: shown(f.values[1]) });
      case 'period':
        return typeof f.period === 'string' ? t(PERIOD_KEYS[f.period]) : f.period ? t('editor.range', { from: f.period.from, to: includedEnd(f.period.to) }) : '';
      case 'none':
        return t(FILTER_OP_KEYS[f.op]);
    }
  };

  const filterChips: ShelfChip[] = state.filters.map((f) => {
    const field = fieldOf(f.ref);
    return {
      id: f.id,
      label: nameOf(f.ref),
      detail: filterDetail(f, field),
      invalid: field === null,
      settings: <FilterSettings chip={f} field={field} source={state.source} onChange={(chip) => update((s) => updateFilter(s, f.id, chip))} />,
    };
  });

  const shelfProps = (shelf: ShelfId) => ({
    shelf,
    accepts: accepts(shelf),
    open: open?.shelf === shelf ? open.id : null,
    onOpen: (id: string | null) => setOpen(id === null ? null : { shelf, id }),
    onRemove: (id: string) => {
      update((s) => removeChip(s, shelf, id));
      if (formula?.id === id) setFormula(null);
    },
    onDrop: (index: number) => onDrop(shelf, index),
    onChipDragStart: (id: string) => setDrag({ type: 'chip', shelf, id }),
    onDragEnd: () => setDrag(null),
  });

  const columnChipsOf = { filters: filterChips, columns: dimensionChips('columns'), rows: dimensionChips('rows') };
  const filtersShelf = shelfProps('filters');
  const columnsShelf = shelfProps('columns');
  const rowsShelf = shelfProps('rows');
  const valuesShelf = shelfProps('values');

  // ---------- calculated measures ----------

  const formulaVocabulary = useMemo(
    () => ({
      columns: source?.columns.map((c) => c.name) ?? [],
      roles: source?.roles ?? {},
      measures: state.values.filter((v) => v.id !== formula?.id).map((v) => v.id),
    }),
    [source, state.values, formula?.id],
  );
  const checkDraft = useCallback(
    (draft: FormulaDraft) => {
      if (!source) return null;
      const id = formula?.id ?? undefined;
      const next = putFormula(state, { formula: draft.formula, label: draft.label }, id ?? undefined);
      const index = id ? next.values.findIndex((v) => v.id === id) : next.values.length - 1;
      const draftSpec = specOf(next);
      const found = draftSpec ? checkSpec(draftSpec, source, today) : null;
      return found && found.measure === index ? found : null;
    },
    [source, state, formula?.id, today],
  );
  const editedFormula = formula?.id ? state.values.find((v) => v.id === formula.id) : undefined;

  // ---------- display ----------

  const valueNames = useMemo(() => new Map(state.values.map((v) => [v.id, valueName(v, nameOf, words)])), [state.values, nameOf, words]);
  const dateFields = fields.filter((f) => f.kind === 'date' || f.kind === 'timestamp');

  const save = () => {
    const widget = toWidget({ ...state, layout: layoutFor(state, initial === null) }, title.trim() || suggestedTitle);
    if (widget) onSave(widget);
  };
  const canSave = spec !== null && problem === null;
  const showResult = spec !== null && query.result !== null && query.spec !== null;

  return (
    <Modal label={initial ? t('editor.editTitle') : t('editor.newTitle')} onClose={onCancel} className="widget-editor" testId="widget-editor">
      <header className="we-header">
        <h2 className="we-heading">{initial ? t('editor.editTitle') : t('editor.newTitle')}</h2>
        <label className="we-title-field">
          <span className="visually-hidden">{t('editor.widgetTitle')}</span>
          <input
            className="input we-title-input"
            value={title}
            placeholder={t('editor.titlePlaceholder')}
            aria-label={t('editor.widgetTitle')}
            data-testid="widget-title"
            onChange={(e) => update((s) => ({ ...s, title: e.target.value, titleAuto: false }))}
          />
        </label>
        {!state.titleAuto && suggestedTitle && suggestedTitle !== title && (
          <button type="button" className="link-button" data-testid="title-suggest" onClick={() => update((s) => ({ ...s, titleAuto: true }))}>
            {t('editor.useSuggestedTitle')}
          </button>
        )}
        <div className="we-header-actions">
          <button type="button" className="button" onClick={onCancel} data-testid="widget-cancel">
            {t('common.cancel')}
          </button>
          <button type="button" className="button button-primary" disabled={!canSave} onClick={save} data-testid="widget-save">
            {t('common.save')}
          </button>
        </div>
      </header>

      <div className="we-body">
        <aside className="we-sidebar">
          <label className="we-settings-field">
            <span>{t('editor.source')}</span>
            <select
              className="select"
              value={state.source}
              data-testid="source-picker"
              onChange={(e) => {
                const next = workspace.sources.find((s) => s.name === e.target.value);
                if (next) update((s) => changeSource(s, next));
              }}
            >
              {!source && <option value={state.source}>{state.source}</option>}
              {workspace.sources.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <div className="we-tabs" role="tablist">
            <button type="button" role="tab" aria-selected={panel === 'fields'} className={`we-tab ${panel === 'fields' ? 'we-tab-active' : ''}`} data-testid="tab-fields" onClick={() => setPanel('fields')}>
              {t('editor.fields')}
            </button>
            <button type="button" role="tab" aria-selected={panel === 'kpis'} className={`we-tab ${panel === 'kpis' ? 'we-tab-active' : ''}`} data-testid="tab-kpis" onClick={() => setPanel('kpis')}>
              {t('editor.kpis')}
            </button>
          </div>
          {panel === 'fields' ? (
            <FieldList
              fields={fields}
              onClick={(item) => addItem(item)}
              onAdd={(item, shelf) => addItem(item, shelf)}
              onDragStart={(item) => setDrag({ type: 'field', item })}
              onDragEnd={() => setDrag(null)}
            />
          ) : (
            <KpiList
              source={source}
              onAdd={(kpi) => update((s) => addKpi(s, kpi))}
              onDragStart={(kpi) => setDrag({ type: 'kpi', kpi })}
              onDragEnd={() => setDrag(null)}
            />
          )}
        </aside>

        <section className="we-shelves" aria-label={t('editor.layout')}>
          <Shelf {...filtersShelf} chips={columnChipsOf.filters} />
          <Shelf {...columnsShelf} chips={columnChipsOf.columns} />
          <Shelf {...rowsShelf} chips={columnChipsOf.rows} />
          <Shelf
            {...valuesShelf}
            chips={valueChips}
            footer={
              formula === null && (
                <button type="button" className="button button-small we-add-formula" data-testid="add-formula" onClick={() => setFormula({ id: null })}>
                  {t('editor.addFormula')}
                </button>
              )
            }
          />
          {formula !== null && (
            <FormulaEditor
              key={formula.id ?? 'new'}
              initial={editedFormula?.type === 'formula' ? { formula: editedFormula.formula, label: editedFormula.label ?? '' } : null}
              vocabulary={formulaVocabulary}
              check={checkDraft}
              onSubmit={(draft) => {
                update((s) => putFormula(s, draft, formula.id ?? undefined));
                setFormula(null);
              }}
              onCancel={() => setFormula(null)}
            />
          )}
        </section>

        <section className="we-main" aria-label={t('editor.preview')}>
          <DisplayOptions
            state={state}
            kinds={kinds}
            suggested={fallback}
            valueNames={valueNames}
            dateFields={dateFields}
            fieldName={(f) => fieldDisplayName(f, fields)}
            onChart={(kind) => update((s) => chooseChart(s, kind))}
            onOptions={(options: ChartOptions) => update((s) => ({ ...s, options }))}
            onTotals={(totals: Totals) => update((s) => settle({ ...s, totals }))}
            onSort={(choice) => update((s) => withSort(s, choice))}
            onTop={(n) => update((s) => withTop(s, n, t('editor.others')))}
            onPeriodField={(periodField: FieldRef | null | undefined) => update((s) => ({ ...s, periodField }))}
          />
          <div className="we-preview-area">
            {problem && (
              <ErrorPanel
                title={t('editor.problemTitle')}
                error={{ code: 'SPEC_INVALID', message: problem.message, ...(problem.field ? { location: { field: problem.field } } : {}) }}
                testId="editor-problem"
                compact
              />
            )}
            {!problem && query.error && spec && <ErrorPanel title={t('editor.queryFailed')} error={query.error} testId="editor-query-error" compact />}
            {spec === null && (
              <div className="we-preview-hint" data-testid="preview-hint">
                <strong>{t('editor.hintTitle')}</strong>
                <span>{t('editor.hintText')}</span>
              </div>
            )}
            {showResult && (
              <EditorPreview
                result={query.result!}
                spec={query.spec!}
                kind={state.chart}
                options={state.options}
                display={shown}
                title={title}
                running={query.running || problem !== null}
              />
            )}
            {spec !== null && !problem && !query.result && !query.error && <div className="we-preview-hint">{t('editor.previewRunning')}</div>}
          </div>
        </section>
      </div>
    </Modal>
  );
}
