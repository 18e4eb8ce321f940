// Raw rows of a source, fetched in windows (api.previewRows) as the table scrolls, kept in a
// bounded LRU cache. Only the windows the user is looking at are fetched: while the scrollbar is
// dragged through a million rows, windows that went out of view before their turn are skipped.
import type { CellValue } from '../../../../shared/arrow/cells';
import { readArrow, type ArrowReader } from '../../../../shared/arrow/cells';
import type { PreviewRequest, QdError, Result, RowWindow } from '../../../../shared/api';
import { LruCache } from './lru-cache';

export const WINDOW_ROWS = 500;
const CACHED_WINDOWS = 40;
const MAX_IN_FLIGHT = 3;

export type FetchWindow = (request: PreviewRequest) => Promise<Result<RowWindow>>;

export class RowWindowStore {
  private readonly cache = new LruCache<number, ArrowReader>(CACHED_WINDOWS);
  private readonly inFlight = new Set<number>();
  private wanted: number[] = [];
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private disposed = false;
  error: QdError | null = null;

  constructor(
    private readonly source: string,
    private readonly totalRows: number,
    private readonly fetchWindow: FetchWindow,
    readonly windowRows = WINDOW_ROWS,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  isLoaded(row: number): boolean {
    return this.cache.has(Math.floor(row / this.windowRows));
  }

  /** The first window once loaded: a sample of the data (to size columns). */
  firstWindow(): ArrowReader | undefined {
    return this.cache.peek(0);
  }

  /** A cell's value, or undefined while its window is loading. */
  cell(row: number, column: number): CellValue | undefined {
    const w = Math.floor(row / this.windowRows);
    const reader = this.cache.peek(w);
    if (!reader) return undefined;
    const local = row - w * this.windowRows;
    if (local >= reader.numRows) return null;
    return reader.columns[column]?.get(local) ?? null;
  }

  /** Says which rows are on screen; fetches what is missing, nearest windows first. */
  ensure(first: number, last: number): void {
    if (this.totalRows === 0 || last < first) return;
    const lastWindow = Math.floor((this.totalRows - 1) / this.windowRows);
    const from = Math.max(0, Math.floor(first / this.windowRows));
    const to = Math.min(lastWindow, Math.floor(last / this.windowRows));
    const wanted: number[] = [];
    for (let w = from; w <= to; w++) wanted.push(w);
    // Prefetch the next window in the scrolling direction (and the previous one).
    if (to + 1 <= lastWindow) wanted.push(to + 1);
    if (from - 1 >= 0) wanted.push(from - 1);
    for (const w of wanted) this.cache.get(w); // mark visible windows as recently used
    this.wanted = wanted.filter((w) => !this.cache.has(w));
    this.pump();
  }

  /** While detached (the table unmounted), arriving windows are dropped. Returns the detach. */
  attach(): () => void {
    this.disposed = false;
    return () => {
      this.disposed = true;
    };
  }

  private pump(): void {
    while (this.inFlight.size < MAX_IN_FLIGHT) {
      const next = this.wanted.find((w) => !this.inFlight.has(w) && !this.cache.has(w));
      if (next === undefined) return;
      void this.load(next);
    }
  }

  private async load(w: number): Promise<void> {
    this.inFlight.add(w);
    try {
      const result = await this.fetchWindow({ source: this.source, offset: w * this.windowRows, limit: this.windowRows });
      if (this.disposed) return;
      if (result.ok) {
        this.cache.set(w, readArrow(result.value.ipc));
        this.error = null;
      } else {
        this.error = result.error;
        this.wanted = this.wanted.filter((x) => x !== w);
      }
    } catch (e) {
      this.error = { code: 'INTERNAL', message: String(e) };
    } finally {
      this.inFlight.delete(w);
    }
    if (this.disposed) return;
    this.version += 1;
    for (const listener of this.listeners) listener();
    this.pump();
  }
}
