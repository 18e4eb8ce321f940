// The result cache: query results keyed by (normalized spec, data versions of the sources it
// read), so that reopening a dashboard costs no query at all. A write bumps the data version of
// the sources it changed (workspace.ts: an import or a removal of that source; a relationship
// change: every source, since enriched models span sources), so a result computed before an
// import of its source is never served after it, while results on the other sources stay.
// Bounded by entries and by IPC bytes, least recently used out first.
import type { QueryResult } from '../../../shared/api';

export interface ResultCacheOptions {
  maxEntries?: number;
  /** Sum of the cached results' Arrow IPC bytes. */
  maxBytes?: number;
}

export const DEFAULT_CACHE_ENTRIES = 64;
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

/** JSON with object keys sorted: two specs that differ only in key order share a key. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const obj = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .filter((k) => obj[k] !== undefined)
        .map((k) => [k, obj[k]]),
    );
  });
}

export class ResultCache {
  private readonly entries = new Map<string, QueryResult>();
  private bytes = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  hits = 0;
  misses = 0;

  constructor(options: ResultCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? DEFAULT_CACHE_ENTRIES;
    this.maxBytes = options.maxBytes ?? DEFAULT_CACHE_BYTES;
  }

  /**
   * The key of a normalized spec read under a data version — a number, or a token naming the
   * versions of the sources read (Workspace.versionToken) — and the day relative periods use.
   */
  static key(normalizedSpec: unknown, dataVersion: number | string, today: string): string {
    return `${dataVersion}\u0000${today}\u0000${stableJson(normalizedSpec)}`;
  }

  /** The version part of a key. */
  static versionOf(key: string): string {
    return key.slice(0, key.indexOf('\u0000'));
  }

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get(key: string): QueryResult | undefined {
    const hit = this.entries.get(key);
    if (!hit) {
      this.misses++;
      return undefined;
    }
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, hit);
    this.hits++;
    return hit;
  }

  set(key: string, result: QueryResult): void {
    const size = result.ipc.byteLength;
    if (size > this.maxBytes) return;
    this.delete(key);
    this.entries.set(key, result);
    this.bytes += size;
    for (const k of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.delete(k);
    }
  }

  private delete(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.ipc.byteLength;
  }

  /** Drops the results whose version (key prefix) is no longer current: they can never be hit again. */
  dropStale(isCurrent: (version: string) => boolean): void {
    for (const k of [...this.entries.keys()]) {
      if (!isCurrent(ResultCache.versionOf(k))) this.delete(k);
    }
  }

  /** Drops results of older data versions (they can never be hit again). */
  dropOlderThan(dataVersion: number): void {
    this.dropStale((version) => version === String(dataVersion));
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}
