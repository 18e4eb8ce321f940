// XLSX → CSV (electron/core/import/xlsx.ts) on real workbooks (the SheetJS regression corpus and
// a data dictionary from a public lead-scoring data set) and on tiny workbooks written here for
// the exact rules: date systems, percent, merged ranges, error cells, formulas, title rows,
// hidden sheets, broken files, and one 200,000-row sheet for memory and speed.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../electron/core/import/errors';
import { listSheets, sheetToCsv, type SheetToCsvResult } from '../../electron/core/import/xlsx';
import { classifyFormat, NumKind, plainNumber, serialText } from '../../electron/core/import/xlsx-format';
import { XmlScanner } from '../../electron/core/import/xlsx-xml';
import { XlsxZip } from '../../electron/core/import/xlsx-zip';
import { type CellSpec, type WorkbookSpec, writeXlsx, writeZip } from '../fixtures/xlsx/write-xlsx';
import { parseRfc4180 } from '../helpers/rfc4180';

const SAMPLES = '/work/shared/data/sheetjs-xlsx-samples';
const LEADS = '/work/shared/data/xeducation-lead-scoring/Leads Data Dictionary.xlsx';
const haveSamples = existsSync(SAMPLES) && existsSync(LEADS);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qd-xlsx-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** What sheetToCsv writes (and the reference CSVs), read row for row: blank rows keep their place. */
const parseCsv = (text: string) => parseRfc4180(text, { keepBlankLines: true });

let outCount = 0;
async function convert(path: string, sheet: string | null = null, name = 'book.xlsx'): Promise<SheetToCsvResult & { csv: string; data: string[][] }> {
  const out = join(dir, `out-${++outCount}.csv`);
  const result = await sheetToCsv(path, name, sheet, out);
  const csv = readFileSync(out, 'utf8');
  return { ...result, csv, data: parseCsv(csv) };
}

async function book(spec: WorkbookSpec, name = `fixture-${++outCount}.xlsx`): Promise<string> {
  const path = join(dir, name);
  await writeXlsx(path, spec);
  return path;
}

async function importFailure(p: Promise<unknown>): Promise<ImportError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    expect((e as ImportError).error.code).toBe('IMPORT_FAILED');
    return e as ImportError;
  }
  throw new Error('expected an ImportError');
}

// -----------------------------------------------------------------------------------------------
describe('cell rendering rules (pure)', () => {
  it('numbers are plain decimals, 15 significant digits, no exponent', () => {
    expect(plainNumber(1)).toBe('1');
    expect(plainNumber(-3)).toBe('-3');
    expect(plainNumber(1.5)).toBe('1.5');
    expect(plainNumber(0.1 + 0.2)).toBe('0.3');
    expect(plainNumber(1.23456789e22)).toBe('12345678900000000000000');
    expect(plainNumber(1e-7)).toBe('0.0000001');
    expect(plainNumber(-2.5e-8)).toBe('-0.000000025');
    expect(plainNumber(123456789012)).toBe('123456789012');
    expect(plainNumber(1234567.891)).toBe('1234567.891');
  });

  it('classifies number formats', () => {
    expect(classifyFormat('0%')).toBe(NumKind.Percent);
    expect(classifyFormat('0.00%;[Red]-0.00%')).toBe(NumKind.Percent);
    expect(classifyFormat('yyyy\\-mm\\-dd;@')).toBe(NumKind.Date);
    expect(classifyFormat('[$-409]d-mmm-yy;@')).toBe(NumKind.Date);
    expect(classifyFormat('m/d/yyyy h:mm')).toBe(NumKind.DateTime);
    expect(classifyFormat('h:mm AM/PM')).toBe(NumKind.Time);
    expect(classifyFormat('mm:ss')).toBe(NumKind.Time);
    expect(classifyFormat('[h]:mm:ss')).toBe(NumKind.Elapsed);
    expect(classifyFormat('"$"#,##0.00_);[Red]\\("$"#,##0.00\\)')).toBe(NumKind.Plain);
    expect(classifyFormat('[$€-407] #,##0.00')).toBe(NumKind.Plain);
    expect(classifyFormat('0.00E+00')).toBe(NumKind.Plain);
    expect(classifyFormat('[>=100000]0.000\\ \\<;[Red]0.000\\ \\>')).toBe(NumKind.Plain);
    expect(classifyFormat('#,##0 "days"')).toBe(NumKind.Plain);
    expect(classifyFormat('@')).toBe(NumKind.Plain);
  });

  it('date serials: 1900 system with its phantom 1900-02-29, 1904 system, times', () => {
    expect(serialText(1, NumKind.Date, false)).toBe('1900-01-01');
    expect(serialText(59, NumKind.Date, false)).toBe('1900-02-28');
    expect(serialText(60, NumKind.Date, false)).toBe('1900-02-29');
    expect(serialText(61, NumKind.Date, false)).toBe('1900-03-01');
    expect(serialText(45292, NumKind.Date, false)).toBe('2024-01-01');
    expect(serialText(45292.75, NumKind.Date, false)).toBe('2024-01-01 18:00:00');
    expect(serialText(45292, NumKind.DateTime, false)).toBe('2024-01-01 00:00:00');
    expect(serialText(0, NumKind.Date, true)).toBe('1904-01-01');
    expect(serialText(43830, NumKind.Date, true)).toBe('2024-01-01');
    expect(serialText(0.5, NumKind.Time, false)).toBe('12:00:00');
    expect(serialText(0, NumKind.Date, false)).toBe('1900-01-00'); // as Excel shows it
    expect(serialText(45292 + 86399 / 86400, NumKind.Time, false)).toBe('23:59:59');
    expect(serialText(45292.999999, NumKind.DateTime, false)).toBe('2024-01-02 00:00:00'); // rounds to the second
    expect(serialText(-1.5, NumKind.Date, false)).toBe('1899-12-28 12:00:00'); // LibreOffice's dates before 1900
    expect(serialText(1.5, NumKind.Elapsed, false)).toBe('36:00:00');
  });
});

