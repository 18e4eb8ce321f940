// Long operations (imports, queries) register here under a caller-chosen id so that any host can
// poll their progress and cancel them. Finished operations are kept briefly so that a last poll
// sees "done". Each step is told in English (Progress.message) and as a catalog key of the
// `progress` namespace with its values (Progress.messageKey), which the UI shows in the user's language.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Progress } from '../../shared/api';

/** A step as a catalog key ("progress.reading", shared/i18n) with its ICU values. */
export interface StepText {
  key: `progress.${string}`;
  values?: Record<string, string | number>;
}

/** The progress fields of a step's message: English, and its key when there is one. */
function stepFields(message: string, text: StepText | undefined): Pick<Progress, 'message' | 'messageKey' | 'values'> {
  return text ? { message, messageKey: text.key, ...(text.values ? { values: text.values } : {}) } : { message };
}

/** A progress without the key of an earlier step. */
function withoutKey(progress: Progress): Progress {
  const { messageKey: _key, values: _values, ...rest } = progress;
  return rest;
}

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
  start(opId: string | undefined, message: string, connection: DuckDBConnection | null, text?: StepText): OperationHandle {
    const id = opId ?? `op-${Math.random().toString(36).slice(2)}`;
    const running: Running = {
      progress: { opId: id, fraction: 0, ...stepFields(message, text), done: false },
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
      report: (fraction, msg, msgText) => {
        running.progress.fraction = fraction;
        if (msg) running.progress = { ...withoutKey(running.progress), ...stepFields(msg, msgText) };
      },
      isCancelled: () => running.cancelled,
      finish: (msg, msgText) => {
        if (running.timer) clearInterval(running.timer);
        const last = msg ? { ...withoutKey(running.progress), ...stepFields(msg, msgText) } : running.progress;
        running.progress = { ...last, fraction: 1, done: true };
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
  /** A new fraction, and with a message a new step (`text`: the same step as a catalog key). */
  report(fraction: number | null, message?: string, text?: StepText): void;
  isCancelled(): boolean;
  finish(message?: string, text?: StepText): void;
}

const TRACE_START = performance.now();

/**
 * Reports a step of a long operation (`text`: the step as a catalog key, for the user's language);
 * with QD_TRACE=1 in the environment also logs it with the time since start-up, to see where an
 * import spends its time.
 */
export function reportStep(op: OperationHandle | null | undefined, fraction: number | null, message?: string, text?: StepText): void {
  if (process.env.QD_TRACE && message) console.log(`[${(performance.now() - TRACE_START).toFixed(0)} ms] ${message}`);
  op?.report(fraction, message, text);
}
