// Natural stage order on the demo workspace: a pivot by the deals' stage role comes in pipeline
// order (computed by the core from the data), won and lost last, not alphabetically.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArrow } from '../../shared/arrow/cells';
import { ensureDemo } from '../../electron/core/demo';
import { must, tempCore } from '../helpers/workspace';

const SAMPLES = resolve(import.meta.dirname, '..', '..', 'resources', 'samples');
const PIPELINE = ['Prospecting', 'Qualification', 'Needs analysis', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'];

describe('stage order on the demo', () => {
  let t: Awaited<ReturnType<typeof tempCore>>;
  beforeAll(async () => {
    t = await tempCore();
    must(await ensureDemo(t.core, SAMPLES));
  }, 180_000);
  afterAll(() => t?.dispose());

  const stagesOf = async (sort?: { by: string; direction: 'asc' | 'desc' }[]) => {
    const result = must(
      await t.core.runQuery({
        spec: { source: 'deals', measures: [{ id: 'n', op: 'count' }], dimensions: [{ id: 'stage', role: 'stage' }], ...(sort ? { sort } : {}) },
      }),
    );
    expect(result.sql).toContain('list_position(');
    return readArrow(result.ipc).rows().map((r) => r.stage);
  };

  it('sorting by the stage dimension (by default or explicitly) follows the pipeline', async () => {
    expect(await stagesOf()).toEqual(PIPELINE);
    expect(await stagesOf([{ by: 'stage', direction: 'asc' }])).toEqual(PIPELINE);
    expect(await stagesOf([{ by: 'stage', direction: 'desc' }])).toEqual([...PIPELINE].reverse());
  });

  it('a sort by a measure is untouched', async () => {
    const result = must(
      await t.core.runQuery({
        spec: {
          source: 'deals',
          measures: [{ id: 'n', op: 'count' }],
          dimensions: [{ id: 'stage', role: 'stage' }],
          sort: [{ by: 'n', direction: 'desc' }],
        },
      }),
    );
    expect(result.sql).not.toContain('list_position(');
    const counts = readArrow(result.ipc).rows().map((r) => Number(r.n));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });
});
