// Role detection on real files loaded into DuckDB with read_csv: the Maven and Zoho exports, the
// X Education leads, the demo samples and hand-made French, Dutch, German and CRM-preset exports.
// Every file's mapping is written here by hand (what a careful analyst would map); the test
// asserts it, lists what detection still misses, and reports precision and recall per role.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnEvidence, stageStats, tableColumns } from '../../electron/core/model/evidence';
import { detectRoles, detectSourceKind, type ColumnEvidence, type RoleProposal } from '../../shared/model/detect';
import { detectPreset, type RoleId, type SourceKind } from '../../shared/model/roles';
import { inferStages } from '../../shared/model/stages';
import { quoteIdent, quoteLiteral } from '../../shared/spec/quote';
import { memoryConnection } from '../helpers/duckdb';

const DATA = '/work/shared/data';
const SAMPLES = resolve(__dirname, '../../resources/samples');
const FIXTURES = resolve(__dirname, '../fixtures/roles');

interface Case {
  file: string;
  /** Extra read_csv options. */
  read?: string;
  kind: SourceKind;
  /** The mapping a careful analyst makes. Status read from the stage column is written as the stage column. */
  expected: Partial<Record<RoleId, string>>;
  /** Other columns that are as right for a role as the expected one. */
  alternatives?: Partial<Record<RoleId, string[]>>;
  /** Expected roles detection does not find yet (kept honest here rather than dropped from `expected`). */
  missed?: RoleId[];
  /** The kind detection gives when it is not `kind` (a known miss). */
  kindDetected?: SourceKind;
  preset?: string;
}

const SEMI = "delim=';'";

