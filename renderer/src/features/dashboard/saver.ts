// Saves dashboards to the workspace a moment after the last edit (one request per burst of edits),
// at once when asked (tab switch, leaving the page), and one request after another so that an
// older version never lands after a newer one. Removals and reorders queue behind the saves.
import type { QdError, Result } from '../../../../shared/api';
import type { Dashboard } from '../../../../shared/dashboard/types';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error';

export interface SaverState {
  status: SaveStatus;
  error: QdError | null;
}

export const SAVE_DELAY_MS = 400;

export class DashboardSaver {
  private readonly pending = new Map<string, Dashboard>();
  /** Versions the workspace refused or did not get: sent again by the next flush. */
  private readonly failed = new Map<string, Dashboard>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private running = 0;
  private error: QdError | null = null;

  constructor(
    private readonly save: (d: Dashboard) => Promise<Result<Dashboard>>,
    private readonly onChange: (state: SaverState) => void,
    private readonly delay = SAVE_DELAY_MS,
  ) {}

  state(): SaverState {
    const status: SaveStatus =
      this.pending.size > 0 ? 'pending' : this.running > 0 ? 'saving' : this.error ? 'error' : 'saved';
    return { status, error: this.error };
  }

  private notify(): void {
    this.onChange(this.state());
  }

  /** Saves this version after the delay (a later version of the same dashboard replaces it). */
  schedule(d: Dashboard): void {
    this.pending.set(d.id, d);
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delay);
    this.notify();
  }

  /** Forgets a version not sent yet (the dashboard is being removed). */
  cancel(id: string): void {
    this.pending.delete(id);
    this.failed.delete(id);
    this.notify();
  }

  /** Sends every waiting version now; resolves once everything queued so far is done. */
  flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const batch = new Map([...this.failed, ...this.pending]);
    this.pending.clear();
    this.failed.clear();
    for (const d of batch.values()) {
      void this.enqueue(
        () => this.save(d),
        (r) => {
          if (r.ok) this.failed.delete(d.id);
          else if (!this.pending.has(d.id)) this.failed.set(d.id, d);
        },
      );
    }
    this.notify();
    return this.chain;
  }

  /** Runs a request after everything queued before it; `after` sees its result before the next one starts. */
  enqueue<T>(task: () => Promise<Result<T>>, after?: (result: Result<T>) => void): Promise<Result<T> | null> {
    this.running += 1;
    let result: Result<T> | null = null;
    this.chain = this.chain.then(async () => {
      try {
        result = await task();
      } catch (e) {
        result = { ok: false, error: { code: 'INTERNAL', message: String(e) } };
      } finally {
        this.error = result && !result.ok ? result.error : null;
        if (result) after?.(result);
        this.running -= 1;
        this.notify();
      }
    });
    this.notify();
    return this.chain.then(() => result);
  }
}
