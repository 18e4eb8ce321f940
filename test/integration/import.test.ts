// Import real exports into a temp-file workspace and check them against figures computed here,
// independently of DuckDB, from the raw file.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArrow } from '../../shared/arrow/cells';
import { SHARED_DATA, must, tempCore } from '../helpers/workspace';

const MAVEN = join(SHARED_DATA, 'maven-crm-sales-opportunities', 'sales_pipeline.csv');

/** The Maven file has no quotes and no embedded newlines: a split is an honest parser for it. */
function parseMaven() {
  const lines = readFileSync(MAVEN, 'utf8').split(/\r\n/).filter((l) => l.length > 0);
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i]!, v])));
  return { header, rows };
}

describe('importing the Maven CRM opportunities export', () => {
  let ctx: Awaited<ReturnType<typeof tempCore>>;
  const expected = parseMaven();

  beforeAll(async () => {
    ctx = await tempCore();
    must(await ctx.core.importFile({ file: { kind: 'path', path: MAVEN } }));
  });
  afterAll(() => ctx.dispose());

  it('keeps every row and detects the column types', async () => {
    const ws = must(await ctx.core.getWorkspace());
    expect(ws.sources.map((s) => s.name)).toEqual(['sales_pipeline']);
    const source = ws.sources[0]!;
    expect(source.rowCount).toBe(expected.rows.length);
    expect(source.rowCount).toBe(8800);
    expect(source.columns.map((c) => c.name)).toEqual(expected.header);
    const kinds = Object.fromEntries(source.columns.map((c) => [c.name, c.kind]));
    expect(kinds).toMatchObject({
      opportunity_id: 'text',
      sales_agent: 'text',
      deal_stage: 'text',
      engage_date: 'date',
      close_date: 'date',
      close_value: 'number',
    });
  });

  it('sums won revenue per agent exactly as the raw file says', async () => {
    const byAgent = new Map<string, number>();
    for (const r of expected.rows) {
      if (r.deal_stage !== 'Won') continue;
      byAgent.set(r.sales_agent!, (byAgent.get(r.sales_agent!) ?? 0) + Number(r.close_value));
    }
    const result = must(
      await ctx.core.runQuery({
        spec: {
          source: 'sales_pipeline',
          measures: [{ op: 'sum', column: 'close_value' }, { op: 'count' }],
          dimensions: [{ column: 'sales_agent' }],
          filters: [{ column: 'deal_stage', op: 'eq', values: ['Won'] }],
        },
      }),
    );
    const rows = readArrow(result.ipc).rows();
    expect(rows.length).toBe(byAgent.size);
    for (const row of rows) expect(row.m0).toBe(byAgent.get(row.d0 as string));
    const wonCount = expected.rows.filter((r) => r.deal_stage === 'Won').length;
    expect(rows.reduce((n, r) => n + (r.m1 as number), 0)).toBe(wonCount);
    expect(result.columns.map((c) => c.kind)).toEqual(['text', 'number', 'number']);
  });

  it('counts deals engaged per month', async () => {
    const byMonth = new Map<string, number>();
    for (const r of expected.rows) {
      const key = r.engage_date ? `${r.engage_date.slice(0, 7)}-01` : null;
      byMonth.set(key as string, (byMonth.get(key as string) ?? 0) + 1);
    }
    const result = must(
      await ctx.core.runQuery({
        spec: { source: 'sales_pipeline', measures: [{ op: 'count' }], dimensions: [{ column: 'engage_date', grain: 'month' }] },
      }),
    );
    const rows = readArrow(result.ipc).rows();
    expect(Object.fromEntries(rows.map((r) => [String(r.d0), r.m0]))).toEqual(
      Object.fromEntries([...byMonth].map(([k, v]) => [String(k || null), v])),
    );
  });

  it('serves any window of raw rows', async () => {
    const window = must(await ctx.core.previewRows({ source: 'sales_pipeline', offset: 8000, limit: 100 }));
    expect(window.totalRows).toBe(8800);
    expect(window.rowCount).toBe(100);
    const rows = readArrow(window.ipc).rows();
    expect(rows.map((r) => r.opportunity_id)).toEqual(expected.rows.slice(8000, 8100).map((r) => r.opportunity_id));
    const last = must(await ctx.core.previewRows({ source: 'sales_pipeline', offset: 8790, limit: 100 }));
    expect(last.rowCount).toBe(10);
  });

  it('profiles every column', async () => {
    const profile = must(await ctx.core.profileSource('sales_pipeline'));
    const close = profile.columns.find((c) => c.name === 'close_date')!;
    expect(close.nulls).toBe(expected.rows.filter((r) => r.close_date === '').length);
    const stage = profile.columns.find((c) => c.name === 'deal_stage')!;
    const stages = new Map<string, number>();
    for (const r of expected.rows) stages.set(r.deal_stage!, (stages.get(r.deal_stage!) ?? 0) + 1);
    expect(stage.distinct).toBe(stages.size);
    expect(stage.top[0]).toEqual({ value: 'Won', count: stages.get('Won') });
    const value = profile.columns.find((c) => c.name === 'close_value')!;
    const values = expected.rows.filter((r) => r.close_value !== '').map((r) => Number(r.close_value));
    expect(Number(value.max)).toBe(Math.max(...values));
    expect(Number(value.min)).toBe(Math.min(...values));
  });

  it('refuses a second export of the same date unless asked to replace it', async () => {
    const source = must(await ctx.core.getWorkspace()).sources[0]!;
    const again = await ctx.core.importFile({
      file: { kind: 'path', path: MAVEN },
      sourceName: 'sales_pipeline',
      snapshotDate: source.snapshots[0]!.date,
    });
    expect(again.ok).toBe(false);
    const ws = must(await ctx.core.getWorkspace());
    expect(ws.sources.map((s) => s.name)).toEqual(['sales_pipeline']);
    expect(ws.sources[0]!.snapshots).toHaveLength(1);
  });
});

