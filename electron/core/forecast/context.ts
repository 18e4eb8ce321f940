// What every forecast analysis needs to know about a snapshotted source before it writes SQL:
// the stacked snapshots (history view) and their column types, the outcome source, the deal
// identity rule and how many rows it cannot tell apart, the won / lost values and the probability
// scale read from the data, and the stages in process order with their mean probabilities.
// Read in a handful of aggregate queries and kept until the next write (service.ts).
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Result } from '../../../shared/api';
import { fail, ok } from '../../../shared/api';
import type { ForecastBasis, ForecastFilter } from '../../../shared/forecast/types';
import { outcomeRole, outcomeValuesFrom, type OutcomeValues } from '../../../shared/model/kpis';
import { inferStages, type StageInfo } from '../../../shared/model/stages';
import { stageNumber, stageRank } from '../../../shared/model/vocabulary';
import { quoteIdent, quoteLiteral } from '../../../shared/spec/quote';
import { stageStats } from '../model/evidence';
import type { SourceRecord } from '../workspace/workspace';
import { IDENTITY_NEEDS, identityRule, keyExpression, type IdentityRule, type RoleColumns } from './identity';
import { asDate, asDouble, asText, num } from './sql';

/** One side of the analysis: the stacked snapshots, or the outcome source's latest rows. */
export class Side implements RoleColumns {
  constructor(
    readonly name: string,
    /** The table or view read (unquoted). */
    readonly table: string,
    readonly roles: Readonly<Record<string, string>>,
    /** Column name -> DuckDB type. */
    readonly types: ReadonlyMap<string, string>,
  ) {}

  column(role: string): { name: string; type: string } | null {
    const name = this.roles[role];
    if (name === undefined) return null;
    const type = this.types.get(name);
    return type === undefined ? null : { name, type };
  }

  has(role: string): boolean {
    return this.column(role) !== null;
  }

  /** The role's column as trimmed text, as a number, or as a day; NULL when not mapped. */
  text(role: string): string {
    const c = this.column(role);
    return c ? asText(c.name, c.type) : 'NULL::VARCHAR';
  }

  double(role: string): string {
    const c = this.column(role);
    return c ? asDouble(c.name, c.type) : 'NULL::DOUBLE';
  }

  day(role: string): string {
    const c = this.column(role);
    return c ? asDate(c.name, c.type) : 'NULL::DATE';
  }
}

export interface ForecastContext {
  source: SourceRecord;
  snap: Side;
  /** The outcome source; null: the snapshots carry the outcomes (the last row of each deal). */
  out: Side | null;
  identity: IdentityRule;
  /** Rows beyond the first sharing a key in one snapshot, and in the outcome source. */
  duplicateRows: number;
  outDuplicateRows: number;
  /** Snapshot rows without an id (deal_id rule): they cannot be followed and are left out. */
  missingKeyRows: number;
  /** How the snapshot rows tell won / lost (null: neither status nor stage; every row is open). */
  snapOutcome: OutcomeValues | null;
  /** How the outcome side tells them (the snapshots' when they carry the outcomes). */
  outcome: OutcomeValues;
  probabilityScale: 1 | 100 | null;
  /** Every stage met in the snapshots, with its meaning and mean probability (0..1). */
  stages: StageInfo[];
  /** The open stages in process order, and what told the order. */
  order: { stages: string[]; from: 'numbers' | 'names' | 'data' };
  snapshotDates: string[];
  asOf: string;
  warnings: string[];
}

/** Roles an analysis needs on the snapshots and on the outcome side. */
export interface RoleNeeds {
  snapshot?: readonly string[];
  outcome?: readonly string[];
  /** Roles read from either side (group by, filters): the snapshots', else the outcome's. */
  either?: readonly string[];
}

/** Deal sources whose roles say they hold activities, not deals. */
function holdsActivities(roles: Readonly<Record<string, string>>): boolean {
  return Boolean(roles.activity_type || roles.activity_at || roles.activity_id);
}

