// Value typing (electron/core/import/typing.ts) against a real in-memory DuckDB: raw tables of
// text built from inline VALUES, detection, then the conversion expressions run by DuckDB.
// Every expected value is worked out by hand from the raw text. The last part runs detection
// over real exports from /work/shared/data and checks the kinds of their key columns.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  conversionExpr,
  countFailures,
  detectColumns,
  failureWarnings,
  type RawColumn,
  type TypingResult,
} from '../../electron/core/import/typing';
import { shapeFormats } from '../../electron/core/import/typing-patterns';
import { DEFAULT_NULL_TOKENS, type ColumnPlan, type ImportSettings } from '../../shared/import/types';
import { quoteIdent, quoteLiteral } from '../../shared/spec/quote';
import { memoryConnection } from '../helpers/duckdb';

let conn: DuckDBConnection;
let close: () => void;

beforeAll(async () => {
  ({ conn, close } = await memoryConnection());
});
afterAll(() => close());

let tables = 0;

interface Raw {
  table: string;
  columns: RawColumn[];
}

/** A raw table like the pipeline's: c0, c1... VARCHAR and __line (first data line = 2). */
async function raw(data: Record<string, (string | null)[]>, firstLine = 2): Promise<Raw> {
  const names = Object.keys(data);
  const count = data[names[0]!]!.length;
  const table = `raw_${++tables}`;
  const rows = Array.from({ length: count }, (_, i) => {
    const cells = names.map((n) => {
      const v = data[n]![i];
      return v === null || v === undefined ? 'NULL' : quoteLiteral(v);
    });
    return `(${firstLine + i}, ${cells.join(', ')})`;
  });
  const idents = names.map((_, i) => `c${i}`);
  await conn.run(
    `CREATE TEMP TABLE ${table} AS SELECT CAST(__line AS BIGINT) AS __line, ` +
      `${idents.map((c) => `CAST(${c} AS VARCHAR) AS ${c}`).join(', ')} ` +
      `FROM (VALUES ${rows.join(', ')}) v(__line, ${idents.join(', ')})`,
  );
  return { table, columns: names.map((name, i) => ({ index: i, name, header: name, ident: `c${i}` })) };
}

function settingsOf(result: TypingResult, fixed: Partial<ImportSettings> = {}) {
  return {
    decimalSeparator: result.decimalSeparator,
    thousandsSeparator: result.thousandsSeparator,
    nullTokens: fixed.nullTokens ?? DEFAULT_NULL_TOKENS,
  };
}

/** Converted values per column name (DATE/TIMESTAMP as text, BIGINT as number), and SQL types. */
async function convert(
  r: Raw,
  plans: ColumnPlan[],
  settings: ReturnType<typeof settingsOf>,
): Promise<{ values: Record<string, unknown[]>; types: Record<string, string> }> {
  const exprs = plans.map((p, i) => `${conversionExpr(p, settings, r.columns[i]!.ident)} AS ${quoteIdent(p.name)}`);
  const reader = await conn.runAndReadAll(`SELECT ${exprs.join(', ')} FROM ${r.table} ORDER BY __line`);
  const rows = reader.getRowObjectsJson() as Record<string, unknown>[];
  const types: Record<string, string> = {};
  reader.columnNames().forEach((n, i) => (types[n] = String(reader.columnTypes()[i])));
  const values: Record<string, unknown[]> = {};
  for (const p of plans) {
    values[p.name] = rows.map((row) => {
      const v = row[p.name];
      return types[p.name] === 'BIGINT' && typeof v === 'string' ? Number(v) : v;
    });
  }
  return { values, types };
}

async function detect(
  data: Record<string, (string | null)[]>,
  fixed: Partial<ImportSettings> = {},
  options?: { sampleRows?: number },
) {
  const r = await raw(data);
  const result = await detectColumns(conn, r.table, r.columns, fixed, options);
  const settings = settingsOf(result, fixed);
  const { values, types } = await convert(r, result.plans, settings);
  const plan = (name: string) => result.plans.find((p) => p.name === name)!;
  return { r, result, settings, values, types, plan };
}

/** Asserts numbers to 1e-9 relative (doubles parsed from text). */
function expectNumbers(actual: unknown[], expected: (number | null)[]) {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    if (e === null) expect(actual[i], `value ${i}`).toBeNull();
    else expect(actual[i] as number, `value ${i}`).toBeCloseTo(e, Math.max(0, 9 - Math.ceil(Math.log10(Math.abs(e) + 1))));
  });
}

