// What role detection needs to know about a table's columns, measured in DuckDB in two queries
// whatever the number of columns: one aggregate scan (counts, distinct counts, ranges, how much of
// a text column reads as numbers, dates or periods) and one top-values query.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ValueKind } from '../../../shared/import/types';
import type { ColumnEvidence } from '../../../shared/model/detect';
import type { StageStat } from '../../../shared/model/stages';
import { outcomeOf } from '../../../shared/model/vocabulary';
import { quoteIdent, quoteLiteral } from '../../../shared/spec/quote';

export interface EvidenceColumn {
  name: string;
  kind: ValueKind;
}

export interface EvidenceOptions {
  /** Top values kept per column (default 30). */
  topValues?: number;
}

/** Date formats tried on text columns (dates exported as text: Zoho, European CSVs). */
const DATE_FORMATS = [
  '%Y-%m-%d', '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%dT%H:%M:%S', '%Y/%m/%d',
  '%d/%m/%Y', '%d/%m/%Y %H:%M', '%d/%m/%Y %H:%M:%S', '%d.%m.%Y', '%d.%m.%Y %H:%M', '%d-%m-%Y', '%d-%m-%Y %H:%M',
  '%m/%d/%Y', '%m/%d/%Y %H:%M', '%m/%d/%Y %I:%M %p', '%d %b, %Y %H:%M:%S', '%d %b, %Y', '%d %b %Y', '%b %d, %Y',
  '%d %B %Y', '%d/%m/%y', '%d.%m.%y', '%Y.%m.%d', '%Y.%m.%d %H:%M', '%Y.%m.%d %H:%M:%S',
];
const DATE_LIST = `[${DATE_FORMATS.map(quoteLiteral).join(', ')}]`;
const PERIOD_PATTERN = quoteLiteral(
  '((19|20)\\d{2}[-/.](0?[1-9]|1[0-2]))|((0?[1-9]|1[0-2])[-/.](19|20)\\d{2})|((19|20)\\d{2}[- ]?[QqTtKk][1-4])|([QqTtKk][1-4][- /](19|20)\\d{2})|((19|20)\\d{2}(0[1-9]|1[0-2]))',
);

/** Cheap shape tests run before the costly parses: what a number or a date can look like. */
const NUMBER_SHAPE = quoteLiteral("(?:EUR|USD|GBP|CHF)?[-+\\s€$£¥.,'0-9\\x{00a0}\\x{202f}]+(?:EUR|USD|GBP|CHF|k|K|m|M|%)?");
const DATE_SHAPE = quoteLiteral('^(?:\\d{1,4}[-/. ]|[A-Za-z]{3,9}\\.? \\d)');

/**
 * SQL reading a number out of text (already trimmed, NULL when empty): currency symbols and codes,
 * spaces, a trailing % and K / M suffixes are dropped; "22,700.00", "12.500,00", "12 500,5" and
 * "1234.5" all read.
 */
export function parseNumberSql(text: string): string {
  const u = `regexp_replace(${text}, '^[€$£¥]|[€$£¥%]$|^(EUR|USD|GBP|CHF)|(EUR|USD|GBP|CHF)$|[\\s\\x{00a0}\\x{202f}'']', '', 'g')`;
  const v = `regexp_replace(${u}, '[kKmM]$', '')`;
  const mult = `(CASE WHEN regexp_matches(${u}, '\\d[kK]$') THEN 1000.0 WHEN regexp_matches(${u}, '\\d[mM]$') THEN 1000000.0 ELSE 1.0 END)`;
  return `(${mult} * (CASE
      WHEN regexp_full_match(${v}, '[-+]?\\d+(\\.\\d+)?') THEN TRY_CAST(${v} AS DOUBLE)
      WHEN regexp_full_match(${v}, '[-+]?\\d{1,3}(,\\d{3})+(\\.\\d+)?') THEN TRY_CAST(replace(${v}, ',', '') AS DOUBLE)
      WHEN regexp_full_match(${v}, '[-+]?\\d{1,3}(\\.\\d{3})+(,\\d+)?') THEN TRY_CAST(replace(replace(${v}, '.', ''), ',', '.') AS DOUBLE)
      WHEN regexp_full_match(${v}, '[-+]?\\d+,\\d+') THEN TRY_CAST(replace(${v}, ',', '.') AS DOUBLE)
    END))`;
}