async function columnTypes(conn: DuckDBConnection, table: string): Promise<Map<string, string>> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = $1 ORDER BY column_index`,
      [table],
    )
  ).getRowObjectsJS();
  return new Map(rows.map((r) => [String(r.column_name), String(r.data_type)]));
}

/** The outcome values of a side: its status column (else stage) values that say won / lost. */
async function readOutcome(conn: DuckDBConnection, side: Side): Promise<OutcomeValues | null> {
  const role = side.has('status') ? 'status' : side.has('stage') ? 'stage' : null;
  if (!role) return null;
  const values = (
    await conn.runAndReadAll(`SELECT DISTINCT v FROM (SELECT ${side.text(role)} AS v FROM ${quoteIdent(side.table)}) WHERE v IS NOT NULL LIMIT 10000`)
  )
    .getRowObjectsJS()
    .map((r) => String(r.v));
  return outcomeValuesFrom(role, values);
}

async function probabilityScale(conn: DuckDBConnection, side: Side): Promise<1 | 100 | null> {
  if (!side.has('probability')) return null;
  const max = (await conn.runAndReadAll(`SELECT max(${side.double('probability')}) AS m FROM ${quoteIdent(side.table)}`)).getRowObjectsJS()[0]?.m;
  return max !== null && max !== undefined && num(max) > 1 ? 100 : 1;
}

/**
 * The open stages in process order: numbered names ("1. Prospect") by number; else, when every
 * open stage is a usual stage word, by that word's usual place; else the detected order
 * (inferStages: the mean probabilities when they spread). The first two do not look at
 * probabilities, so the sanity check is not circular.
 */
function openOrder(stages: readonly StageInfo[]): { stages: string[]; from: 'numbers' | 'names' | 'data' } {
  const open = stages.filter((s) => s.meaning === 'open');
  const index = new Map(open.map((s, i) => [s.stage, i]));
  const numbers = open.map((s) => stageNumber(s.stage));
  if (open.length > 0 && numbers.every((n) => n !== null)) {
    const sorted = [...open].sort((a, b) => stageNumber(a.stage)! - stageNumber(b.stage)! || index.get(a.stage)! - index.get(b.stage)!);
    return { stages: sorted.map((s) => s.stage), from: 'numbers' };
  }
  const ranks = open.map((s) => stageRank(s.stage, false));
  if (open.length > 0 && ranks.every((r) => r !== null)) {
    const sorted = [...open].sort((a, b) => stageRank(a.stage, false)! - stageRank(b.stage, false)! || index.get(a.stage)! - index.get(b.stage)!);
    return { stages: sorted.map((s) => s.stage), from: 'names' };
  }
  return { stages: open.map((s) => s.stage), from: 'data' };
}

/** Counts rows sharing a key within one snapshot (beyond the first), and rows with an empty key. */
async function duplicates(conn: DuckDBConnection, side: Side, key: string, stacked: boolean): Promise<{ duplicates: number; missing: number }> {
  const by = stacked ? 'snapshot_date, k' : 'k';
  const row = (
    await conn.runAndReadAll(
      `SELECT coalesce(sum(n - 1) FILTER (WHERE k <> ''), 0) AS d, coalesce(sum(n) FILTER (WHERE k = ''), 0) AS m
       FROM (SELECT ${by}, count(*) AS n FROM (SELECT ${stacked ? 'snapshot_date, ' : ''}${key} AS k FROM ${quoteIdent(side.table)}) GROUP BY ${by})`,
    )
  ).getRowObjectsJS()[0];
  return { duplicates: num(row?.d), missing: num(row?.m) };
}

/** How many of the latest snapshot's deals the candidate knows. */
async function overlap(conn: DuckDBConnection, snap: Side, latestDate: string, candidate: Side, rule: IdentityRule): Promise<number> {
  const row = (
    await conn.runAndReadAll(
      `SELECT count(*) AS n FROM (SELECT DISTINCT ${keyExpression(rule, snap)} AS k FROM ${quoteIdent(snap.table)} WHERE snapshot_date = $1::DATE) a
       SEMI JOIN (SELECT DISTINCT ${keyExpression(rule, candidate)} AS k FROM ${quoteIdent(candidate.table)}) b ON a.k = b.k`,
      [latestDate],
    )
  ).getRowObjectsJS()[0];
  return num(row?.n);
}

function outSide(source: SourceRecord): Side {
  return new Side(source.name, source.table, source.roles, new Map(source.columns.map((c) => [c.name, c.type])));
}

/**
 * Reads what the analyses of `source` need. `outcomeSource`: the one named, else see
 * ForecastSourceRequest.outcomeSource.
 */
export async function buildContext(
  conn: DuckDBConnection,
  sources: readonly SourceRecord[],
  name: string,
  outcomeSource: string | undefined,
): Promise<Result<ForecastContext>> {
  const source = sources.find((s) => s.name === name);
  if (!source) return fail('NOT_FOUND', `no source named "${name}"`, { location: { field: 'source' } });
  if (source.model) {
    return fail('INVALID_ARGUMENT', `"${name}" is an enriched view of the latest snapshot; analyse the snapshots of "${source.model.base}"`, {
      location: { field: 'source' },
    });
  }
  const snap = new Side(source.name, source.historyView, source.roles, await columnTypes(conn, source.historyView));
  const own = identityRule(snap);
  if (!own) {
    return fail('INVALID_ARGUMENT', `following deals across snapshots needs the roles ${IDENTITY_NEEDS}, not mapped in source "${name}"`, {
      location: { field: 'roles' },
    });
  }
  const snapshotDates = source.snapshots.map((s) => s.date);
  const latest = snapshotDates.at(-1)!;
  const warnings: string[] = [];
  const snapOutcome = await readOutcome(conn, snap);

  // The outcome side.
  let out: Side | null = null;
  let identity: IdentityRule = own;
  if (outcomeSource !== undefined && outcomeSource !== name) {
    const named = sources.find((s) => s.name === outcomeSource);
    if (!named) return fail('NOT_FOUND', `no source named "${outcomeSource}"`, { location: { field: 'outcomeSource' } });
    out = outSide(named);
    const rule = identityRule(snap, out);
    if (!rule) {
      return fail('INVALID_ARGUMENT', `deals of "${name}" cannot be matched to "${outcomeSource}": both need the roles ${IDENTITY_NEEDS}`, {
        location: { field: 'outcomeSource' },
      });
    }
    if (!outcomeRole(named.roles)) {
      return fail('INVALID_ARGUMENT', `outcome source "${outcomeSource}" maps neither status nor stage: won and lost deals cannot be told`, {
        location: { field: 'outcomeSource' },
      });
    }
    identity = rule;
  } else if (outcomeSource === undefined && (!snapOutcome || snapOutcome.won.length + snapOutcome.lost.length === 0)) {
    // Open-only snapshots: the deals source sharing the most of the latest snapshot's deals.
    let best: { side: Side; rule: IdentityRule; n: number; model: boolean; roles: number } | null = null;
    for (const s of sources) {
      if (s.name === name || s.model?.base === name || holdsActivities(s.roles) || !outcomeRole(s.roles)) continue;
      const side = outSide(s);
      const rule = identityRule(snap, side);
      if (!rule || rule.rule !== own.rule) continue;
      const n = await overlap(conn, snap, latest, side, rule);
      const entry = { side, rule, n, model: Boolean(s.model), roles: Object.keys(s.roles).length };
      const better = !best || n > best.n || (n === best.n && (Number(entry.model) - Number(best.model) || entry.roles - best.roles) > 0);
      if (n > 0 && better) best = entry;
    }
    if (best) {
      out = best.side;
      identity = best.rule;
    } else {
      warnings.push(`the snapshots of "${name}" hold open deals only and no deals source shares their deals: outcomes (won, lost) are unknown`);
    }
  }
  const outOutcome = out ? await readOutcome(conn, out) : null;
  if (!snapOutcome && !outOutcome) {
    return fail('INVALID_ARGUMENT', `source "${name}" maps neither status nor stage: won and lost deals cannot be told`, { location: { field: 'roles' } });
  }
  const outcome = outOutcome ?? snapOutcome!;
  const scale = await probabilityScale(conn, snap);

  const counts = await duplicates(conn, snap, keyExpression(identity, snap), true);
  const outCounts = out ? await duplicates(conn, out, keyExpression(identity, out), false) : { duplicates: 0, missing: 0 };
  if (counts.duplicates > 0) {
    warnings.push(`${counts.duplicates} snapshot row(s) share their deal's key with another row of the same snapshot: told apart by order`);
  }
  if (counts.missing > 0) warnings.push(`${counts.missing} snapshot row(s) have no ${identity.roles.join(' / ')}: left out`);
  if (outCounts.duplicates > 0) warnings.push(`${outCounts.duplicates} row(s) of "${out!.name}" repeat a deal: its closed row (latest) is read`);

  const stageColumn = snap.column('stage');
  const stats = stageColumn
    ? await stageStats(conn, snap.table, stageColumn.name, snap.column('probability')?.name ?? null, snap.column('status')?.name ?? null)
    : [];
  // Stage meanings also from the outcome values when the outcome is told by the stage.
  const stageOutcome = snapOutcome?.role === 'stage' ? snapOutcome : null;
  const stages = inferStages(stats).map((s) =>
    stageOutcome?.won.includes(s.stage) ? { ...s, meaning: 'won' as const } : stageOutcome?.lost.includes(s.stage) ? { ...s, meaning: 'lost' as const } : s,
  );

  const outLatest = out ? (sources.find((s) => s.name === out.name)?.snapshots.at(-1)?.date ?? latest) : latest;
  return ok({
    source,
    snap,
    out,
    identity,
    duplicateRows: counts.duplicates,
    outDuplicateRows: outCounts.duplicates,
    missingKeyRows: counts.missing,
    snapOutcome,
    outcome,
    probabilityScale: scale,
    stages,
    order: openOrder(stages),
    snapshotDates,
    asOf: outLatest > latest ? outLatest : latest,
    warnings,
  });
}

