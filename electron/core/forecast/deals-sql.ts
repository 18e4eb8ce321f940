// The common part of every forecast query: the snapshot rows and each deal's latest known state,
// as CTEs the analyses select from.
//
//   raw  one row per snapshot row: snap, deal_key, outcome ('won' | 'lost' | 'open' at that
//        snapshot), the fields asked for, a_<role> for the attributes the snapshots map.
//        Rows without a key are left out; rows sharing a key in one snapshot get <key>#2, #3...
//   fin  one row per deal: its latest known state (the outcome source's row, else its last
//        snapshot row): outcome, amount, closed_at... and every attribute asked for (the outcome
//        source's value, else the last snapshot's).
//   obs  raw within the snapshot range, with probability (the stage's mean when empty),
//        stage_pos (1-based place among the open stages) and the attributes the snapshots lack
//        (from fin), filtered by the request's filters.
//   finf fin filtered by the request's filters (the won deals of an actual).
import type { ForecastFilter } from '../../../shared/forecast/types';
import type { OutcomeValues } from '../../../shared/model/kpis';
import { numberLiteral, quoteIdent, quoteLiteral } from '../../../shared/spec/quote';
import { caseOf, type ForecastContext, type Side } from './context';
import { keyExpression } from './identity';
import type { Params } from './sql';

/** Per-row fields beyond snap, deal_key and outcome. */
export type Field = 'amount' | 'probability' | 'expected_close' | 'closed_at' | 'stage' | 'deal_name' | 'account';

export interface DealSqlOptions {
  /** Fields of obs (probability brings probability_entered too; stage brings stage_pos). */
  fields: readonly Field[];
  /** Fields of fin. */
  finFields: readonly Field[];
  /** Roles read as attributes (a_<role>) on obs and fin: group by, filters. */
  attrs: readonly string[];
  /** Snapshots of obs: dated on or after from, before to. */
  snapshots?: { from?: string | undefined; to?: string | undefined };
  filters?: readonly ForecastFilter[] | undefined;
  /** Open stages in process order. */
  order: readonly string[];
}

export const attr = (role: string) => quoteIdent(`a_${role}`);

function outcomeExpr(side: Side, values: OutcomeValues | null): string {
  if (!values || !side.has(values.role)) return `'open'`;
  const v = side.text(values.role);
  const list = (xs: readonly string[]) => xs.map(quoteLiteral).join(', ');
  const won = values.won.length ? `WHEN ${v} IN (${list(values.won)}) THEN 'won' ` : '';
  const lost = values.lost.length ? `WHEN ${v} IN (${list(values.lost)}) THEN 'lost' ` : '';
  return won || lost ? `CASE ${won}${lost}ELSE 'open' END` : `'open'`;
}

function fieldExprs(side: Side, fields: readonly Field[], scale: number | null): string[] {
  const out: string[] = [];
  for (const f of new Set(fields)) {
    if (f === 'amount') out.push(`${side.double('amount')} AS amount`);
    if (f === 'probability') {
      out.push(scale === null ? 'NULL::DOUBLE AS probability_entered' : `${side.double('probability')} / ${scale} AS probability_entered`);
    }
    if (f === 'expected_close') out.push(`${side.day('expected_close_at')} AS expected_close`);
    if (f === 'closed_at') out.push(`${side.day('closed_at')} AS closed_at`);
    if (f === 'stage') out.push(`${side.text('stage')} AS stage`);
    if (f === 'deal_name') out.push(`${side.text('deal_name')} AS deal_name`);
    if (f === 'account') out.push(`${side.text('account')} AS account`);
  }
  return out;
}

/** `a_role IN (...)` (or IS NULL for an empty value) for each filter, ANDed; null when none. */
export function filterCondition(filters: readonly ForecastFilter[] | undefined, alias: string, params: Params): string | null {
  if (!filters || filters.length === 0) return null;
  return filters
    .map((f) => {
      const column = `${alias}.${attr(f.role)}`;
      const values = f.values.filter((v): v is string => v !== null);
      const parts = [...(values.length ? [`${column} IN ${params.list(values)}`] : []), ...(f.values.includes(null) ? [`${column} IS NULL`] : [])];
      return `(${parts.join(' OR ')})`;
    })
    .join(' AND ');
}