const NUMERIC_KINDS = new Set<ValueKind>(['integer', 'decimal', 'percent']);

function num(v: unknown): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v !== '') return Number(v);
  return 0;
}

function optNum(v: unknown): number | undefined {
  if (v === null || v === undefined) return undefined;
  const n = num(v);
  return Number.isFinite(n) ? n : undefined;
}

/** The ValueKind of a DuckDB column type, for tables read without the import's column plan. */
export function valueKindOfDuckDbType(type: string): ValueKind {
  const t = type.trim().toUpperCase();
  if (['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT'].includes(t)) {
    return 'integer';
  }
  if (t === 'DOUBLE' || t === 'FLOAT' || t === 'REAL' || t.startsWith('DECIMAL')) return 'decimal';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  if (t === 'BOOLEAN') return 'boolean';
  return 'text';
}

/** The columns of a table with their ValueKind (from DuckDB's types). */
export async function tableColumns(conn: DuckDBConnection, table: string): Promise<EvidenceColumn[]> {
  const reader = await conn.runAndReadAll(`DESCRIBE ${quoteIdent(table)}`);
  return reader.getRowObjectsJS().map((r) => ({
    name: String(r.column_name),
    kind: valueKindOfDuckDbType(String(r.column_type)),
  }));
}

/**
 * Evidence for each column, in two queries: one aggregate scan (counts, distinct counts, numeric
 * and date ranges), and one query grouping each column by value, which gives the top values and,
 * for text columns, how many rows read as numbers, dates or periods (each distinct value is parsed
 * once, and only when it holds a digit). Text is trimmed, and an empty text counts as no value.
 */
