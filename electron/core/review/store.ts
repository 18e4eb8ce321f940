// Reviews in _qd_reviews: one row per review, the document as JSON with each frozen result's Arrow
// bytes in base64. A row that cannot be read (a newer format, a document edited by hand) is skipped
// and reported; the others load.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Review, ReviewSummary } from '../../../shared/review/types';
import { OPEN_ACTION_STATUSES } from '../../../shared/review/types';
import { quoteIdent } from '../../../shared/spec/quote';
import { REVIEW_FORMAT, T } from '../workspace/catalog';
import type { Workspace } from '../workspace/workspace';

const TABLE = quoteIdent(T.reviews);
const BYTES = '$base64';

async function withConnection<R>(workspace: Workspace, fn: (conn: DuckDBConnection) => Promise<R>): Promise<R> {
  const conn = await workspace.connect();
  try {
    return await fn(conn);
  } finally {
    conn.closeSync();
  }
}

/** The document's JSON: byte arrays as {"$base64": "..."}. */
export function reviewToJson(review: Review): string {
  return JSON.stringify(review, (_k, v: unknown) => (v instanceof Uint8Array ? { [BYTES]: Buffer.from(v).toString('base64') } : v));
}

export function reviewFromJson(json: string): Review {
  return JSON.parse(json, (_k, v: unknown) => {
    if (v !== null && typeof v === 'object' && BYTES in v && Object.keys(v).length === 1) {
      return new Uint8Array(Buffer.from(String((v as Record<string, unknown>)[BYTES]), 'base64'));
    }
    return v;
  }) as Review;
}

export function summaryOf(review: Review): ReviewSummary {
  return {
    id: review.id,
    name: review.name,
    templateId: review.templateId,
    dashboardId: review.dashboardId,
    period: review.period,
    referenceDay: review.referenceDay,
    status: review.status,
    createdAt: review.createdAt,
    frozenAt: review.frozenAt,
    actionCount: review.actions.length,
    openActions: review.actions.filter((a) => OPEN_ACTION_STATUSES.includes(a.status)).length,
    previousId: review.previousId,
  };
}

export interface StoredReviews {
  reviews: Review[];
  unreadable: { id: string; reason: string }[];
}

/** Every review, latest period first (then latest created). */
export function readReviews(workspace: Workspace, where: { id?: string } = {}): Promise<StoredReviews> {
  return withConnection(workspace, async (conn) => {
    const rows = (
      await conn.runAndReadAll(
        `SELECT id, format, CAST(document AS VARCHAR) AS document FROM ${TABLE}
         ${where.id !== undefined ? 'WHERE id = $1' : ''} ORDER BY period_from DESC, created_at DESC`,
        where.id !== undefined ? [where.id] : [],
      )
    ).getRowObjectsJS();
    const out: StoredReviews = { reviews: [], unreadable: [] };
    for (const r of rows) {
      const id = String(r.id);
      if (Number(r.format) > REVIEW_FORMAT) {
        out.unreadable.push({ id, reason: `written by a newer Quarterdeck (review format ${String(r.format)})` });
        continue;
      }
      try {
        const review = reviewFromJson(String(r.document));
        if (review.id !== id || !Array.isArray(review.widgets)) throw new Error('not a review');
        out.reviews.push(review);
      } catch (e) {
        out.unreadable.push({ id, reason: e instanceof Error ? e.message : String(e) });
      }
    }
    return out;
  });
}

export function writeReview(workspace: Workspace, review: Review): Promise<void> {
  return withConnection(workspace, async (conn) => {
    await conn.run(
      `INSERT OR REPLACE INTO ${TABLE} VALUES ($1, $2, $3, CAST($4 AS DATE), CAST($5 AS DATE), $6, $7, CAST($8 AS JSON), CAST($9 AS TIMESTAMP), now()::TIMESTAMP)`,
      [
        review.id,
        review.templateId,
        review.dashboardId,
        review.period.from,
        review.period.to,
        review.status,
        REVIEW_FORMAT,
        reviewToJson(review),
        review.createdAt.replace('T', ' ').replace('Z', ''),
      ],
    );
  });
}

export function deleteReview(workspace: Workspace, id: string): Promise<boolean> {
  return withConnection(workspace, async (conn) => {
    const n = Number((await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${TABLE} WHERE id = $1`, [id])).getRowObjectsJS()[0]?.n ?? 0);
    if (n === 0) return false;
    await conn.run(`DELETE FROM ${TABLE} WHERE id = $1`, [id]);
    return true;
  });
}
