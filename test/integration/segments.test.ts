// Named segments through CoreApi on a temp workspace: saved, used by name in a query (the same
// result as the filter written inline), listed, removed; an unknown name is an error naming it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArrow } from '../../shared/arrow/cells';
import type { QueryResult } from '../../shared/api';
import type { AnalysisSpec, FilterTreeInput } from '../../shared/spec/types';
import { must, tempCore } from '../helpers/workspace';

const rows = (r: QueryResult) => readArrow(r.ipc).rows().map((x) => ({ ...x }));

describe('named segments', () => {
  let t: Awaited<ReturnType<typeof tempCore>>;
  beforeAll(async () => {
    t = await tempCore();
    const file = join(t.dir, 'sales.csv');
    writeFileSync(
      file,
      'id,region,rep,amount\n1,North,Ann,10\n2,South,Bob,20\n3,North,Bob,5\n4,East,Ann,40\n5,South,Cleo,70\n6,North,Cleo,1\n',
    );
    must(await t.core.importFile({ file: { kind: 'path', path: file }, sourceName: 'sales', snapshotDate: '2026-01-01' }));
  });
  afterAll(() => t.dispose());

  const big: FilterTreeInput = { column: 'amount', op: 'gte', values: [10] };
  const notAnn: FilterTreeInput = { not: { column: 'rep', op: 'eq', values: ['Ann'] } };
  const base: AnalysisSpec = {
    source: 'sales',
    measures: [{ id: 'total', op: 'sum', column: 'amount' }, { id: 'n', op: 'count' }],
    dimensions: [{ id: 'region', column: 'region' }],
  };

  it('saves, lists, and a query naming segments equals the same filters inline', async () => {
    const saved = must(await t.core.saveSegment({ name: 'Big deals', source: 'sales', filter: big, description: 'amount ≥ 10' }));
    expect(saved).toMatchObject({ name: 'Big deals', source: 'sales', filter: big, description: 'amount ≥ 10' });
    must(await t.core.saveSegment({ name: 'Not Ann', filter: notAnn }));
    const list = must(await t.core.listSegments());
    expect(list.map((s) => [s.name, s.source, s.description])).toEqual([
      ['Big deals', 'sales', 'amount ≥ 10'],
      ['Not Ann', null, null],
    ]);
    expect(list[1]!.filter).toEqual(notAnn);

    const viaSegments = must(await t.core.runQuery({ spec: { ...base, segments: ['Big deals', 'Not Ann'] } }));
    const inline = must(await t.core.runQuery({ spec: { ...base, filter: { and: [big, notAnn] } } }));
    expect(rows(viaSegments)).toEqual(rows(inline));
    expect(rows(viaSegments)).toEqual([
      { region: 'South', total: 90, n: 2 },
    ]);
    // With the spec's own filter too (AND).
    const both = must(await t.core.runQuery({ spec: { ...base, filter: { column: 'region', op: 'eq', values: ['North'] }, segments: ['Not Ann'] } }));
    expect(rows(both)).toEqual([{ region: 'North', total: 6, n: 2 }]);
  });

  it('saving again replaces the segment, and queries see the new filter', async () => {
    must(await t.core.saveSegment({ name: 'Big deals', source: 'sales', filter: { column: 'amount', op: 'gte', values: [40] } }));
    const result = must(await t.core.runQuery({ spec: { ...base, segments: ['Big deals'] } }));
    expect(rows(result)).toEqual([
      { region: 'East', total: 40, n: 1 },
      { region: 'South', total: 70, n: 1 },
    ]);
  });

  it('refuses an invalid filter, or one naming a column its source lacks', async () => {
    const bad = await t.core.saveSegment({ name: 'x', filter: { column: 'amount', op: 'nope' } as unknown as FilterTreeInput });
    expect(bad.ok).toBe(false);
    const missing = await t.core.saveSegment({ name: 'x', source: 'sales', filter: { column: 'amout', op: 'eq', values: [1] } });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toContain('amount');
    expect(must(await t.core.listSegments()).map((s) => s.name)).toEqual(['Big deals', 'Not Ann']);
  });

  it('an unknown segment is an error naming it at segments.N', async () => {
    const result = await t.core.runQuery({ spec: { ...base, segments: ['Not Ann', 'Nobody'] } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('SPEC_INVALID');
      expect(result.error.message).toContain('"Nobody"');
      expect(result.error.location?.field).toBe('segments.1');
    }
  });

  it('removes a segment; a query naming it then fails, removing it again is NOT_FOUND', async () => {
    const left = must(await t.core.removeSegment('Not Ann'));
    expect(left.map((s) => s.name)).toEqual(['Big deals']);
    const result = await t.core.runQuery({ spec: { ...base, segments: ['Not Ann'] } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.location?.field).toBe('segments.0');
    const again = await t.core.removeSegment('Not Ann');
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('NOT_FOUND');
  });
});
