// The core's implementation of the contract. Every host (Electron main, browser-mode server, CLI)
// calls this and nothing else; it runs under plain Node and never imports 'electron'.
import { tmpdir } from 'node:os';
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportInspection, ImportReport, ValueKind } from '../../shared/import/types';
import type {
  ColumnKind,
  DrillRequest,
  DrillWindow,
  ExplainRequest,
  Explanation,
  FileRef,
  ImportRequest,
  InspectRequest,
  PreviewRequest,
  Progress,
  QdError,
  QuarterdeckApi,
  QueryRequest,
  Relationship,
  RelationshipProposal,
  QueryResult,
  Result,
  RowWindow,
  SaveSegmentRequest,
  SegmentInfo,
  SourceInfo,
  SourceProfile,
  WorkspaceInfo,
} from '../../shared/api';
import { ok } from '../../shared/api';
import { parseArgs } from '../../shared/api-schema';
import { columnKind } from '../../shared/spec/column-kind';
import { compileSpec } from '../../shared/spec/compile';
import { normalizeFilterTree, normalizeSpec } from '../../shared/spec/normalize';
import { compileFilters } from '../../shared/spec/compile';
import { expandSegments } from '../../shared/spec/segments';
import { parseSpec } from '../../shared/spec/schema';
import type { AnalysisSpec } from '../../shared/spec/types';
import type { SourceSchema } from '../../shared/spec/types';
import { quoteIdent } from '../../shared/spec/quote';
import { ImportError } from './import/errors';
import { importSource, inspectSource } from './import/import-source';
import { Operations } from './operations';
import { queryToArrow } from './query/arrow';
import { rebuildModels } from './model/model-views';
import { proposeRelationships } from './model/relationships';
import { ResultCache } from './query/cache';
import { drillWindow, type ResolvedSpec } from './query/drill';
import { expandKpiMeasures, hasKpiMeasures, kpiDataOf } from './query/kpi-measures';
import { explain } from './query/explain';
import { profileSource } from './query/profile';
import { deleteSegment, listSegments, writeSegment } from './query/segments';
import { StageOrders } from './query/stage-order';
import { checkChangedWidgets } from './dashboard/check';
import { fieldValues } from './dashboard/field-values';
import { deleteDashboard, listDashboards, orderDashboards, readSettings, writeDashboard, writeSettings } from './dashboard/store';
import { dashboardIdsSchema, fieldValuesRequestSchema, parseDashboardInput, parseWith, settingsPatchSchema } from '../../shared/dashboard/schema';
import type { Dashboard, FieldValues, FieldValuesRequest, WorkspaceSettings } from '../../shared/dashboard/types';
import type {
  CalibrationRequest,
  CalibrationResult,
  ForecastAccuracyRequest,
  ForecastAccuracyResult,
  ForecastDealWindow,
  MovementDealsRequest,
  MovementRequest,
  MovementResult,
  SlippageDealsRequest,
  SlippageRequest,
  SlippageResult,
  StageSanityRequest,
  StageSanityResult,
} from '../../shared/forecast/types';
import { ForecastOperations } from './forecast/operations';
import type { CreateReviewRequest, ExportedFile, ExportReviewRequest, Review, ReviewSummary, ReviewWithPrevious, UpdateReviewRequest } from '../../shared/review/types';
import type { ApplyTemplateRequest, CheckTemplateRequest, ExportedTemplate, SaveAsTemplateRequest, Template, TemplateCheckReport } from '../../shared/template/types';
import { ReviewService, type ReviewServiceOptions } from './review/service';
import { splitRoleChanges, writeSourceRoles } from './template/roles';
import { TemplateService } from './template/service';
import { T } from './workspace/catalog';
import { type SourceRecord, Workspace } from './workspace/workspace';

export interface CoreOptions {
  /** Resolves an upload id (browser host) to the temp file holding its bytes. */
  resolveUpload?: (id: string) => { path: string; name: string } | null;
  /** Folder for transcoded files and sheets being imported; the OS temp folder by default. */
  tempDir?: string;
  /** How reviews print to PDF and draw their charts (see review/service.ts). */
  review?: ReviewServiceOptions;
}