describe('numbers', () => {
  it('reads integers as BIGINT', async () => {
    const { plan, values, types } = await detect({ qty: ['1', '23', '-456', '7890', '+12'] });
    expect(plan('qty').kind).toBe('integer');
    expect(types.qty).toBe('BIGINT');
    expect(values.qty).toEqual([1, 23, -456, 7890, 12]);
  });

  it('reads decimals with a dot as DOUBLE', async () => {
    const { plan, values, types, result } = await detect({ price: ['12.5', '0.25', '-3.75', '100'] });
    expect(plan('price').kind).toBe('decimal');
    expect(types.price).toBe('DOUBLE');
    expect(result.decimalSeparator).toBe('.');
    expectNumbers(values.price!, [12.5, 0.25, -3.75, 100]);
  });

  it('decides a decimal comma from 12,50-like values', async () => {
    const { plan, values, result } = await detect({ prix: ['12,50', '7,5', '100,00', '3'] });
    expect(result.decimalSeparator).toBe(',');
    expect(plan('prix').kind).toBe('decimal');
    expectNumbers(values.prix!, [12.5, 7.5, 100, 3]);
  });

  it('reads space, NBSP and narrow NBSP thousands with a decimal comma', async () => {
    const { plan, values, result } = await detect({
      montant: ['1\u00A0234,56', '12\u202F500,00', '1 000 000,5', '999,99'],
    });
    expect(result).toMatchObject({ decimalSeparator: ',', thousandsSeparator: ' ' });
    expect(plan('montant').kind).toBe('decimal');
    expectNumbers(values.montant!, [1234.56, 12500, 1000000.5, 999.99]);
  });

  it('reads 1.234,56 (dot thousands, decimal comma)', async () => {
    const { values, result } = await detect({ betrag: ['1.234,56', '12.500,00', '3,5', '1.000.000'] });
    expect(result).toMatchObject({ decimalSeparator: ',', thousandsSeparator: '.' });
    expectNumbers(values.betrag!, [1234.56, 12500, 3.5, 1000000]);
  });

  it('reads 1,234.56 (comma thousands, decimal dot)', async () => {
    const { values, result } = await detect({ amount: ['1,234.56', '12,500.00', '3.5', '1,000,000'] });
    expect(result).toMatchObject({ decimalSeparator: '.', thousandsSeparator: ',' });
    expectNumbers(values.amount!, [1234.56, 12500, 3.5, 1000000]);
  });

  it("reads 1'234.50 (Swiss apostrophe thousands, straight or curly)", async () => {
    const { values, result } = await detect({ betrag: ["1'234.50", "12'500.00", '3.25', '1\u2019000'] });
    expect(result).toMatchObject({ decimalSeparator: '.', thousandsSeparator: "'" });
    expectNumbers(values.betrag!, [1234.5, 12500, 3.25, 1000]);
  });

  it('reads integers too big for BIGINT as decimals', async () => {
    const { plan, values } = await detect({ big: ['12345678901234567890', '5', '42'] });
    expect(plan('big').kind).toBe('decimal');
    expectNumbers(values.big!, [1.2345678901234567e19, 5, 42]);
  });

  it('keeps ids with leading zeros as text', async () => {
    const { plan, values } = await detect({ zip: ['00123', '75001', '01000'], code: ['007', '123', '42'] });
    expect(plan('zip').kind).toBe('text');
    expect(plan('code').kind).toBe('text');
    expect(values.zip).toEqual(['00123', '75001', '01000']);
  });

  it('keeps phone numbers as text (a + with 8 digits or more, or a phone header)', async () => {
    const { plan } = await detect({
      contact: ['+33612345678', '+31612345678', '+4915112345678'],
      Phone: ['612345678', '698765432', '611111111'],
      'Téléphone': ['06 12 34 56 78', '07 98 76 54 32', '06 00 00 00 01'],
    });
    expect(plan('contact').kind).toBe('text');
    expect(plan('Phone').kind).toBe('text');
    expect(plan('Téléphone').kind).toBe('text');
  });

  it('types a column with 1 bad value in 100 and reports the failure with its line', async () => {
    const amounts = Array.from({ length: 100 }, (_, i) => ((i + 1) * 1.25).toFixed(2));
    amounts[49] = 'abc'; // line 51
    const { r, plan, values, settings, result } = await detect({ amount: amounts });
    expect(plan('amount')).toMatchObject({ kind: 'decimal', nonEmpty: 100, failed: 1, samples: [{ line: 51, value: 'abc' }] });
    expect(values.amount![49]).toBeNull();
    expect(values.amount![0]).toBe(1.25);
    expect(values.amount![99]).toBe(125);
    // Over the whole table (here the same rows), in one scan.
    const counted = await countFailures(conn, r.table, result.plans, settings);
    expect(counted[0]).toMatchObject({ nonEmpty: 100, failed: 1, samples: [{ line: 51, value: 'abc' }] });
    expect(failureWarnings(counted)).toEqual([
      expect.objectContaining({ code: 'CONVERSION_FAILURES', column: 'amount', message: expect.stringContaining('line 51') }),
    ]);
  });

  it('leaves a column with 3 bad values in 100 as text (under 98%)', async () => {
    const amounts = Array.from({ length: 100 }, (_, i) => String(i * 3));
    amounts[10] = 'n.c.';
    amounts[20] = 'TBD';
    amounts[30] = '?';
    const { plan } = await detect({ amount: amounts });
    expect(plan('amount').kind).toBe('text');
  });

  describe('1,234: thousands or decimals?', () => {
    it('is thousands when nothing says otherwise', async () => {
      const { plan, values, result } = await detect({ amount: ['1,234', '2,500', '999', '12,000'] });
      expect(result).toMatchObject({ decimalSeparator: '.', thousandsSeparator: ',' });
      expect(plan('amount').kind).toBe('integer');
      expect(values.amount).toEqual([1234, 2500, 999, 12000]);
    });

    it('is a decimal when another column of the file uses a decimal comma', async () => {
      const { plan, values, result } = await detect({
        amount: ['1,234', '2,500', '999', '12,000'],
        rate: ['12,5', '3,25', '0,5', '7'],
      });
      expect(result.decimalSeparator).toBe(',');
      expect(plan('amount').kind).toBe('decimal');
      expectNumbers(values.amount!, [1.234, 2.5, 999, 12]);
    });

    it('is a decimal when the column writes big numbers without grouping', async () => {
      const { values, result } = await detect({ weight: ['1,234', '2,500', '1234'] });
      expect(result.decimalSeparator).toBe(',');
      expectNumbers(values.weight!, [1.234, 2.5, 1234]);
    });

    it('reads 1.500 / 12.000 alone as dot thousands', async () => {
      const { plan, values, result } = await detect({ montant: ['1.500', '12.000', '250'] });
      expect(result).toMatchObject({ decimalSeparator: ',', thousandsSeparator: '.' });
      expect(plan('montant').kind).toBe('integer');
      expect(values.montant).toEqual([1500, 12000, 250]);
    });
  });

  it('never errors and gives NULL for malformed numbers', async () => {
    const r = await raw({
      v: ['(5', '5)', '$5$', '1,2,3', 'NaN', 'Infinity', '1_000', '0x10', '5-', '1e', '$', '(-)', '12.5.6', '--5'],
    });
    const plan: ColumnPlan = { index: 0, name: 'v', header: 'v', kind: 'decimal', format: null, currency: '$', nonEmpty: 0, failed: 0, samples: [] };
    const settings = { decimalSeparator: '.' as const, thousandsSeparator: ',' as const, nullTokens: DEFAULT_NULL_TOKENS };
    const { values } = await convert(r, [plan], settings);
    expect(values.v).toEqual(Array(14).fill(null));
  });
});

