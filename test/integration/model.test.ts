// Relationships between sources and the enriched model built from them, on the Maven export:
// figures by account sector checked against a join computed here from the raw files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArrow } from '../../shared/arrow/cells';
import { SHARED_DATA, must, tempCore } from '../helpers/workspace';

const DIR = join(SHARED_DATA, 'maven-crm-sales-opportunities');

function csv(name: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(join(DIR, name), 'utf8').split(/\r\n/).filter(Boolean);
  const cols = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])));
}

describe('relationships and the enriched model', () => {
  let ctx: Awaited<ReturnType<typeof tempCore>>;
  beforeAll(async () => {
    ctx = await tempCore();
    for (const f of ['sales_pipeline.csv', 'accounts.csv', 'products.csv']) {
      must(await ctx.core.importFile({ file: { kind: 'path', path: join(DIR, f) } }));
    }
  });
  afterAll(() => ctx.dispose());

  it('proposes the links with their coverage and the unmatched values', async () => {
    const proposals = must(await ctx.core.proposeRelationships());
    const account = proposals.find((p) => p.from.source === 'sales_pipeline' && p.from.column === 'account')!;
    expect(account.to).toEqual({ source: 'accounts', column: 'account' });
    expect(account.emptyRows).toBe(1425);
    expect(account.coverage).toBe(1);
    const product = proposals.find((p) => p.from.source === 'sales_pipeline' && p.from.column === 'product')!;
    expect(product.unmatchedRows).toBe(1480);
    expect(product.message).toContain('1,480 deals reference product `GTXPro`, not found in products');
    expect(proposals.every((p) => !p.confirmed)).toBe(true);
  });

  it('confirming a link exposes the enriched model, with one row per deal', async () => {
    const ws = must(
      await ctx.core.setRelationship({ from: { source: 'sales_pipeline', column: 'account' }, to: { source: 'accounts', column: 'account' } }, true),
    );
    const model = ws.sources.find((s) => s.name === 'sales_pipeline (enriched)')!;
    expect(model.model).toEqual({ base: 'sales_pipeline', joined: ['accounts'] });
    expect(model.columns.map((c) => c.name)).toContain('accounts.sector');

    const sectorOf = new Map(csv('accounts.csv').map((a) => [a.account!, a.sector!]));
    const expected = new Map<string | null, number>();
    let deals = 0;
    for (const d of csv('sales_pipeline.csv')) {
      deals++;
      if (d.deal_stage !== 'Won') continue;
      const sector = sectorOf.get(d.account!) ?? null;
      expected.set(sector, (expected.get(sector) ?? 0) + Number(d.close_value));
    }
    const result = must(
      await ctx.core.runQuery({
        spec: {
          source: 'sales_pipeline (enriched)',
          measures: [{ op: 'sum', column: 'close_value' }],
          dimensions: [{ column: 'accounts.sector' }],
          filters: [{ column: 'deal_stage', op: 'eq', values: ['Won'] }],
        },
      }),
    );
    const rows = readArrow(result.ipc).rows();
    expect(new Map(rows.map((r) => [r.d0 as string | null, r.m0]))).toEqual(expected);
    const count = must(await ctx.core.runQuery({ spec: { source: 'sales_pipeline (enriched)', measures: [{ op: 'count' }] } }));
    expect(readArrow(count.ipc).rows()).toEqual([{ m0: deals }]);
    expect(must(await ctx.core.proposeRelationships()).find((p) => p.from.column === 'account')?.confirmed).toBe(true);
  });

  it('removing the link removes the model; a source cannot refer to itself', async () => {
    const link = { from: { source: 'sales_pipeline', column: 'account' }, to: { source: 'accounts', column: 'account' } };
    const ws = must(await ctx.core.setRelationship(link, false));
    expect(ws.sources.map((s) => s.name)).toEqual(['sales_pipeline', 'accounts', 'products']);
    const self = await ctx.core.setRelationship({ from: link.from, to: { source: 'sales_pipeline', column: 'account' } }, true);
    expect(self.ok).toBe(false);
    const missing = await ctx.core.setRelationship({ from: link.from, to: { source: 'accounts', column: 'nope' } }, true);
    expect(missing.ok ? null : missing.error.message).toBe('"accounts" has no column "nope"');
  });
});
