// The fast import path on files large enough for DuckDB's parallel reader (several 8 MB ranges):
// a French Excel export lands exactly as DuckDB reads its UTF-8 twin, in file order; a bad value
// deep in it stops the import at its line and column; a value holding a line break beyond the
// head sends the file to the single-threaded reader, lines still right; the column that carries
// the conversion check never shows.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDealsCsvEuropean } from '../../resources/generator/crm-model';
import { quoteIdent, quoteLiteral } from '../../shared/spec/quote';
import { must, tempCore } from '../helpers/workspace';

const ROWS = 100_000;

describe('importing a 100,000-row French Excel export', () => {
  let ctx: Awaited<ReturnType<typeof tempCore>>;
  let euro: string;
  let twin: string;

  async function tables(): Promise<string[]> {
    const conn = await ctx.core.workspace.connect();
    try {
      return (await conn.runAndReadAll('SELECT table_name FROM duckdb_tables() ORDER BY 1')).getRowObjectsJS().map((r) => String(r.table_name));
    } finally {
      conn.closeSync();
    }
  }

  beforeAll(async () => {
    ctx = await tempCore();
    euro = join(ctx.dir, 'affaires.csv');
    await writeDealsCsvEuropean(euro, { seed: 11, rows: ROWS });
    // The UTF-8 twin, decoded by the codec library rather than by the code under test.
    twin = join(ctx.dir, 'affaires-utf8.csv');
    writeFileSync(twin, iconv.decode(readFileSync(euro), 'win1252'), 'utf8');
  });
  afterAll(() => ctx.dispose());

  it('holds exactly what DuckDB reads from the UTF-8 twin, row for row and in file order', async () => {
    const report = must(await ctx.core.importFile({ file: { kind: 'path', path: euro }, sourceName: 'affaires' }));
    expect(report.settings).toMatchObject({ encoding: 'windows-1252', delimiter: ';', decimalSeparator: ',', dateOrder: 'DMY' });
    expect(report.rowCount).toBe(ROWS);
    const source = (await ctx.core.workspace.findSource('affaires'))!;
    const conn = await ctx.core.workspace.connect();
    try {
      const t = quoteIdent(source.table);
      const raw = `read_csv(${quoteLiteral(twin)}, delim=';', decimal_separator=',', dateformat='%d/%m/%Y', header=true)`;
      const one = async (sql: string) => Number(Object.values((await conn.runAndReadAll(sql)).getRowObjectsJS()[0]!)[0]);
      expect(await one(`SELECT count(*) FROM (SELECT * FROM ${t} EXCEPT ALL SELECT * FROM ${raw})`)).toBe(0);
      expect(await one(`SELECT count(*) FROM (SELECT * FROM ${raw} EXCEPT ALL SELECT * FROM ${t})`)).toBe(0);
      // File order: the references D-000001, D-000002... rise with the rowid.
      expect(await one(`SELECT count(*) FROM (SELECT "Référence" AS r, lag("Référence") OVER (ORDER BY rowid) AS p FROM ${t}) WHERE p >= r`)).toBe(0);
      const last = (await conn.runAndReadAll(`SELECT "Référence" AS r FROM ${t} WHERE rowid = ${ROWS - 1}`)).getRowObjectsJS()[0]!.r;
      expect(String(last)).toMatch(new RegExp(`^D-0*${ROWS}$`));
      // Each column's count of values is the twin's.
      const counts = (await conn.runAndReadAll(`SELECT ${report.columns.map((c, i) => `count(${quoteIdent(c.name)}) AS n${i}`).join(', ')} FROM ${raw}`)).getRowObjectsJS()[0]!;
      expect(report.columns.map((c) => c.nonEmpty)).toEqual(report.columns.map((_, i) => Number(counts[`n${i}`])));
      expect(report.columns.every((c) => c.failed === 0)).toBe(true);
      // The check column is gone.
      const names = (await conn.runAndReadAll(`SELECT column_name FROM duckdb_columns() WHERE table_name = $1 ORDER BY column_index`, [source.table]))
        .getRowObjectsJS()
        .map((r) => String(r.column_name));
      expect(names).toEqual(report.columns.map((c) => c.name));
    } finally {
      conn.closeSync();
    }
    must(await ctx.core.removeSource('affaires'));
  });

  it('stops at the line and column of an amount that is not a number, deep in the file, and changes nothing', async () => {
    // Bytes as they are (latin1 maps each byte to one character and back).
    const lines = readFileSync(euro, 'latin1').split('\r\n');
    const at = lines.findIndex((l, i) => i >= 87_654 && !l.includes('"'));
    const fields = lines[at]!.split(';');
    fields[8] = '12,3x';
    lines[at] = fields.join(';');
    const bad = join(ctx.dir, 'affaires-bad.csv');
    writeFileSync(bad, lines.join('\r\n'), 'latin1');
    const before = await tables();
    const failed = await ctx.core.importFile({ file: { kind: 'path', path: bad }, sourceName: 'bad' });
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.error.location).toMatchObject({ file: 'affaires-bad.csv', line: at + 1, column: 'Montant' });
    expect(failed.error.message).toContain(`affaires-bad.csv, line ${at + 1}, column "Montant": "12,3x" is not a number`);
    expect(await tables()).toEqual(before);
    expect(must(await ctx.core.getWorkspace()).sources.map((s) => s.name)).not.toContain('bad');
    // Chosen as a number, the loss is accepted and reported with its line.
    const accepted = must(
      await ctx.core.importFile({ file: { kind: 'path', path: bad }, sourceName: 'bad', settings: { columnKinds: { Montant: 'decimal' } } }),
    );
    expect(accepted.columns.find((c) => c.name === 'Montant')).toMatchObject({
      kind: 'decimal',
      nonEmpty: ROWS,
      failed: 1,
      samples: [{ line: at + 1, value: '12,3x' }],
    });
    must(await ctx.core.removeSource('bad'));
  });
});