describe('currencies, suffixes and percentages', () => {
  it('reads $ amounts with accounting negatives and K/M suffixes', async () => {
    const { plan, values } = await detect({
      Amount: ['$22,700.00', '-$3.50', '($1,200.00)', '$342.09K', '$1.2M', '$-5.00', '$ 7'],
    });
    expect(plan('Amount')).toMatchObject({ kind: 'decimal', currency: '$' });
    expectNumbers(values.Amount!, [22700, -3.5, -1200, 342090, 1200000, -5, 7]);
    expect(values.Amount![3]).toBe(342090); // exact: the suffix is applied as an exponent, not a product
  });

  it('reads French euro amounts: 12 500 €', async () => {
    const { plan, values, result } = await detect({ montant: ['12 500 €', '1 200,50 €', '-3,50 €', '€ 7,00'] });
    expect(result).toMatchObject({ decimalSeparator: ',', thousandsSeparator: ' ' });
    expect(plan('montant')).toMatchObject({ kind: 'decimal', currency: '€' });
    expectNumbers(values.montant!, [12500, 1200.5, -3.5, 7]);
  });

  it('reads €12.500,00', async () => {
    const { plan, values } = await detect({ betrag: ['€12.500,00', '€1.200,50', '€3,50'] });
    expect(plan('betrag')).toMatchObject({ kind: 'decimal', currency: '€' });
    expectNumbers(values.betrag!, [12500, 1200.5, 3.5]);
  });

  it('reads ISO codes: EUR 1,200', async () => {
    const { plan, values } = await detect({ value: ['EUR 1,200', 'EUR 3,400.50', 'EUR 15'] });
    expect(plan('value')).toMatchObject({ kind: 'decimal', currency: 'EUR' });
    expectNumbers(values.value!, [1200, 3400.5, 15]);
  });

  it('reads K and M suffixes without currency', async () => {
    const { plan, values } = await detect({ arr: ['1.2M', '350K', '2.5k', '12'] });
    expect(plan('arr')).toMatchObject({ kind: 'decimal', currency: null });
    expectNumbers(values.arr!, [1200000, 350000, 2500, 12]);
  });

  it('reads percentages as fractions: 45% -> 0.45', async () => {
    const { plan, values } = await detect({ rate: ['45%', '12.5%', '100%', '0%'] });
    expect(plan('rate').kind).toBe('percent');
    expectNumbers(values.rate!, [0.45, 0.125, 1, 0]);
  });

  it('reads French percentages: 45,5 % -> 0.455', async () => {
    const { plan, values } = await detect({ taux: ['45,5 %', '3\u00A0%', '100 %'] });
    expect(plan('taux').kind).toBe('percent');
    expectNumbers(values.taux!, [0.455, 0.03, 1]);
  });

  it('leaves a column mixing currencies as text', async () => {
    const { plan } = await detect({ amount: ['$10.00', '€20.00', '$30.00'] });
    expect(plan('amount').kind).toBe('text');
  });
});

describe('booleans', () => {
  const pairs: [string, string][] = [
    ['true', 'false'],
    ['Yes', 'No'],
    ['Y', 'N'],
    ['oui', 'non'],
    ['ja', 'nee'],
    ['Ja', 'Nein'],
    ['wahr', 'falsch'],
    ['VRAI', 'FAUX'],
  ];
  it.each(pairs)('reads %s / %s', async (yes, no) => {
    const { plan, values, types } = await detect({ flag: [yes, no, no, yes, ''] });
    expect(plan('flag').kind).toBe('boolean');
    expect(types.flag).toBe('BOOLEAN');
    expect(values.flag).toEqual([true, false, false, true, null]);
  });

  it('reads 1/0 as booleans only under a flag-like header', async () => {
    const { plan, values } = await detect({
      'Is Won': ['1', '0', '0', '1'],
      Converted: ['0', '1', '1', '0'],
      Count: ['1', '0', '0', '1'],
    });
    expect(plan('Is Won').kind).toBe('boolean');
    expect(plan('Converted').kind).toBe('boolean');
    expect(plan('Count').kind).toBe('integer');
    expect(values['Is Won']).toEqual([true, false, false, true]);
  });

  it('reads 1/0 as booleans when the kind is fixed', async () => {
    const { plan, values } = await detect({ Count: ['1', '0', ' 1 '] }, { columnKinds: { Count: 'boolean' } });
    expect(plan('Count').kind).toBe('boolean');
    expect(values.Count).toEqual([true, false, true]);
  });
});