/** The roles an analysis needs that the sides do not map, in words; null when all are there. */
export function missingRoles(ctx: ForecastContext, needs: RoleNeeds): string[] {
  const missing: string[] = [];
  for (const r of needs.snapshot ?? []) if (!ctx.snap.has(r)) missing.push(r);
  const outcomeSide = ctx.out ?? ctx.snap;
  for (const r of needs.outcome ?? []) if (!outcomeSide.has(r) && !missing.includes(r)) missing.push(r);
  for (const r of needs.either ?? []) if (!ctx.snap.has(r) && !outcomeSide.has(r) && !missing.includes(r)) missing.push(r);
  return missing;
}

/** Movement and slippage compare snapshots: a source with a single one is refused, saying so. */
export function needsHistory<T>(ctx: ForecastContext, what: string): Result<T> | null {
  if (ctx.snapshotDates.length >= 2) return null;
  return fail(
    'INVALID_ARGUMENT',
    `${what} compares snapshots, and "${ctx.source.name}" has a single one (${ctx.snapshotDates[0]}): import a later export of it as a new snapshot`,
    { location: { field: 'source' } },
  );
}

export function missingRolesError<T>(ctx: ForecastContext, what: string, missing: readonly string[]): Result<T> {
  const where = ctx.out ? `source "${ctx.source.name}" (nor in outcome source "${ctx.out.name}")` : `source "${ctx.source.name}"`;
  return fail('INVALID_ARGUMENT', `${what} needs the role${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, not mapped in ${where}`, {
    location: { field: 'roles' },
  });
}