describe('bad input gets a located error and leaves the workspace as it was', () => {
  let ctx: Awaited<ReturnType<typeof tempCore>>;
  beforeAll(async () => {
    ctx = await tempCore();
    must(await ctx.core.importFile({ file: { kind: 'path', path: MAVEN }, sourceName: 'deals' }));
  });
  afterAll(() => ctx.dispose());

  async function snapshot() {
    const ws = must(await ctx.core.getWorkspace());
    const conn = await ctx.core.workspace.connect();
    try {
      const tables = (await conn.runAndReadAll('SELECT table_name FROM duckdb_tables() ORDER BY 1')).getRowObjectsJS();
      return { sources: ws.sources, tables };
    } finally {
      conn.closeSync();
    }
  }

  it('names the line of a ragged row', async () => {
    const before = await snapshot();
    const path = join(ctx.dir, 'broken.csv');
    writeFileSync(path, 'a,b,c\n1,2,3\n4,5,6\n7,8\n9,10,11\n');
    const result = await ctx.core.importFile({ file: { kind: 'path', path } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('IMPORT_FAILED');
    expect(result.error.location).toMatchObject({ file: 'broken.csv', line: 4 });
    expect(result.error.message).toBe('broken.csv, line 4: expected 3 fields as in the header, found 2');
    expect(await snapshot()).toEqual(before);
  });

  it('names the line and column of a value that does not fit its type, far beyond the sniffed sample', async () => {
    const before = await snapshot();
    const path = join(ctx.dir, 'late-error.csv');
    const lines = ['id,amount'];
    for (let i = 1; i <= 40_000; i++) lines.push(`${i},${i * 10}`);
    lines[35_000] = '35000,about 12k';
    writeFileSync(path, `${lines.join('\n')}\n`);
    const result = await ctx.core.importFile({ file: { kind: 'path', path }, sourceName: 'late' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.location).toMatchObject({ file: 'late-error.csv', line: 35_001, column: 'amount' });
    expect(result.error.message).toContain('late-error.csv, line 35001, column "amount": "about 12k" is not a whole number');
    expect(await snapshot()).toEqual(before);
    // Choosing the column's type accepts the loss; it is then reported, not silent.
    const accepted = must(
      await ctx.core.importFile({ file: { kind: 'path', path }, sourceName: 'late', settings: { columnKinds: { amount: 'integer' } } }),
    );
    expect(accepted.rowCount).toBe(40_000);
    const amount = accepted.columns.find((c) => c.name === 'amount')!;
    expect(amount).toMatchObject({ kind: 'integer', failed: 1, samples: [{ line: 35_001, value: 'about 12k' }] });
    expect(accepted.warnings.map((w) => w.code)).toContain('CONVERSION_FAILURES');
    must(await ctx.core.removeSource('late'));
    // As text, nothing is lost.
    const text = must(
      await ctx.core.importFile({ file: { kind: 'path', path }, sourceName: 'late', settings: { columnKinds: { amount: 'text' } } }),
    );
    expect(text.columns.find((c) => c.name === 'amount')!.kind).toBe('text');
    must(await ctx.core.removeSource('late'));
  });

  it('reads a file that is not UTF-8 as Windows-1252 and says so', async () => {
    const path = join(ctx.dir, 'latin1.csv');
    // é è and the Windows-1252 euro sign (0x80) and right quote (0x92)
    writeFileSync(path, Buffer.from([...Buffer.from('name,city,note\nH\xe9l\xe8ne,Li\xe8ge,', 'latin1'), 0x80, 0x92, 0x0a]));
    const report = must(await ctx.core.importFile({ file: { kind: 'path', path } }));
    expect(report.settings.encoding).toBe('windows-1252');
    expect(report.warnings.map((w) => w.code)).toContain('TRANSCODED');
    const rows = readArrow(must(await ctx.core.previewRows({ source: report.source, offset: 0, limit: 10 })).ipc).rows();
    expect(rows).toEqual([{ name: 'Hélène', city: 'Liège', note: '€’' }]);
    must(await ctx.core.removeSource(report.source));
  });

  it('refuses an empty or missing file', async () => {
    const before = await snapshot();
    const empty = join(ctx.dir, 'empty.csv');
    writeFileSync(empty, '');
    const a = await ctx.core.importFile({ file: { kind: 'path', path: empty } });
    expect(a.ok ? null : a.error.message).toBe('empty.csv: the file is empty');
    const b = await ctx.core.importFile({ file: { kind: 'path', path: join(ctx.dir, 'nope.csv') } });
    expect(b.ok ? null : b.error.message).toBe('nope.csv: the file cannot be opened');
    expect(await snapshot()).toEqual(before);
  });

  it('replaces a source in one step, and keeps it when the replacement fails', async () => {
    const path = join(ctx.dir, 'small.csv');
    writeFileSync(path, 'x,y\n1,2\n3,4\n');
    const first = must(await ctx.core.importFile({ file: { kind: 'path', path }, sourceName: 'small' }));
    const date = first.snapshotDate;
    writeFileSync(path, 'x,y\n1,2\n3\n');
    const failed = await ctx.core.importFile({ file: { kind: 'path', path }, sourceName: 'small', snapshotDate: date, replace: true });
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error.message).toBe('small.csv, line 3: expected 2 fields as in the header, found 1');
    const kept = must(await ctx.core.getWorkspace()).sources.find((s) => s.name === 'small');
    expect(kept?.rowCount).toBe(2);
    writeFileSync(path, 'x,y\n1,2\n3,4\n5,6\n');
    const clash = await ctx.core.importFile({ file: { kind: 'path', path }, sourceName: 'small', snapshotDate: date });
    expect(clash.ok ? null : clash.error.location?.field).toBe('snapshotDate');
    const replaced = must(await ctx.core.importFile({ file: { kind: 'path', path }, sourceName: 'small', snapshotDate: date, replace: true }));
    expect(replaced.rowCount).toBe(3);
    expect(replaced.addedSnapshot).toBe(true);
    expect(must(await ctx.core.getWorkspace()).sources.find((s) => s.name === 'small')?.snapshots).toHaveLength(1);
    must(await ctx.core.removeSource('small'));
  });

  it('reads the next export of a source with the column kinds chosen for the earlier one', async () => {
    const october = join(ctx.dir, 'orders-2026-10-01.csv');
    writeFileSync(october, 'ref;amount\n00123;10,5\n00124;20\n');
    const first = must(
      await ctx.core.importFile({ file: { kind: 'path', path: october }, sourceName: 'orders', settings: { columnKinds: { ref: 'text' } } }),
    );
    expect(first.columns.map((c) => c.kind)).toEqual(['text', 'decimal']);
    // November's references look like plain numbers: they are still read as text.
    const november = join(ctx.dir, 'orders-2026-11-01.csv');
    writeFileSync(november, 'ref;amount\n124;7,25\n125;3\n');
    const inspection = must(await ctx.core.inspectImport({ file: { kind: 'path', path: november } }));
    expect(inspection.match?.source).toBe('orders');
    expect(inspection.columns.map((c) => c.kind)).toEqual(['text', 'decimal']);
    const second = must(await ctx.core.importFile({ file: { kind: 'path', path: november } }));
    expect(second).toMatchObject({ source: 'orders', snapshotDate: '2026-11-01', addedSnapshot: true });
    expect(second.columns.map((c) => c.kind)).toEqual(['text', 'decimal']);
    must(await ctx.core.removeSource('orders'));
  });

  it('cancels a running import and leaves nothing behind', async () => {
    const before = await snapshot();
    const path = join(ctx.dir, 'big.csv');
    const rows = ['id,owner,amount,created_at'];
    for (let i = 0; i < 600_000; i++) rows.push(`${i},rep ${i % 37},${(i % 1000) * 1.5},2024-0${(i % 9) + 1}-1${i % 10}`);
    writeFileSync(path, rows.join('\n'));
    const running = ctx.core.importFile({ file: { kind: 'path', path }, opId: 'cancel-me' });
    for (let i = 0; i < 200 && !must(await ctx.core.getProgress('cancel-me')); i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(must(await ctx.core.cancel('cancel-me'))).toBe(true);
    const result = await running;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('CANCELLED');
    expect(await snapshot()).toEqual(before);
  });
});
