// The result cache: query results keyed by (normalized spec, workspace data version), so that
// reopening a dashboard costs no query at all. Every write to the workspace changes the data
// version, so a result computed before an import, a removal or a relationship change is never
// served after it. Bounded by entries and by IPC bytes, least recently used out first.
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

  /** The key of a normalized spec read under a data version (and the day relative periods use). */
  static key(normalizedSpec: unknown, dataVersion: number, today: string): string {
    return `${dataVersion}\u0000${today}\u0000${stableJson(normalizedSpec)}`;
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
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.ipc.byteLength;
    }
    this.entries.set(key, result);
    this.bytes += size;
    for (const [k, v] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.ipc.byteLength;
    }
  }

  /** Drops results of older data versions (they can never be hit again). */
  dropOlderThan(dataVersion: number): void {
    const prefix = `${dataVersion}\u0000`;
    for (const [k, v] of this.entries) {
      if (!k.startsWith(prefix)) {
        this.entries.delete(k);
        this.bytes -= v.ipc.byteLength;
      }
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}
