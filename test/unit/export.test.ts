// The pure exporters: CSV (read back with the independent RFC 4180 reader of the tests), the ZIP
// container (read back with yauzl, CRC against zlib's) and the pieces of the XLSX writer.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { toCsv, toCsvBytes } from '../../shared/export/csv';
import { plainDecimal, type ExportColumn } from '../../shared/export/types';
import { columnLetters, excelSerial, sheetName, toXlsx } from '../../shared/export/xlsx';
import { crc32, zipStored } from '../../shared/export/zip';
import { parseRfc4180 } from '../helpers/rfc4180';

const columns: ExportColumn[] = [
  { id: 'name', label: 'Account, name', kind: 'text' },
  { id: 'amount', label: 'Amount', kind: 'number' },
  { id: 'closed', label: 'Closed "on"', kind: 'date' },
  { id: 'won', label: 'Won', kind: 'boolean' },
];

const rows = [
  { name: 'Société "Générale", Paris', amount: 1234.5, closed: '2026-03-31', won: true },
  { name: 'Line\nbreak\r\nand CR', amount: -0.25, closed: null, won: false },
  { name: '=HYPERLINK("x")', amount: 1e21, closed: '2026-01-01', won: null },
  { name: null, amount: 1e-7, closed: '2026-01-02', won: true },
  { name: '-5 %', amount: Number.NaN, closed: '2026-01-03', won: true },
];

/** The entries of an archive, read by yauzl (a standard reader) from a temp file. */
async function unzip(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const dir = mkdtempSync(join(tmpdir(), 'quarterdeck-zip-'));
  try {
    const path = join(dir, 'archive.zip');
    writeFileSync(path, bytes);
    const zip = await yauzl.openPromise(path, { autoClose: false, lazyEntries: true, validateEntrySizes: true });
    const out = new Map<string, Buffer>();
    try {
      for await (const entry of zip.eachEntry()) {
        const stream = await zip.openReadStreamPromise(entry);
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        out.set(entry.fileName, Buffer.concat(chunks));
      }
    } finally {
      zip.close();
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('toCsv', () => {
  it('writes RFC 4180: quoted fields where needed, doubled quotes, CRLF records', () => {
    const text = toCsv(columns, rows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseRfc4180(text)).toEqual([
      ['Account, name', 'Amount', 'Closed "on"', 'Won'],
      ['Société "Générale", Paris', '1234.5', '2026-03-31', 'true'],
      ['Line\nbreak\r\nand CR', '-0.25', '', 'false'],
      ["'=HYPERLINK(\"x\")", '1000000000000000000000', '2026-01-01', ''],
      ['', '0.0000001', '2026-01-02', 'true'],
      ["'-5 %", '', '2026-01-03', 'true'],
    ]);
  });

  it('a decimal comma with a semicolon, a byte order mark for Excel, formulas left alone on request', () => {
    const text = toCsv(columns, rows.slice(0, 3), { delimiter: ';', decimal: ',', bom: true, protectFormulas: false });
    expect(text.startsWith('\uFEFFAccount, name;Amount;"Closed ""on""";Won\r\n')).toBe(true);
    expect(text).toContain('\r\n"Société ""Générale"", Paris";1234,5;2026-03-31;true\r\n');
    expect(text).toContain('"=HYPERLINK(""x"")";1000000000000000000000;2026-01-01;\r\n');
    const bytes = toCsvBytes(columns, [], { bom: true });
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(() => toCsv(columns, rows, { delimiter: ',', decimal: ',' })).toThrow(/decimal/);
  });

  it('plainDecimal never writes an exponent', () => {
    for (const n of [0, -0.5, 123456789012345680000, 1.5e-10, -2.25e22, 0.1 + 0.2, 5e-324]) {
      const text = plainDecimal(n);
      expect(text).toMatch(/^-?\d+(\.\d+)?$/);
      expect(Number(text)).toBe(n);
    }
  });
});

describe('zipStored', () => {
  it('computes CRC-32 as zlib does', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const random = new Uint8Array(10_000).map((_, i) => (i * 7919 + 13) % 256);
    expect(crc32(random)).toBe(zlibCrc32(random));
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('packs entries that a standard reader opens, with the same bytes', async () => {
    const entries = [
      { name: 'a.txt', data: new TextEncoder().encode('hello') },
      { name: 'dir/é.bin', data: new Uint8Array([0, 1, 2, 255]) },
      { name: 'empty', data: new Uint8Array() },
    ];
    const files = await unzip(zipStored(entries));
    expect([...files.keys()]).toEqual(['a.txt', 'dir/é.bin', 'empty']);
    for (const e of entries) expect(new Uint8Array(files.get(e.name)!)).toEqual(e.data);
    // Same input, same bytes.
    expect(zipStored(entries)).toEqual(zipStored(entries));
  });
});

describe('toXlsx', () => {
  it('names columns and sheets as Excel does, and turns days and times into serials', () => {
    expect([0, 25, 26, 51, 701, 702, 16_383].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA', 'XFD']);
    expect(sheetName('Revenue: by rep / month [2026]?')).toBe('Revenue  by rep   month  2026');
    expect(sheetName('')).toBe('Sheet1');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
    expect(excelSerial('1970-01-01')).toBe(25_569);
    expect(excelSerial('2026-11-22 18:00:00')).toBe(46_348.75);
    expect(excelSerial('1900-01-01')).toBeNull();
    expect(excelSerial('not a date')).toBeNull();
  });

  it('writes a package whose parts are all there, with shared strings and typed cells', async () => {
    const bytes = toXlsx('Deals', columns, rows);
    const files = await unzip(bytes);
    expect([...files.keys()].sort()).toEqual(
      ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'].sort(),
    );
    const sheet = files.get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheet).toContain('<c r="A1" t="s" s="3"><v>0</v></c>');
    expect(sheet).toContain('<c r="B2"><v>1234.5</v></c>');
    expect(sheet).toContain(`<c r="C2" s="1"><v>${excelSerial('2026-03-31')}</v></c>`);
    expect(sheet).toContain('<c r="D2" t="b"><v>1</v></c>');
    expect(sheet).not.toContain('r="C3"'); // an empty cell is left out
    expect(sheet).not.toContain('r="B6"'); // NaN too
    expect(files.get('xl/sharedStrings.xml')!.toString('utf8')).toContain('Société &quot;Générale&quot;, Paris');
    expect(files.get('xl/workbook.xml')!.toString('utf8')).toContain('<sheet name="Deals"');
    // Bold header optional.
    expect((await unzip(toXlsx('x', columns, [], { boldHeader: false }))).get('xl/worksheets/sheet1.xml')!.toString('utf8')).toContain(
      '<c r="A1" t="s"><v>0</v></c>',
    );
  });
});