export class CoreApi implements QuarterdeckApi {
  readonly operations = new Operations();
  /** runQuery results by (normalized spec, data version): see query/cache.ts. */
  readonly resultCache = new ResultCache();
  private readonly profiles = new Map<string, SourceProfile>();
  /** Outcome values and probability scales read for KPI measures, per source version and table. */
  private readonly kpiData = new Map<string, Promise<unknown>>();
  /** Natural orders (the stage column's pipeline order) per source and data version. */
  private readonly stageOrders: StageOrders;
  /** Forecast reliability and pipeline history over snapshots (forecast/). */
  private readonly forecast: ForecastOperations;
  /** The template library and the check → fix → apply flow (template/). */
  readonly templates: TemplateService;
  /** Reviews: frozen runs of a template, notes, actions, exports (review/). */
  readonly reviews: ReviewService;

  private constructor(
    readonly workspace: Workspace,
    private readonly options: CoreOptions,
  ) {
    this.stageOrders = new StageOrders(workspace);
    this.forecast = new ForecastOperations(workspace);
    this.templates = new TemplateService(workspace, this);
    this.reviews = new ReviewService(workspace, this, this.templates, options.review ?? {});
  }

  static async open(workspacePath: string, options: CoreOptions = {}): Promise<CoreApi> {
    return new CoreApi(await Workspace.open(workspacePath), options);
  }

  close(): void {
    this.workspace.close();
  }

  private get tempDir(): string {
    return this.options.tempDir ?? tmpdir();
  }

  async getWorkspace(): Promise<Result<WorkspaceInfo>> {
    return guard(async () => ok(await this.workspaceInfo()));
  }

  async proposeRelationships(): Promise<Result<RelationshipProposal[]>> {
    return guard(async () => {
      const sources = (await this.workspace.listSources()).filter((s) => !s.model);
      const conn = await this.workspace.connect();
      try {
        const confirmed = await readRelationships(conn);
        const key = (r: Relationship) => `${r.from.source}\u0000${r.from.column}\u0000${r.to.source}\u0000${r.to.column}`;
        const confirmedKeys = new Set(confirmed.map(key));
        const found = await proposeRelationships(
          conn,
          sources.map((s) => ({ name: s.name, table: s.table, columns: s.columns.map((c) => ({ name: c.name, kind: valueKindOf(c.kind) })) })),
        );
        const proposals = found.map((p) => ({ ...p, confirmed: confirmedKeys.has(key(p)) }));
        // A confirmed link the detector no longer proposes (coverage fell) still shows.
        for (const c of confirmed) {
          if (!proposals.some((p) => key(p) === key(c))) {
            proposals.push({ ...c, matchedRows: 0, unmatchedRows: 0, emptyRows: 0, unmatchedValues: [], coverage: 0, message: 'confirmed earlier; not found in the data any more', confirmed: true });
          }
        }
        return ok(proposals.sort((a, b) => Number(b.confirmed) - Number(a.confirmed) || b.coverage - a.coverage));
      } finally {
        conn.closeSync();
      }
    });
  }

