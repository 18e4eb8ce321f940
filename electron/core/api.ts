// The core's implementation of the contract. Every host (Electron main, browser-mode server, CLI)
// calls this and nothing else; it runs under plain Node and never imports 'electron'.
import { basename } from 'node:path';
import type {
  FileRef,
  ImportRequest,
  PreviewRequest,
  Progress,
  QdError,
  QuarterdeckApi,
  QueryRequest,
  QueryResult,
  Result,
  RowWindow,
  SourceInfo,
  SourceProfile,
  WorkspaceInfo,
} from '../../shared/api';
import { ok } from '../../shared/api';
import { columnKind } from '../../shared/spec/column-kind';
import { compileSpec } from '../../shared/spec/compile';
import { normalizeSpec } from '../../shared/spec/normalize';
import { parseSpec } from '../../shared/spec/schema';
import { quoteIdent } from '../../shared/spec/quote';
import { ImportError, importCsv, sourceNameFromFile } from './import/csv-import';
import { Operations } from './operations';
import { queryToArrow } from './query/arrow';
import { profileSource } from './query/profile';
import { CATALOG_TABLE, type SourceRecord, Workspace } from './workspace/workspace';

export interface CoreOptions {
  /** Resolves an upload id (browser host) to the temp file holding its bytes. */
  resolveUpload?: (id: string) => { path: string; name: string } | null;
}

export class CoreApi implements QuarterdeckApi {
  readonly operations = new Operations();
  private readonly profiles = new Map<string, SourceProfile>();

  private constructor(
    readonly workspace: Workspace,
    private readonly options: CoreOptions,
  ) {}

  static async open(workspacePath: string, options: CoreOptions = {}): Promise<CoreApi> {
    return new CoreApi(await Workspace.open(workspacePath), options);
  }

  close(): void {
    this.workspace.close();
  }

  async getWorkspace(): Promise<Result<WorkspaceInfo>> {
    return guard(async () => ok(await this.workspaceInfo()));
  }

  async importFile(request: ImportRequest): Promise<Result<SourceInfo>> {
    return guard(async () => {
      const file = this.resolveFile(request.file);
      if (!file.ok) return file;
      const { path, name } = file.value;
      let sourceName = request.sourceName ?? sourceNameFromFile(name);
      if (!request.sourceName && !request.replace) {
        const names = new Set((await this.workspace.listSources()).map((s) => s.name));
        const base = sourceName;
        for (let i = 2; names.has(sourceName); i++) sourceName = `${base} (${i})`;
      }
      const record = await importCsv(this.workspace, this.operations, {
        path,
        displayName: name,
        sourceName,
        replace: request.replace ?? false,
        ...(request.opId ? { opId: request.opId } : {}),
      });
      this.profiles.delete(record.name);
      return ok(publicSource(record));
    });
  }

  async removeSource(name: string): Promise<Result<WorkspaceInfo>> {
    return guard(async () => {
      const source = await this.workspace.findSource(name);
      if (!source) return notFound(name);
      await this.workspace.exclusive(async () => {
        const conn = await this.workspace.connect();
        try {
          await conn.run('BEGIN TRANSACTION');
          await conn.run(`DROP TABLE ${quoteIdent(source.table)}`);
          await conn.run(`DELETE FROM ${quoteIdent(CATALOG_TABLE)} WHERE name = $1`, [name]);
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
      const parsed = parseSpec(request.spec);
      if (!parsed.ok) return parsed;
      const spec = normalizeSpec(parsed.value);
      const source = await this.workspace.findSource(spec.source);
      if (!source) return notFound(spec.source, 'spec.source');
      // One row more than asked tells whether the result was cut.
      const compiled = compileSpec({ ...spec, limit: spec.limit + 1 }, source);
      if (!compiled.ok) return compiled;
      const conn = await this.workspace.connect();
      const op = this.operations.start(request.opId, 'Running query', conn);
      const started = performance.now();
      try {
        const arrow = await queryToArrow(conn, compiled.value.sql, compiled.value.params, {
          maxRows: spec.limit,
        });
        const elapsedMs = performance.now() - started;
        const byId = new Map(arrow.columns.map((c) => [c.name, c]));
        return ok({
          ipc: arrow.ipc,
          rowCount: Math.min(arrow.rowCount, spec.limit),
          truncated: arrow.rowCount > spec.limit,
          columns: compiled.value.columns.map((c) => {
            const type = byId.get(c.id)?.duckdbType ?? 'VARCHAR';
            return { ...c, type, kind: columnKind(type) };
          }),
          // The SQL shown to the user carries the limit they asked for.
          sql: compiled.value.sql.replace(/LIMIT \d+$/, `LIMIT ${spec.limit}`),
          elapsedMs,
        });
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
  const { table: _table, ...info } = record;
  return info;
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
