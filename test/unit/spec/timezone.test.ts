// The spec's explicit time zone: grains and date filters on TIMESTAMP columns (stored as UTC wall
// time) are computed in `timeZone`; DATE columns are unaffected. Timestamps near midnight fall in
// different days and months in UTC, Europe/Paris and America/New_York: golden SQL, then DuckDB.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileDimensionValueFilter, compileSpec } from '../../../shared/spec/compile';
import { normalizeSpec } from '../../../shared/spec/normalize';
import { parseSpec } from '../../../shared/spec/schema';
import type { AnalysisSpec, SourceSchema } from '../../../shared/spec/types';
import { readArrow } from '../../../shared/arrow/cells';
import { queryToArrow } from '../../../electron/core/query/arrow';
import { memoryConnection } from '../../helpers/duckdb';

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const SCHEMA: SourceSchema = {
  table: 'events',
  columns: [
    { name: 'id', type: 'INTEGER' },
    { name: 'at', type: 'TIMESTAMP' },
    { name: 'on', type: 'DATE' },
  ],
  roles: { created_at: 'at' },
};

// 1: Jan 31 23:30 UTC = Feb 1 00:30 in Paris = Jan 31 18:30 in New York.
// 2: Mar 1 03:00 UTC = Mar 1 04:00 in Paris = Feb 29 22:00 in New York.
// 3: Jun 15 12:00 UTC: the same day everywhere.
const DATA = `CREATE TABLE events AS SELECT * FROM (VALUES
  (1, TIMESTAMP '2024-01-31 23:30:00', DATE '2024-01-31'),
  (2, TIMESTAMP '2024-03-01 03:00:00', DATE '2024-03-01'),
  (3, TIMESTAMP '2024-06-15 12:00:00', DATE '2024-06-15')) t(id, "at", "on")`;

let db: Awaited<ReturnType<typeof memoryConnection>>;
beforeAll(async () => {
  db = await memoryConnection();
  await db.conn.run(DATA);
});
afterAll(() => db.close());

function compile(spec: Omit<AnalysisSpec, 'source'>) {
  const parsed = parseSpec({ source: 'events', ...spec });
  if (!parsed.ok) throw new Error(parsed.error.message);
  const compiled = compileSpec(normalizeSpec(parsed.value), SCHEMA);
  if (!compiled.ok) throw new Error(compiled.error.message);
  return compiled.value;
}

async function run(spec: Omit<AnalysisSpec, 'source'>) {
  const compiled = compile(spec);
  return readArrow((await queryToArrow(db.conn, compiled.sql, compiled.params)).ipc).rows();
}

const ZONES = ['UTC', 'Europe/Paris', 'America/New_York'] as const;
const slug = (zone: string) => zone.toLowerCase().replaceAll('/', '-').replaceAll('_', '-');

