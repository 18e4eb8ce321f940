// The result cache: a repeated query is served from memory with the same bytes, a write to its
// source (a new import of the same source, a removal) invalidates it while writes to other sources
// leave it, and reopening a
// 10-widget dashboard over the demo data is instant.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResult } from '../../shared/api';
import type { AnalysisSpec } from '../../shared/spec/types';
import { readArrow } from '../../shared/arrow/cells';
import { ResultCache, stableJson } from '../../electron/core/query/cache';
import { must, tempCore } from '../helpers/workspace';

const SAMPLES = join(import.meta.dirname, '..', '..', 'resources', 'samples');

function totals(result: QueryResult): Record<string, number> {
  return Object.fromEntries(readArrow(result.ipc).rows().map((r) => [String(r.region), Number(r.total)]));
}

describe('result cache', () => {
  let ctx: Awaited<ReturnType<typeof tempCore>>;
  beforeAll(async () => {
    ctx = await tempCore();
  });
  afterAll(() => ctx.dispose());

  const spec: AnalysisSpec = {
    source: 'sales',
    measures: [{ id: 'total', op: 'sum', column: 'amount' }],
    dimensions: [{ id: 'region', column: 'region' }],
    sort: [{ by: 'region', direction: 'asc' }],
  };

  it('serves identical bytes on a hit, and a new import of the same source invalidates it', async () => {
    const file = join(ctx.dir, 'sales.csv');
    writeFileSync(file, 'id,region,amount\n1,North,10\n2,South,20\n3,North,5\n');
    must(await ctx.core.importFile({ file: { kind: 'path', path: file }, sourceName: 'sales', snapshotDate: '2026-01-01' }));

    const first = must(await ctx.core.runQuery({ spec }));
    expect(totals(first)).toEqual({ North: 15, South: 20 });
    const hits = ctx.core.resultCache.hits;
    // Same spec with its keys in another order: the normalized spec is the key.
    const again = must(
      await ctx.core.runQuery({
        spec: { sort: [{ direction: 'asc', by: 'region' }], dimensions: [{ column: 'region', id: 'region' }], measures: spec.measures, source: 'sales' },
      }),
    );
    expect(ctx.core.resultCache.hits).toBe(hits + 1);
    expect(Buffer.from(again.ipc).equals(Buffer.from(first.ipc))).toBe(true);
    expect(again.columns).toEqual(first.columns);
    expect(again.sql).toBe(first.sql);

    // The next month's export of the same source: the latest snapshot changes, so must the result.
    writeFileSync(file, 'id,region,amount\n1,North,10\n2,South,20\n3,North,5\n4,West,7\n5,South,1\n');
    must(await ctx.core.importFile({ file: { kind: 'path', path: file }, sourceName: 'sales', snapshotDate: '2026-02-01' }));
    const afterImport = must(await ctx.core.runQuery({ spec }));
    expect(totals(afterImport)).toEqual({ North: 15, South: 21, West: 7 });

    // Replacing a snapshot in place (same date, same file name) invalidates too.
    writeFileSync(file, 'id,region,amount\n1,North,100\n');
    must(await ctx.core.importFile({ file: { kind: 'path', path: file }, sourceName: 'sales', snapshotDate: '2026-02-01', replace: true }));
    expect(totals(must(await ctx.core.runQuery({ spec })))).toEqual({ North: 100 });

    // An older snapshot asked by date is cached apart from the latest.
    expect(totals(must(await ctx.core.runQuery({ spec: { ...spec, snapshot: '2026-01-01' } })))).toEqual({ North: 15, South: 20 });

    // Removing the source: the cached result must not answer any more.
    must(await ctx.core.removeSource('sales'));
    const gone = await ctx.core.runQuery({ spec });
    expect(gone.ok).toBe(false);
  });

  it('invalidates per source: importing B keeps A cached (same bytes), importing A refreshes A', async () => {
    const fileA = join(ctx.dir, 'a.csv');
    const fileB = join(ctx.dir, 'b.csv');
    writeFileSync(fileA, 'id,region,amount\n1,North,10\n2,South,20\n');
    writeFileSync(fileB, 'id,region,amount\n1,East,1\n');
    must(await ctx.core.importFile({ file: { kind: 'path', path: fileA }, sourceName: 'a', snapshotDate: '2026-01-01' }));
    must(await ctx.core.importFile({ file: { kind: 'path', path: fileB }, sourceName: 'b', snapshotDate: '2026-01-01' }));
    const specA: AnalysisSpec = { ...spec, source: 'a' };
    const specB: AnalysisSpec = { ...spec, source: 'b' };
    const a1 = must(await ctx.core.runQuery({ spec: specA }));
    must(await ctx.core.runQuery({ spec: specB }));

    // A new export of B: A's result is still served from the cache, byte for byte.
    writeFileSync(fileB, 'id,region,amount\n1,East,1\n2,East,2\n');
    must(await ctx.core.importFile({ file: { kind: 'path', path: fileB }, sourceName: 'b', snapshotDate: '2026-02-01' }));
    let hits = ctx.core.resultCache.hits;
    const a2 = must(await ctx.core.runQuery({ spec: specA }));
    expect(ctx.core.resultCache.hits).toBe(hits + 1);
    expect(Buffer.from(a2.ipc).equals(Buffer.from(a1.ipc))).toBe(true);
    // ... while B's is recomputed.
    hits = ctx.core.resultCache.hits;
    expect(totals(must(await ctx.core.runQuery({ spec: specB })))).toEqual({ East: 3 });
    expect(ctx.core.resultCache.hits).toBe(hits);

    // A new export of A: A is recomputed, B stays cached.
    writeFileSync(fileA, 'id,region,amount\n1,North,10\n2,South,20\n3,West,5\n');
    must(await ctx.core.importFile({ file: { kind: 'path', path: fileA }, sourceName: 'a', snapshotDate: '2026-02-01' }));
    hits = ctx.core.resultCache.hits;
    expect(totals(must(await ctx.core.runQuery({ spec: specA })))).toEqual({ North: 10, South: 20, West: 5 });
    expect(ctx.core.resultCache.hits).toBe(hits);
    must(await ctx.core.runQuery({ spec: specB }));
    expect(ctx.core.resultCache.hits).toBe(hits + 1);

    // Removing B leaves A cached.
    must(await ctx.core.removeSource('b'));
    hits = ctx.core.resultCache.hits;
    must(await ctx.core.runQuery({ spec: specA }));
    expect(ctx.core.resultCache.hits).toBe(hits + 1);
    expect((await ctx.core.runQuery({ spec: specB })).ok).toBe(false);
    must(await ctx.core.removeSource('a'));
  });

  it('is bounded by entries and bytes, least recently used out first', () => {
    const result = (bytes: number): QueryResult => ({ ipc: new Uint8Array(bytes), columns: [], rowCount: 0, truncated: false, sql: '', elapsedMs: 0 });
    const cache = new ResultCache({ maxEntries: 3, maxBytes: 100 });
    cache.set('a', result(10));
    cache.set('b', result(10));
    cache.set('c', result(10));
    expect(cache.get('a')).toBeDefined(); // a is now the most recent
    cache.set('d', result(10));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.size).toBe(3);
    cache.set('e', result(90)); // over 100 bytes: the oldest go until it fits
    expect(cache.totalBytes).toBeLessThanOrEqual(100);
    expect(cache.get('e')).toBeDefined();
    cache.set('huge', result(1000)); // larger than the whole cache: not kept
    expect(cache.get('huge')).toBeUndefined();
    expect(stableJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('reopens a 10-widget dashboard over the demo data in under 100 ms', async () => {
    for (const name of ['deals', 'accounts']) {
      must(await ctx.core.importFile({ file: { kind: 'path', path: join(SAMPLES, `${name}.csv`) }, sourceName: name, snapshotDate: '2026-11-01' }));
    }
    const widgets: AnalysisSpec[] = [
      { source: 'deals', measures: [{ op: 'count' }], dimensions: [{ column: 'stage' }] },
      { source: 'deals', measures: [{ op: 'sum', column: 'amount' }], dimensions: [{ column: 'created_at', grain: 'month' }] },
      { source: 'deals', measures: [{ op: 'sum', column: 'amount' }], dimensions: [{ column: 'owner' }], filters: [{ column: 'status', op: 'eq', values: ['Won'] }] },
      { source: 'deals', measures: [{ op: 'avg', column: 'amount' }, { op: 'median', column: 'amount' }], dimensions: [{ column: 'team' }] },
      { source: 'deals', measures: [{ op: 'count' }], dimensions: [{ column: 'lead_source' }, { column: 'status' }], columns: [], totals: 'grand' },
      { source: 'deals', measures: [{ op: 'count' }], dimensions: [{ column: 'loss_reason' }], filters: [{ column: 'status', op: 'eq', values: ['Lost'] }] },
      { source: 'deals', measures: [{ formula: 'sum(amount) / count()', label: 'Average deal' }], dimensions: [{ column: 'pipeline' }] },
      { source: 'deals', measures: [{ op: 'count_distinct', column: 'account' }], dimensions: [{ column: 'closed_at', grain: 'quarter' }] },
      { source: 'accounts', measures: [{ op: 'count' }], dimensions: [{ column: 'segment' }, { column: 'region' }] },
      { source: 'accounts', measures: [{ op: 'sum', column: 'employees' }], dimensions: [{ column: 'industry' }] },
    ];
    const open = async () => {
      const started = performance.now();
      const results = await Promise.all(widgets.map((spec) => ctx.core.runQuery({ spec })));
      return { ms: performance.now() - started, results: results.map(must) };
    };
    const cold = await open();
    const hitsBefore = ctx.core.resultCache.hits;
    const warm = await open();
    console.log(
      `dashboard of ${widgets.length} widgets: first open ${cold.ms.toFixed(1)} ms, cached reopen ${warm.ms.toFixed(2)} ms ` +
        `(${ctx.core.resultCache.size} results, ${(ctx.core.resultCache.totalBytes / 1024).toFixed(1)} KiB cached)`,
    );
    expect(ctx.core.resultCache.hits - hitsBefore).toBe(widgets.length);
    warm.results.forEach((r, i) => expect(Buffer.from(r.ipc).equals(Buffer.from(cold.results[i]!.ipc))).toBe(true));
    expect(warm.ms).toBeLessThan(100);
  });
});