const CASES: Case[] = [
  // Maven Analytics CRM Sales Opportunities
  {
    file: `${DATA}/maven-crm-sales-opportunities/sales_pipeline.csv`, kind: 'deals',
    expected: {
      deal_id: 'opportunity_id', owner: 'sales_agent', product: 'product', account: 'account', stage: 'deal_stage',
      status: 'deal_stage', created_at: 'engage_date', closed_at: 'close_date', amount: 'close_value',
    },
  },
  {
    file: `${DATA}/maven-crm-sales-opportunities/accounts.csv`, kind: 'accounts',
    expected: { account_name: 'account', industry: 'sector', region: 'office_location' },
  },
  { file: `${DATA}/maven-crm-sales-opportunities/products.csv`, kind: 'products', expected: { product: 'product' } },
  {
    file: `${DATA}/maven-crm-sales-opportunities/sales_teams.csv`, kind: 'reps',
    expected: { owner: 'sales_agent', region: 'regional_office' },
  },
  { file: `${DATA}/maven-crm-sales-opportunities/data_dictionary.csv`, kind: 'unknown', expected: {} },
  // Zoho CRM sample export
  {
    file: `${DATA}/zoho-crm-sample-export/Potentials.csv`, kind: 'deals', preset: 'zoho',
    expected: {
      deal_name: 'Potential Name', owner: 'Potential Owner', created_at: 'Created Time', expected_close_at: 'Closing Date',
      amount: 'Amount', stage: 'Stage', status: 'Forecast Type', pipeline: 'Type', lead_source: 'Lead Source',
      probability: 'Probability', lead_id: 'LEADID',
    },
  },
  {
    file: `${DATA}/zoho-crm-sample-export/Accounts.csv`, kind: 'accounts',
    expected: {
      account_id: 'ACCOUNTID', account_name: 'Account Name', owner: 'Account Owner', account_type: 'Account Type',
      industry: 'Industry',
    },
  },
  {
    // Other Zoho modules share enough column names (Created Time, Modified Time, LEADID, Type) to
    // name the CRM; the Potentials mapping of those names only applies where the kind allows it.
    file: `${DATA}/zoho-crm-sample-export/Calls.csv`, kind: 'activities', preset: 'zoho',
    expected: {
      activity_id: 'TASKID', activity_at: 'Call Start Time', owner: 'Call Owner', activity_type: 'Call Type',
      account_id: 'ACCOUNTID', deal_id: 'POTENTIALID', lead_id: 'LEADID',
    },
  },
  {
    file: `${DATA}/zoho-crm-sample-export/Campaigns.csv`, kind: 'costs', preset: 'zoho',
    expected: { cost_amount: 'Actual Cost', cost_channel: 'Type', cost_period: 'Start Date' },
  },
  {
    file: `${DATA}/zoho-crm-sample-export/Contacts.csv`, kind: 'unknown',
    expected: { owner: 'Contact Owner', account_id: 'Account Id', lead_source: 'Lead Source' },
  },
  {
    file: `${DATA}/zoho-crm-sample-export/Leads.csv`, kind: 'leads',
    expected: {
      lead_id: 'LEADID', account: 'Company', owner: 'Lead Owner', industry: 'Industry', lead_source: 'Lead Source',
      lead_status: 'Lead Status', created_at: 'Created Time', converted: 'CONVERTED',
    },
  },
  {
    file: `${DATA}/zoho-crm-sample-export/Quotes.csv`, kind: 'deals',
    expected: {
      deal_id: 'QUOTEID', deal_name: 'Subject', owner: 'Quote Owner', stage: 'Quote Stage', status: 'Sales Status',
      amount: 'Grand Total', created_at: 'Created Time',
    },
  },
  {
    // The users table: "Last Name" holds the reps' full names (First Name is empty).
    file: `${DATA}/zoho-crm-sample-export/Users.csv`, kind: 'reps', expected: { owner: 'Last Name' }, missed: ['owner'],
    kindDetected: 'unknown',
  },
  // X Education leads
  {
    file: `${DATA}/xeducation-lead-scoring/Leads.csv`, kind: 'leads',
    expected: { lead_id: 'Prospect ID', lead_source: 'Lead Source', converted: 'Converted', tags: 'Tags', region: 'Country' },
    alternatives: { lead_id: ['Lead Number'] },
  },
  // The demo workspace
  {
    file: `${SAMPLES}/deals.csv`, kind: 'deals',
    expected: {
      deal_id: 'deal_id', deal_name: 'deal_name', account: 'account', owner: 'owner', team: 'team', pipeline: 'pipeline',
      stage: 'stage', status: 'status', amount: 'amount', probability: 'probability', created_at: 'created_at',
      expected_close_at: 'expected_close_at', closed_at: 'closed_at', lead_source: 'lead_source', loss_reason: 'loss_reason',
      product: 'product',
    },
  },
  {
    file: `${SAMPLES}/accounts.csv`, kind: 'accounts',
    expected: {
      account_id: 'account_id', account_name: 'account_name', segment: 'segment', account_type: 'account_type',
      industry: 'industry', region: 'region',
    },
  },
  { file: `${SAMPLES}/reps.csv`, kind: 'reps', expected: { owner: 'owner', team: 'team', region: 'region' } },
  {
    file: `${SAMPLES}/activities.csv`, kind: 'activities',
    expected: {
      activity_id: 'activity_id', deal_id: 'deal_id', account: 'account', owner: 'owner', activity_type: 'activity_type',
      activity_at: 'activity_at', outcome: 'outcome',
    },
  },
  { file: `${SAMPLES}/costs.csv`, kind: 'costs', expected: { cost_period: 'month', cost_channel: 'channel', cost_amount: 'cost_amount' } },
  { file: `${SAMPLES}/targets.csv`, kind: 'targets', expected: { target_period: 'month', owner: 'owner', target_amount: 'target_amount' } },
  // Hand-made exports: French, Dutch, German
  {
    file: `${FIXTURES}/fr-koban-affaires.csv`, read: SEMI, kind: 'deals', preset: 'koban',
    expected: {
      deal_id: 'Code', deal_name: 'Intitulé', account: 'Compte', owner: 'Commercial', stage: 'Étape', status: 'Statut',
      amount: 'Montant HT', probability: 'Probabilité', created_at: 'Date de création', expected_close_at: 'Date de clôture prévue',
      closed_at: 'Date de clôture', lead_source: 'Origine', loss_reason: 'Motif de perte', pipeline: "Type d'affaire", tags: 'Mots-clés',
    },
  },
  {
    file: `${FIXTURES}/fr-comptes.csv`, read: SEMI, kind: 'accounts',
    expected: {
      account_id: 'Code client', account_name: 'Raison sociale', account_type: 'Type de compte', segment: 'Segment',
      industry: "Secteur d'activité", region: 'Région', owner: 'Commercial',
    },
  },
  {
    file: `${FIXTURES}/fr-activites.csv`, read: SEMI, kind: 'activities',
    expected: {
      activity_at: 'Date', activity_type: 'Type', owner: 'Commercial', account: 'Société', deal_name: 'Affaire', outcome: 'Résultat',
    },
  },
  {
    // A sheet kept by hand: home-made headers ("Qui", "Où en est-on", "%").
    file: `${FIXTURES}/fr-suivi-manuel.csv`, read: SEMI, kind: 'deals',
    expected: {
      deal_id: 'N°', account: 'Client', owner: 'Qui', stage: 'Où en est-on', status: 'Résultat', amount: 'CA potentiel',
      probability: '%', created_at: 'Début', expected_close_at: 'Fin prévue', lead_source: 'Origine du contact', segment: 'Catégorie',
    },
  },
  {
    file: `${FIXTURES}/nl-verkoopkansen.csv`, read: SEMI, kind: 'deals',
    expected: {
      deal_name: 'Verkoopkans', account: 'Organisatie', owner: 'Eigenaar', team: 'Team', stage: 'Fase', status: 'Fase',
      amount: 'Waarde', probability: 'Kans (%)', created_at: 'Aangemaakt op', expected_close_at: 'Verwachte sluitingsdatum',
      closed_at: 'Gesloten op', lead_source: 'Bron', loss_reason: 'Reden van verlies', tags: 'Labels',
    },
  },
  {
    file: `${FIXTURES}/nl-activiteiten.csv`, read: SEMI, kind: 'activities',
    expected: {
      activity_at: 'Datum', activity_type: 'Soort', owner: 'Medewerker', account: 'Bedrijf', deal_name: 'Deal', outcome: 'Uitkomst',
    },
  },
  {
    file: `${FIXTURES}/de-verkaufschancen.csv`, read: SEMI, kind: 'deals',
    expected: {
      deal_name: 'Verkaufschance', account: 'Firma', owner: 'Verantwortlicher', stage: 'Phase', status: 'Status',
      amount: 'Betrag (EUR)', probability: 'Wahrscheinlichkeit', created_at: 'Erstellt am',
      expected_close_at: 'Voraussichtlicher Abschluss', closed_at: 'Abgeschlossen am', lead_source: 'Quelle',
      loss_reason: 'Verlustgrund', segment: 'Kundensegment', industry: 'Branche',
    },
  },
  // Hand-made exports of the preset CRMs
  {
    file: `${FIXTURES}/salesforce-opportunities.csv`, kind: 'deals', preset: 'salesforce',
    expected: {
      owner: 'Opportunity Owner', account: 'Account Name', deal_name: 'Opportunity Name', stage: 'Stage', status: 'Stage',
      amount: 'Amount', probability: 'Probability (%)', expected_close_at: 'Close Date', created_at: 'Created Date',
      lead_source: 'Lead Source', pipeline: 'Type', deal_id: 'Opportunity ID',
    },
  },
  {
    file: `${FIXTURES}/hubspot-deals.csv`, kind: 'deals', preset: 'hubspot',
    expected: {
      deal_id: 'Record ID', deal_name: 'Deal Name', stage: 'Deal Stage', status: 'Deal Stage', expected_close_at: 'Close Date',
      owner: 'Deal owner', amount: 'Amount', created_at: 'Create Date', pipeline: 'Pipeline', account: 'Associated Company',
      probability: 'Deal probability', loss_reason: 'Closed Lost Reason', lead_source: 'Original Source Type',
    },
  },
  {
    file: `${FIXTURES}/pipedrive-deals.csv`, kind: 'deals', preset: 'pipedrive',
    expected: {
      deal_id: 'Deal - ID', deal_name: 'Deal - Title', owner: 'Deal - Owner', amount: 'Deal - Value',
      probability: 'Deal - Probability', account: 'Deal - Organization', pipeline: 'Deal - Pipeline', stage: 'Deal - Stage',
      tags: 'Deal - Label', status: 'Deal - Status', created_at: 'Deal - Deal created',
      expected_close_at: 'Deal - Expected close date', closed_at: 'Deal - Deal closed on', loss_reason: 'Deal - Lost reason',
    },
  },
  {
    file: `${FIXTURES}/nocrm-leads.csv`, kind: 'deals', preset: 'nocrm',
    expected: {
      deal_id: 'ID', deal_name: 'Lead title', status: 'Status', stage: 'Step', pipeline: 'Pipeline', amount: 'Amount',
      probability: 'Probability', owner: 'User', created_at: 'Created at', expected_close_at: 'Estimated closing date',
      closed_at: 'Closed at', tags: 'Tags', account: 'Client folder',
    },
  },
];