  async setRelationship(relationship: Relationship, confirmed: boolean): Promise<Result<WorkspaceInfo>> {
    return guard(async () => {
      const sources = await this.workspace.listSources();
      for (const end of [relationship.from, relationship.to]) {
        const source = sources.find((s) => s.name === end.source && !s.model);
        if (!source) return notFound(end.source, 'relationship');
        if (!source.columns.some((c) => c.name === end.column)) {
          return { ok: false, error: { code: 'NOT_FOUND', message: `"${end.source}" has no column "${end.column}"`, location: { field: 'relationship' } } };
        }
      }
      if (relationship.from.source === relationship.to.source) {
        return { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'a source cannot refer to itself', location: { field: 'relationship' } } };
      }
      // Enriched models span sources: a relationship change gives every source a new data version.
      await this.workspace.exclusive(async () => {
        const conn = await this.workspace.connect();
        try {
          await conn.run('BEGIN TRANSACTION');
          await conn.run(`DELETE FROM ${quoteIdent(T.relationships)} WHERE from_source = $1 AND from_column = $2`, [
            relationship.from.source,
            relationship.from.column,
          ]);
          if (confirmed) {
            await conn.run(`INSERT INTO ${quoteIdent(T.relationships)} VALUES ($1, $2, $3, $4, now()::TIMESTAMP)`, [
              relationship.from.source,
              relationship.from.column,
              relationship.to.source,
              relationship.to.column,
            ]);
          }
          await rebuildModels(conn);
          await conn.run('COMMIT');
        } catch (e) {
          await conn.run('ROLLBACK').catch(() => undefined);
          throw e;
        } finally {
          conn.closeSync();
        }
      }, { all: true });
      return ok(await this.workspaceInfo());
    });
  }

  async inspectImport(request: InspectRequest): Promise<Result<ImportInspection>> {
    return guard(async () => {
      const file = this.resolveFile(request.file);
      if (!file.ok) return file;
      return ok(
        await inspectSource(
          this.workspace,
          { path: file.value.path, displayName: file.value.name },
          request.settings ?? {},
          this.tempDir,
          request.sourceName,
        ),
      );
    });
  }

  async importFile(request: ImportRequest): Promise<Result<ImportReport>> {
    return guard(async () => {
      const file = this.resolveFile(request.file);
      if (!file.ok) return file;
      const report = await importSource(
        this.workspace,
        this.operations,
        {
          file: { path: file.value.path, displayName: file.value.name },
          settings: request.settings ?? {},
          replace: request.replace ?? false,
          ...(request.sourceName ? { sourceName: request.sourceName } : {}),
          ...(request.snapshotDate ? { snapshotDate: request.snapshotDate } : {}),
          ...(request.roles ? { roles: request.roles } : {}),
          ...(request.opId ? { opId: request.opId } : {}),
        },
        this.tempDir,
      );
      this.profiles.delete(report.source);
      return ok(report);
    });
  }

  async removeSource(name: string): Promise<Result<WorkspaceInfo>> {
    return guard(async () => {
      const source = await this.workspace.findSource(name);
      if (!source) return notFound(name);
      if (source.model) {
        return {
          ok: false,
          error: { code: 'INVALID_ARGUMENT', message: `"${name}" is the enriched view of "${source.model.base}": remove its relationships instead` },
        };
      }
      await this.workspace.exclusive(async () => {
        const conn = await this.workspace.connect();
        try {
          await conn.run('BEGIN TRANSACTION');
          await conn.run(`DROP VIEW IF EXISTS ${quoteIdent(source.historyView)}`);
          for (const snapshot of source.snapshotTables) await conn.run(`DROP TABLE ${quoteIdent(snapshot.table)}`);
          for (const table of [T.snapshots, T.roles]) {
            await conn.run(`DELETE FROM ${quoteIdent(table)} WHERE source = $1`, [name]);
          }
          await conn.run(`DELETE FROM ${quoteIdent(T.relationships)} WHERE from_source = $1 OR to_source = $1`, [name]);
          await conn.run(`DELETE FROM ${quoteIdent(T.sources)} WHERE name = $1`, [name]);
          await rebuildModels(conn);
          await conn.run('COMMIT');
        } catch (e) {
          await conn.run('ROLLBACK').catch(() => undefined);
          throw e;
        } finally {
          conn.closeSync();
        }
      });
      this.profiles.delete(name);
      return ok(await this.workspaceInfo());
    });
  }

  async previewRows(request: PreviewRequest): Promise<Result<RowWindow>> {
    return guard(async () => {
      const source = await this.workspace.findSource(request.source);
      if (!source) return notFound(request.source);
      const conn = await this.workspace.connect();
      try {
        // rowid ranges are served from the table's row groups directly: a window deep in a
        // million rows costs the same as the first one.
        const from = request.offset;
        const to = request.offset + request.limit;
        const result = await queryToArrow(
          conn,
          `SELECT * FROM ${quoteIdent(source.table)} WHERE rowid >= $1 AND rowid < $2 ORDER BY rowid`,
          [from, to],
        );
        return ok({ ipc: result.ipc, offset: from, rowCount: result.rowCount, totalRows: source.rowCount });
      } finally {
        conn.closeSync();
      }
    });
  }

  async profileSource(name: string): Promise<Result<SourceProfile>> {
    return guard(async () => {
      const cached = this.profiles.get(name);
      if (cached) return ok(cached);
      const source = await this.workspace.findSource(name);
      if (!source) return notFound(name);
      const conn = await this.workspace.connect();
      try {
        const profile = await profileSource(conn, source);
        this.profiles.set(name, profile);
        return ok(profile);
      } finally {
        conn.closeSync();
      }
    });
  }

  async runQuery(request: QueryRequest): Promise<Result<QueryResult>> {
    return guard(async () => {
      // The generation before anything is read: a write that overlaps this query changes it,
      // and the result is then not kept (nor is a cached one served while a write runs).
      const generation = this.workspace.dataVersion;
      const parsed = await this.parseAndExpand(request.spec);
      if (!parsed.ok) return parsed;
      const source = await this.workspace.findSource(parsed.value.source);
      if (!source) return notFound(parsed.value.source, 'spec.source');
      // Keyed by the spec as asked (its KPI measures unexpanded: their expansion depends only on
      // the source's data) and the versions of the sources it reads.
      const version = this.workspace.versionToken(source);
      const today = localToday();
      const key = ResultCache.key(normalizeSpec(parsed.value), version, today);
      const started = performance.now();
      const cached = generation % 2 === 0 ? this.resultCache.get(key) : undefined;
      if (cached) return ok({ ...cached, elapsedMs: performance.now() - started });
      const snapshot = parsed.value.snapshot ?? 'latest';
      const schema = await this.schemaOf(source, snapshot, today);
      if (!schema.ok) return schema;
      const expanded = await this.expandKpis(parsed.value, source, schema.value);
      if (!expanded.ok) return expanded;
      const spec = normalizeSpec(expanded.value);
      // One row more than asked tells whether the result was cut.
      const compiled = compileSpec({ ...spec, limit: spec.limit + 1 }, schema.value);
      if (!compiled.ok) return compiled;
      const conn = await this.workspace.connect();
      const op = this.operations.start(request.opId, 'Running query', conn);
      try {
        const arrow = await queryToArrow(conn, compiled.value.sql, compiled.value.params, {
          maxRows: spec.limit,
          sqlLimited: true,
        });
        const elapsedMs = performance.now() - started;
        const byId = new Map(arrow.columns.map((c) => [c.name, c]));
        const result: QueryResult = {
          ipc: arrow.ipc,
          rowCount: arrow.rowCount,
          truncated: arrow.truncated,
          columns: compiled.value.columns.map((c) => {
            const type = byId.get(c.id)?.duckdbType ?? 'VARCHAR';
            const role = compiled.value.grouping?.column === c.id ? ('grouping' as const) : c.role;
            return { ...c, role, type, kind: columnKind(type) };
          }),
          // The SQL shown to the user carries the limit they asked for.
          sql: compiled.value.sql.replace(/LIMIT \d+$/, `LIMIT ${spec.limit}`),
          elapsedMs,
        };
        if (generation % 2 === 0 && this.workspace.dataVersion === generation) {
          this.resultCache.dropStale((v) => this.workspace.isCurrent(v));
          this.resultCache.set(key, result);
        }
        return ok(result);
      } catch (e) {
        if (op.isCancelled()) return { ok: false, error: { code: 'CANCELLED', message: 'query cancelled' } };
        return {
          ok: false,
          error: { code: 'QUERY_FAILED', message: firstLine(e), detail: String(e) },
        };
      } finally {
        op.finish();
        conn.closeSync();
      }
    });
  }

  async drillRows(request: DrillRequest): Promise<Result<DrillWindow>> {
    return guard(async () => {
      const resolved = await this.resolveSpec(request.spec);
      if (!resolved.ok) return resolved;
      const conn = await this.workspace.connect();
      try {
        return await drillWindow(conn, resolved.value, request);
      } catch (e) {
        return { ok: false, error: { code: 'QUERY_FAILED', message: firstLine(e), detail: String(e) } };
      } finally {
        conn.closeSync();
      }
    });
  }

  async explain(request: ExplainRequest): Promise<Result<Explanation>> {
    return guard(async () => {
      const resolved = await this.resolveSpec(request.spec);
      if (!resolved.ok) return resolved;
      const sources = await this.workspace.listSources();
      const conn = await this.workspace.connect();
      try {
        return await explain(conn, resolved.value, resolved.value.source, sources, request.cell ?? {});
      } catch (e) {
        return { ok: false, error: { code: 'QUERY_FAILED', message: firstLine(e), detail: String(e) } };
      } finally {
        conn.closeSync();
      }
    });
  }

  /** A spec checked, normalized and resolved against its source and snapshot. */
  private async resolveSpec(input: AnalysisSpec): Promise<Result<ResolvedSpec & { source: SourceRecord }>> {
    const parsed = await this.parseAndExpand(input);
    if (!parsed.ok) return parsed;
    const source = await this.workspace.findSource(parsed.value.source);
    if (!source) return notFound(parsed.value.source, 'spec.source');
    const schema = await this.schemaOf(source, parsed.value.snapshot ?? 'latest', localToday());
    if (!schema.ok) return schema;
    const expanded = await this.expandKpis(parsed.value, source, schema.value);
    if (!expanded.ok) return expanded;
    const spec = normalizeSpec(expanded.value);
    const isTable = !source.model && source.snapshotTables.some((s) => s.table === schema.value.table);
    return ok({ spec, schema: schema.value, isTable, source });
  }

  /**
   * Catalog KPIs named as measures, replaced by their formula measures (query/kpi-measures.ts).
   * The data they read (outcome values, probability scale) is kept per source version and table.
   */
  private async expandKpis(spec: AnalysisSpec, source: SourceRecord, schema: SourceSchema): Promise<Result<AnalysisSpec>> {
    if (!hasKpiMeasures(spec)) return ok(spec);
    const roles = schema.roles ?? {};
    const prefix = `${this.workspace.versionToken(source)}\u0000${schema.table}\u0000`;
    const data = kpiDataOf(() => this.workspace.connect(), schema.table, roles);
    const memo = <T>(what: string, read: () => Promise<T>): Promise<T> => {
      const k = prefix + what;
      let hit = this.kpiData.get(k) as Promise<T> | undefined;
      if (!hit) {
        if (this.kpiData.size > 256) this.kpiData.clear();
        hit = read();
        hit.catch(() => this.kpiData.delete(k));
        this.kpiData.set(k, hit);
      }
      return hit;
    };
    return expandKpiMeasures(
      spec,
      { name: source.name, roles, today: schema.today ?? localToday() },
      { outcome: () => memo('outcome', () => data.outcome()), probabilityScale: () => memo('scale', () => data.probabilityScale()) },
    );
  }

  /** A spec checked, with its named segments replaced by their filters (ANDed with its own). */
  private async parseAndExpand(input: AnalysisSpec): Promise<Result<AnalysisSpec>> {
    const parsed = parseSpec(input);
    if (!parsed.ok) return parsed;
    const zone = parsed.value.timeZone;
    if (zone !== undefined && !knownTimeZone(zone)) {
      return { ok: false, error: { code: 'SPEC_INVALID', message: `unknown time zone "${zone}"`, location: { field: 'timeZone' } } };
    }
    if (parsed.value.segments === undefined || parsed.value.segments.length === 0) return expandSegments(parsed.value, []);
    return expandSegments(parsed.value, await listSegments(this.workspace));
  }

  /** The schema a spec compiles against: the snapshot's table, the roles, and natural orders. */
  private async schemaOf(source: SourceRecord, snapshot: string, today: string): Promise<Result<SourceSchema>> {
    const schema = snapshotSchema(source, snapshot, today);
    if (!schema.ok) return schema;
    const orders = await this.stageOrders.ordersOf(source);
    return ok(Object.keys(orders).length > 0 ? { ...schema.value, orders } : schema.value);
  }

  async listSegments(): Promise<Result<SegmentInfo[]>> {
    return guard(async () => ok(await listSegments(this.workspace)));
  }

  async saveSegment(input: SaveSegmentRequest): Promise<Result<SegmentInfo>> {
    return guard(async () => {
      // Checked here too (not only by the host): the filter is stored and compiled later.
      const args = parseArgs('saveSegment', [input]);
      if (!args.ok) return args;
      const request = args.value[0];
      const source = request.source ?? null;
      if (source !== null) {
        // A segment tied to a source is checked against its columns and roles now, not at first use.
        const record = await this.workspace.findSource(source);
        if (!record) return notFound(source, 'source');
        const schema = snapshotSchema(record, 'latest', localToday());
        if (!schema.ok) return schema;
        const checked = compileFilters(normalizeFilterTree(request.filter), schema.value);
        if (!checked.ok) return checked;
      }
      await writeSegment(this.workspace, {
        name: request.name,
        source,
        filter: request.filter,
        description: request.description ?? null,
      });
      const saved = (await listSegments(this.workspace)).find((s) => s.name === request.name);
      if (!saved) throw new Error(`segment "${request.name}" was not saved`);
      return ok(saved);
    });
  }

  async removeSegment(name: string): Promise<Result<SegmentInfo[]>> {
    return guard(async () => {
      if (!(await deleteSegment(this.workspace, name))) {
        return { ok: false, error: { code: 'NOT_FOUND', message: `no segment named "${name}"`, location: { field: 'name' } } };
      }
      return ok(await listSegments(this.workspace));
    });
  }

  async listDashboards(): Promise<Result<Dashboard[]>> {
    return guard(async () => ok((await listDashboards(this.workspace)).dashboards));
  }

  async saveDashboard(input: Dashboard): Promise<Result<Dashboard>> {
    return guard(async () => {
      // Checked here too (not only by the host): the document is stored and read back later.
      const parsed = parseDashboardInput(input);
      if (!parsed.ok) return parsed;
      const dashboard = parsed.value;
      return writeDashboard(this.workspace, dashboard, (previous, stored) =>
        checkChangedWidgets(
          dashboard,
          previous,
          async (spec) => {
            const resolved = await this.resolveSpec(spec);
            return resolved.ok ? compileSpec(resolved.value.spec, resolved.value.schema) : resolved;
          },
          stored,
        ),
      );
    });
  }

  async removeDashboard(id: string): Promise<Result<Dashboard[]>> {
    return guard(async () => {
      if (!(await deleteDashboard(this.workspace, id))) {
        return { ok: false, error: { code: 'NOT_FOUND', message: `no dashboard with id "${id}"`, location: { field: 'id' } } };
      }
      return ok((await listDashboards(this.workspace)).dashboards);
    });
  }

  async reorderDashboards(ids: string[]): Promise<Result<Dashboard[]>> {
    return guard(async () => {
      const parsed = parseWith<string[]>(dashboardIdsSchema, ids, 'ids');
      if (!parsed.ok) return parsed;
      const missing = await orderDashboards(this.workspace, [...new Set(parsed.value)]);
      if (missing.length > 0) {
        return { ok: false, error: { code: 'NOT_FOUND', message: `no dashboard with id "${missing[0]}"`, location: { field: 'ids' } } };
      }
      return ok((await listDashboards(this.workspace)).dashboards);
    });
  }

  async getSettings(): Promise<Result<WorkspaceSettings>> {
    return guard(async () => ok(await readSettings(this.workspace)));
  }

  async saveSettings(settings: Partial<WorkspaceSettings>): Promise<Result<WorkspaceSettings>> {
    return guard(async () => {
      const parsed = parseWith<Partial<WorkspaceSettings>>(settingsPatchSchema, settings, 'settings');
      if (!parsed.ok) return parsed;
      await writeSettings(this.workspace, parsed.value);
      return ok(await readSettings(this.workspace));
    });
  }

  async fieldValues(request: FieldValuesRequest): Promise<Result<FieldValues>> {
    return guard(async () => {
      const parsed = parseWith<FieldValuesRequest>(fieldValuesRequestSchema, request, 'fieldValues');
      if (!parsed.ok) return parsed;
      const { source: name, field, search, limit } = parsed.value;
      const source = await this.workspace.findSource(name);
      if (!source) return notFound(name, 'source');
      const columnName = 'role' in field ? source.roles[field.role] : field.column;
      if (columnName === undefined) {
        return { ok: false, error: { code: 'NOT_FOUND', message: `"${name}" maps no column to the role "${'role' in field ? field.role : ''}"`, location: { field: 'field.role' } } };
      }
      const column = source.columns.find((c) => c.name === columnName);
      if (!column) {
        return { ok: false, error: { code: 'NOT_FOUND', message: `"${name}" has no column "${columnName}"`, location: { field: 'role' in field ? 'field.role' : 'field.column' } } };
      }
      const conn = await this.workspace.connect();
      try {
        return ok(await fieldValues(conn, source.table, column, { ...(search !== undefined ? { search } : {}), ...(limit !== undefined ? { limit } : {}) }));
      } finally {
        conn.closeSync();
      }
    });
  }

  async forecastAccuracy(request: ForecastAccuracyRequest): Promise<Result<ForecastAccuracyResult>> {
    return guard(() => this.forecast.forecastAccuracy(request));
  }

  async probabilityCalibration(request: CalibrationRequest): Promise<Result<CalibrationResult>> {
    return guard(() => this.forecast.probabilityCalibration(request));
  }

  async pipelineMovement(request: MovementRequest): Promise<Result<MovementResult>> {
    return guard(() => this.forecast.pipelineMovement(request));
  }

  async movementDeals(request: MovementDealsRequest): Promise<Result<ForecastDealWindow>> {
    return guard(() => this.forecast.movementDeals(request));
  }

  async slippage(request: SlippageRequest): Promise<Result<SlippageResult>> {
    return guard(() => this.forecast.slippage(request));
  }

  async slippageDeals(request: SlippageDealsRequest): Promise<Result<ForecastDealWindow>> {
    return guard(() => this.forecast.slippageDeals(request));
  }

  async stageProbabilitySanity(request: StageSanityRequest): Promise<Result<StageSanityResult>> {
    return guard(() => this.forecast.stageProbabilitySanity(request));
  }

  async setSourceRoles(name: string, roles: Record<string, string | null>): Promise<Result<WorkspaceInfo>> {
    return guard(async () => {
      const args = parseArgs('setSourceRoles', [name, roles]);
      if (!args.ok) return args;
      const sources = await this.workspace.listSources();
      const source = sources.find((s) => s.name === name);
      if (!source) return notFound(name);
      const split = splitRoleChanges(source, sources, roles);
      if (!split.ok) return split;
      await writeSourceRoles(this.workspace, split.value);
      return ok(await this.workspaceInfo());
    });
  }

  async listTemplates(): Promise<Result<Template[]>> {
    return guard(async () => ok(await this.templates.list()));
  }

  async saveDashboardAsTemplate(request: SaveAsTemplateRequest): Promise<Result<Template>> {
    return guard(async () => {
      const args = parseArgs('saveDashboardAsTemplate', [request]);
      if (!args.ok) return args;
      return this.templates.saveDashboardAsTemplate(args.value[0]);
    });
  }

  async importTemplate(text: string, fileName: string): Promise<Result<Template>> {
    return guard(async () => {
      const args = parseArgs('importTemplate', [text, fileName]);
      if (!args.ok) return args;
      return this.templates.importTemplate(text, fileName);
    });
  }

  async exportTemplate(id: string): Promise<Result<ExportedTemplate>> {
    return guard(() => this.templates.exportTemplate(id));
  }

  async removeTemplate(id: string): Promise<Result<Template[]>> {
    return guard(() => this.templates.removeTemplate(id));
  }

  async checkTemplate(request: CheckTemplateRequest): Promise<Result<TemplateCheckReport>> {
    return guard(async () => {
      const args = parseArgs('checkTemplate', [request]);
      if (!args.ok) return args;
      return this.templates.check(args.value[0]);
    });
  }

  async applyTemplate(request: ApplyTemplateRequest): Promise<Result<Dashboard>> {
    return guard(async () => {
      const args = parseArgs('applyTemplate', [request]);
      if (!args.ok) return args;
      return this.templates.apply(args.value[0]);
    });
  }

  async createReview(request: CreateReviewRequest): Promise<Result<ReviewWithPrevious>> {
    return guard(async () => {
      const args = parseArgs('createReview', [request]);
      if (!args.ok) return args;
      return this.reviews.create(args.value[0]);
    });
  }

  async listReviews(): Promise<Result<ReviewSummary[]>> {
    return guard(async () => ok(await this.reviews.list()));
  }

  async getReview(id: string): Promise<Result<ReviewWithPrevious>> {
    return guard(() => this.reviews.get(id));
  }

  async updateReview(request: UpdateReviewRequest): Promise<Result<Review>> {
    return guard(async () => {
      const args = parseArgs('updateReview', [request]);
      if (!args.ok) return args;
      return this.reviews.update(args.value[0]);
    });
  }

  async removeReview(id: string): Promise<Result<ReviewSummary[]>> {
    return guard(() => this.reviews.remove(id));
  }

  async exportReview(request: ExportReviewRequest): Promise<Result<ExportedFile>> {
    return guard(async () => {
      const args = parseArgs('exportReview', [request]);
      if (!args.ok) return args;
      return this.reviews.export(args.value[0]);
    });
  }

  async getProgress(opId: string): Promise<Result<Progress | null>> {
    return ok(this.operations.get(opId));
  }

  async cancel(opId: string): Promise<Result<boolean>> {
    return ok(this.operations.cancel(opId));
  }

  private async workspaceInfo(): Promise<WorkspaceInfo> {
    const sources = await this.workspace.listSources();
    return { name: this.workspace.name, sources: sources.map(publicSource) };
  }

  private resolveFile(ref: FileRef): Result<{ path: string; name: string }> {
    if (ref.kind === 'path') return ok({ path: ref.path, name: basename(ref.path) });
    const upload = this.options.resolveUpload?.(ref.id) ?? null;
    if (!upload) {
      return {
        ok: false,
        error: { code: 'NOT_FOUND', message: `upload ${ref.id} not found`, location: { file: ref.name } },
      };
    }
    return ok({ path: upload.path, name: ref.name });
  }
}