describe('dates and timestamps', () => {
  it('reads ISO dates', async () => {
    const { plan, values, types } = await detect({ d: ['2024-03-15', '2024-12-01', '2023-01-31'] });
    expect(plan('d')).toMatchObject({ kind: 'date', format: '%Y-%m-%d' });
    expect(types.d).toBe('DATE');
    expect(values.d).toEqual(['2024-03-15', '2024-12-01', '2023-01-31']);
  });

  it('decides DMY from a day above 12', async () => {
    const { plan, values, result } = await detect({ d: ['15/03/2024', '01/02/2024', '28/12/2023'] });
    expect(plan('d')).toMatchObject({ kind: 'date', format: '%d/%m/%Y' });
    expect(values.d).toEqual(['2024-03-15', '2024-02-01', '2023-12-28']);
    expect(result.dateOrder).toBe('DMY');
    expect(result.warnings).toEqual([]);
  });

  it('decides MDY from a day above 12 in second place', async () => {
    const { plan, values, result } = await detect({ d: ['03/15/2024', '01/02/2024', '12/28/2023'] });
    expect(plan('d')).toMatchObject({ kind: 'date', format: '%m/%d/%Y' });
    expect(values.d).toEqual(['2024-03-15', '2024-01-02', '2023-12-28']);
    expect(result.dateOrder).toBe('MDY');
  });

  it('reads all-ambiguous dates day first and warns', async () => {
    const { plan, values, result } = await detect({ d: ['01/02/2024', '03/04/2024', '12/11/2023'] });
    expect(plan('d').format).toBe('%d/%m/%Y');
    expect(values.d).toEqual(['2024-02-01', '2024-04-03', '2023-11-12']);
    expect(result.dateOrder).toBe('DMY');
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'AMBIGUOUS_DATE_ORDER', column: 'd' })]);
  });

  it('obeys a fixed date order without warning', async () => {
    const { plan, values, result } = await detect({ d: ['01/02/2024', '03/04/2024'] }, { dateOrder: 'MDY' });
    expect(plan('d').format).toBe('%m/%d/%Y');
    expect(values.d).toEqual(['2024-01-02', '2024-03-04']);
    expect(result).toMatchObject({ dateOrder: 'MDY', warnings: [] });
  });

  it('reads ambiguous dates in the order another column of the file proves, still warning', async () => {
    const { plan, values, result } = await detect({
      created: ['03/15/2024', '04/20/2024'],
      closed: ['05/06/2024', '07/08/2024'],
    });
    expect(plan('closed').format).toBe('%m/%d/%Y');
    expect(values.closed).toEqual(['2024-05-06', '2024-07-08']);
    expect(result.dateOrder).toBe('MDY');
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: 'AMBIGUOUS_DATE_ORDER', column: 'closed', message: expect.stringContaining('other date columns') }),
    ]);
  });

  it.each([
    ['15.03.2024', '%d.%m.%Y'],
    ['15-03-2024', '%d-%m-%Y'],
    ['2024.03.15', '%Y.%m.%d'],
    ['2024/03/15', '%Y/%m/%d'],
    ['2024.03.15.', '%Y.%m.%d.'],
  ])('reads %s as %s', async (text, format) => {
    const { plan, values } = await detect({ d: [text, text] });
    expect(plan('d')).toMatchObject({ kind: 'date', format });
    expect(values.d).toEqual(['2024-03-15', '2024-03-15']);
  });

  it('reads two-digit years', async () => {
    const { plan, values } = await detect({ d: ['15/03/24', '28/02/95'] });
    expect(plan('d')).toMatchObject({ kind: 'date', format: '%d/%m/%y' });
    expect(values.d).toEqual(['2024-03-15', '1995-02-28']);
  });

  it('reads Zoho timestamps: 15 Apr, 2021 00:02:00', async () => {
    const { plan, values, types } = await detect({ t: ['15 Apr, 2021 00:02:00', '01 Dec, 2020 13:45:10'] });
    expect(plan('t')).toMatchObject({ kind: 'timestamp', format: '%d %b, %Y %H:%M:%S' });
    expect(types.t).toBe('TIMESTAMP');
    expect(values.t).toEqual(['2021-04-15 00:02:00', '2020-12-01 13:45:10']);
  });

  it('reads Apr 15, 2021 and 15-Apr-2021 and 31-OCT-2023', async () => {
    const { plan, values } = await detect({
      a: ['Apr 15, 2021', 'Sep 3, 2020'],
      b: ['15-Apr-2021', '31-OCT-2023'],
    });
    expect(plan('a')).toMatchObject({ kind: 'date', format: '%b %d, %Y' });
    expect(plan('b')).toMatchObject({ kind: 'date', format: '%d-%b-%Y' });
    expect(values.a).toEqual(['2021-04-15', '2020-09-03']);
    expect(values.b).toEqual(['2021-04-15', '2023-10-31']);
  });

  it('reads French month names', async () => {
    const { plan, values } = await detect({
      d: ['15 janv. 2024', '3 févr. 2024', '10 mars 2024', '7 avr. 2024', '8 mai 2024', '9 juin 2024',
        '14 juil. 2024', '1 août 2024', '2 sept. 2024', '31 oct. 2024', '11 nov. 2024', '25 déc. 2024'],
    });
    expect(plan('d')).toMatchObject({ kind: 'date', format: '%d %b %Y' });
    expect(values.d).toEqual(['2024-01-15', '2024-02-03', '2024-03-10', '2024-04-07', '2024-05-08', '2024-06-09',
      '2024-07-14', '2024-08-01', '2024-09-02', '2024-10-31', '2024-11-11', '2024-12-25']);
  });

  it('reads Dutch month names', async () => {
    const { plan, values } = await detect({ d: ['15 mrt 2024', '1 mei 2024', '3 okt 2024', '6 jan 2024', '9 feb 2024'] });
    expect(plan('d')).toMatchObject({ kind: 'date', format: '%d %b %Y' });
    expect(values.d).toEqual(['2024-03-15', '2024-05-01', '2024-10-03', '2024-01-06', '2024-02-09']);
  });

  it('reads German month names', async () => {
    const { plan, values } = await detect({ d: ['15. März 2024', '1. Mai 2024', '3. Okt. 2024', '24. Dez. 2024', '5. Mär 2024'] });
    expect(plan('d')).toMatchObject({ kind: 'date', format: '%d. %b %Y' });
    expect(values.d).toEqual(['2024-03-15', '2024-05-01', '2024-10-03', '2024-12-24', '2024-03-05']);
  });

  it('reads Excel serial numbers only under a date header', async () => {
    const { plan, values } = await detect({
      'Created Date': ['45366', '45292', '44927'],
      'Closing date': ['45366.5', '45292.25', '44927'],
      Amount: ['45366', '45292', '44927'],
    });
    expect(plan('Created Date')).toMatchObject({ kind: 'date', format: 'excel-serial' });
    expect(values['Created Date']).toEqual(['2024-03-15', '2024-01-01', '2023-01-01']);
    expect(plan('Closing date')).toMatchObject({ kind: 'timestamp', format: 'excel-serial' });
    expect(values['Closing date']).toEqual(['2024-03-15 12:00:00', '2024-01-01 06:00:00', '2023-01-01 00:00:00']);
    expect(plan('Amount').kind).toBe('integer');
  });

  it('reads yyyymmdd integers under a date header', async () => {
    const { plan, values } = await detect({ start_date: ['20240315', '20231201'], amount: ['20240315', '20231201'] });
    expect(plan('start_date')).toMatchObject({ kind: 'date', format: '%Y%m%d' });
    expect(values.start_date).toEqual(['2024-03-15', '2023-12-01']);
    expect(plan('amount').kind).toBe('integer');
  });

  it('reads timestamps, converting zoned ones to UTC', async () => {
    const { plan, values } = await detect({
      a: ['2024-03-15 14:30', '2024-03-16 09:05'],
      b: ['15/03/2024 14:30:00', '16/03/2024 09:05:07'],
      c: ['2024-03-15T14:30:00Z', '2024-03-16T09:05:00Z'],
      d: ['2024-03-15T14:30:00+02:00', '2024-03-15T23:30:00-05:00'],
      e: ['1/2/2023 12:33 PM', '12/25/2023 9:05 AM'],
      f: ['2018.02.26 19:58', '2017.12.05 2:00'],
    });
    expect(plan('a')).toMatchObject({ kind: 'timestamp', format: '%Y-%m-%d %H:%M' });
    expect(values.a).toEqual(['2024-03-15 14:30:00', '2024-03-16 09:05:00']);
    expect(plan('b')).toMatchObject({ kind: 'timestamp', format: '%d/%m/%Y %H:%M:%S' });
    expect(values.b).toEqual(['2024-03-15 14:30:00', '2024-03-16 09:05:07']);
    expect(plan('c')).toMatchObject({ kind: 'timestamp', format: '%Y-%m-%dT%H:%M:%SZ' });
    expect(values.c).toEqual(['2024-03-15 14:30:00', '2024-03-16 09:05:00']);
    expect(plan('d')).toMatchObject({ kind: 'timestamp', format: '%Y-%m-%dT%H:%M:%S%z' });
    expect(values.d).toEqual(['2024-03-15 12:30:00', '2024-03-16 04:30:00']);
    expect(plan('e')).toMatchObject({ kind: 'timestamp', format: '%m/%d/%Y %I:%M %p' });
    expect(values.e).toEqual(['2023-01-02 12:33:00', '2023-12-25 09:05:00']);
    expect(plan('f')).toMatchObject({ kind: 'timestamp', format: '%Y.%m.%d %H:%M' });
    expect(values.f).toEqual(['2018-02-26 19:58:00', '2017-12-05 02:00:00']);
  });

  it('gives NULL for Excel serials out of range', async () => {
    const r = await raw({ d: ['0', '-5', '3000000', '45366', '1'] });
    const plan: ColumnPlan = { index: 0, name: 'd', header: 'd', kind: 'date', format: 'excel-serial', currency: null, nonEmpty: 0, failed: 0, samples: [] };
    const { values } = await convert(r, [plan], { decimalSeparator: '.', thousandsSeparator: '', nullTokens: [] });
    expect(values.d).toEqual([null, null, null, '2024-03-15', '1899-12-31']);
  });

  it('converts zoned timestamps to UTC whatever the session time zone', async () => {
    const r = await raw({ t: ['2024-03-15T14:30:00+02:00', '2024-03-15 14:30:00', '2024-03-15T14:30:00Z'] });
    const plan: ColumnPlan = {
      index: 0, name: 't', header: 't', kind: 'timestamp', nonEmpty: 0, failed: 0, samples: [], currency: null,
      format: '%Y-%m-%dT%H:%M:%S%z|%Y-%m-%d %H:%M:%S|%Y-%m-%dT%H:%M:%SZ',
    };
    const settings = { decimalSeparator: '.' as const, thousandsSeparator: '' as const, nullTokens: [] };
    await conn.run("SET TimeZone = 'America/New_York'");
    try {
      const { values, types } = await convert(r, [plan], settings);
      expect(types.t).toBe('TIMESTAMP');
      expect(values.t).toEqual(['2024-03-15 12:30:00', '2024-03-15 14:30:00', '2024-03-15 14:30:00']);
    } finally {
      await conn.run("SET TimeZone = 'UTC'");
    }
  });

  it('joins the formats of a column that mixes dates and timestamps with |', async () => {
    const { plan, values } = await detect({ d: ['2024-03-15', '2024-03-16 10:00', '2024-03-17'] });
    expect(plan('d').kind).toBe('timestamp');
    expect(plan('d').format!.split('|').sort()).toEqual(['%Y-%m-%d', '%Y-%m-%d %H:%M']);
    expect(values.d).toEqual(['2024-03-15 00:00:00', '2024-03-16 10:00:00', '2024-03-17 00:00:00']);
  });

  it('maps value shapes to strptime formats', () => {
    expect(shapeFormats('99/99/9999')).toEqual({ byOrder: { DMY: '%d/%m/%Y', MDY: '%m/%d/%Y' } });
    expect(shapeFormats('99/99/99')?.byOrder?.YMD).toBe('%y/%m/%d');
    expect(shapeFormats('9999-99-99T99:99:99.999Z')).toEqual({ any: '%Y-%m-%dT%H:%M:%S.%fZ' });
    expect(shapeFormats('99 M, 9999 99:99:99')).toEqual({ any: '%d %b, %Y %H:%M:%S' });
    expect(shapeFormats('99.M')).toBeNull();
    expect(shapeFormats('9999-99-99 99:99:99 +9999')).toEqual({ any: '%Y-%m-%d %H:%M:%S %z' });
  });
});

