// "Explain this number": what a result (or one of its cells) is made of — each measure's
// definition, the filters in force in words, the source, the snapshot(s) and files read (with
// their import date and content hash), the row count behind the number, and the SQL of the
// aggregate and of the drill-through.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CellSelector, ExplainedFile, Explanation, MeasureExplanation, Result } from '../../../shared/api';
import { compileSpec } from '../../../shared/spec/compile';
import { quoteIdent } from '../../../shared/spec/quote';
import type { NormalizedMeasure, SourceSchema } from '../../../shared/spec/types';
import { T } from '../workspace/catalog';
import type { SourceRecord } from '../workspace/workspace';
import { drillCount, drillQuery, type ResolvedSpec } from './drill';

const SHOW_WORDS: Record<string, string> = {
  percent_of_total: 'as a share of the grand total',
  percent_of_row: "as a share of its row's total",
  percent_of_column: "as a share of its column's total",
  running_total: 'as a running total',
};

export function explainMeasure(m: NormalizedMeasure, schema: SourceSchema): MeasureExplanation {
  const shown = m.show !== null ? `, shown ${SHOW_WORDS[m.show] ?? m.show}` : '';
  if (m.kind === 'formula') {
    return { id: m.id, label: m.label, kind: 'formula', formula: m.formula, text: `${m.label} = ${m.formula}${shown}` };
  }
  const column = m.column ?? (m.role !== null ? (schema.roles?.[m.role] ?? null) : null);
  const target = column === null ? 'rows' : m.role !== null ? `${column} (${m.role})` : column;
  const op = m.op === 'count_distinct' ? 'count of distinct' : m.op === 'count' && column !== null ? 'count of non-empty' : m.op;
  return { id: m.id, label: m.label, kind: 'aggregate', op: m.op, column, role: m.role, text: `${m.label} = ${op} ${target}${shown}` };
}

/** The snapshots a spec reads: of its source as asked, plus, for an enriched model, the latest of each joined source. */
function snapshotsRead(source: SourceRecord, all: readonly SourceRecord[], snapshot: string): { source: string; date: string }[] {
  const base = source.model ? (all.find((s) => s.name === source.model!.base) ?? source) : source;
  const own =
    snapshot === 'all'
      ? base.snapshotTables
      : snapshot === 'latest'
        ? base.snapshotTables.slice(-1)
        : base.snapshotTables.filter((s) => s.date === snapshot);
  const out = own.map((s) => ({ source: base.name, date: s.date }));
  if (source.model && snapshot === 'latest') {
    for (const name of source.model.joined) {
      const joined = all.find((s) => s.name === name);
      const latest = joined?.snapshotTables.at(-1);
      if (joined && latest) out.push({ source: joined.name, date: latest.date });
    }
  }
  return out;
}

async function filesOf(conn: DuckDBConnection, wanted: { source: string; date: string }[], all: readonly SourceRecord[]): Promise<ExplainedFile[]> {
  if (wanted.length === 0) return [];
  const names = [...new Set(wanted.map((w) => w.source))];
  const rows = (
    await conn.runAndReadAll(
      `SELECT source, strftime(snapshot_date, '%Y-%m-%d') AS d, content_hash
       FROM ${quoteIdent(T.snapshots)} WHERE source IN (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
      names,
    )
  ).getRowObjectsJS();
  const hashes = new Map(rows.map((r) => [`${String(r.source)}\u0000${String(r.d)}`, r.content_hash === null ? null : String(r.content_hash)]));
  return wanted.flatMap((w) => {
    const snap = all.find((s) => s.name === w.source)?.snapshotTables.find((s) => s.date === w.date);
    if (!snap) return [];
    return [
      {
        source: w.source,
        snapshotDate: w.date,
        file: snap.file,
        importedAt: snap.importedAt,
        rowCount: snap.rowCount,
        contentHash: hashes.get(`${w.source}\u0000${w.date}`) ?? null,
      },
    ];
  });
}

export async function explain(
  conn: DuckDBConnection,
  resolved: ResolvedSpec,
  source: SourceRecord,
  sources: readonly SourceRecord[],
  cell: CellSelector = {},
): Promise<Result<Explanation>> {
  const { spec, schema } = resolved;
  const aggregate = compileSpec(spec, schema);
  if (!aggregate.ok) return aggregate;
  const drill = drillQuery(resolved, cell);
  if (!drill.ok) return drill;
  const read = snapshotsRead(source, sources, spec.snapshot);
  const files = await filesOf(conn, read, sources);
  const rowCount = await drillCount(conn, drill.value);
  return {
    ok: true,
    value: {
      source: source.name,
      snapshot: spec.snapshot,
      snapshotDates: [...new Set(read.filter((r) => r.source === (source.model?.base ?? source.name)).map((r) => r.date))],
      files,
      measures: spec.measures.map((m) => explainMeasure(m, schema)),
      filters: drill.value.filters,
      rowCount,
      sql: {
        aggregate: aggregate.value.sql,
        aggregateParams: aggregate.value.params,
        drill: drill.value.sql,
        drillParams: drill.value.params,
      },
    },
  };
}
