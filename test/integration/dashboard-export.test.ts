// A widget's data exported as XLSX and CSV (shared/export), written to temp files and imported back
// through CoreApi.importFile — our own XLSX and CSV readers — into a real workspace: the values,
// and their types (numbers as numbers, dates as dates), come back as they were exported.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResult } from '../../shared/api';
import { readArrow } from '../../shared/arrow/cells';
import { toCsvBytes, type CsvOptions } from '../../shared/export/csv';
import type { ExportColumn, ExportRow } from '../../shared/export/types';
import { toXlsx } from '../../shared/export/xlsx';
import { must, tempCore } from '../helpers/workspace';

const SAMPLES = resolve(import.meta.dirname, '..', '..', 'resources', 'samples');

describe('exports read back by our own importers', () => {
  let t: Awaited<ReturnType<typeof tempCore>>;
  let n = 0;

  beforeAll(async () => {
    t = await tempCore();
  });
  afterAll(() => t?.dispose());

  /** Imports bytes as a new source; returns its column types and its rows. */
  const importBack = async (bytes: Uint8Array, ext: 'xlsx' | 'csv') => {
    const name = `export_${++n}`;
    const file = join(t.dir, `${name}.${ext}`);
    writeFileSync(file, bytes);
    const report = must(await t.core.importFile({ file: { kind: 'path', path: file }, sourceName: name, snapshotDate: '2026-01-01' }));
    const source = must(await t.core.getWorkspace()).sources.find((s) => s.name === report.source)!;
    const window = must(await t.core.previewRows({ source: source.name, offset: 0, limit: 10_000 }));
    return { types: Object.fromEntries(source.columns.map((c) => [c.name, c.kind])), rows: readArrow(window.ipc).rows() };
  };

  const columns: ExportColumn[] = [
    { id: 'account', label: 'Account', kind: 'text' },
    { id: 'amount', label: 'Amount', kind: 'number' },
    { id: 'deals', label: 'Deals', kind: 'number' },
    { id: 'closed', label: 'Closed on', kind: 'date' },
    { id: 'logged', label: 'Logged at', kind: 'timestamp' },
    { id: 'won', label: 'Won', kind: 'boolean' },
  ];
  const rows: ExportRow[] = [
    { account: 'Société "Générale", Paris', amount: 1234.5, deals: 3, closed: '2026-03-31', logged: '2026-03-31 09:15:00', won: true },
    { account: 'Brasserie <Bérard> & Fils', amount: -0.25, deals: 0, closed: null, logged: '2026-04-01 23:59:59', won: false },
    { account: 'Nørgaard Fødevarer A/S 🚚', amount: 987654.125, deals: 12, closed: '2025-12-01', logged: null, won: null },
    { account: null, amount: null, deals: 7, closed: '2024-02-29', logged: '2024-02-29 00:00:01', won: true },
    { account: 'Ünïcödé; semi;colons', amount: 0.1, deals: 1, closed: '2026-01-02', logged: '2026-01-02 12:00:00', won: false },
  ];
  const expectRowsBack = (back: Awaited<ReturnType<typeof importBack>>) => {
    expect(back.types).toEqual({ Account: 'text', Amount: 'number', Deals: 'number', 'Closed on': 'date', 'Logged at': 'timestamp', Won: 'boolean' });
    expect(back.rows).toEqual(
      rows.map((r) => ({ Account: r.account, Amount: r.amount, Deals: r.deals, 'Closed on': r.closed, 'Logged at': r.logged, Won: r.won })),
    );
  };

  it('XLSX: text, numbers, dates, timestamps and empty cells come back as written', async () => {
    expectRowsBack(await importBack(toXlsx('Accounts', columns, rows), 'xlsx'));
  });

  for (const options of [{}, { delimiter: ';', decimal: ',', bom: true }] as CsvOptions[]) {
    it(`CSV ${JSON.stringify(options)}: the same`, async () => {
      expectRowsBack(await importBack(toCsvBytes(columns, rows, options), 'csv'));
    });
  }

  it('a real query result (revenue won by rep and month) exported both ways', async () => {
    must(await t.core.importFile({ file: { kind: 'path', path: join(SAMPLES, 'deals.csv') }, sourceName: 'deals', snapshotDate: '2026-11-01' }));
    const result: QueryResult = must(
      await t.core.runQuery({
        spec: {
          source: 'deals',
          measures: [
            { id: 'revenue', op: 'sum', role: 'amount', label: 'Revenue won' },
            { id: 'n', op: 'count', label: 'Deals won' },
          ],
          dimensions: [
            { id: 'owner', role: 'owner', label: 'Rep' },
            { id: 'month', role: 'closed_at', grain: 'month', label: 'Month' },
          ],
          filters: [{ role: 'status', op: 'eq', values: ['Won'] }],
        },
      }),
    );
    const exported = readArrow(result.ipc).rows();
    expect(exported.length).toBeGreaterThan(100);
    const cols: ExportColumn[] = result.columns.map((c) => ({ id: c.id, label: c.label, kind: c.kind }));
    const expected = exported.map((r) => Object.fromEntries(cols.map((c) => [c.label, r[c.id]])));
    for (const [bytes, ext] of [
      [toXlsx('Revenue won', cols, exported), 'xlsx'],
      [toCsvBytes(cols, exported, { delimiter: ';', decimal: ',', bom: true }), 'csv'],
    ] as const) {
      const back = await importBack(bytes, ext);
      expect(back.types).toEqual({ Rep: 'text', Month: 'date', 'Revenue won': 'number', 'Deals won': 'number' });
      expect(back.rows.map((r) => [r.Rep, r.Month, r['Deals won']])).toEqual(expected.map((r) => [r.Rep, r.Month, r['Deals won']]));
      back.rows.forEach((r, i) => expect(r['Revenue won'] as number).toBeCloseTo(expected[i]!['Revenue won'] as number, 6));
    }
  });
});