describe('nulls and text', () => {
  it('turns empty, whitespace and null tokens into NULL and trims text', async () => {
    const { plan, values } = await detect({
      owner: ['Alice', '  Bob  ', 'N/A', '   ', '', null, 'Select', '\u00A0Carol\u00A0', '\tDan'],
    });
    expect(plan('owner')).toMatchObject({ kind: 'text', nonEmpty: 4 });
    expect(values.owner).toEqual(['Alice', 'Bob', null, null, null, null, null, 'Carol', 'Dan']);
  });

  it('does not count null tokens as failures of a typed column', async () => {
    const { plan, values } = await detect({ amount: ['12.5', 'N/A', '-', '   ', ' 7 ', '#N/A', '(blank)'] });
    expect(plan('amount')).toMatchObject({ kind: 'decimal', nonEmpty: 2, failed: 0 });
    expectNumbers(values.amount!, [12.5, null, null, null, 7, null, null]);
  });

  it('reads padded values of every kind', async () => {
    const { values } = await detect({
      n: [' 12 ', '\u00A013\u00A0', '14'],
      d: [' 2024-03-15 ', '\u00A02024-03-16', '2024-03-17'],
      b: [' yes ', '\u00A0no', 'yes'],
    });
    expect(values.n).toEqual([12, 13, 14]);
    expect(values.d).toEqual(['2024-03-15', '2024-03-16', '2024-03-17']);
    expect(values.b).toEqual([true, false, true]);
  });
});

