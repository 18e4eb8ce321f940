// The forecast operations of the contract, as CoreApi calls them: checks the request, reads the
// source's forecast context (kept until the next write: context.ts), runs the analysis on a
// connection of its own, and turns a database error into an error value.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Result } from '../../../shared/api';
import { fail } from '../../../shared/api';
import type { ForecastSourceRequest } from '../../../shared/forecast/types';
import type { Workspace } from '../workspace/workspace';
import { buildContext, type ForecastContext } from './context';

export class ForecastService {
  private readonly contexts = new Map<string, { version: number; context: Promise<Result<ForecastContext>> }>();

  constructor(private readonly workspace: Workspace) {}

  /** The context of a request's source (and outcome source), read once per data version. */
  async contextOf(request: ForecastSourceRequest): Promise<Result<ForecastContext>> {
    const version = this.workspace.dataVersion;
    const key = `${request.source}\u0000${request.outcomeSource ?? ''}`;
    const hit = this.contexts.get(key);
    if (hit && hit.version === version && version % 2 === 0) return hit.context;
    const context = (async () => {
      const sources = await this.workspace.listSources();
      const conn = await this.workspace.connect();
      try {
        return await buildContext(conn, sources, request.source, request.outcomeSource);
      } finally {
        conn.closeSync();
      }
    })();
    // Kept only when no write overlapped the read (an odd version is a write in progress).
    if (version % 2 === 0) {
      for (const [k, entry] of this.contexts) if (entry.version !== version) this.contexts.delete(k);
      this.contexts.set(key, { version, context });
      context.then(
        (r) => {
          if (!r.ok || this.workspace.dataVersion !== version) this.contexts.delete(key);
        },
        () => this.contexts.delete(key),
      );
    }
    return context;
  }

  /** Runs one analysis on the request's context with a connection of its own. */
  async run<T>(request: ForecastSourceRequest, analysis: (conn: DuckDBConnection, ctx: ForecastContext) => Promise<Result<T>>): Promise<Result<T>> {
    const ctx = await this.contextOf(request);
    if (!ctx.ok) return ctx;
    const conn = await this.workspace.connect();
    try {
      return await analysis(conn, ctx.value);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return fail('QUERY_FAILED', message.split('\n')[0] ?? message, { detail: message });
    } finally {
      conn.closeSync();
    }
  }
}
