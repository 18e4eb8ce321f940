// The common part of every forecast query: the snapshot rows and each deal's latest known state,
// as CTEs the analyses select from.
//
//   raw  one row per snapshot row of the snapshots read: snap, deal_key, outcome ('won' | 'lost'
//        | 'open' at that snapshot), the fields asked for, a_<role> for the attributes the
//        snapshots map. Rows without a key are left out; rows sharing a key in one snapshot get
//        <key>#2, #3... (hist: the same over every snapshot, when fin needs it and raw is restricted)
//   fin  one row per deal: its latest known state (the outcome source's row, else its last
//        snapshot row): outcome, amount, closed_at... and every attribute asked for (the outcome
//        source's value, else the last snapshot's).
//   obs  raw with probability (the stage's mean when empty), stage_pos (1-based place among the
//        open stages) when asked, and the attributes the snapshots lack (from fin), filtered by
//        the request's filters.
//   finf fin filtered by the request's filters (the won deals of an actual).
import type { ForecastFilter } from '../../../shared/forecast/types';
import type { OutcomeValues } from '../../../shared/model/kpis';
import { numberLiteral, quoteIdent, quoteLiteral } from '../../../shared/spec/quote';
import { caseOf, type ForecastContext, type Side } from './context';
import { keyExpression } from './identity';
import type { Params } from './sql';

/** Per-row fields beyond snap, deal_key and outcome (stage_pos: obs only). */
export type Field = 'amount' | 'probability' | 'expected_close' | 'closed_at' | 'stage' | 'stage_pos' | 'deal_name' | 'account';

export interface DealSqlOptions {
  /** Fields of obs (probability brings probability_entered too). */
  fields: readonly Field[];
  /** Fields of fin. */
  finFields: readonly Field[];
  /** Roles read as attributes (a_<role>) on obs and fin: group by, filters. */
  attrs: readonly string[];
  /** Snapshots of obs: dated on or after from, before to, among dates. */
  snapshots?: { from?: string | undefined; to?: string | undefined; dates?: readonly string[] };
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

/** The CTEs raw (hist), fin, obs and finf (see the header), to follow `WITH`. */
export function dealCtes(ctx: ForecastContext, options: DealSqlOptions, params: Params): string {
  const { snap, out } = ctx;
  const attrs = [...new Set([...options.attrs, ...(options.filters ?? []).map((f) => f.role)])];
  const needsStage = options.fields.some((f) => f === 'stage' || f === 'stage_pos' || f === 'probability');
  const finCols = [...new Set(options.finFields)];
  // Roles read from the snapshots; the others come from the outcome source (in self mode a role
  // the snapshots lack is mapped nowhere: the analyses refuse it before).
  const snapAttrs = attrs.filter((r) => snap.has(r));
  const finAttrs = attrs.filter((r) => !snap.has(r));
  const fromLast = out ? attrs.filter((r) => !out.has(r) && snap.has(r)) : [];

  // The snapshots read, restricted inside the scan so that the history view reads only their tables.
  const range: string[] = [];
  if (options.snapshots?.from) range.push(`snapshot_date >= ${params.day(options.snapshots.from)}`);
  if (options.snapshots?.to) range.push(`snapshot_date < ${params.day(options.snapshots.to)}`);
  if (options.snapshots?.dates) range.push(`snapshot_date IN (${options.snapshots.dates.map((d) => params.day(d)).join(', ')})`);
  const key = keyExpression(ctx.identity, snap);
  const scan = (fields: readonly Field[], roles: readonly string[], where: readonly string[]) => {
    const select = [
      'snapshot_date AS snap',
      `${key} AS deal_key`,
      `${outcomeExpr(snap, ctx.snapOutcome)} AS outcome`,
      ...fieldExprs(snap, fields, ctx.probabilityScale),
      ...roles.map((r) => `${snap.text(r)} AS ${attr(r)}`),
    ].join(', ');
    const conditions = [`${key} <> ''`, ...where].join(' AND ');
    if (ctx.duplicateRows === 0) return `SELECT ${select} FROM ${quoteIdent(snap.table)} WHERE ${conditions}`;
    const order = [snap.double('amount'), snap.text('stage'), snap.day('expected_close_at')].join(', ');
    return `SELECT * EXCLUDE (dup_n) REPLACE (CASE WHEN dup_n > 1 THEN deal_key || '#' || dup_n ELSE deal_key END AS deal_key)
      FROM (SELECT ${select}, row_number() OVER (PARTITION BY snapshot_date, ${key} ORDER BY ${order}) AS dup_n
            FROM ${quoteIdent(snap.table)} WHERE ${conditions})`;
  };
  const rawFields = [...new Set<Field>([...options.fields, ...(needsStage ? ['stage' as const] : []), ...(out || range.length ? [] : finCols)])];
  const ctes: string[] = [`raw AS (${scan(rawFields, snapAttrs, range)})`];
  // Each deal's last snapshot row is read over every snapshot, whatever the range.
  const needsHistory = !out || fromLast.length > 0;
  const hist = needsHistory && range.length ? 'hist' : 'raw';
  if (hist === 'hist') ctes.push(`hist AS (${scan(out ? [] : finCols, out ? fromLast : attrs, [])})`);

  let fin: string;
  if (!out) {
    fin = `SELECT deal_key, outcome${finCols.map((f) => `, ${f}`).join('')}${attrs.map((r) => `, ${attr(r)}`).join('')}
      FROM ${hist} QUALIFY row_number() OVER (PARTITION BY deal_key ORDER BY snap DESC) = 1`;
  } else {
    const outKey = keyExpression(ctx.identity, out);
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
         LEFT JOIN (SELECT deal_key, ${fromLast.map((r) => `arg_max(${attr(r)}, snap) AS ${attr(r)}`).join(', ')} FROM ${hist} GROUP BY deal_key) l USING (deal_key)`
      : base;
  }
  ctes.push(`fin AS (${fin})`);

  const stageDefaults = ctx.stages
    .filter((s) => s.meaning === 'open' && s.probability !== null)
    .map((s): [string, string] => [s.stage, numberLiteral(s.probability!)]);
  const obsSelect = ['raw.*'];
  if (options.fields.includes('probability')) obsSelect.push(`coalesce(raw.probability_entered, ${caseOf('raw.stage', stageDefaults)}) AS probability`);
  if (options.fields.includes('stage_pos')) obsSelect.push(`${caseOf('raw.stage', options.order.map((s, i): [string, string] => [s, String(i + 1)]))} AS stage_pos`);
  for (const r of finAttrs) obsSelect.push(`fin.${attr(r)}`);
  const obsFilter = filterCondition(options.filters, 'x', params);
  ctes.push(
    `obs AS (SELECT * FROM (SELECT ${obsSelect.join(', ')} FROM raw${finAttrs.length ? ' LEFT JOIN fin USING (deal_key)' : ''}) x${obsFilter ? ` WHERE ${obsFilter}` : ''})`,
  );
  const finFilter = filterCondition(options.filters, 'f', params);
  ctes.push(`finf AS (SELECT * FROM fin f${finFilter ? ` WHERE ${finFilter}` : ''})`);
  return ctes.join(',\n');
}