describe('fixed settings are obeyed', () => {
  it('decimal separator', async () => {
    const data = { commas: ['1,1', '0,25', '-1,5'], periods: ['1.1', '0.25', '-1.5'] };
    const auto = await detect(data);
    expect(auto.result.decimalSeparator).toBe('.');
    expect(auto.plan('periods').kind).toBe('decimal');
    expect(auto.plan('commas').kind).toBe('text');
    const fixed = await detect(data, { decimalSeparator: ',' });
    expect(fixed.result.decimalSeparator).toBe(',');
    expect(fixed.plan('commas').kind).toBe('decimal');
    expect(fixed.plan('periods').kind).toBe('text');
    expectNumbers(fixed.values.commas!, [1.1, 0.25, -1.5]);
  });

  it('thousands separator', async () => {
    const { result, values } = await detect({ amount: ['1.234', '5.678'] }, { thousandsSeparator: '' });
    expect(result).toMatchObject({ thousandsSeparator: '', decimalSeparator: '.' });
    expectNumbers(values.amount!, [1.234, 5.678]);
  });

  it('column kinds, even against the values', async () => {
    const { plan, values } = await detect(
      { zip: ['00123', '75001'], amount: ['12.5', '13'], when: ['15/03/2024', 'soon'] },
      { columnKinds: { zip: 'integer', amount: 'text', when: 'date' } },
    );
    expect(plan('zip').kind).toBe('integer');
    expect(values.zip).toEqual([123, 75001]);
    expect(plan('amount').kind).toBe('text');
    expect(plan('when')).toMatchObject({ kind: 'date', format: '%d/%m/%Y', failed: 1 });
    expect(values.when).toEqual(['2024-03-15', null]);
  });

  it('null tokens', async () => {
    expect((await detect({ amount: ['12', '?', '7'] })).plan('amount').kind).toBe('text');
    const custom = await detect({ amount: ['12', '?', '7', 'N/A'] }, { nullTokens: ['?', 'N/A'] });
    expect(custom.plan('amount').kind).toBe('integer');
    expect(custom.values.amount).toEqual([12, null, 7, null]);
  });
});

