// The natural order of a source's stage column (pipeline order: open stages in process order,
// then won, then lost), handed to the compiler as data (SourceSchema.orders) so that a sort on the
// stage dimension follows the pipeline instead of the alphabet. Computed from the source's latest
// table (inferStages over stageStats) and kept per source until the data version changes.
import type { SourceRecord, Workspace } from '../workspace/workspace';
import { stageStats } from '../model/evidence';
import { inferStages } from '../../../shared/model/stages';

export type ColumnOrders = Record<string, string[]>;

export class StageOrders {
  private readonly cache = new Map<string, { version: number; orders: ColumnOrders }>();

  constructor(private readonly workspace: Workspace) {}

  /** column -> values in natural order, for the columns of this source that have one. */
  async ordersOf(source: SourceRecord): Promise<ColumnOrders> {
    const stage = source.roles.stage;
    if (stage === undefined || !source.columns.some((c) => c.name === stage)) return {};
    const version = this.workspace.dataVersion;
    const cached = this.cache.get(source.name);
    if (cached && cached.version === version) return cached.orders;
    const col = (role: string) => {
      const c = source.roles[role];
      return c !== undefined && source.columns.some((x) => x.name === c) ? c : null;
    };
    const conn = await this.workspace.connect();
    let orders: ColumnOrders;
    try {
      const stats = await stageStats(conn, source.table, stage, col('probability'), col('status'));
      orders = { [stage]: inferStages(stats).map((s) => s.stage) };
    } finally {
      conn.closeSync();
    }
    // Kept only when no write overlapped the read (an odd version is a write in progress).
    if (version % 2 === 0 && this.workspace.dataVersion === version) {
      for (const [name, entry] of this.cache) if (entry.version !== version) this.cache.delete(name);
      this.cache.set(source.name, { version, orders });
    }
    return orders;
  }
}