/** The open stages in the order in force: the request's first, then the detected ones it leaves out. */
export function stageOrderOf(ctx: ForecastContext, requested: readonly string[] | undefined): { stages: string[]; from: ForecastBasis['stageOrderFrom'] } {
  if (!requested || requested.length === 0) return ctx.order;
  const rest = ctx.order.stages.filter((s) => !requested.includes(s));
  return { stages: [...new Set(requested)].concat(rest), from: 'request' };
}

export function describeFilters(filters: readonly ForecastFilter[] | undefined): string[] {
  return (filters ?? []).map((f) => {
    const values = f.values.map((v) => (v === null ? 'empty' : JSON.stringify(v)));
    return values.length === 1 ? `${f.role} = ${values[0]}` : `${f.role} is one of ${values.join(', ')}`;
  });
}

export function basisOf(ctx: ForecastContext, order: { stages: string[]; from: ForecastBasis['stageOrderFrom'] }, filters: readonly ForecastFilter[] | undefined): ForecastBasis {
  return {
    source: ctx.source.name,
    outcomeSource: ctx.out?.name ?? null,
    identity: { ...ctx.identity, duplicateRows: ctx.duplicateRows },
    outcome: { role: ctx.outcome.role, won: [...ctx.outcome.won], lost: [...ctx.outcome.lost] },
    probabilityScale: ctx.probabilityScale,
    stages: order.stages,
    stageOrderFrom: order.from,
    snapshotDates: ctx.snapshotDates,
    asOf: ctx.asOf,
    filters: describeFilters(filters),
    warnings: ctx.warnings,
  };
}

/** `CASE <expr> WHEN 'a' THEN 1 ... END` over data-derived values (stage names). */
export function caseOf(expr: string, pairs: readonly [string, string][], otherwise = 'NULL'): string {
  if (pairs.length === 0) return otherwise;
  return `CASE ${expr} ${pairs.map(([k, v]) => `WHEN ${quoteLiteral(k)} THEN ${v}`).join(' ')} ELSE ${otherwise} END`;
}