/** The CTEs raw, fin, obs and finf (see the header), to follow `WITH`. */
export function dealCtes(ctx: ForecastContext, options: DealSqlOptions, params: Params): string {
  const { snap, out } = ctx;
  const attrs = [...new Set([...options.attrs, ...(options.filters ?? []).map((f) => f.role)])];
  const needsStage = options.fields.includes('stage') || options.fields.includes('probability');
  const rawFields = [...new Set<Field>([...options.fields, ...(needsStage ? ['stage' as const] : []), ...(out ? [] : options.finFields)])];
  // In self mode fin is raw's last row: raw carries what fin needs (a role the snapshots lack is
  // then mapped nowhere: the analyses refuse it before).
  const snapAttrs = attrs.filter((r) => snap.has(r));
  const finAttrs = attrs.filter((r) => !snap.has(r));

  const key = keyExpression(ctx.identity, snap);
  const rawSelect = [
    'snapshot_date AS snap',
    `${key} AS deal_key`,
    `${outcomeExpr(snap, ctx.snapOutcome)} AS outcome`,
    ...fieldExprs(snap, rawFields, ctx.probabilityScale),
    ...snapAttrs.map((r) => `${snap.text(r)} AS ${attr(r)}`),
  ];
  let raw = `SELECT ${rawSelect.join(', ')} FROM ${quoteIdent(snap.table)} WHERE ${key} <> ''`;
  if (ctx.duplicateRows > 0) {
    const order = [snap.double('amount'), snap.text('stage'), snap.day('expected_close_at')].join(', ');
    raw = `SELECT * EXCLUDE (dup_n) REPLACE (CASE WHEN dup_n > 1 THEN deal_key || '#' || dup_n ELSE deal_key END AS deal_key)
      FROM (SELECT ${rawSelect.join(', ')}, row_number() OVER (PARTITION BY snapshot_date, ${key} ORDER BY ${order}) AS dup_n
            FROM ${quoteIdent(snap.table)} WHERE ${key} <> '')`;
  }

  let fin: string;
  const finCols = [...new Set(options.finFields)];
  if (!out) {
    fin = `SELECT deal_key, outcome${finCols.map((f) => `, ${f}`).join('')}${attrs.map((r) => `, ${attr(r)}`).join('')}
      FROM raw QUALIFY row_number() OVER (PARTITION BY deal_key ORDER BY snap DESC) = 1`;
  } else {
    const outKey = keyExpression(ctx.identity, out);
    const fromLast = attrs.filter((r) => !out.has(r) && snap.has(r));
    const select = [
      `${outKey} AS deal_key`,
      `${outcomeExpr(out, ctx.outcome)} AS outcome`,
      ...fieldExprs(out, ctx.outDuplicateRows > 0 ? [...finCols, 'closed_at'] : finCols, null),
      ...attrs.filter((r) => out.has(r)).map((r) => `${out.text(r)} AS ${attr(r)}`),
    ];
    // A deal repeated in the outcome source: its closed row, latest closed first.
    const one = ctx.outDuplicateRows > 0 ? `QUALIFY row_number() OVER (PARTITION BY deal_key ORDER BY outcome = 'open', closed_at DESC NULLS LAST) = 1` : '';
    const base = `SELECT ${select.join(', ')} FROM ${quoteIdent(out.table)} WHERE ${outKey} <> '' ${one}`;
    fin = fromLast.length
      ? `SELECT o.*, ${fromLast.map((r) => `l.${attr(r)}`).join(', ')} FROM (${base}) o
         LEFT JOIN (SELECT deal_key, ${fromLast.map((r) => `arg_max(${attr(r)}, snap) AS ${attr(r)}`).join(', ')} FROM raw GROUP BY deal_key) l USING (deal_key)`
      : base;
  }

  const stageDefaults = ctx.stages
    .filter((s) => s.meaning === 'open' && s.probability !== null)
    .map((s): [string, string] => [s.stage, numberLiteral(s.probability!)]);
  const obsSelect = ['raw.*'];
  if (options.fields.includes('probability')) obsSelect.push(`coalesce(raw.probability_entered, ${caseOf('raw.stage', stageDefaults)}) AS probability`);
  if (needsStage) obsSelect.push(`${caseOf('raw.stage', options.order.map((s, i): [string, string] => [s, String(i + 1)]))} AS stage_pos`);
  for (const r of finAttrs) obsSelect.push(`fin.${attr(r)}`);
  const where: string[] = [];
  if (options.snapshots?.from) where.push(`raw.snap >= ${params.day(options.snapshots.from)}`);
  if (options.snapshots?.to) where.push(`raw.snap < ${params.day(options.snapshots.to)}`);
  const obsFilter = filterCondition(options.filters, 'x', params);
  const obs = `SELECT * FROM (SELECT ${obsSelect.join(', ')} FROM raw${finAttrs.length ? ' LEFT JOIN fin USING (deal_key)' : ''}${
    where.length ? ` WHERE ${where.join(' AND ')}` : ''
  }) x${obsFilter ? ` WHERE ${obsFilter}` : ''}`;
  const finFilter = filterCondition(options.filters, 'f', params);
  const finf = `SELECT * FROM fin f${finFilter ? ` WHERE ${finFilter}` : ''}`;
  return `raw AS (${raw}),\nfin AS (${fin}),\nobs AS (${obs}),\nfinf AS (${finf})`;
}