export async function columnEvidence(
  conn: DuckDBConnection,
  table: string,
  columns: readonly EvidenceColumn[],
  options: EvidenceOptions = {},
): Promise<ColumnEvidence[]> {
  if (columns.length === 0) return [];
  const top = Math.max(1, Math.min(200, Math.floor(options.topValues ?? 30)));
  const t = quoteIdent(table);
  const valueOf = (c: EvidenceColumn): string => {
    const col = quoteIdent(c.name);
    if (c.kind === 'text') return `NULLIF(trim(CAST(${col} AS VARCHAR)), '')`;
    if (NUMERIC_KINDS.has(c.kind)) return `TRY_CAST(${col} AS DOUBLE)`;
    if (c.kind === 'date' || c.kind === 'timestamp') return `TRY_CAST(${col} AS TIMESTAMP)`;
    return col;
  };

  const aggs: string[] = ['count(*) AS __rows'];
  columns.forEach((c, i) => {
    const x = `x${i}`;
    aggs.push(`count(${x}) AS nn${i}`, `count(DISTINCT ${x}) AS d${i}`);
    if (c.kind === 'text') {
      aggs.push(`avg(length(${x})) AS len${i}`);
    } else if (NUMERIC_KINDS.has(c.kind)) {
      aggs.push(`sum(CASE WHEN ${x} = round(${x}) THEN 1 ELSE 0 END) AS is${i}`, `min(${x}) AS lo${i}`,
        `max(${x}) AS hi${i}`, `avg(${x}) AS mean${i}`);
    } else if (c.kind === 'date' || c.kind === 'timestamp') {
      const fmt = c.kind === 'date' ? '%Y-%m-%d' : '%Y-%m-%d %H:%M:%S';
      aggs.push(`strftime(min(${x}), '${fmt}') AS dlo${i}`, `strftime(max(${x}), '${fmt}') AS dhi${i}`);
    }
  });
  const inner = columns.map((c, i) => `${valueOf(c)} AS x${i}`).join(', ');
  const stat = (await conn.runAndReadAll(`SELECT ${aggs.join(', ')} FROM (SELECT ${inner} FROM ${t})`)).getRowObjectsJS()[0] ?? {};

  const perColumn = columns.map((c, i) => {
    const grouped = `SELECT v, count(*) AS n FROM (SELECT ${c.kind === 'text' ? valueOf(c) : `CAST(${quoteIdent(c.name)} AS VARCHAR)`} AS v FROM ${t})
                     WHERE v IS NOT NULL GROUP BY v`;
    const topList = `max_by(struct_pack(v := v, n := n), n, ${top})`;
    if (c.kind !== 'text') {
      return `SELECT ${i} AS i, ${topList} AS top, NULL::BIGINT AS ns, NULL::BIGINT AS isn, NULL::DOUBLE AS lo, NULL::DOUBLE AS hi,
                NULL::DOUBLE AS mean, NULL::BIGINT AS ds, NULL::VARCHAR AS dlo, NULL::VARCHAR AS dhi, NULL::BIGINT AS ps FROM (${grouped})`;
    }
    return `SELECT ${i} AS i, ${topList} AS top,
              sum(n) FILTER (WHERE num IS NOT NULL) AS ns, sum(n) FILTER (WHERE num = round(num)) AS isn,
              min(num) AS lo, max(num) AS hi, sum(num * n) / sum(n) FILTER (WHERE num IS NOT NULL) AS mean,
              sum(n) FILTER (WHERE dt IS NOT NULL) AS ds, strftime(min(dt), '%Y-%m-%d') AS dlo, strftime(max(dt), '%Y-%m-%d') AS dhi,
              sum(n) FILTER (WHERE per) AS ps
            FROM (SELECT v, n,
                    CASE WHEN digit AND regexp_full_match(v, ${NUMBER_SHAPE}) THEN ${parseNumberSql('v')} END AS num,
                    CASE WHEN digit AND length(v) BETWEEN 6 AND 32 AND regexp_matches(v, ${DATE_SHAPE})
                         THEN try_strptime(v, ${DATE_LIST}) END AS dt,
                    digit AND regexp_full_match(v, ${PERIOD_PATTERN}) AS per
                  FROM (SELECT v, n, regexp_matches(v, '[0-9]') AS digit FROM (${grouped})))`;
  });
  const rows = (await conn.runAndReadAll(perColumn.map((q) => `(${q})`).join(' UNION ALL '))).getRowObjectsJS();
  const byIndex = new Map<number, Record<string, unknown>>(rows.map((r) => [num(r.i), r as Record<string, unknown>]));

  const total = num(stat.__rows);
  return columns.map((c, i): ColumnEvidence => {
    const g = byIndex.get(i) ?? {};
    const nonNull = num(stat[`nn${i}`]);
    const topValues = ((g.top as { v: unknown; n: unknown }[] | null) ?? [])
      .map((e) => ({ value: String(e.v), count: num(e.n) }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    const ev: ColumnEvidence = {
      name: c.name,
      kind: c.kind,
      distinct: num(stat[`d${i}`]),
      rows: total,
      nullShare: total > 0 ? (total - nonNull) / total : 1,
      topValues,
    };
    if (c.kind === 'text') {
      const ns = num(g.ns);
      const ds = num(g.ds);
      ev.numericShare = nonNull > 0 ? ns / nonNull : 0;
      ev.integerShare = ns > 0 ? num(g.isn) / ns : 0;
      ev.dateShare = nonNull > 0 ? ds / nonNull : 0;
      ev.periodShare = nonNull > 0 ? num(g.ps) / nonNull : 0;
      ev.avgLength = optNum(stat[`len${i}`]);
      if (ns >= ds && ns > 0) {
        ev.min = optNum(g.lo);
        ev.max = optNum(g.hi);
        ev.mean = optNum(g.mean);
      } else if (ds > 0) {
        ev.min = String(g.dlo);
        ev.max = String(g.dhi);
      }
    } else if (NUMERIC_KINDS.has(c.kind)) {
      ev.numericShare = nonNull > 0 ? 1 : 0;
      ev.integerShare = nonNull > 0 ? num(stat[`is${i}`]) / nonNull : 0;
      ev.min = optNum(stat[`lo${i}`]);
      ev.max = optNum(stat[`hi${i}`]);
      ev.mean = optNum(stat[`mean${i}`]);
    } else if (c.kind === 'date' || c.kind === 'timestamp') {
      const lo = stat[`dlo${i}`];
      const hi = stat[`dhi${i}`];
      if (lo !== null && lo !== undefined) ev.min = String(lo);
      if (hi !== null && hi !== undefined) ev.max = String(hi);
    }
    return ev;
  });
}

/**
 * Per stage: deals, mean probability (0..1: a 0-100 column is divided by 100) and the share of
 * won and lost statuses, read from the status column's values (Won, Gagné, Verloren...). Stages
 * come most frequent first.
 */
export async function stageStats(
  conn: DuckDBConnection,
  table: string,
  stageColumn: string,
  probabilityColumn?: string | null,
  statusColumn?: string | null,
): Promise<StageStat[]> {
  const t = quoteIdent(table);
  const stage = `NULLIF(trim(CAST(${quoteIdent(stageColumn)} AS VARCHAR)), '')`;
  const prob = probabilityColumn
    ? (() => {
        const raw = `NULLIF(trim(CAST(${quoteIdent(probabilityColumn)} AS VARCHAR)), '')`;
        return `COALESCE(TRY_CAST(${raw} AS DOUBLE), ${parseNumberSql(raw)})`;
      })()
    : 'NULL::DOUBLE';
  const status = statusColumn ? `NULLIF(trim(CAST(${quoteIdent(statusColumn)} AS VARCHAR)), '')` : 'NULL::VARCHAR';
  const sql = `SELECT s AS stage, st AS status, count(*) AS n, sum(p) AS psum, count(p) AS pn, max(p) AS pmax
               FROM (SELECT ${stage} AS s, ${status} AS st, ${prob} AS p FROM ${t}) WHERE s IS NOT NULL
               GROUP BY s, st`;
  const rows = (await conn.runAndReadAll(sql)).getRowObjectsJS();
  const scale = rows.some((r) => num(r.pmax) > 1) ? 100 : 1;
  const byStage = new Map<string, { n: number; psum: number; pn: number; won: number; lost: number; withStatus: number }>();
  for (const r of rows) {
    const key = String(r.stage);
    const acc = byStage.get(key) ?? { n: 0, psum: 0, pn: 0, won: 0, lost: 0, withStatus: 0 };
    const n = num(r.n);
    acc.n += n;
    acc.psum += r.psum === null ? 0 : num(r.psum);
    acc.pn += num(r.pn);
    if (r.status !== null && r.status !== undefined) {
      acc.withStatus += n;
      const o = outcomeOf(String(r.status));
      if (o === 'won') acc.won += n;
      if (o === 'lost') acc.lost += n;
    }
    byStage.set(key, acc);
  }
  return [...byStage.entries()]
    .map(([s, a]) => ({
      stage: s,
      count: a.n,
      avgProbability: a.pn > 0 ? a.psum / a.pn / scale : null,
      wonShare: statusColumn ? (a.withStatus > 0 ? a.won / a.withStatus : 0) : null,
      lostShare: statusColumn ? (a.withStatus > 0 ? a.lost / a.withStatus : 0) : null,
    }))
    .sort((a, b) => b.count - a.count || (a.stage < b.stage ? -1 : 1));
}
