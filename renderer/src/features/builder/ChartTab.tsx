// The Chart tab: the builder on the left, the answer on the right.
import { useMemo, useState } from 'react';
import type { SourceInfo } from '../../../../shared/api';
import { useBackend } from '../../app/backend-context';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { BuilderPanel } from './BuilderPanel';
import { defaultState, GRAINS, isTimeDimension, OPS, toSpec, type BuilderState } from './builder-model';
import { ResultView } from './ResultView';
import { useQuery } from './use-query';

function chartTitle(state: BuilderState, columns: SourceInfo['columns']): string {
  const op = OPS.find((o) => o.value === state.op)?.label ?? state.op;
  const measure = state.measureColumn === null ? `${op} of rows` : `${op} of ${state.measureColumn}`;
  if (state.dimension === null) return measure;
  const grain = isTimeDimension(state, columns)
    ? ` per ${GRAINS.find((g) => g.value === state.grain)?.label.toLowerCase()}`
    : '';
  return `${measure} by ${state.dimension}${grain}`;
}

export function ChartTab({ source }: { source: SourceInfo }) {
  const { api } = useBackend();
  const [state, setState] = useState<BuilderState>(() => defaultState(source.columns));
  const spec = useMemo(() => toSpec(source.name, state, source.columns), [source, state]);
  const query = useQuery(api, spec);
  const grain = query.spec?.dimensions?.[0]?.grain ?? null;

  return (
    <div className="chart-tab">
      <BuilderPanel columns={source.columns} state={state} onChange={setState} />
      <div className="chart-main" aria-busy={query.running}>
        {!spec && <div className="placeholder">This source has no column this aggregation can use.</div>}
        {query.error && (
          <ErrorPanel title="The query failed" error={query.error} testId="query-error" compact />
        )}
        {query.result && (
          <ResultView
            result={query.result}
            kind={state.chartKind}
            grain={grain}
            title={chartTitle(state, source.columns)}
            running={query.running}
          />
        )}
        {!query.result && !query.error && spec && <div className="placeholder">Running the query…</div>}
      </div>
    </div>
  );
}