function publicSource(record: SourceRecord): SourceInfo {
  const { table: _t, slug: _s, signature: _g, historyView: _h, snapshotTables: _n, ...info } = record;
  return info;
}

/** The table (or view) a spec reads for the snapshot it asks for. */
/** The calendar day of this machine, YYYY-MM-DD: what "last complete month" is relative to. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The table (or view) a spec reads for the snapshot it asks for, with the source's roles. */
function snapshotSchema(source: SourceRecord, snapshot: string, today = localToday()): Result<SourceSchema> {
  const base = { roles: source.roles, today };
  if (snapshot === 'latest') return ok({ ...base, table: source.table, columns: source.columns });
  if (snapshot === 'all') {
    return ok({
      ...base,
      table: source.historyView,
      columns: [{ name: 'snapshot_date', type: 'DATE' }, ...source.columns.filter((c) => c.name !== 'snapshot_date')],
    });
  }
  const found = source.snapshotTables.find((s) => s.date === snapshot);
  if (!found) {
    return {
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message: `"${source.name}" has no snapshot dated ${snapshot} (it has ${source.snapshots.map((s) => s.date).join(', ')})`,
        location: { field: 'spec.snapshot' },
      },
    };
  }
  return ok({ ...base, table: found.table, columns: source.columns });
}