describe('time zone', () => {
  it.each(ZONES)('%s: month and day grains on a timestamp (golden SQL and DuckDB)', async (timeZone) => {
    const spec = {
      timeZone,
      measures: [{ id: 'n', op: 'count' as const }],
      dimensions: [{ id: 'month', column: 'at', grain: 'month' as const }],
    };
    const compiled = compile(spec);
    const text = `${compiled.sql}\n-- params: ${JSON.stringify(compiled.params)}\n`;
    const goldenPath = join(GOLDEN_DIR, `timezone-month-${slug(timeZone)}.sql`);
    if (UPDATE) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(goldenPath, text);
    }
    expect(text).toBe(readFileSync(goldenPath, 'utf8'));
    const months = (await run(spec)).map((r) => [r.month, r.n]);
    const days = (await run({ ...spec, dimensions: [{ id: 'day', column: 'at', grain: 'day' }] })).map((r) => [r.day, r.n]);
    const expected = {
      UTC: { months: ['2024-01-01', '2024-03-01', '2024-06-01'], days: ['2024-01-31', '2024-03-01', '2024-06-15'] },
      'Europe/Paris': { months: ['2024-02-01', '2024-03-01', '2024-06-01'], days: ['2024-02-01', '2024-03-01', '2024-06-15'] },
      'America/New_York': { months: ['2024-01-01', '2024-02-01', '2024-06-01'], days: ['2024-01-31', '2024-02-29', '2024-06-15'] },
    }[timeZone];
    expect(months).toEqual(expected.months.map((m) => [m, 1]));
    expect(days).toEqual(expected.days.map((d) => [d, 1]));
  });

  it('relative periods and before/after on a timestamp are computed in the zone', async () => {
    const ids = async (timeZone: string, filter: AnalysisSpec['filters']) =>
      (await run({ timeZone, today: '2024-03-15', measures: [{ id: 'n', op: 'count' }], dimensions: [{ id: 'id', column: 'id' }], filters: filter }))
        .map((r) => r.id);
    const february = [{ role: 'created_at', op: 'in_period' as const, period: 'last_complete_month' as const }];
    expect(await ids('UTC', february)).toEqual([]);
    expect(await ids('Europe/Paris', february)).toEqual([1]);
    expect(await ids('America/New_York', february)).toEqual([2]);
    const beforeFeb = [{ column: 'at', op: 'before' as const, values: ['2024-02-01'] }];
    expect(await ids('UTC', beforeFeb)).toEqual([1]);
    expect(await ids('Europe/Paris', beforeFeb)).toEqual([]);
    const afterFeb29 = [{ column: 'at', op: 'after' as const, values: ['2024-02-29'] }];
    expect(await ids('UTC', afterFeb29)).toEqual([2, 3]);
    expect(await ids('America/New_York', afterFeb29)).toEqual([3]);
  });

  it('leaves DATE columns and plain timestamp dimensions as they are', async () => {
    for (const timeZone of ZONES) {
      const months = await run({ timeZone, measures: [{ id: 'n', op: 'count' }], dimensions: [{ id: 'm', column: 'on', grain: 'month' }] });
      expect(months.map((r) => r.m)).toEqual(['2024-01-01', '2024-03-01', '2024-06-01']);
    }
    const sql = compile({ timeZone: 'Europe/Paris', measures: [{ op: 'min', column: 'at' }], dimensions: [{ column: 'on', grain: 'month' }] }).sql;
    expect(sql).not.toContain('timezone(');
    // The default zone is UTC: no conversion at all.
    expect(compile({ measures: [{ op: 'count' }], dimensions: [{ column: 'at', grain: 'month' }] }).sql).not.toContain('timezone(');
  });

  it('a drill-through on a month bucket selects the rows of that month in the zone', async () => {
    const dimension = normalizeSpec({ source: 'events', measures: [{ op: 'count' }], dimensions: [{ column: 'at', grain: 'month' }] }).dimensions[0]!;
    const select = async (timeZone: string, month: string) => {
      const cond = compileDimensionValueFilter(dimension, month, SCHEMA, 1, { timeZone });
      if (!cond.ok) throw new Error(cond.error.message);
      const arrow = await queryToArrow(db.conn, `SELECT id FROM events WHERE ${cond.value.where} ORDER BY id`, cond.value.params);
      return readArrow(arrow.ipc).rows().map((r) => r.id);
    };
    expect(await select('UTC', '2024-02-01')).toEqual([]);
    expect(await select('Europe/Paris', '2024-02-01')).toEqual([1]);
    expect(await select('America/New_York', '2024-02-01')).toEqual([2]);
  });

  it('rejects a zone that is not an IANA name', () => {
    const bad = parseSpec({ source: 'events', timeZone: "UTC'; DROP TABLE x; --", measures: [{ op: 'count' }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.location).toEqual({ field: 'timeZone' });
    expect(parseSpec({ source: 'events', timeZone: 'America/Argentina/Buenos_Aires', measures: [{ op: 'count' }] }).ok).toBe(true);
    expect(parseSpec({ source: 'events', timeZone: 'Etc/GMT+5', measures: [{ op: 'count' }] }).ok).toBe(true);
  });
});