describe('a value holding a line break beyond the head of the file', () => {
  let ctx: Awaited<ReturnType<typeof tempCore>>;
  beforeAll(async () => {
    ctx = await tempCore();
  });
  afterAll(() => ctx.dispose());

  // 30,000 records of about 40 bytes: the head (256 KB) holds no line break in a value.
  function records(): string[] {
    const lines = ['id;note;amount'];
    for (let i = 1; i <= 30_000; i++) lines.push(`${i};note number ${i} of the export;${i},5`);
    lines[20_000] = '20000;"a note\non two lines";20000,5';
    return lines;
  }

  it('is read whole, with every record in its place', async () => {
    const path = join(ctx.dir, 'notes.csv');
    writeFileSync(path, `${records().join('\n')}\n`);
    const report = must(await ctx.core.importFile({ file: { kind: 'path', path }, sourceName: 'notes' }));
    expect(report.rowCount).toBe(30_000);
    expect(report.columns.map((c) => c.kind)).toEqual(['integer', 'text', 'decimal']);
    const source = (await ctx.core.workspace.findSource('notes'))!;
    const conn = await ctx.core.workspace.connect();
    try {
      const rows = (
        await conn.runAndReadAll(`SELECT id, note, amount FROM ${quoteIdent(source.table)} WHERE rowid BETWEEN 19998 AND 20000 ORDER BY rowid`)
      ).getRowsJS();
      expect(rows).toEqual([
        [19999n, 'note number 19999 of the export', 19999.5],
        [20000n, 'a note\non two lines', 20000.5],
        [20001n, 'note number 20001 of the export', 20001.5],
      ]);
      const sum = (await conn.runAndReadAll(`SELECT sum(id) AS s FROM ${quoteIdent(source.table)}`)).getRowObjectsJS()[0]!.s;
      expect(Number(sum)).toBe((30_000 * 30_001) / 2);
    } finally {
      conn.closeSync();
    }
    must(await ctx.core.removeSource('notes'));
  });

  it('does not move the line of a short record further down', async () => {
    const lines = records();
    lines[25_000] = '25000;a record cut short';
    const path = join(ctx.dir, 'notes-short.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const result = await ctx.core.importFile({ file: { kind: 'path', path }, sourceName: 'short' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // Line 25,001 of the records, one physical line further down for the value on two lines.
    expect(result.error.location).toMatchObject({ file: 'notes-short.csv', line: 25_002 });
    expect(result.error.message).toBe('notes-short.csv, line 25002: expected 3 fields as in the header, found 2');
  });
});

describe('a column named like the conversion check', () => {
  it('is imported as any other, and the check leaves nothing behind', async () => {
    const ctx = await tempCore();
    try {
      const path = join(ctx.dir, 'check.csv');
      writeFileSync(path, '__qd_unconverted,amount,__QD_UNCONVERTED_2\n1,2.5,x\n3,4.5,y\n');
      const report = must(await ctx.core.importFile({ file: { kind: 'path', path }, sourceName: 'check' }));
      expect(report.columns.map((c) => [c.name, c.kind, c.nonEmpty, c.failed])).toEqual([
        ['__qd_unconverted', 'integer', 2, 0],
        ['amount', 'decimal', 2, 0],
        ['__QD_UNCONVERTED_2', 'text', 2, 0],
      ]);
      const source = (await ctx.core.workspace.findSource('check'))!;
      const conn = await ctx.core.workspace.connect();
      try {
        const rows = (await conn.runAndReadAll(`SELECT * FROM ${quoteIdent(source.table)} ORDER BY rowid`)).getRowsJS();
        expect(rows).toEqual([
          [1n, 2.5, 'x'],
          [3n, 4.5, 'y'],
        ]);
      } finally {
        conn.closeSync();
      }
    } finally {
      ctx.dispose();
    }
  });
});