/**
 * Files the rules were not written against (looked at once, after the rules above, which led to
 * two fixes: `yyyy.mm.dd` dates and looser lead-source words). Reported separately.
 */
const HELD_OUT: Case[] = [
  {
    file: `${DATA}/olist-marketing-funnel-hu-locale/olist_marketing_closed_deals_dataset.csv`, read: SEMI, kind: 'deals',
    expected: {
      lead_id: 'mql_id', account_id: 'seller_id', owner: 'sr_id', closed_at: 'won_date', industry: 'business segment',
      account_type: 'business_type',
    },
    // One row per won MQL: its id identifies the deal as well; "business segment" (Pet, Car Accessories...) is
    // named a segment by the export itself.
    alternatives: { deal_id: ['mql_id'], segment: ['business segment'] },
    missed: ['lead_id', 'account_id', 'owner', 'industry', 'account_type'],
  },
  {
    file: `${DATA}/olist-marketing-funnel-hu-locale/olist_marketing_qualified_leads_dataset.csv`, read: SEMI, kind: 'leads',
    kindDetected: 'unknown',
    expected: { lead_id: 'mql_id', created_at: 'first_contact_date', lead_source: 'origin' },
    missed: ['lead_id', 'created_at'],
  },
  {
    file: `${DATA}/ibm-telco-customer-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv`, kind: 'accounts', kindDetected: 'unknown',
    expected: { account_id: 'customerID' },
  },
];

