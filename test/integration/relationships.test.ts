// Relationships between sources, measured in DuckDB on real files: Maven (with its known
// GTXPro / GTX Pro mismatch and its deals without account), the demo workspace, the Zoho export and
// the French fixtures.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableColumns } from '../../electron/core/model/evidence';
import { proposeRelationships, type RelationshipProposal, type RelationshipSource } from '../../electron/core/model/relationships';
import { quoteIdent, quoteLiteral } from '../../shared/spec/quote';
import { memoryConnection } from '../helpers/duckdb';

const DATA = '/work/shared/data';
const SAMPLES = resolve(__dirname, '../../resources/samples');
const FIXTURES = resolve(__dirname, '../fixtures/roles');

let conn: Awaited<ReturnType<typeof memoryConnection>>['conn'];
let close: () => void;

async function load(prefix: string, files: string[], read = ''): Promise<RelationshipSource[]> {
  const out: RelationshipSource[] = [];
  for (const f of files) {
    const name = (f.split('/').pop() ?? f).replace(/\.csv$/, '');
    const table = `${prefix}_${name.replace(/\W+/g, '_')}`;
    await conn.run(`CREATE TABLE ${quoteIdent(table)} AS SELECT * FROM read_csv(${quoteLiteral(f)}${read})`);
    out.push({ name, table, columns: await tableColumns(conn, table) });
  }
  return out;
}

const link = (p: RelationshipProposal) => `${p.from.source}.${p.from.column} -> ${p.to.source}.${p.to.column}`;

async function timed(sources: RelationshipSource[], label: string) {
  const t0 = performance.now();
  const rels = await proposeRelationships(conn, sources);
  const ms = Math.round(performance.now() - t0);
  console.log(`\nRelationships, ${label} (${ms} ms):\n${rels.map((r) => `  ${r.message}`).join('\n')}\n`);
  return { rels, ms };
}

beforeAll(async () => {
  ({ conn, close } = await memoryConnection());
});
afterAll(() => close?.());

describe('proposeRelationships', () => {
  it('links the Maven tables and reports the deals without account and the GTXPro mismatch', async () => {
    const sources = await load('maven', ['sales_pipeline', 'accounts', 'products', 'sales_teams', 'data_dictionary']
      .map((n) => `${DATA}/maven-crm-sales-opportunities/${n}.csv`));
    const { rels, ms } = await timed(sources, 'Maven');
    expect(rels.map(link)).toEqual([
      'sales_pipeline.account -> accounts.account',
      'sales_pipeline.product -> products.product',
      'sales_pipeline.sales_agent -> sales_teams.sales_agent',
    ]);
    const [account, product, agent] = rels as [RelationshipProposal, RelationshipProposal, RelationshipProposal];
    expect(account).toMatchObject({ matchedRows: 7375, unmatchedRows: 0, emptyRows: 1425, coverage: 1, unmatchedValues: [] });
    expect(account.message).toContain('1,425 deals have no account');
    expect(product).toMatchObject({ matchedRows: 7320, unmatchedRows: 1480, emptyRows: 0 });
    expect(product.coverage).toBeCloseTo(7320 / 8800, 6);
    expect(product.unmatchedValues).toEqual([{ value: 'GTXPro', rows: 1480, similar: 'GTX Pro' }]);
    expect(product.message).toContain('1,480 deals reference product `GTXPro`, not found in products (`GTX Pro` is)');
    expect(agent).toMatchObject({ matchedRows: 8800, unmatchedRows: 0, emptyRows: 0, coverage: 1 });
    expect(ms).toBeLessThan(5000);
  });

  it('links the demo workspace: deals and activities to accounts, reps and deals', async () => {
    const sources = await load('demo', ['deals', 'accounts', 'reps', 'activities', 'costs', 'targets'].map((n) => `${SAMPLES}/${n}.csv`));
    const { rels, ms } = await timed(sources, 'demo samples');
    expect(rels.map(link)).toEqual([
      'activities.account -> accounts.account_name',
      'activities.deal_id -> deals.deal_id',
      'activities.owner -> reps.owner',
      'deals.account -> accounts.account_name',
      'deals.owner -> reps.owner',
      'targets.owner -> reps.owner',
    ]);
    for (const r of rels) {
      expect(r.coverage).toBe(1);
      expect(r.emptyRows).toBe(0);
    }
    expect(rels.find((r) => r.from.source === 'activities' && r.from.column === 'deal_id')?.matchedRows).toBe(36202);
    expect(rels[3]?.message).toBe('deals.account → accounts.account_name: 5,000 of 5,000 deals with an account found in accounts (100%)');
    expect(ms).toBeLessThan(5000);
  });

  it('links the Zoho modules by ids and by owner names, and reports missing accounts', async () => {
    const sources = await load('zoho', ['Potentials', 'Leads', 'Accounts', 'Contacts', 'Users', 'Campaigns', 'Quotes', 'Calls']
      .map((n) => `${DATA}/zoho-crm-sample-export/${n}.csv`));
    const { rels } = await timed(sources, 'Zoho');
    const links = rels.map(link);
    for (const expected of [
      'Potentials.LEADID -> Leads.LEADID',
      'Potentials.Campaign Id -> Campaigns.CAMPAIGNID',
      'Potentials.Potential Owner -> Users.Last Name',
      'Calls.ACCOUNTID -> Accounts.ACCOUNTID',
      'Calls.CONTACTID -> Contacts.CONTACTID',
      'Calls.LEADID -> Leads.LEADID',
      'Calls.Call Owner Id -> Users.USER_ID',
      'Contacts.Account Id -> Accounts.ACCOUNTID',
      'Accounts.Account Owner -> Users.Last Name',
      'Leads.Lead Owner -> Users.Last Name',
      'Quotes.Quote Owner -> Users.Last Name',
    ]) expect(links).toContain(expected);
    // 1:1 keys are proposed once, in the better covered direction.
    expect(links).not.toContain('Leads.LEADID -> Potentials.LEADID');
    // Whole numbers that overlap by chance (probabilities, durations) and contact details are no links.
    expect(rels.some((r) => /Probability|Duration|Age|Mobile/.test(r.from.column))).toBe(false);
    const calls = rels.find((r) => link(r) === 'Calls.ACCOUNTID -> Accounts.ACCOUNTID') as RelationshipProposal;
    expect(calls).toMatchObject({ matchedRows: 990, unmatchedRows: 20, emptyRows: 3090 });
    expect(calls.unmatchedValues.map((u) => u.value)).toEqual(['2238', '2243']);
    expect(calls.message).toContain('3,090 activities have no ACCOUNTID');
  });

  it('links French exports by company names', async () => {
    const sources = await load('fr', ['fr-koban-affaires', 'fr-comptes', 'fr-activites'].map((n) => `${FIXTURES}/${n}.csv`), ", delim=';'");
    const { rels } = await timed(sources, 'French fixtures');
    const links = rels.map(link);
    expect(links).toContain('fr-koban-affaires.Compte -> fr-comptes.Raison sociale');
    expect(links).toContain('fr-activites.Société -> fr-comptes.Raison sociale');
    for (const r of rels) expect(r.coverage).toBeGreaterThanOrEqual(0.5);
  });
});