// -----------------------------------------------------------------------------------------------
describe('rules on generated workbooks', () => {
  it('1904 date system: the same serials read four years later', async () => {
    const rows: CellSpec[][] = [
      ['Close date', 'Created'],
      [{ v: 0, fmt: 'yyyy-mm-dd' }, { v: 43830.5, fmt: 'dd/mm/yyyy hh:mm' }],
      [{ v: 366, fmt: 14 }, { v: 43831, fmt: 22 }],
    ];
    const p1904 = await book({ date1904: true, sheets: [{ name: 'Deals', rows }] });
    const p1900 = await book({ sheets: [{ name: 'Deals', rows }] });
    expect((await convert(p1904)).data).toEqual([
      ['Close date', 'Created'],
      ['1904-01-01', '2024-01-01 12:00:00'],
      ['1905-01-01', '2024-01-02 00:00:00'],
    ]);
    expect((await convert(p1900)).data).toEqual([
      ['Close date', 'Created'],
      ['1900-01-00', '2019-12-31 12:00:00'],
      ['1900-12-31', '2020-01-01 00:00:00'],
    ]);
  });

  it('the 1900 leap-year bug, time-only formats and ISO (t="d") cells', async () => {
    const p = await book({
      sheets: [
        {
          name: 'S',
          rows: [
            [{ v: 59, fmt: 14 }, { v: 60, fmt: 14 }, { v: 61, fmt: 14 }],
            [{ v: 0.75, fmt: 'h:mm AM/PM' }, { v: 45292.25, fmt: 21 }, { v: 1.25, fmt: '[h]:mm:ss' }],
            [{ t: 'd', v: '2024-03-05T00:00:00Z', fmt: 14 }, { t: 'd', v: '2024-03-05T13:45:10.6Z' }, { t: 'd', v: '2024-03-05' }],
          ],
        },
      ],
    });
    expect((await convert(p)).data).toEqual([
      ['1900-02-28', '1900-02-29', '1900-03-01'],
      ['18:00:00', '06:00:00', '30:00:00'],
      ['2024-03-05', '2024-03-05 13:45:11', '2024-03-05'],
    ]);
  });

  it('percent formats keep a % (scaled as shown); currency and thousands formats stay plain numbers', async () => {
    const p = await book({
      sheets: [
        {
          name: 'Pipeline',
          rows: [
            ['Probability', 'Growth', 'Amount', 'Units'],
            [{ v: 0.25, fmt: 9 }, { v: 0.125, fmt: '0.0%' }, { v: 1234.5, fmt: '"$"#,##0.00' }, { v: 1234567, fmt: 3 }],
            [{ v: 0.07, fmt: 10 }, { v: -0.035, fmt: '0.00%;[Red]-0.00%' }, { v: 99.99, fmt: '[$€-407] #,##0.00' }, { v: 0.1 + 0.2 }],
          ],
        },
      ],
    });
    expect((await convert(p)).data).toEqual([
      ['Probability', 'Growth', 'Amount', 'Units'],
      ['25%', '12.5%', '1234.5', '1234567'],
      ['7%', '-3.5%', '99.99', '0.3'],
    ]);
  });

  it('a merged header over three columns gives three headers; a merged label fills down; ONE warning', async () => {
    const p = await book({
      sheets: [
        {
          name: 'Quarterly',
          rows: [
            ['Region', 'Q1 2024', null, null, 'Q2 2024'],
            [null, 'Jan', 'Feb', 'Mar', 'Apr'],
            ['North', 10, 11, 12, 13],
            [null, 20, 21, 22, 23],
            ['South', 30, 31, 32, 33],
          ],
          merges: ['B1:D1', 'A1:A2', 'A3:A4', 'E1:F1'],
        },
      ],
    });
    const r = await convert(p, null, 'report.xlsx');
    expect(r.data).toEqual([
      ['Region', 'Q1 2024', 'Q1 2024', 'Q1 2024', 'Q2 2024'],
      ['Region', 'Jan', 'Feb', 'Mar', 'Apr'],
      ['North', '10', '11', '12', '13'],
      ['North', '20', '21', '22', '23'],
      ['South', '30', '31', '32', '33'],
    ]);
    expect(r.columns).toBe(5); // E1:F1 reaches past the data: no empty column F
    const merged = r.warnings.filter((w) => w.code === 'MERGED_CELLS');
    expect(merged).toHaveLength(1);
    expect(merged[0]!.message).toContain("report.xlsx, sheet 'Quarterly'");
    expect(merged[0]!.message).toContain('B1:D1');
    expect(merged[0]!.message).toContain('A3:A4');
  });

  it('error cells become empty with ONE ERROR_CELLS warning naming cells and errors', async () => {
    const p = await book({
      sheets: [
        {
          name: 'Deals',
          rows: [
            ['Deal', 'Amount', 'Ratio'],
            ['A', 100, { t: 'e', f: 'B2/0', v: '#DIV/0!' }],
            ['B', 200, { t: 'e', f: 'VLOOKUP(A3,X:Y,2,0)', v: '#N/A' }],
            ['C', { t: 'e', v: '#REF!' }, 0.5],
            ['D', { t: 'e', v: '#VALUE!' }, { t: 'e', v: '#NAME?' }],
            ['E', { t: 'e', v: '#NUM!' }, { t: 'e', v: '#NULL!' }],
          ],
        },
      ],
    });
    const r = await convert(p, 'Deals', 'report.xlsx');
    expect(r.data).toEqual([
      ['Deal', 'Amount', 'Ratio'],
      ['A', '100', ''],
      ['B', '200', ''],
      ['C', '', '0.5'],
      ['D', '', ''],
      ['E', '', ''],
    ]);
    const errors = r.warnings.filter((w) => w.code === 'ERROR_CELLS');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/^report\.xlsx, sheet 'Deals': 7 cells with an Excel error \(C2 #DIV\/0!, C3 #N\/A, B4 #REF!, B5 #VALUE!, C5 #NAME\? and 2 more\)/);
  });

  it('formulas read as their cached value, never the formula; an uncalculated formula is empty plus a warning', async () => {
    const p = await book({
      sheets: [
        {
          name: 'Calc',
          rows: [
            ['Amount', 'Double', 'Label', 'Flag', 'Never calculated'],
            [21, { f: 'A2*2', v: 42 }, { t: 'str', f: '"Deal "&A2', v: 'Deal 21' }, { t: 'b', f: 'A2>20', v: true }, { f: 'A2*3' }],
            [5, { f: 'A3*2', v: 10 }, { t: 'str', f: 'IF(A3>9,"big","")', v: '' }, { t: 'b', f: 'A3>20', v: false }, { t: 'str', f: 'A3&""' }],
          ],
        },
      ],
    });
    const r = await convert(p, null, 'calc.xlsx');
    expect(r.data).toEqual([
      ['Amount', 'Double', 'Label', 'Flag', 'Never calculated'],
      ['21', '42', 'Deal 21', 'TRUE', ''],
      ['5', '10', '', 'FALSE', ''],
    ]);
    expect(r.csv).not.toContain('A2*2');
    const w = r.warnings.filter((x) => x.code === 'ERROR_CELLS');
    expect(w).toHaveLength(1);
    expect(w[0]!.message).toContain('2 formula cells without a calculated value (E2, E3');
  });

  it('title rows above the header are kept row for row; gaps keep positions; trailing empties are dropped', async () => {
    const p = await book({
      sheets: [
        {
          name: 'Export',
          rowNumbers: [1, 2, 4, 5, 7, 9, 12],
          dimension: 'A1:H20',
          rows: [
            ['Pipeline report — exported 2024-05-01'],
            ['Owner: all'],
            ['Deal', 'Stage', null, 'Amount'],
            ['Acme', 'Won', null, 1000],
            ['Globex', null, null, 250.5, null, ''],
            [],
            [null, null, null, null, { v: 1, fmt: 0, xml: '' }], // a formatted but empty cell
          ],
        },
      ],
    });
    const r = await convert(p);
    expect(r.rows).toBe(7);
    expect(r.columns).toBe(4);
    expect(r.csv).toBe(
      [
        '"Pipeline report — exported 2024-05-01","","",""',
        '"Owner: all","","",""',
        '"","","",""',
        '"Deal","Stage","","Amount"',
        '"Acme","Won","","1000"',
        '"","","",""',
        '"Globex","","","250.5"',
        '',
      ].join('\n'),
    );
    // listSheets reports the <dimension> (cheap) when there is one.
    expect(await listSheets(p, 'x.xlsx')).toEqual([{ name: 'Export', hidden: false, rows: 20, columns: 8 }]);
  });

  it('text: shared and inline strings, rich text runs joined, phonetic runs dropped, _x000D_ decoded, quotes doubled', async () => {
    const p = await book({
      sheets: [
        {
          name: 'Text',
          rows: [
            ['say "hi", ok', { t: 'inlineStr', v: 'line 1\nline 2' }],
            [{ t: 'str', f: 'A1&CHAR(13)', v: 'a_x000D_\nb' }, { t: 'inlineStr', v: 'keep _x005F_x000D_ literal' }, true],
            ['', '  padded  ', false],
          ],
        },
      ],
    });
    const r = await convert(p);
    expect(r.data).toEqual([
      ['say "hi", ok', 'line 1\nline 2', ''],
      ['a\r\nb', 'keep _x000D_ literal', 'TRUE'],
      ['', '  padded  ', 'FALSE'],
    ]);
    expect(r.csv.split('\n')[0]).toBe('"say ""hi"", ok","line 1');
    // Rich text and phonetic runs in the shared-string table (indexes 0 and 1: no other strings).
    const rich = await book({
      extraSharedStrings: [
        '<r><rPr><b/></rPr><t>Big </t></r><r><t xml:space="preserve">Deal</t></r>',
        '<r><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/>',
      ],
      sheets: [{ name: 'S', rows: [[{ t: 's', xml: '<v>0</v>' }, { t: 's', xml: '<v>1</v>' }]] }],
    });
    expect((await convert(rich)).data).toEqual([['Big Deal', '東京']]);
  });

  it('hidden sheets: listed as hidden; null picks the first visible; reading one explicitly warns', async () => {
    const p = await book({
      sheets: [
        { name: 'Lookup', state: 'hidden', rows: [['code'], ['x']] },
        { name: 'Secret', state: 'veryHidden', rows: [['k'], ['v']] },
        { name: 'Deals', rows: [['Deal'], ['Acme']] },
      ],
    });
    expect(await listSheets(p, 'b.xlsx')).toEqual([
      { name: 'Lookup', hidden: true, rows: 2, columns: 1 },
      { name: 'Secret', hidden: true, rows: 2, columns: 1 },
      { name: 'Deals', hidden: false, rows: 2, columns: 1 },
    ]);
    const first = await convert(p, null, 'b.xlsx');
    expect(first.sheet).toBe('Deals');
    expect(first.warnings).toEqual([]);
    const hidden = await convert(p, 'Secret', 'b.xlsx');
    expect(hidden.data).toEqual([['k'], ['v']]);
    expect(hidden.warnings.map((w) => w.code)).toEqual(['HIDDEN_SHEET']);
    expect(hidden.warnings[0]!.message).toContain("sheet 'Secret'");
    // Sheet names match case-insensitively, as in Excel.
    expect((await convert(p, 'deals')).sheet).toBe('Deals');
  });

  it('an unknown sheet name is an ImportError listing the sheets', async () => {
    const p = await book({ sheets: [{ name: 'Deals', rows: [['a']] }, { name: 'Old', state: 'hidden', rows: [['b']] }] });
    const e = await importFailure(sheetToCsv(p, 'report.xlsx', 'Accounts', join(dir, 'never.csv')));
    expect(e.message).toBe("report.xlsx has no sheet 'Accounts'; its sheets are 'Deals', 'Old' (hidden)");
    expect(e.error.location).toEqual({ file: 'report.xlsx', field: 'sheet' });
    expect(existsSync(join(dir, 'never.csv'))).toBe(false);
  });

  it('a workbook damaged inside a sheet is an ImportError naming the sheet', async () => {
    const p = await book({
      sheets: [{ name: 'Deals', rows: Array.from({ length: 3000 }, (_, i) => [i, `deal ${i * 7919}`, i / 7]) }],
    });
    const bytes = readFileSync(p);
    for (let i = Math.floor(bytes.length * 0.3); i < Math.floor(bytes.length * 0.3) + 64; i++) bytes[i] = (bytes[i]! * 31 + 7) % 256;
    writeFileSync(p, bytes);
    const e = await importFailure(sheetToCsv(p, 'report.xlsx', null, join(dir, 'damaged.csv')));
    expect(e.message).toBe("report.xlsx, sheet 'Deals' cannot be read: the file is damaged or incomplete");
    expect(existsSync(join(dir, 'damaged.csv'))).toBe(false);
  });

  it('the XML tokenizer gives the same events whatever the chunking, with prefixes, entities, CDATA, comments', () => {
    const xml =
      '<?xml version="1.0"?>\r\n<x:worksheet xmlns:x="urn:x" xmlns:r="urn:r"><!-- a > comment --><x:sheetData>' +
      '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a &amp; b &lt;c&gt; &#x41;&#66;\r\nline</x:t></x:is></x:c>' +
      "<x:c r='B1' s=\"2\" t='str'><x:f>IF(A1&gt;1,\"&gt;\",'x')</x:f><x:v><![CDATA[<raw>]]></x:v></x:c><x:c r=\"C1\" x:note=\"a>b\"/></x:row>" +
      '</x:sheetData></x:worksheet>';
    const events = (chunks: string[]) => {
      const out: string[] = [];
      const sc = new XmlScanner({
        open: (name, attrs, self) => out.push(`<${name} ${JSON.stringify(attrs)}${self ? '/' : ''}>`),
        close: (name) => out.push(`</${name}>`),
        text: (t) => (out.length && out[out.length - 1]!.startsWith('T:') ? (out[out.length - 1] += t) : out.push('T:' + t)),
      });
      for (const c of chunks) sc.write(c);
      return out;
    };
    const whole = events([xml]);
    expect(whole).toContain('<c {"r":"A1","t":"inlineStr"}>');
    expect(whole).toContain('T:a & b <c> AB\nline');
    expect(whole).toContain('<c {"r":"B1","s":"2","t":"str"}>');
    expect(whole).toContain('T:<raw>');
    expect(whole).toContain('<c {"r":"C1","note":"a>b"}/>');
    expect(whole).not.toContain('<worksheet {}>'.replace('{}', '{"x":"urn:x"}'));
    for (const size of [1, 2, 3, 7, 64]) {
      const chunks: string[] = [];
      for (let i = 0; i < xml.length; i += size) chunks.push(xml.slice(i, i + size));
      expect(events(chunks)).toEqual(whole);
    }
  });

  it('an empty sheet gives an empty CSV and an EMPTY_FILE warning', async () => {
    const p = await book({ sheets: [{ name: 'Blank', rows: [] }] });
    const r = await convert(p);
    expect(r).toMatchObject({ sheet: 'Blank', rows: 0, columns: 0, csv: '' });
    expect(r.warnings.map((w) => w.code)).toEqual(['EMPTY_FILE']);
  });
});

// -----------------------------------------------------------------------------------------------
describe('files that are not .xlsx workbooks', () => {
  const cases: { name: string; make: (path: string) => Promise<void> | void; expect: RegExp }[] = [
    {
      name: 'a CSV renamed to .xlsx',
      make: (p) => writeFileSync(p, 'Deal,Amount\nAcme,100\n'),
      expect: /^report\.xlsx is not an Excel \.xlsx workbook \(it looks like a CSV or text file/,
    },
    {
      name: 'a truncated download',
      make: async (p) => {
        const full = p + '.full';
        await writeXlsx(full, { sheets: [{ name: 'S', rows: Array.from({ length: 200 }, (_, i) => [`row ${i}`, i]) }] });
        const bytes = readFileSync(full);
        writeFileSync(p, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      },
      expect: /^report\.xlsx is not an Excel \.xlsx workbook \(it looks damaged: the zip container is incomplete or corrupt\)/,
    },
    {
      name: 'an old binary .xls',
      make: (p) => {
        const b = Buffer.alloc(4096);
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
        Buffer.from('Workbook', 'utf16le').copy(b, 1024);
        writeFileSync(p, b);
      },
      expect: /^report\.xlsx is not an Excel \.xlsx workbook \(it looks like an old Excel 97-2003 \.xls workbook/,
    },
    {
      name: 'a password-protected workbook',
      make: (p) => {
        const b = Buffer.alloc(8192);
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
        Buffer.from('EncryptionInfo', 'utf16le').copy(b, 1024);
        Buffer.from('EncryptedPackage', 'utf16le').copy(b, 1152);
        writeFileSync(p, b);
      },
      expect: /^report\.xlsx is password-protected/,
    },
    {
      name: 'an HTML table saved with an Excel extension',
      make: (p) => writeFileSync(p, '<html><body><table><tr><td>Deal</td></tr></table></body></html>'),
      expect: /^report\.xlsx is not an Excel \.xlsx workbook \(it looks like a web page/,
    },
    {
      name: 'a zip without a workbook',
      make: (p) => writeZip(p, { 'readme.txt': 'hello' }),
      expect: /^report\.xlsx is not an Excel \.xlsx workbook \(it is a zip archive without a workbook inside\)/,
    },
    {
      name: 'an .ods spreadsheet renamed',
      make: (p) => writeZip(p, { mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' }),
      expect: /\(it looks like an OpenDocument spreadsheet/,
    },
    {
      name: 'random bytes',
      make: (p) => writeFileSync(p, Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256))),
      expect: /^report\.xlsx is not an Excel \.xlsx workbook \(it is damaged or in an unknown format\)/,
    },
    {
      name: 'an empty file',
      make: (p) => writeFileSync(p, ''),
      expect: /^report\.xlsx is not an Excel \.xlsx workbook \(the file is empty\)/,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const p = join(dir, `bad-${++outCount}.xlsx`);
      await c.make(p);
      const e1 = await importFailure(listSheets(p, 'report.xlsx'));
      expect(e1.message).toMatch(c.expect);
      expect(e1.error.location).toEqual({ file: 'report.xlsx' });
      const e2 = await importFailure(sheetToCsv(p, 'report.xlsx', null, join(dir, 'bad.csv')));
      expect(e2.message).toBe(e1.message);
    });
  }
});

// -----------------------------------------------------------------------------------------------
/** Whether our value and SheetJS's display text denote the same thing (their baselines are formatted). */
function sameValue(ours: string, theirs: string): boolean {
  const norm = (s: string) => s.replace(/\r\n?/g, '\n');
  if (norm(ours) === norm(theirs)) return true;
  // SheetJS's baselines print each non-ASCII character as '_'.
  if (ours.replace(/[^\p{ASCII}]/gu, '_') === theirs) return true;
  if (ours === '' && /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA)$/.test(theirs)) return true;
  // Dates and times: theirs m/d/yy[ h:mm], d-mmm-yy or h:mm AM/PM.
  const iso = /^(\d{4})-(\d\d)-(\d\d)(?: (\d\d):(\d\d):\d\d)?$/.exec(ours);
  const mdy = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})(?: (\d{1,2}):(\d\d))?$/.exec(theirs.trim());
  if (iso && mdy) {
    const year = Number(mdy[3]) < 100 ? (Number(mdy[3]) < 30 ? 2000 : 1900) + Number(mdy[3]) : Number(mdy[3]);
    return Number(iso[1]) === year && Number(iso[2]) === Number(mdy[1]) && Number(iso[3]) === Number(mdy[2]);
  }
  const months = 'janfebmaraprmayjunjulaugsepoctnovdec';
  const dmy = /^(\d{1,2})-([A-Za-z]{3})-(\d\d)$/.exec(theirs.trim());
  if (iso && dmy) {
    return Number(iso[3]) === Number(dmy[1]) && Number(iso[2]) === months.indexOf(dmy[2]!.toLowerCase()) / 3 + 1 && iso[1]!.endsWith(dmy[3]!);
  }
  const time = /^(\d\d):(\d\d):\d\d$/.exec(ours);
  const ampm = /^(\d{1,2}):(\d\d)(?::\d\d)? ?(AM|PM)$/i.exec(theirs.trim());
  if (time && ampm) return Number(time[1]) === (Number(ampm[1]) % 12) + (/pm/i.test(ampm[3]!) ? 12 : 0) && time[2] === ampm[2];
  // Numbers: theirs may carry currency, thousands separators, fewer decimals, a literal suffix.
  const num = /^\s*\(?(-?)\s*[$€£]?\s*(-?[\d,]*\.?\d+(?:E[+-]\d+)?)\s*(%?)/i.exec(theirs);
  const mine = /^(-?\d+(?:\.\d+)?)(%?)$/.exec(ours);
  if (num && mine && num[3] === mine[2]) {
    const a = Number(mine[1]);
    const b = Number((num[1] ?? '') + num[2]!.replace(/,/g, '')) * (theirs.trim().startsWith('(') ? -1 : 1);
    const decimals = /\.(\d+)/.exec(num[2]!)?.[1]?.length ?? 0;
    const tolerance = /E/i.test(num[2]!) ? Math.abs(b) * 1e-5 : 0.5 * 10 ** -decimals + 1e-9;
    return Math.abs(a - b) <= tolerance;
  }
  return false;
}

describe.skipIf(!haveSamples)('real workbooks', () => {
  it('every sample converts or fails with a clear ImportError (report)', async () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.xls[xm]?$/i.test(f)) files.push(p);
      }
    };
    walk(SAMPLES);
    files.push(LEADS);
    expect(files.length).toBeGreaterThanOrEqual(19);
    const report: string[] = [];
    let failures = 0;
    for (const file of files.sort()) {
      const name = file === LEADS ? 'Leads Data Dictionary.xlsx' : relative(SAMPLES, file);
      try {
        const sheets = await listSheets(file, name);
        const parts: string[] = [];
        for (const s of sheets) {
          const r = await convert(file, s.name, name);
          expect(r.data.length).toBe(r.rows);
          for (const row of r.data) expect(row.length).toBe(r.columns);
          const warnings = r.warnings.map((w) => w.code).join('+');
          parts.push(`${s.name}${s.hidden ? ' (hidden)' : ''} ${r.rows}×${r.columns}${warnings ? ' ' + warnings : ''}`);
        }
        report.push(`${name.padEnd(30)} → ${parts.join('; ')}`);
      } catch (e) {
        failures++;
        expect(e).toBeInstanceOf(ImportError);
        expect((e as Error).message).toContain(name);
        report.push(`${name.padEnd(30)} → ERROR ${(e as Error).message}`);
      }
    }
    console.log('XLSX sample report\n' + report.join('\n'));
    expect(failures).toBe(0); // every sample here is a readable workbook
  });

  it("1900 vs 1904 date systems: same serials, dates four years apart; Excel's own TEXT() agrees", async () => {
    const a = await convert(join(SAMPLES, '1904/1900.xlsx'));
    const b = await convert(join(SAMPLES, '1904/1904.xlsx'));
    expect(a.data.map((r) => r[1])).toEqual(['1900-01-01', '1900-01-11', '1900-04-20', '1903-01-15', '1930-06-02']);
    expect(b.data.map((r) => r[1])).toEqual(['1904-01-02', '1904-01-12', '1904-04-21', '1907-01-16', '1934-06-03']);
    // Column C is =TEXT(B,"YYYY-MM-DD"), cached by Excel: the same text as our rendering of B.
    for (const r of [...a.data, ...b.data]) expect(r[1]).toBe(r[2]);
    expect(a.data.map((r) => r[0])).toEqual(b.data.map((r) => r[0]));
  });

  it('merge_cells.xlsx: each merged range filled with its top-left value', async () => {
    const r = await convert(join(SAMPLES, 'merge_cells.xlsx'), null, 'merge_cells.xlsx');
    expect(r.data).toEqual([
      ['A1:B2', 'A1:B2', 'C1:C2', 'Separate blocks'],
      ['A1:B2', 'A1:B2', 'C1:C2', 'Separate blocks'],
      ['A3:B3', 'A3:B3', 'C3', ''],
      ['… are merged separately', '… are merged separately', '', ''],
    ]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]!.message).toBe(
      "merge_cells.xlsx, sheet 'Merge': 5 merged ranges (A1:B2, C1:C2, A3:B3, D1:D2, A4:B4); each range's value was copied into all of its cells",
    );
  });

  it('sheet_visibility.xlsx: hidden and very hidden sheets', async () => {
    const path = join(SAMPLES, 'sheet_visibility.xlsx');
    const sheets = await listSheets(path, 'sheet_visibility.xlsx');
    expect(sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Visible', false],
      ['Hidden', true],
      ['VeryHidden', true],
    ]);
    expect((await convert(path)).sheet).toBe('Visible');
    for (const [i, name] of ['Visible', 'Hidden', 'VeryHidden'].entries()) {
      const r = await convert(path, name);
      expect(r.warnings.map((w) => w.code)).toEqual(i === 0 ? [] : ['HIDDEN_SHEET']);
      expect(r.data).toEqual(parseCsv(readFileSync(join(SAMPLES, `2016/sheet_visibility.xlsx.${i}.csv`), 'utf8')));
    }
  });

  it('ErrorTypes.xlsx: all seven Excel errors empty, one ERROR_CELLS warning', async () => {
    const r = await convert(join(SAMPLES, 'ErrorTypes.xlsx'), null, 'ErrorTypes.xlsx');
    expect(r.data.slice(1, 8).map((row) => row[0])).toEqual(['', '', '', '', '', '', '']);
    expect(r.data.slice(1, 8).map((row) => row[4])).toEqual(['1', '2', '3', '4', '5', '6', '7']); // =ERROR.TYPE
    const w = r.warnings.filter((x) => x.code === 'ERROR_CELLS');
    expect(w).toHaveLength(1);
    expect(w[0]!.message).toMatch(/^ErrorTypes\.xlsx, sheet 'RawErrors': 20 cells with an Excel error \(A2 #NULL!, B2 #NULL!, A3 #DIV\/0!, B3 #DIV\/0!, A4 #VALUE! and 15 more\) read as empty$/);
    expect(r.csv).not.toMatch(/#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A)"/);
  });

  it('DataTypesFormats.xlsx: date, datetime, currency, percentage', async () => {
    expect((await convert(join(SAMPLES, 'DataTypesFormats.xlsx'))).data).toEqual([
      ['Date', '2020-07-23'],
      ['Date Time', '2020-07-23 09:00:00'],
      ['Currency', '123'],
      ['Percentage', '98.76%'],
      ['Fixed Decimal', '456'],
      ['Thousands Separator', '7890'],
    ]);
  });

  it('xlsx-stream-d-date-cell.xlsx: t="d" and inline strings, entities, 36-hour durations', async () => {
    expect((await convert(join(SAMPLES, 'xlsx-stream-d-date-cell.xlsx'))).data.slice(0, 10)).toEqual([
      ['String', 'てすと', `&'";<>`, '&amp;'],
      ['Integer', '1', '2', '-3'],
      ['Float', '1.5', '0.3', '12345678900000000000000'],
      ['Boolean', 'TRUE', 'FALSE', ''],
      ['Date', '2014-02-14 08:27:49', '', ''],
      ['2 Decimals Built-in format #2', '1.5', '', ''],
      ['Time Built-in format #18', '12:00:00', '', ''],
      ['Percentage Built-in format #9', '50%', '', ''],
      ['Percentage Custom format', '50%', '', ''],
      ['Duration 36 hours format #46', '36:00:00', '', ''],
    ]);
  });

  it('crlf.xlsx: newlines inside cells kept, _x000D_ decoded (as in crlf.csv)', async () => {
    const r = await convert(join(SAMPLES, 'crlf/crlf.xlsx'));
    const source = parseCsv(readFileSync(join(SAMPLES, 'crlf/crlf.csv'), 'utf8').replace(/^\uFEFF/, ''));
    expect(r.data).toEqual([
      ['Normal', 'abc\ndef'],
      ['Formula', 'abc\r\ndef'],
      ['Test', ''],
    ]);
    expect(r.data.slice(0, 2)).toEqual(source.slice(0, 2));
  });

  it('Attendance.xlsx matches Attendance.csv (after its blank first row)', async () => {
    const r = await convert(join(SAMPLES, 'Attendance.xlsx'));
    const source = parseCsv(readFileSync(join(SAMPLES, 'Attendance.csv'), 'utf8').replace(/^\uFEFF/, ''));
    expect(r.data[0]!.every((v) => v === '')).toBe(true);
    const body = r.data.slice(1);
    expect(body.length).toBe(source.length);
    expect(body[0]).toEqual(source[0]); // header cells with embedded newlines
    for (let i = 1; i < source.length; i++) {
      for (let j = 0; j < source[i]!.length; j++) {
        const ours = body[i]![j]!;
        const theirs = source[i]![j]!;
        if (/^\d+\/\d+$/.test(theirs)) expect(ours.slice(5)).toBe(theirs.replace(/^(\d+)\/(\d+)$/, (_, m: string, d: string) => `${m.padStart(2, '0')}-${d.padStart(2, '0')}`));
        else expect(ours).toBe(theirs);
      }
    }
  });

  it('text_and_numbers.xlsx: RTL text, ints vs floats, empty sheets', async () => {
    const path = join(SAMPLES, 'text_and_numbers.xlsx');
    const r = await convert(path);
    expect(r.data).toEqual([
      ['English', 'Hello', 'World'],
      ['Hebrew', 'שלום', 'עולם'],
      ['', '', ''],
      ['1337', '13.37', '1337'],
    ]);
    const empty = await convert(path, 'Sheet2');
    expect(empty.rows).toBe(0);
    expect(empty.warnings.map((w) => w.code)).toEqual(['EMPTY_FILE']);
  });

  it('defined_names_unicode.xlsx: Japanese sheet names', async () => {
    const path = join(SAMPLES, 'defined_names_unicode.xlsx');
    const sheets = await listSheets(path, 'defined_names_unicode.xlsx');
    expect(sheets.map((s) => s.name)).toEqual(['NoContainsJapanese', '日本語のみ', 'sheet日本語', '日本語sheet', 'sheet日本語sheet']);
    const r = await convert(path, '日本語のみ');
    expect(r.sheet).toBe('日本語のみ');
    expect(r.rows).toBe(1);
  });

  it('phonetic_text.xlsx: furigana runs are not part of the text', async () => {
    expect((await convert(join(SAMPLES, 'phonetic_text.xlsx'))).data).toEqual([['漢字'], ['漢字withColor']]);
  });

  it("Leads Data Dictionary.xlsx: merged descriptions fill down", async () => {
    const r = await convert(LEADS, null, 'Leads Data Dictionary.xlsx');
    expect(r.data[2]).toEqual(['', 'Variables', 'Description']);
    const c20 = r.data[19]![2]!;
    expect(c20).toContain('Indicating whether the customer had seen the ad');
    for (let row = 19; row < 25; row++) expect(r.data[row]![2]).toBe(c20);
    expect(r.warnings.map((w) => w.message)).toEqual([
      "Leads Data Dictionary.xlsx, sheet 'Sheet1': 2 merged ranges (C20:C25, C34:C37); each range's value was copied into all of its cells",
    ]);
  });

  it("agrees with SheetJS's expected CSVs (2016/*.csv) value for value, up to display formatting", async () => {
    // Known, explained differences: volatile formulas whose cached values changed after SheetJS's
    // baseline was made (NOW(), TODAY(), INFO(), RAND(), RANDBETWEEN()); merged cells (we fill,
    // SheetJS leaves blanks);
    // LibreOffice's exotic number formats in LONumbers (SheetJS renders "YY" as '00' and negative
    // dates as '#####'; we give ISO dates); format literals in number_format_entities.
    const known = new Set([
      'formula_stress_test.xlsx.1.csv B6',
      'formula_stress_test.xlsx.1.csv B7',
      'formula_stress_test.xlsx.4.csv B3',
      'formula_stress_test.xlsx.7.csv B46',
      'formula_stress_test.xlsx.7.csv B47',
    ]);
    const skip = new Set(['merge_cells.xlsx.0.csv', 'LONumbers.xlsx.0.csv']);
    const report: string[] = [];
    let compared = 0;
    for (const f of readdirSync(join(SAMPLES, '2016')).filter((x) => x.endsWith('.csv')).sort()) {
      if (skip.has(f)) continue;
      const [, wbName, index] = /^(.*\.xlsx)\.(\d+)\.csv$/.exec(f)!;
      const wbPath = join(SAMPLES, wbName!);
      const sheets = await listSheets(wbPath, wbName!);
      const names = readFileSync(join(SAMPLES, `2016/${wbName}.sheetnames`), 'utf8').split(/\r?\n/).filter(Boolean);
      expect(sheets.map((s) => s.name)).toEqual(names);
      const ours = (await convert(wbPath, sheets[Number(index)]!.name)).data;
      const theirs = parseCsv(readFileSync(join(SAMPLES, '2016', f), 'utf8'));
      const rows = Math.max(ours.length, theirs.length);
      for (let i = 0; i < rows; i++) {
        const width = Math.max(ours[i]?.length ?? 0, theirs[i]?.length ?? 0);
        for (let j = 0; j < width; j++) {
          const a = ours[i]?.[j] ?? '';
          const b = theirs[i]?.[j] ?? '';
          compared++;
          const cell = `${f} ${String.fromCharCode(65 + j)}${i + 1}`;
          if (!sameValue(a, b) && !known.has(cell)) report.push(`${cell}: ours ${JSON.stringify(a)}, SheetJS ${JSON.stringify(b)}`);
        }
      }
    }
    if (report.length) console.log(report.join('\n'));
    expect(compared).toBeGreaterThan(3000);
    expect(report).toEqual([]);
  });

  it('LONumbers.xlsx: General and colour formats stay numbers; date formats become ISO dates', async () => {
    const r = await convert(join(SAMPLES, 'LONumbers.xlsx'));
    const expected = ['1', '-1.2', '12.3', '-12.34', '123.45', '-123.456', '1234.567', '-1234.5678', '12345.6789'];
    expect(r.data[0]).toEqual(['General', ...expected]);
    expect(r.data.find((row) => row[0] === '[RED]')).toEqual(['[RED]', ...expected]);
    expect(r.data.find((row) => row[0] === 'YYYY')!.slice(1, 3)).toEqual(['1900-01-01', '1899-12-28 19:12:00']);
  });
});

// -----------------------------------------------------------------------------------------------
describe('a large sheet streams', () => {
  const ROWS = 200_000;
  const stages = ['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'];
  const owners = Array.from({ length: 25 }, (_, i) => `Owner ${i + 1}`);

  it(`${ROWS.toLocaleString('en')} rows × 10 columns: flat memory, sensible speed`, async () => {
    const path = join(dir, 'big.xlsx');
    const t0 = performance.now();
    await writeXlsx(path, {
      sheets: [
        {
          name: 'Deals',
          dimension: `A1:J${ROWS + 1}`,
          rows: function* () {
            yield ['Deal ID', 'Deal', 'Account', 'Stage', 'Owner', 'Amount', 'Probability', 'Close date', 'Created', 'Won'];
            for (let i = 1; i <= ROWS; i++) {
              yield [
                i,
                `Deal ${i} — renewal`,
                `Account ${i % 5000}`,
                stages[i % stages.length]!,
                owners[i % owners.length]!,
                { v: Math.round(i * 37.77) / 100, fmt: '"$"#,##0.00' },
                { v: (i % 10) / 10, fmt: 9 },
                { v: 45000 + (i % 700), fmt: 14 },
                { v: 44000 + (i % 900) + (i % 86400) / 86400, fmt: 22 },
                i % 6 === 4,
              ];
            }
          },
        },
      ],
    });
    const t1 = performance.now();
    const size = statSync(path).size;
    const zip = await XlsxZip.open(path);
    const sheetXml = zip.size('xl/worksheets/sheet1.xml');
    zip.close();

    const sheets = await listSheets(path, 'big.xlsx');
    expect(sheets).toEqual([{ name: 'Deals', hidden: false, rows: ROWS + 1, columns: 10 }]);
    const t2 = performance.now();

    // Live memory, measured after full garbage collections (peak heapUsed alone mostly measures
    // garbage not yet collected).
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage();
    let peakHeap = before.heapUsed;
    let peakRss = before.rss;
    const live: { at: number; heap: number }[] = [];
    const fractions: number[] = [];
    const out = join(dir, 'big.csv');
    const r = await sheetToCsv(path, 'big.xlsx', null, out, (f) => {
      fractions.push(f);
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakRss = Math.max(peakRss, m.rss);
      if (fractions.length % 10 === 0) {
        gc();
        live.push({ at: f, heap: process.memoryUsage().heapUsed });
      }
    });
    const t3 = performance.now();
    expect(r).toMatchObject({ sheet: 'Deals', rows: ROWS + 1, columns: 10, warnings: [] });
    expect(fractions.length).toBeGreaterThan(20);
    expect(fractions.at(-1)).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]!).toBeGreaterThan(fractions[i - 1]!);

    const csv = readFileSync(out, 'utf8');
    const lines = csv.split('\n');
    expect(lines.length).toBe(ROWS + 2); // the last line ends with LF too
    expect(lines[0]).toBe('"Deal ID","Deal","Account","Stage","Owner","Amount","Probability","Close date","Created","Won"');
    expect(lines[1]).toBe('"1","Deal 1 — renewal","Account 1","Qualification","Owner 2","0.38","10%","2023-03-16","2020-06-19 00:00:01","FALSE"');
    expect(lines[ROWS]).toBe('"200000","Deal 200000 — renewal","Account 0","Proposal","Owner 1","75540","0%","2024-07-27","2021-01-04 07:33:20","FALSE"');

    const mb = (n: number) => (n / 2 ** 20).toFixed(1) + ' MB';
    const liveHeaps = live.map((x) => x.heap);
    const liveGrowth = Math.max(...liveHeaps) - Math.min(...liveHeaps);
    console.log(
      `large sheet: ${ROWS + 1} rows × 10, xlsx ${mb(size)} (sheet XML ${mb(sheetXml)}), csv ${mb(csv.length)}; ` +
        `fixture write ${((t1 - t0) / 1000).toFixed(1)} s, listSheets ${((t2 - t1) / 1000).toFixed(2)} s, ` +
        `sheetToCsv ${((t3 - t2) / 1000).toFixed(1)} s (${Math.round((ROWS / (t3 - t2)) * 1000).toLocaleString('en')} rows/s, ` +
        `incl. ${live.length} forced GCs); heap before ${mb(before.heapUsed)}, live during conversion ` +
        `${mb(Math.min(...liveHeaps))}–${mb(Math.max(...liveHeaps))} (shared strings included), peak heapUsed ${mb(peakHeap)}, peak rss ${mb(peakRss)}`,
    );
    // Flat: within each pass over the sheet (1: extent, 2: writing) live memory does not grow.
    expect(live.length).toBeGreaterThan(5);
    for (const pass of [live.filter((x) => x.at < 0.5), live.filter((x) => x.at > 0.55)]) {
      const heaps = pass.map((x) => x.heap);
      expect(heaps.length).toBeGreaterThan(2);
      expect(Math.max(...heaps) - Math.min(...heaps)).toBeLessThan(3 * 2 ** 20);
    }
    expect(liveGrowth).toBeLessThan(12 * 2 ** 20);
    // What is held at all is the shared-string table (200k unique deal names) and small change.
    expect(Math.max(...liveHeaps) - before.heapUsed).toBeLessThan(64 * 2 ** 20);
  }, 240_000);
});