interface Result {
  c: Case;
  name: string;
  table: string;
  evidence: ColumnEvidence[];
  proposals: RoleProposal[];
  kind: SourceKind;
}

const results: Result[] = [];
let conn: Awaited<ReturnType<typeof memoryConnection>>['conn'];
let close: () => void;

function shortName(file: string): string {
  return file.replace(`${DATA}/`, '').replace(`${SAMPLES}/`, 'samples/').replace(`${FIXTURES}/`, 'fixtures/');
}

function correct(c: Case, p: RoleProposal): boolean {
  return c.expected[p.role] === p.column || (c.alternatives?.[p.role] ?? []).includes(p.column);
}

beforeAll(async () => {
  ({ conn, close } = await memoryConnection());
  for (const [i, c] of [...CASES, ...HELD_OUT].entries()) {
    const table = `t${i}`;
    await conn.run(`CREATE TABLE ${quoteIdent(table)} AS SELECT * FROM read_csv(${quoteLiteral(c.file)}${c.read ? `, ${c.read}` : ''})`);
    const evidence = await columnEvidence(conn, table, await tableColumns(conn, table));
    results.push({
      c, name: shortName(c.file), table, evidence, proposals: detectRoles(evidence), kind: detectSourceKind(evidence).kind,
    });
  }
});

afterAll(() => close?.());

function checkFile(name: string, c: Case): void {
  const r = results.find((x) => x.name === name) as Result;
  const wrong = r.proposals.filter((p) => !correct(c, p)).map((p) => `${p.role} ← ${p.column} (${p.reason})`);
  expect(wrong, `wrong proposals in ${name}`).toEqual([]);
  const found = new Set(r.proposals.filter((p) => correct(c, p)).map((p) => p.role));
  const missed = (Object.keys(c.expected) as RoleId[]).filter((role) => !found.has(role));
  expect(missed.sort(), `missed roles in ${name}`).toEqual([...(c.missed ?? [])].sort());
  expect(r.kind, `kind of ${name}`).toBe(c.kindDetected ?? c.kind);
  const preset = detectPreset(r.evidence.map((e) => e.name))?.preset ?? undefined;
  expect(preset, `preset of ${name}`).toBe(c.preset);
}

