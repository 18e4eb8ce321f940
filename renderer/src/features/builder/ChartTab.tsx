// The Chart tab: the builder on the left, the answer on the right.
import { useMemo, useState } from 'react';
import type { SourceInfo } from '../../../../shared/api';
import { useBackend } from '../../app/backend-context';
import { useT, type TFunction } from '../../i18n/I18nProvider';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { BuilderPanel } from './BuilderPanel';
import { defaultState, GRAINS, isTimeDimension, OPS, toSpec, type BuilderState } from './builder-model';
import { ResultView } from './ResultView';
import { useQuery } from './use-query';

/** The measure's name in the user's language ("Sum of amount"): the figures' column header too. */
function measureName(t: TFunction, state: BuilderState): string {
  const opKey = OPS.find((o) => o.value === state.op)?.label;
  const op = opKey ? t(opKey) : state.op;
  return state.measureColumn === null ? t('builder.titleCountRows', { op }) : t('builder.titleOf', { op, column: state.measureColumn });
}

function chartTitle(t: TFunction, state: BuilderState, columns: SourceInfo['columns']): string {
  const measure = measureName(t, state);
  if (state.dimension === null) return measure;
  const grain = GRAINS.find((g) => g.value === state.grain);
  return isTimeDimension(state, columns) && grain
    ? t('builder.titleByPer', { measure, dimension: state.dimension, grain: t(grain.noun) })
    : t('builder.titleBy', { measure, dimension: state.dimension });
}

export function ChartTab({ source }: { source: SourceInfo }) {
  const t = useT();
  const { api } = useBackend();
  const [state, setState] = useState<BuilderState>(() => defaultState(source.columns));
  const spec = useMemo(() => {
    const built = toSpec(source.name, state, source.columns);
    // The measure's label in the user's language, so that the figures table says it too.
    return built && { ...built, measures: built.measures.map((m) => ({ ...m, label: measureName(t, state) })) };
  }, [source, state, t]);
  const query = useQuery(api, spec);
  const grain = query.spec?.dimensions?.[0]?.grain ?? null;

  return (
    <div className="chart-tab">
      <BuilderPanel columns={source.columns} state={state} onChange={setState} />
      <div className="chart-main" aria-busy={query.running}>
        {!spec && <div className="placeholder">{t('builder.noColumn')}</div>}
        {query.error && (
          <ErrorPanel title={t('builder.queryFailed')} error={query.error} testId="query-error" compact />
        )}
        {query.result && (
          <ResultView
            result={query.result}
            kind={state.chartKind}
            grain={grain}
            title={chartTitle(t, state, source.columns)}
            running={query.running}
          />
        )}
        {!query.result && !query.error && spec && <div className="placeholder">{t('builder.running')}</div>}
      </div>
    </div>
  );
}
