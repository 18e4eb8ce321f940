// What checking a template needs to know of the workspace's sources, read from the catalog and the
// data: columns, roles, snapshot counts, the stage names in use; and the queries behind the
// "empty period" problem (rows in the period on each slot's date field).
import type { DuckDBConnection } from '@duckdb/node-api';
import { periodFieldOf } from '../../../shared/dashboard/apply';
import type { SourceFacts } from '../../../shared/template/check';
import { slotOfSpec } from '../../../shared/template/check';
import { monthOf } from '../../../shared/template/period';
import type { RoleFixes, Template, TemplateBinding, TemplateProblem } from '../../../shared/template/types';
import type { DayRange } from '../../../shared/spec/dates';
import { quoteIdent } from '../../../shared/spec/quote';
import type { SourceRecord, Workspace } from '../workspace/workspace';

const MAX_STAGES = 200;

/** Distinct values of a source's stage column, most frequent first. */
async function stageNames(conn: DuckDBConnection, source: SourceRecord): Promise<string[] | undefined> {
  const column = source.roles.stage;
  if (column === undefined || !source.columns.some((c) => c.name === column)) return undefined;
  const rows = (
    await conn.runAndReadAll(
      `SELECT CAST(${quoteIdent(column)} AS VARCHAR) AS v, count(*) AS n FROM ${quoteIdent(source.table)}
       WHERE ${quoteIdent(column)} IS NOT NULL GROUP BY 1 ORDER BY n DESC, v LIMIT ${MAX_STAGES}`,
    )
  ).getRowObjectsJS();
  return rows.map((r) => String(r.v));
}

/** The sources as the template check sees them, with the role fixes chosen so far overlaid. */
export async function sourceFacts(workspace: Workspace, fixes: RoleFixes = {}): Promise<{ facts: SourceFacts[]; records: SourceRecord[] }> {
  const records = await workspace.listSources();
  const conn = await workspace.connect();
  try {
    const facts: SourceFacts[] = [];
    for (const s of records) {
      const roles = { ...s.roles, ...(fixes[s.name] ?? {}) };
      const withRoles = { ...s, roles };
      facts.push({
        name: s.name,
        columns: s.columns,
        roles,
        ...(s.model ? { model: s.model } : {}),
        snapshots: s.snapshots.length,
        ...(await stageNames(conn, withRoles).then((stages) => (stages ? { stages } : {}))),
      });
    }
    return { facts, records };
  } finally {
    conn.closeSync();
  }
}

/** The latest snapshot date among the sources bound: the day a template's period resolves against. */
export function referenceDayOf(records: readonly SourceRecord[], bound: readonly string[], fallback: string): string {
  let day: string | null = null;
  for (const name of bound) {
    const r = records.find((s) => s.name === name);
    const latest = r?.snapshots.at(-1)?.date;
    if (latest && (day === null || latest > day)) day = latest;
  }
  return day ?? fallback;
}

/**
 * One "empty period" problem per bound slot whose widgets the period restricts and whose source
 * holds no row in it, with the latest day holding data and the month the fix proposes.
 */
export async function emptyPeriodProblems(
  workspace: Workspace,
  template: Template,
  binding: TemplateBinding,
  facts: readonly SourceFacts[],
  records: readonly SourceRecord[],
  period: DayRange,
): Promise<TemplateProblem[]> {
  const problems: TemplateProblem[] = [];
  const conn = await workspace.connect();
  try {
    // Optional slots never block: their widgets may show an empty period.
    for (const slot of template.slots.filter((s) => !s.optional)) {
      const name = binding.sources[slot.id];
      const fact = facts.find((f) => f.name === name);
      const record = records.find((r) => r.name === name);
      if (!fact || !record) continue;
      // The date fields the period restricts on this slot's widgets.
      const columns = new Set<string>();
      for (const w of template.dashboard.widgets) {
        if (slotOfSpec(w.spec) !== slot.id || w.spec.snapshot === 'all') continue;
        const field = periodFieldOf(w.periodField === undefined ? {} : { periodField: w.periodField }, template.dashboard.filters, { ...record, roles: fact.roles });
        if (field && !('reason' in field)) columns.add(field.column);
      }
      if (columns.size === 0) continue;
      let rows = 0;
      let latest: string | null = null;
      for (const column of columns) {
        const c = quoteIdent(column);
        const r = (
          await conn.runAndReadAll(
            `SELECT count(*) FILTER (WHERE CAST(${c} AS DATE) >= CAST($1 AS DATE) AND CAST(${c} AS DATE) < CAST($2 AS DATE)) AS n,
                    strftime(max(CAST(${c} AS DATE)) FILTER (WHERE CAST(${c} AS DATE) < CAST($2 AS DATE)), '%Y-%m-%d') AS latest,
                    strftime(max(CAST(${c} AS DATE)), '%Y-%m-%d') AS last
             FROM ${quoteIdent(record.table)}`,
            [period.from, period.to],
          )
        ).getRowObjectsJS()[0];
        rows += Number(r?.n ?? 0);
        const l = (r?.latest ?? r?.last ?? null) as string | null;
        if (l !== null && (latest === null || l > latest)) latest = l;
      }
      if (rows === 0) {
        problems.push({
          kind: 'empty_period',
          slot: slot.id,
          source: fact.name,
          period: { from: period.from, to: period.to },
          rows: 0,
          latest,
          suggestion: latest ? monthOf(latest) : null,
        });
      }
    }
  } finally {
    conn.closeSync();
  }
  return problems;
}
