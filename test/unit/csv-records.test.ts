// The JavaScript record reader (quoting semantics, dialect trial) and the pipeline guarantees it
// backs: a record with one separator too many is refused at its line even when DuckDB would
// silently drop its empty last field; mixed line endings, lenient quotes, backslash escapes and a
// stray quote in a title line are read or refused at the right line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyLines, rewriteAsRfc4180, scanRecords } from '../../electron/core/import/csv-scan';
import { parseRecords, type ParseStats } from '../../electron/core/import/records';
import { readArrow } from '../../shared/arrow/cells';
import { must, tempCore } from '../helpers/workspace';

const fields = (text: string, quote = '"', escape = quote, delimiter = ',') =>
  parseRecords(text, { delimiter, quote, escape }, false).map((r) => r.fields);

describe('record reader', () => {
  it('reads RFC 4180: doubled quotes, delimiters and line breaks inside quotes', () => {
    expect(fields('a,"b ""c"", d"\r\n"x\ny",z\n')).toEqual([
      ['a', 'b "c", d'],
      ['x\ny', 'z'],
    ]);
  });

  it('reads lenient quotes: a quote ends a value only before a delimiter or a line end', () => {
    expect(fields('"Round 48"",2\n"8\'9" long, rod",3\n', '"', '')).toEqual([
      ['Round 48"', '2'],
      ['8\'9" long, rod', '3'],
    ]);
  });

  it('keeps an escape character that escapes nothing', () => {
    expect(fields('"8\\\'9\\"",2\n"a\\\\b",3\n', '"', '\\')).toEqual([
      ['8\\\'9"', '2'],
      ['a\\b', '3'],
    ]);
  });

  it('flags text after a closing quote, and a quote never closed', () => {
    const stats: ParseStats = { quoteAnomalies: 0, unterminatedLine: null };
    const records = parseRecords('a,"b"c\n"d,e\n', { delimiter: ',', quote: '"', escape: '"' }, false, 500, stats);
    expect(records[0]!.anomaly).toBe(true);
    expect(stats).toMatchObject({ quoteAnomalies: 1, unterminatedLine: 2 });
  });
});

describe('streaming passes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qd-scan-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the physical line of a broken record, after values with line breaks', async () => {
    const path = join(dir, 'multi.csv');
    writeFileSync(path, 'a,b\n"1\n2\n3",x\ny,z\n4,5,6\n');
    const scan = await scanRecords(path, { delimiter: ',', quote: '"', escape: '"' }, { skipLines: 0, headerRecords: 1, expected: 2 });
    expect(scan.firstRagged).toEqual({ line: 6, expected: 2, found: 3 });
  });

  it('copies a range of lines, whatever their endings', async () => {
    const path = join(dir, 'endings.csv');
    const out = join(dir, 'endings-out.csv');
    writeFileSync(path, 'one\rtwo\r\nthree\nfour');
    await copyLines(path, out, 2, 3);
    expect(readFileSync(out, 'utf8')).toBe('two\r\nthree\n');
  });

  it('rewrites lenient quoting as RFC 4180, line for line', async () => {
    const path = join(dir, 'lenient.csv');
    const out = join(dir, 'lenient-rfc.csv');
    writeFileSync(path, "a,b\r\n'it's',2\r\n'x\ny',3\r\n");
    await rewriteAsRfc4180(path, out, { delimiter: ',', quote: "'", escape: '' });
    expect(readFileSync(out, 'utf8')).toBe('a,b\nit\'s,2\n"x\ny",3\n');
  });
});

describe('pipeline guarantees', () => {
  let ctx: Awaited<ReturnType<typeof tempCore>>;
  let n = 0;
  beforeAll(async () => {
    ctx = await tempCore();
  });
  afterAll(() => ctx.dispose());

  const write = (name: string, text: string) => {
    const path = join(ctx.dir, name);
    writeFileSync(path, text);
    return { kind: 'path' as const, path };
  };
  const rows = async (source: string) => {
    const ws = must(await ctx.core.previewRows({ source, offset: 0, limit: 100 }));
    return readArrow(ws.ipc).rows();
  };

  it('refuses a record with a separator too many even when its last field is empty', async () => {
    // Every record ends with an empty Comments field; DuckDB alone drops the extra empty field
    // of line 3 and shifts its values one column right.
    const file = write('shifted.csv', 'id,amount,owner,comments\n1,10,Ann,\n2,,20,Bob,\n3,30,Cy,\n');
    const result = await ctx.core.importFile({ file, sourceName: `s${++n}` });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('shifted.csv, line 3: expected 4 fields as in the header, found 5');
  });

  it('reads a file whose line endings are mixed, and says so', async () => {
    const file = write('mixed.csv', 'id,name\r\n1,Ann\n2,Bob\r\n3,Cy\n');
    const report = must(await ctx.core.importFile({ file, sourceName: `s${++n}` }));
    expect(report.rowCount).toBe(3);
    expect(report.warnings.map((w) => w.message).join(' ')).toMatch(/mixed line endings/);
  });

  it('reads lenient quotes as the file means them', async () => {
    const file = write('inches.csv', 'id,product\n1,"Boots, 10" Shearling"\n2,"Table, Round 48""\n3,"Plain"\n');
    const source = `s${++n}`;
    must(await ctx.core.importFile({ file, sourceName: source }));
    expect((await rows(source)).map((r) => r.product)).toEqual(['Boots, 10" Shearling', 'Table, Round 48"', 'Plain']);
  });

  it('skips a title line with a stray quote when the table reads evenly without quoting', async () => {
    const file = write('title.csv', '"Pipeline export\nid,amount\n1,10\n2,20\n');
    const report = must(await ctx.core.importFile({ file, sourceName: `s${++n}` }));
    expect(report.settings).toMatchObject({ skipRows: 1, headerRows: 1 });
    expect(report.columns.map((c) => c.name)).toEqual(['id', 'amount']);
  });

  it('refuses, at its line, a stray quote in a file that quotes its values', async () => {
    const file = write('stray.csv', '"id,name\n1,"Ann, Lee"\n2,"Bob"\n');
    const result = await ctx.core.importFile({ file, sourceName: `s${++n}` });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.location?.line).toBe(1);
  });

  it('reads a CSV whose first column is named PK as CSV', async () => {
    const file = write('keys.csv', 'PK,name\n1,Ann\n2,Bob\n');
    const report = must(await ctx.core.importFile({ file, sourceName: `s${++n}` }));
    expect(report.settings.format).toBe('csv');
    expect(report.rowCount).toBe(2);
  });
});