describe('sampling over large tables', () => {
  it('looks beyond the head of the table, and countFailures scans it all', async () => {
    const table = `raw_${++tables}`;
    // 30,000 rows: integers, decimals after line 25,000, one bad value at line 20,000.
    await conn.run(
      `CREATE TEMP TABLE ${table} AS SELECT CAST(i + 2 AS BIGINT) AS __line, ` +
        `CASE WHEN i + 2 = 20000 THEN 'oops' WHEN i < 25000 THEN CAST(i AS VARCHAR) ELSE CAST(i AS VARCHAR) || '.5' END AS c0, ` +
        `CAST(i AS VARCHAR) AS c1 FROM range(30000) t(i)`,
    );
    const columns: RawColumn[] = [
      { index: 0, name: 'amount', header: 'amount', ident: 'c0' },
      { index: 1, name: 'n', header: 'n', ident: 'c1' },
    ];
    const result = await detectColumns(conn, table, columns, {}, { sampleRows: 2000 });
    expect(result.plans.map((p) => p.kind)).toEqual(['decimal', 'integer']);
    expect(result.plans[0]!.nonEmpty).toBeLessThanOrEqual(2000);
    expect(result.plans[0]!.nonEmpty).toBeGreaterThan(1500);
    const counted = await countFailures(conn, table, result.plans, settingsOf(result));
    expect(counted[0]).toMatchObject({ nonEmpty: 30000, failed: 1, samples: [{ line: 20000, value: 'oops' }] });
    expect(counted[1]).toMatchObject({ nonEmpty: 30000, failed: 0, samples: [] });
    // The sample table is gone.
    const temps = await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE '__qd_typing%'`);
    expect(temps.getRowObjectsJS()[0]!.n).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Real exports

const DATA = '/work/shared/data';
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'typing');

/** Reads a CSV as the pipeline does: all text, c0..cN, __line (files without embedded newlines). */
async function readRaw(path: string, options = ''): Promise<Raw> {
  const probe = await conn.runAndReadAll(
    `SELECT * FROM read_csv(${quoteLiteral(path)}, all_varchar = true, header = true${options}) LIMIT 0`,
  );
  const headers = probe.columnNames();
  const idents = headers.map((_, i) => `c${i}`);
  const table = `raw_${++tables}`;
  await conn.run(
    `CREATE TEMP TABLE ${table} AS SELECT CAST(row_number() OVER () + 1 AS BIGINT) AS __line, * ` +
      `FROM read_csv(${quoteLiteral(path)}, all_varchar = true, header = false, skip = 1, ` +
      `names = [${idents.map(quoteLiteral).join(', ')}]${options})`,
  );
  return { table, columns: headers.map((h, i) => ({ index: i, name: h, header: h, ident: `c${i}` })) };
}

async function detectFile(path: string, options = '', fixed: Partial<ImportSettings> = {}) {
  const r = await readRaw(path, options);
  const result = await detectColumns(conn, r.table, r.columns, fixed);
  const settings = settingsOf(result, fixed);
  // Every column converts without error over the whole file.
  const counted = await countFailures(conn, r.table, result.plans, settings);
  const kinds = Object.fromEntries(result.plans.map((p) => [p.name, p.kind]));
  const plan = (name: string) => result.plans.find((p) => p.name === name)!;
  const whole = (name: string) => counted.find((p) => p.name === name)!;
  return { r, result, settings, kinds, plan, whole, counted };
}

const have = (path: string) => existsSync(path);

describe('real exports', () => {
  it.skipIf(!have(`${DATA}/zoho-crm-sample-export/Potentials.csv`))('Zoho Potentials', async () => {
    const { kinds, plan, whole, result } = await detectFile(`${DATA}/zoho-crm-sample-export/Potentials.csv`);
    expect(result.decimalSeparator).toBe('.');
    expect(plan('Created Time')).toMatchObject({ kind: 'timestamp', format: '%d %b, %Y %H:%M:%S' });
    expect(plan('Closing Date')).toMatchObject({ kind: 'timestamp', format: '%d %b, %Y %H:%M:%S' });
    expect(plan('Amount')).toMatchObject({ kind: 'decimal', currency: '$' });
    expect(plan('Expected Revenue')).toMatchObject({ kind: 'decimal', currency: '$' });
    expect(kinds).toMatchObject({
      'Potential Name': 'text',
      Stage: 'text',
      Probability: 'integer',
      'Age in Days': 'integer',
      'Amount Tier': 'text',
      LEADID: 'integer',
      'Tasks Involved': 'boolean',
      'Campaign Id': 'integer',
    });
    for (const name of ['Created Time', 'Closing Date', 'Amount', 'Expected Revenue', 'Probability']) {
      expect(whole(name).failed, name).toBe(0);
    }
    expect(whole('Amount').nonEmpty).toBe(3632);
  });

  it.skipIf(!have(`${DATA}/maven-crm-sales-opportunities/sales_pipeline.csv`))('Maven sales pipeline', async () => {
    const { kinds, plan, whole } = await detectFile(`${DATA}/maven-crm-sales-opportunities/sales_pipeline.csv`);
    expect(kinds).toMatchObject({
      opportunity_id: 'text',
      sales_agent: 'text',
      deal_stage: 'text',
      engage_date: 'date',
      close_date: 'date',
      close_value: 'integer',
    });
    expect(plan('engage_date').format).toBe('%Y-%m-%d');
    expect(whole('close_value').failed).toBe(0);
    expect(whole('close_date').failed).toBe(0);
  });

  it.skipIf(!have(`${DATA}/xeducation-lead-scoring/Leads.csv`))('X Education leads ("Select" is a null token)', async () => {
    const { r, kinds, whole, counted } = await detectFile(`${DATA}/xeducation-lead-scoring/Leads.csv`);
    expect(kinds).toMatchObject({
      'Prospect ID': 'text',
      'Lead Number': 'integer',
      'Do Not Email': 'boolean',
      'Do Not Call': 'boolean',
      Converted: 'boolean',
      TotalVisits: 'integer',
      'Total Time Spent on Website': 'integer',
      'Page Views Per Visit': 'decimal',
      Specialization: 'text',
      'Asymmetrique Activity Index': 'text',
      'Asymmetrique Activity Score': 'integer',
    });
    // "Select" means "not chosen": it is not a value.
    const spec = whole('Specialization');
    const ident = r.columns.find((c) => c.name === 'Specialization')!.ident;
    const raw = await conn.runAndReadAll(
      `SELECT count(*) FILTER (WHERE ${ident} IS NOT NULL AND ${ident} <> 'Select')::INTEGER AS n, ` +
        `count(*) FILTER (WHERE ${ident} = 'Select')::INTEGER AS selects FROM ${r.table}`,
    );
    const { n, selects } = raw.getRowObjectsJS()[0]! as { n: number; selects: number };
    expect(selects).toBeGreaterThan(1000);
    expect(spec.nonEmpty).toBe(n);
    expect(counted.every((p) => p.failed === 0)).toBe(true);
  });

  it.skipIf(!have(`${DATA}/olist-marketing-funnel-hu-locale/olist_marketing_closed_deals_dataset.csv`))(
    'Olist funnel re-saved by a Hungarian Excel',
    async () => {
      const deals = await detectFile(`${DATA}/olist-marketing-funnel-hu-locale/olist_marketing_closed_deals_dataset.csv`, ", delim = ';'");
      expect(deals.plan('won_date')).toMatchObject({ kind: 'timestamp', format: '%Y.%m.%d %H:%M' });
      expect(deals.whole('won_date')).toMatchObject({ nonEmpty: 842, failed: 0 });
      expect(deals.kinds).toMatchObject({
        mql_id: 'text',
        seller_id: 'text',
        'business segment': 'text',
        has_company: 'boolean',
        has_gtin: 'boolean',
        average_stock: 'text',
        declared_product_catalog_size: 'decimal',
        declared_monthly_revenue: 'decimal',
      });
      const leads = await detectFile(`${DATA}/olist-marketing-funnel-hu-locale/olist_marketing_qualified_leads_dataset.csv`, ", delim = ';'");
      expect(leads.plan('first_contact_date')).toMatchObject({ kind: 'date', format: '%Y.%m.%d' });
      expect(leads.whole('first_contact_date')).toMatchObject({ nonEmpty: 8000, failed: 0 });
      expect(leads.kinds).toMatchObject({ mql_id: 'text', landing_page_id: 'text', origin: 'text' });
    },
  );

  describe.skipIf(!have(`${DATA}/duckdb-csv-edgecases`))('DuckDB CSV edge cases', () => {
    const dir = `${DATA}/duckdb-csv-edgecases`;

    it('decimal_separators: a tie is read with a dot, a fixed comma is obeyed', async () => {
      const auto = await detectFile(`${dir}/decimal_separators/decimal_separators.csv`, ", delim = ';'");
      expect(auto.result.decimalSeparator).toBe('.');
      expect(auto.kinds).toEqual({ commas: 'text', periods: 'decimal' });
      const comma = await detectFile(`${dir}/decimal_separators/decimal_separators.csv`, ", delim = ';'", { decimalSeparator: ',' });
      expect(comma.kinds).toEqual({ commas: 'decimal', periods: 'text' });
      const { values } = await convert(comma.r, comma.result.plans, comma.settings);
      expectNumbers(values.commas!, [1.1, 0.25, 15300, 15300, -15300]);
    });

    it('decimal_separators_csv: quoted 1,2345 next to 1.2345', async () => {
      const { kinds } = await detectFile(`${dir}/decimal_separators/decimal_separators_csv.csv`);
      expect(kinds).toEqual({ commas: 'text', periods: 'decimal' });
    });

    it('mixed_format_fail: 12,5 / 145,00 / 5.25 mixes separators in one column: text', async () => {
      const d = await detectFile(`${dir}/decimal_separators/mixed_format_fail.csv`);
      expect(d.result.decimalSeparator).toBe(',');
      expect(d.kinds).toEqual({ foo: 'text' });
    });

    it('thousands_separator: multi_column and a broken one', async () => {
      const multi = await detectFile(`${dir}/thousands_separator/multi_column.csv`, ", delim = ';'");
      expect(multi.kinds).toEqual({ name: 'text', money: 'decimal', city: 'text' });
      const { values } = await convert(multi.r, multi.result.plans, multi.settings);
      expectNumbers(values.money!, [100000, 300000.2, 300000000.4, 50, 9999999999.2]);
      // No header in this file: read every line as data.
      const table = `raw_${++tables}`;
      await conn.run(
        `CREATE TEMP TABLE ${table} AS SELECT CAST(row_number() OVER () AS BIGINT) AS __line, column0 AS c0 ` +
          `FROM read_csv(${quoteLiteral(`${dir}/thousands_separator/thousands_broken.csv`)}, all_varchar = true, header = false)`,
      );
      const broken = await detectColumns(conn, table, [{ index: 0, name: 'v', header: '', ident: 'c0' }], {});
      expect(broken.plans[0]!.kind).toBe('text'); // 300,0,00.40 and 30,0,0.406 are half the values
    });

    it('dateformat/working.csv: 31-OCT-2023', async () => {
      const { plan, whole } = await detectFile(`${dir}/dateformat/working.csv`);
      expect(plan('FILING_DATE')).toMatchObject({ kind: 'date', format: '%d-%b-%Y' });
      expect(whole('FILING_DATE').failed).toBe(0);
      expect(plan('ACCESSION_NUMBER').kind).toBe('text');
    });
  });

  it('a French export (fixture): ; NBSP thousands, decimal comma, €, %, dd/mm/yyyy, month names', async () => {
    const { r, kinds, plan, result, settings, counted } = await detectFile(join(FIXTURES, 'fr-deals.csv'), ", delim = ';'");
    expect(result).toMatchObject({ decimalSeparator: ',', thousandsSeparator: ' ', dateOrder: 'DMY', warnings: [] });
    expect(plan('Montant')).toMatchObject({ kind: 'decimal', currency: '€' });
    expect(plan('Date de création')).toMatchObject({ kind: 'date', format: '%d/%m/%Y' });
    expect(plan('Clôture prévue')).toMatchObject({ kind: 'date', format: '%d %b %Y' });
    expect(kinds).toMatchObject({
      Référence: 'text',
      Propriétaire: 'text',
      Probabilité: 'percent',
      Gagné: 'boolean',
      Remise: 'decimal',
      'Code postal': 'text',
      Téléphone: 'text',
      Notes: 'text',
    });
    expect(counted.every((p) => p.failed === 0)).toBe(true);
    const { values } = await convert(r, result.plans, settings);
    expectNumbers(values.Montant!, [12500, 980, 1234567.89, -150, 45000]);
    expectNumbers(values['Probabilité']!, [0.45, 0.1, 1, 0, 0.625]);
    expect(values['Date de création']).toEqual(['2024-03-15', '2024-04-02', '2024-02-28', '2023-12-01', '2024-01-13']);
    expect(values['Clôture prévue']).toEqual(['2024-04-15', '2024-05-03', '2024-07-01', '2024-12-25', '2025-02-10']);
    expect(values['Gagné']).toEqual([true, false, true, false, true]);
    expectNumbers(values.Remise!, [1250.5, 0, 12.75, null, 2000]);
    expect(values['Propriétaire']).toEqual(['Élodie Martin', 'Lucas Bernard', 'Élodie Martin', 'Sophie Durand', 'Lucas Bernard']);
    expect(values.Notes).toEqual(['Client historique', null, null, 'Remise exceptionnelle', null]);
  });
});
