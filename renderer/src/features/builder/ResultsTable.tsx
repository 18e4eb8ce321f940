// The chart's figures as a table: the same numbers, formatted, for reading and checking.
import type { ResultColumn } from '../../../../shared/api';
import type { ArrowReader, CellValue } from '../../../../shared/arrow/cells';
import { decimalsNeeded, EMPTY_LABEL, fixedFormatter, formatBucket, formatCell } from '../../ui/format';
import type { TimeGrain } from '../../../../shared/spec/types';
import { useCallback, useMemo } from 'react';
import { useT } from '../../i18n/I18nProvider';
import { VirtualTable, type GridColumn } from '../table/VirtualTable';

/** Up to this many rows the table is plain HTML (everything in the DOM); beyond, virtualised. */
const PLAIN_MAX_ROWS = 1000;

interface ResultsTableProps {
  reader: ArrowReader;
  columns: readonly ResultColumn[];
  grain: TimeGrain | null;
}

/** Text of a dimension value: time buckets by their grain ("Mar 2024"), empty as "(empty)". */
function dimensionText(value: CellValue, column: ResultColumn, grain: TimeGrain | null): string {
  if (value === null) return EMPTY_LABEL;
  if ((column.kind === 'date' || column.kind === 'timestamp') && grain && grain !== 'day' && grain !== 'week') {
    const ms = Date.parse(`${String(value).slice(0, 10)}T00:00:00Z`);
    return formatBucket(ms, grain);
  }
  return formatCell(value, column.kind);
}

export function ResultsTable({ reader, columns, grain }: ResultsTableProps) {
  const readers = useMemo(() => columns.map((c) => reader.column(c.id)), [reader, columns]);
  // Each measure column shows the same number of decimals on every row (at most 2), so figures line up.
  const measureFormats = useMemo(
    () =>
      columns.map((c, i) => {
        const col = readers[i];
        if (c.role !== 'measure' || c.kind !== 'number' || !col) return null;
        const values = (function* () {
          for (let r = 0; r < reader.numRows; r++) yield col.number(r);
        })();
        return fixedFormatter(decimalsNeeded(values));
      }),
    [columns, readers, reader],
  );
  const format = useCallback(
    (column: ResultColumn) => {
      const fixed = measureFormats[columns.indexOf(column)];
      return (value: CellValue) => {
        if (column.role === 'dimension') return dimensionText(value, column, grain);
        return fixed && typeof value === 'number' ? fixed(value) : formatCell(value, column.kind);
      };
    },
    [grain, measureFormats, columns],
  );

  if (reader.numRows > PLAIN_MAX_ROWS) {
    return <LargeResults reader={reader} columns={columns} format={format} />;
  }
  return (
    <div className="results-wrap">
      <table className="results-table" data-testid="results-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.id} className={c.role === 'measure' ? 'num' : ''}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: reader.numRows }, (_, r) => (
            <tr key={r}>
              {columns.map((c, i) => {
                const value = readers[i]?.get(r) ?? null;
                return (
                  <td key={c.id} className={c.role === 'measure' ? 'num' : value === null ? 'muted' : ''}>
                    {format(c)(value)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LargeResults({
  reader,
  columns,
  format,
}: {
  reader: ArrowReader;
  columns: readonly ResultColumn[];
  format: (c: ResultColumn) => (v: CellValue) => string;
}) {
  const t = useT();
  const grid = useMemo<GridColumn[]>(
    () =>
      columns.map((c) => ({
        id: c.id,
        header: c.label,
        kind: c.role === 'measure' ? 'number' : c.kind,
        width: c.role === 'measure' ? 200 : 380,
        format: format(c),
      })),
    [columns, format],
  );
  const getCell = useCallback(
    (row: number, column: number) => reader.column(columns[column]!.id)?.get(row) ?? null,
    [reader, columns],
  );
  return (
    <div className="results-large">
      <VirtualTable
        columns={grid}
        rowCount={reader.numRows}
        getCell={getCell}
        showBadges={false}
        testId="results-table"
        label={t('builder.figures')}
      />
    </div>
  );
}
