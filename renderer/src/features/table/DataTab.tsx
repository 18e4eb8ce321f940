// The Data tab: every row of the source in a virtualised table, loaded window by window.
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { SourceInfo } from '../../../../shared/api';
import type { ArrowReader, CellValue } from '../../../../shared/arrow/cells';
import { useBackend } from '../../app/backend-context';
import { useT } from '../../i18n/I18nProvider';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { useFormats } from '../../app/settings-context';
import { cellText } from '../../ui/cell-text';
import { decimalScale, decimalsNeeded } from '../../ui/format';
import { fitWidth, initialWidth } from './column-width';
import { RowWindowStore } from './row-window-store';
import { VirtualTable, type GridColumn } from './VirtualTable';

export function DataTab({ source }: { source: SourceInfo }) {
  const { api } = useBackend();
  const t = useT();
  // Numbers and dates follow the workspace's locale (settings), not the UI language.
  const formats = useFormats();
  const [store] = useState(() => new RowWindowStore(source.name, source.rowCount, (r) => api.previewRows(r)));
  useEffect(() => store.attach(), [store]);
  const version = useSyncExternalStore(store.subscribe, store.getVersion);

  // Columns are sized for their header first, then once for the values of the first window.
  // Kept once seen: window 0 may later leave the cache, the widths must not jump back.
  const [sample, setSample] = useState<ArrowReader | undefined>(undefined);
  useEffect(() => {
    if (!sample) setSample(store.firstWindow());
  }, [store, version, sample]);
  const columns = useMemo<GridColumn[]>(
    () =>
      source.columns.map((c, i) => {
        const col = sample?.columns[i];
        // Numbers line up: DECIMAL(p,s) shows its s digits on every row; other numbers at least
        // the decimals the first rows need (22,500.00 above 3,613.63), at most 2.
        const scale = c.kind === 'number' ? decimalScale(c.type) : null;
        const sampled =
          c.kind === 'number' && scale === null && col
            ? decimalsNeeded(Array.from({ length: sample.numRows }, (_, r) => col.number(r)))
            : null;
        const fixed = scale !== null ? formats.fixed(scale) : sampled !== null ? formats.fixed(sampled, 2) : null;
        const format = fixed ? (v: CellValue) => (typeof v === 'number' ? fixed(v) : cellText(formats, v, c.kind)) : undefined;
        const text = format ?? ((v: CellValue) => cellText(formats, v, c.kind));
        const texts = col ? Array.from({ length: sample.numRows }, (_, r) => text(col.get(r))) : [];
        return {
          id: `c${i}`,
          header: c.name,
          kind: c.kind,
          typeName: c.type,
          width: col ? fitWidth(c.name, c.kind, texts) : initialWidth(c.name, c.kind),
          ...(format ? { format } : {}),
        };
      }),
    [source.columns, sample, formats],
  );
  const getCell = useCallback((row: number, column: number) => store.cell(row, column), [store]);
  const onRangeChange = useCallback((first: number, last: number) => store.ensure(first, last), [store]);

  return (
    <div className="data-tab">
      {store.error && <ErrorPanel title={t('table.loadFailed')} error={store.error} compact />}
      {source.rowCount === 0 ? (
        <div className="empty-state">
          <h2>{t('table.noRowsTitle')}</h2>
          <p>{t('table.noRowsText')}</p>
        </div>
      ) : (
        <VirtualTable
          columns={columns}
          rowCount={source.rowCount}
          getCell={getCell}
          version={version}
          onRangeChange={onRangeChange}
          testId="preview-table"
          label={t('table.rowsOf', { name: source.name })}
        />
      )}
    </div>
  );
}