async function readRelationships(conn: DuckDBConnection): Promise<Relationship[]> {
  return (await conn.runAndReadAll(`SELECT * FROM ${quoteIdent(T.relationships)} ORDER BY created_at`))
    .getRowObjectsJS()
    .map((r) => ({
      from: { source: String(r.from_source), column: String(r.from_column) },
      to: { source: String(r.to_source), column: String(r.to_column) },
    }));
}

/** The typing kind closest to a stored column's family, for the relationship finder. */
function valueKindOf(kind: ColumnKind): ValueKind {
  return kind === 'number' ? 'decimal' : kind === 'date' ? 'date' : kind === 'timestamp' ? 'timestamp' : kind === 'boolean' ? 'boolean' : 'text';
}

/** Whether the IANA database (Node's ICU, as DuckDB's) knows a zone name. */
function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function notFound<T>(name: string, field = 'source'): Result<T> {
  return { ok: false, error: { code: 'NOT_FOUND', message: `no source named "${name}"`, location: { field } } };
}

function firstLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0] ?? message;
}

/** Turns anything thrown into an error value: nothing is thrown across the contract. */
async function guard<T>(fn: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ImportError) return { ok: false, error: e.error };
    const error: QdError = { code: 'INTERNAL', message: firstLine(e), detail: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    return { ok: false, error };
  }
}
