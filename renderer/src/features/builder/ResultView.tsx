// A query's answer: the chart, the same figures as a table, row count, time and the SQL.
import { useMemo } from 'react';
import type { QueryResult } from '../../../../shared/api';
import { readArrow } from '../../../../shared/arrow/cells';
import type { TimeGrain } from '../../../../shared/spec/types';
import { buildChartOption } from '../../charts/build-chart-option';
import { EChart } from '../../charts/EChart';
import type { ChartKind } from '../../charts/option-types';
import { useT } from '../../i18n/I18nProvider';
import { formatNumber } from '../../ui/format';
import { ResultsTable } from './ResultsTable';

interface ResultViewProps {
  result: QueryResult;
  kind: ChartKind;
  grain: TimeGrain | null;
  title: string;
  running: boolean;
}

export function ResultView({ result, kind, grain, title, running }: ResultViewProps) {
  const t = useT();
  const reader = useMemo(() => readArrow(result.ipc), [result]);
  const option = useMemo(
    () => buildChartOption({ reader, columns: result.columns, kind, grain }),
    [reader, result.columns, kind, grain],
  );
  return (
    <div className={`result ${running ? 'result-stale' : ''}`}>
      <div className="card chart-card">
        <div className="card-header">
          <h2 className="card-title">{title}</h2>
          <div className="result-meta" data-testid="result-meta">
            <span data-testid="result-rows">
              {t('builder.rowCount', { count: result.rowCount })}
            </span>
            <span className="dot" aria-hidden="true" />
            <span data-testid="result-elapsed">{t('builder.elapsed', { ms: formatNumber(Math.round(result.elapsedMs)) })}</span>
            {running && (
              <>
                <span className="dot" aria-hidden="true" />
                <span className="running-pill">{t('builder.runningPill')}</span>
              </>
            )}
            {result.truncated && (
              <>
                <span className="dot" aria-hidden="true" />
                <span className="warning-text">{t('builder.truncated')}</span>
              </>
            )}
          </div>
        </div>
        {result.rowCount === 0 ? (
          <div className="chart-empty">{t('builder.noRows')}</div>
        ) : (
          <EChart option={option} className="chart" testId="chart" label={title} />
        )}
      </div>
      <div className="card">
        <div className="card-header">
          <h2 className="card-title">{t('builder.figures')}</h2>
        </div>
        <ResultsTable reader={reader} columns={result.columns} grain={grain} />
      </div>
      <details className="sql-disclosure" data-testid="query-sql">
        <summary>{t('builder.sql')}</summary>
        <pre>{result.sql}</pre>
      </details>
    </div>
  );
}