function report(title: string, cases: Case[]): { precision: number; recall: number } {
  const stats = new Map<RoleId, { proposed: number; correct: number; expected: number }>();
  const get = (role: RoleId) => {
    const s = stats.get(role) ?? { proposed: 0, correct: 0, expected: 0 };
    stats.set(role, s);
    return s;
  };
  const mine = results.filter((r) => cases.includes(r.c));
  for (const r of mine) {
    // A role counts as expected once per file; alternatives only widen what is correct.
    for (const role of Object.keys(r.c.expected) as RoleId[]) get(role).expected++;
    for (const p of r.proposals) {
      const s = get(p.role);
      s.proposed++;
      if (correct(r.c, p)) {
        s.correct++;
        if (r.c.expected[p.role] === undefined) s.expected++;
      }
    }
  }
  const rows = [...stats.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  const pct = (a: number, b: number) => (b === 0 ? '     - ' : `${((a / b) * 100).toFixed(1).padStart(6)}%`);
  const line = (role: string, s: { proposed: number; correct: number; expected: number }) =>
    `${role.padEnd(18)} ${String(s.proposed).padStart(8)} ${String(s.correct).padStart(8)} ${String(s.expected).padStart(9)}   ${pct(s.correct, s.proposed)} ${pct(s.correct, s.expected)}`;
  const total = rows.reduce((t, [, s]) => ({ proposed: t.proposed + s.proposed, correct: t.correct + s.correct, expected: t.expected + s.expected }),
    { proposed: 0, correct: 0, expected: 0 });
  console.log([`\n${title} (${mine.length} files)`, 'role               proposed  correct  expected  precision  recall',
    ...rows.map(([role, s]) => line(role, s)), line('ALL', total), ''].join('\n'));
  return { precision: total.correct / total.proposed, recall: total.correct / total.expected };
}

describe('role detection on held-out files', () => {
  it.each(HELD_OUT.map((c) => [shortName(c.file), c] as const))('%s', (name, c) => checkFile(name, c));
  it('reports precision and recall on them', () => {
    const { precision } = report('Role detection, held-out files', HELD_OUT);
    expect(precision).toBeGreaterThanOrEqual(0.9);
  });
});

describe('role detection on real files', () => {
  it.each(CASES.map((c) => [shortName(c.file), c] as const))('%s', (name, c) => {
    checkFile(name, c);
  });

  it('has precision >= 0.9 overall, and reports precision and recall per role', () => {
    const { precision, recall } = report('Role detection report', CASES);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});

describe('evidence measured in DuckDB', () => {
  const evOf = (file: string, column: string) =>
    results.find((r) => r.c.file.endsWith(file))?.evidence.find((e) => e.name === column) as ColumnEvidence;

  it('reads money and dates exported as text', () => {
    const amount = evOf('zoho-crm-sample-export/Potentials.csv', 'Amount');
    expect(amount.kind).toBe('text');
    expect(amount.numericShare).toBe(1);
    expect(amount.min).toBe(5100);
    expect(amount.max).toBe(250000);
    const created = evOf('zoho-crm-sample-export/Potentials.csv', 'Created Time');
    expect(created.dateShare).toBe(1);
    expect(created.min).toBe('2018-08-04');
    expect(created.max).toBe('2021-04-15');
    const waarde = evOf('nl-verkoopkansen.csv', 'Waarde');
    expect(waarde.numericShare).toBe(1);
    expect(Number(waarde.min)).toBeGreaterThan(1000);
    const ca = evOf('fr-suivi-manuel.csv', 'CA potentiel');
    expect(ca.numericShare).toBe(1);
    const pct = evOf('fr-suivi-manuel.csv', '%');
    expect([pct.min, pct.max]).toEqual([0, 100]);
    const actual = evOf('zoho-crm-sample-export/Campaigns.csv', 'Actual Cost');
    expect(actual.numericShare).toBe(1);
    expect(Number(actual.max)).toBeGreaterThan(1_000_000);
    expect(evOf('samples/costs.csv', 'month').periodShare).toBe(1);
  });

  it('counts rows, empties, distinct values and top values', () => {
    const close = evOf('maven-crm-sales-opportunities/sales_pipeline.csv', 'close_date');
    expect(close.rows).toBe(8800);
    expect(Math.round(close.nullShare * 8800)).toBe(2089);
    const stage = evOf('maven-crm-sales-opportunities/sales_pipeline.csv', 'deal_stage');
    expect(stage.distinct).toBe(4);
    expect(stage.topValues).toEqual([
      { value: 'Won', count: 4238 }, { value: 'Lost', count: 2473 }, { value: 'Engaging', count: 1589 }, { value: 'Prospecting', count: 500 },
    ]);
    const id = evOf('maven-crm-sales-opportunities/sales_pipeline.csv', 'opportunity_id');
    expect(id.distinct).toBe(8800);
    expect(id.topValues.length).toBe(30);
  });
});

describe('stages from the data', () => {
  const order = (s: ReturnType<typeof inferStages>) => s.map((x) => `${x.stage}:${x.meaning}`);

  it("orders Maven's stages and reads the outcomes from their names", async () => {
    const r = results.find((x) => x.name.endsWith('sales_pipeline.csv')) as Result;
    const stats = await stageStats(conn, r.table, 'deal_stage');
    expect(stats.map((s) => [s.stage, s.count])).toEqual([['Won', 4238], ['Lost', 2473], ['Engaging', 1589], ['Prospecting', 500]]);
    expect(order(inferStages(stats))).toEqual(['Prospecting:open', 'Engaging:open', 'Won:won', 'Lost:lost']);
  });

  it('orders the demo stages by probability and reads won / lost shares from the status', async () => {
    const r = results.find((x) => x.name === 'samples/deals.csv') as Result;
    const stats = await stageStats(conn, r.table, 'stage', 'probability', 'status');
    const won = stats.find((s) => s.stage === 'Closed Won');
    expect(won?.wonShare).toBe(1);
    expect(won?.avgProbability).toBe(1);
    expect(stats.find((s) => s.stage === 'Proposal')?.lostShare).toBe(0);
    expect(order(inferStages(stats))).toEqual(['Prospecting:open', 'Qualification:open', 'Needs analysis:open', 'Proposal:open',
      'Negotiation:open', 'Closed Won:won', 'Closed Lost:lost']);
  });

  it('orders the Zoho stages by their names when the probabilities are flat', async () => {
    const r = results.find((x) => x.name.endsWith('Potentials.csv')) as Result;
    const stats = await stageStats(conn, r.table, 'Stage', 'Probability', 'Forecast Type');
    expect(order(inferStages(stats))).toEqual(['Prospect:open', 'Qualification:open', 'Needs Analysis:open', 'Initial Offer:open',
      'Proposal/Price Quote:open', 'Negotiation/Review:open', 'Closed Won:won', 'Closed Lost:lost']);
  });

  it('orders French, Dutch and German stages, probabilities read from text where needed', async () => {
    const fr = results.find((x) => x.name.endsWith('fr-koban-affaires.csv')) as Result;
    expect(order(inferStages(await stageStats(conn, fr.table, 'Étape', 'Probabilité', 'Statut')))).toEqual([
      'Découverte:open', 'Qualification:open', 'Proposition envoyée:open', 'Négociation:open', 'Gagnée:won', 'Perdue:lost']);
    const nl = results.find((x) => x.name.endsWith('nl-verkoopkansen.csv')) as Result;
    expect(order(inferStages(await stageStats(conn, nl.table, 'Fase', 'Kans (%)')))).toEqual([
      'Lead:open', 'Gekwalificeerd:open', 'Offerte verstuurd:open', 'Onderhandeling:open', 'Gewonnen:won', 'Verloren:lost']);
    const de = results.find((x) => x.name.endsWith('de-verkaufschancen.csv')) as Result;
    const deStats = await stageStats(conn, de.table, 'Phase', 'Wahrscheinlichkeit', 'Status');
    expect(deStats.find((s) => s.stage === 'Angebot')?.avgProbability).toBeGreaterThan(0.4);
    expect(order(inferStages(deStats))).toEqual(['Erstkontakt:open', 'Qualifizierung:open', 'Bedarfsanalyse:open', 'Angebot:open',
      'Verhandlung:open', 'Gewonnen:won', 'Verloren:lost']);
  });
});
