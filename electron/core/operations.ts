// Long operations (imports, queries) register here under a caller-chosen id so that any host can
// poll their progress and cancel them. Finished operations are kept briefly so that a last poll
// sees "done".
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Progress } from '../../shared/api';

interface Running {
  progress: Progress;
  connection: DuckDBConnection | null;
  cancelled: boolean;
  timer: ReturnType<typeof setInterval> | null;
}

const KEEP_FINISHED_MS = 60_000;
const POLL_MS = 100;

export class Operations {
  private readonly ops = new Map<string, Running>();

  /**
   * Tracks an operation running on `connection`; DuckDB's own progress of the current query is
   * read every 100 ms unless `track` reports progress itself.
   */
  start(opId: string | undefined, message: string, connection: DuckDBConnection | null): OperationHandle {
    const id = opId ?? `op-${Math.random().toString(36).slice(2)}`;
    const running: Running = {
      progress: { opId: id, fraction: 0, message, done: false },
      connection,
      cancelled: false,
      timer: null,
    };
    if (connection) {
      running.timer = setInterval(() => {
        try {
          const p = connection.progress;
          if (p.percentage >= 0) running.progress.fraction = Math.min(1, p.percentage / 100);
        } catch {
          // progress is best effort
        }
      }, POLL_MS);
      running.timer.unref?.();
    }
    this.ops.set(id, running);
    return {
      id,
      report: (fraction, msg) => {
        running.progress.fraction = fraction;
        if (msg) running.progress.message = msg;
      },
      isCancelled: () => running.cancelled,
      finish: (msg) => {
        if (running.timer) clearInterval(running.timer);
        running.progress = { ...running.progress, fraction: 1, done: true, message: msg ?? running.progress.message };
        running.connection = null;
        setTimeout(() => {
          if (this.ops.get(id) === running) this.ops.delete(id);
        }, KEEP_FINISHED_MS).unref?.();
      },
    };
  }

  get(opId: string): Progress | null {
    const op = this.ops.get(opId);
    return op ? { ...op.progress } : null;
  }

  cancel(opId: string): boolean {
    const op = this.ops.get(opId);
    if (!op || op.progress.done) return false;
    op.cancelled = true;
    op.connection?.interrupt();
    return true;
  }
}

export interface OperationHandle {
  id: string;
  report(fraction: number | null, message?: string): void;
  isCancelled(): boolean;
  finish(message?: string): void;
}

const TRACE_START = performance.now();

/**
 * Reports a step of a long operation; with QD_TRACE=1 in the environment also logs it with the
 * time since start-up, to see where an import spends its time.
 */
export function reportStep(op: OperationHandle | null | undefined, fraction: number | null, message?: string): void {
  if (process.env.QD_TRACE && message) console.log(`[${(performance.now() - TRACE_START).toFixed(0)} ms] ${message}`);
  op?.report(fraction, message);
}
