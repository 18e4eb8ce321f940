// The KPI catalog as data: every formula compiles against a deals schema, placeholders expand to
// exact outcome tests, missing roles are named, Wilson intervals match published values, and
// command-line periods parse.
import { describe, expect, it } from 'vitest';
import {
  catalogListing,
  convertedCondition,
  DEFAULT_OUTCOME,
  expandFormula,
  findKpi,
  funnelRows,
  joinedBucket,
  joinedMonth,
  joinSpec,
  kpiGroups,
  kpiParts,
  KPIS,
  kpiSpec,
  missingRoles,
  outcomeValuesFrom,
  parsePeriod,
  wilsonInterval,
} from '../../shared/model/kpis';
import { ROLE_IDS } from '../../shared/model/roles';
import { compileSpec } from '../../shared/spec/compile';
import { normalizeSpec } from '../../shared/spec/normalize';
import { parseSpec } from '../../shared/spec/schema';
import type { SourceSchema } from '../../shared/spec/types';

const ROLES = {
  deal_id: 'Id', owner: 'Owner', status: 'Statut', amount: 'Montant', probability: 'Proba',
  created_at: 'Créé le', expected_close_at: 'Clôture prévue', closed_at: 'Clôturé le', segment: 'Segment', lead_source: 'Origine', stage: 'Étape', account: 'Compte',
};
const SCHEMA: SourceSchema = {
  table: 'deals',
  columns: [
    { name: 'Id', type: 'VARCHAR' }, { name: 'Owner', type: 'VARCHAR' }, { name: 'Statut', type: 'VARCHAR' },
    { name: 'Montant', type: 'DECIMAL(18,2)' }, { name: 'Proba', type: 'BIGINT' }, { name: 'Créé le', type: 'DATE' },
    { name: 'Clôture prévue', type: 'DATE' }, { name: 'Clôturé le', type: 'DATE' }, { name: 'Segment', type: 'VARCHAR' },
    { name: 'Origine', type: 'VARCHAR' }, { name: 'Étape', type: 'VARCHAR' }, { name: 'Compte', type: 'VARCHAR' },
  ],
  roles: ROLES,
};
// "activities (enriched)": the activity's own columns, and the deal's under "deals.".
const ACTIVITY_ROLES = {
  activity_id: 'Id', deal_id: 'Deal', owner: 'Owner', activity_type: 'Type', activity_at: 'Date', outcome: 'Résultat',
  status: 'deals.Statut', amount: 'deals.Montant', closed_at: 'deals.Clôturé le', segment: 'accounts.Segment', lead_source: 'deals.Origine',
};
const ACTIVITY_SCHEMA: SourceSchema = {
  table: 'activities',
  columns: [
    { name: 'Id', type: 'VARCHAR' }, { name: 'Deal', type: 'VARCHAR' }, { name: 'Owner', type: 'VARCHAR' }, { name: 'Type', type: 'VARCHAR' },
    { name: 'Date', type: 'TIMESTAMP' }, { name: 'Résultat', type: 'VARCHAR' }, { name: 'deals.Statut', type: 'VARCHAR' },
    { name: 'deals.Montant', type: 'DOUBLE' }, { name: 'deals.Clôturé le', type: 'DATE' }, { name: 'accounts.Segment', type: 'VARCHAR' },
    { name: 'deals.Origine', type: 'VARCHAR' },
  ],
  roles: ACTIVITY_ROLES,
};
const LEAD_ROLES = { lead_id: 'Lead', owner: 'Owner', lead_source: 'Origine', created_at: 'Créé le', converted: 'Converti', segment: 'Segment' };
const LEAD_SCHEMA: SourceSchema = {
  table: 'leads',
  columns: [
    { name: 'Lead', type: 'VARCHAR' }, { name: 'Owner', type: 'VARCHAR' }, { name: 'Origine', type: 'VARCHAR' }, { name: 'Créé le', type: 'DATE' },
    { name: 'Converti', type: 'BOOLEAN' }, { name: 'Segment', type: 'VARCHAR' },
  ],
  roles: LEAD_ROLES,
};
const JOINED_SCHEMAS: Record<string, SourceSchema> = {
  costs: {
    table: 'costs',
    columns: [{ name: 'Mois', type: 'VARCHAR' }, { name: 'Canal', type: 'VARCHAR' }, { name: 'Dépense', type: 'DECIMAL(18,2)' }],
    roles: { cost_period: 'Mois', cost_channel: 'Canal', cost_amount: 'Dépense' },
  },
  targets: {
    table: 'targets',
    columns: [{ name: 'Mois', type: 'VARCHAR' }, { name: 'Owner', type: 'VARCHAR' }, { name: 'Objectif', type: 'BIGINT' }],
    roles: { target_period: 'Mois', owner: 'Owner', target_amount: 'Objectif' },
  },
};
const OUTCOME = { role: 'status' as const, won: ['Gagné', "L'affaire signée"], lost: ['Perdu'] };

describe('the KPI catalog', () => {
  it('has unique ids, known roles, and a main measure named after the KPI', () => {
    expect(new Set(KPIS.map((k) => k.id)).size).toBe(KPIS.length);
    for (const k of KPIS) {
      expect(k.measures[0]!.id).toBe(k.id);
      for (const r of [...k.requires, k.dateRole]) expect(ROLE_IDS).toContain(r);
      for (const x of k.measures.slice(1)) expect(x.id.startsWith(`${k.id}_`)).toBe(true);
      if (k.rate) expect(k.measures.map((x) => x.id)).toEqual(expect.arrayContaining([k.rate.successes, k.rate.trials]));
    }
  });

  it('compiles every KPI, grouped, by period, filtered', () => {
    // Each part of a KPI (another date role or entity: forecast, CRM usage) is a spec of its own.
    for (const k of KPIS.flatMap(kpiParts)) {
      const activity = k.entity === 'activity';
      const lead = k.entity === 'lead';
      const spec = kpiSpec(k, {
        source: activity ? 'activities' : lead ? 'leads' : 'deals', today: '2024-07-01', outcome: OUTCOME, by: ['owner'], grain: 'month',
        period: 'last_12_months', filters: [{ role: 'segment', value: 'Gold' }], roles: activity ? ACTIVITY_ROLES : lead ? LEAD_ROLES : ROLES,
        ...(lead ? { converted: convertedCondition('converted', [true, false, null]) } : {}),
      });
      // Joined, ratio, sum and derived measures are not computed by the KPI's own spec.
      expect(spec.measures.map((x) => x.id)).toEqual(k.measures.filter((x) => !x.joined && !x.ratio && !x.sum && !x.derived).map((x) => x.id));
      const parsed = parseSpec(spec);
      if (!parsed.ok) throw new Error(`${k.id}: ${parsed.error.message}`);
      const compiled = compileSpec(normalizeSpec(parsed.value), activity ? ACTIVITY_SCHEMA : lead ? LEAD_SCHEMA : SCHEMA);
      if (!compiled.ok) throw new Error(`${k.id}: ${compiled.error.message}`);
      // Values are bound parameters, never pasted.
      expect(compiled.value.sql).not.toContain('Gagné');
    }
  });

  it('groups by --by then the KPI own roles, and builds the joined source spec', () => {
    expect(kpiGroups(findKpi('activity_outcomes')!, ['owner'])).toEqual(['owner', 'activity_type', 'outcome']);
    expect(kpiGroups(findKpi('acquisition_cost')!, ['lead_source'])).toEqual(['lead_source']);
    expect(kpiGroups(findKpi('won_deals')!)).toEqual([]);
    expect(kpiSpec(findKpi('target_attainment')!, { source: 'deals', today: '2024-07-01', outcome: OUTCOME }).dimensions).toEqual([{ id: 'owner', role: 'owner' }]);
    for (const k of KPIS.filter((x) => x.join)) {
      const spec = joinSpec(k, { source: k.join!.what, today: '2024-07-01', filters: [{ role: k.join!.key.deal, value: 'Web' }] })!;
      expect(spec.filters).toEqual([{ role: k.join!.key.joined, op: 'eq', values: ['Web'] }]);
      const parsed = parseSpec(spec);
      if (!parsed.ok) throw new Error(`${k.id}: ${parsed.error.message}`);
      const compiled = compileSpec(normalizeSpec(parsed.value), JOINED_SCHEMAS[k.join!.what]!);
      if (!compiled.ok) throw new Error(`${k.id}: ${compiled.error.message}`);
      expect(compiled.value.sql).not.toContain('Web');
    }
    expect(joinSpec(findKpi('revenue_won')!, { source: 'deals', today: '2024-07-01' })).toBeNull();
  });

  it('reads joined months and buckets them', () => {
    expect(joinedMonth('2024-11')).toBe('2024-11-01');
    expect(joinedMonth('2024/03')).toBe('2024-03-01');
    expect(joinedMonth('2024-03-15')).toBe('2024-03-01');
    expect(joinedMonth('2024-03-15 10:00:00')).toBe('2024-03-01');
    expect(joinedMonth(new Date(Date.UTC(2024, 6, 4)))).toBe('2024-07-01');
    for (const bad of ['2024-13', 'Nov 2024', '', null, 42]) expect(joinedMonth(bad)).toBeNull();
    expect(joinedBucket('2024-11-01', undefined)).toBe('2024-11-01');
    expect(joinedBucket('2024-11-01', 'month')).toBe('2024-11-01');
    expect(joinedBucket('2024-11-01', 'quarter')).toBe('2024-10-01');
    expect(joinedBucket('2024-03-01', 'quarter')).toBe('2024-01-01');
    expect(joinedBucket('2024-11-01', 'year')).toBe('2024-01-01');
    expect(joinedBucket('2024-11-01', 'week')).toBeNull();
  });

  it('expands outcome placeholders into exact, escaped tests', () => {
    const f = (t: string) => expandFormula(t, { outcome: OUTCOME, today: '2024-07-01', staleDays: 30, probabilityScale: 1 });
    expect(f('count_if({won})')).toBe("count_if((@status IN ('Gagné', 'L''affaire signée')))");
    expect(f('count_if({open})')).toBe("count_if((@status IS NULL OR @status NOT IN ('Gagné', 'L''affaire signée', 'Perdu')))");
    expect(f('x / {probability_scale}')).toBe('x / 1');
    expect(f('{stale_before}')).toBe("'2024-06-01'");
    expect(expandFormula('count_if({lost})', { outcome: { role: 'stage', won: [], lost: [] }, today: '2024-01-01' })).toBe('count_if((FALSE))');
  });

  it('applies the period and grain to the KPI date role, and the won scope as a filter', () => {
    const spec = kpiSpec(findKpi('sales_cycle_median')!, { source: 's', today: '2024-07-01', outcome: OUTCOME, period: '2024-01' as never, grain: 'quarter' });
    expect(spec.dimensions).toEqual([{ id: 'period', role: 'closed_at', grain: 'quarter' }]);
    expect(spec.filters).toEqual([
      { role: 'closed_at', op: 'not_null' },
      { role: 'closed_at', op: 'in_period', period: '2024-01' },
      { role: 'status', op: 'in', values: ['Gagné', "L'affaire signée"] },
    ]);
    expect(kpiSpec(findKpi('opportunities_created')!, { source: 's', today: '2024-07-01', grain: 'week' }).dimensions![0]!.role).toBe('created_at');
    expect(kpiSpec(findKpi('pipeline_value')!, { source: 's', today: '2024-07-01', grain: 'week' }).dimensions![0]!.role).toBe('expected_close_at');
  });

  it('leaves out measures whose optional roles are missing', () => {
    const noAmount = { status: 'S', created_at: 'C' };
    const spec = kpiSpec(findKpi('stale_deals')!, { source: 's', today: '2024-07-01', roles: noAmount });
    expect(spec.measures.map((x) => x.id)).toEqual(['stale_deals', 'stale_deals_open']);
  });

  it('names missing roles', () => {
    const won = findKpi('revenue_won')!;
    expect(missingRoles(won, ROLES)).toEqual([]);
    expect(missingRoles(won, { stage: 'Stage', amount: 'A', closed_at: 'C' })).toEqual([]);
    expect(missingRoles(won, { amount: 'A' })).toEqual(['status', 'closed_at']);
    const pipeline = findKpi('pipeline_value')!;
    expect(missingRoles(pipeline, { status: 'S', amount: 'A' })).toEqual([]);
    expect(missingRoles(pipeline, { status: 'S', amount: 'A' }, { dated: true })).toEqual(['expected_close_at']);
    expect(missingRoles(pipeline, { status: 'S', amount: 'A' }, { roles: ['owner'] })).toEqual(['owner']);
    expect(missingRoles(findKpi('weighted_pipeline')!, { status: 'S', amount: 'A' })).toEqual(['probability']);
    // The KPI's own groups and its join key are required too.
    expect(missingRoles(findKpi('activity_outcomes')!, { activity_type: 'T' })).toEqual(['outcome']);
    expect(missingRoles(findKpi('acquisition_cost')!, { status: 'S' })).toEqual(['lead_source']);
    expect(missingRoles(findKpi('activities_per_won_deal')!, { activity_type: 'T', deal_id: 'D' })).toEqual(['status']);
  });

  it('recognises won and lost values in four languages', () => {
    expect(outcomeValuesFrom('status', ['Closed Won', 'Closed Lost', 'Negotiation', null, 'Gewonnen', 'Perdue'])).toEqual({
      role: 'status', won: ['Closed Won', 'Gewonnen'], lost: ['Closed Lost', 'Perdue'],
    });
    expect(outcomeValuesFrom('stage', ['Won', 'Lost', 'Engaging', 'Prospecting'])).toEqual({ role: 'stage', won: ['Won'], lost: ['Lost'] });
    expect(DEFAULT_OUTCOME.won).toContain('Gagné');
  });

  it('lists the catalog with formulas and required roles', () => {
    const list = catalogListing();
    expect(list.find((k) => k.name === 'conversion_rate')).toMatchObject({
      formula: 'conversion_rate_won / (conversion_rate_won + conversion_rate_lost)',
      requiredRoles: ['status', 'closed_at'],
      format: 'percent',
      higherIsBetter: true,
    });
    expect(list.find((k) => k.name === 'opportunities_created')!.requiredRoles).toEqual(['created_at']);
  });
});

describe('the KPIs added with the forecast, the funnel, leads, CRM usage and basket per account', () => {
  it('splits a KPI into parts with their own date role and entity', () => {
    const forecast = kpiParts(findKpi('forecast')!);
    expect(forecast.map((k) => [k.id, k.entity ?? 'deal', k.dateRole, k.measures.map((x) => x.id)])).toEqual([
      ['forecast', 'deal', 'closed_at', ['forecast', 'forecast_won', 'forecast_won_deals']],
      ['forecast:deal:expected_close_at', 'deal', 'expected_close_at', ['forecast_weighted', 'forecast_open_deals']],
    ]);
    const usage = kpiParts(findKpi('crm_usage')!);
    expect(usage.map((k) => [k.entity ?? 'deal', k.dateRole, k.groupBy])).toEqual([['deal', 'created_at', ['owner']], ['activity', 'activity_at', ['owner']]]);
    expect(kpiParts(findKpi('won_deals')!)).toHaveLength(1);
    expect(findKpi('forecast')!.measures[0]!.sum).toEqual(['forecast_won', 'forecast_weighted']);
  });

  it('tells converted leads by their values', () => {
    expect(convertedCondition('converted', [true, false, null])).toBe('@converted IN (TRUE)');
    expect(convertedCondition('converted', [0, 1])).toBe('@converted IN (1)');
    expect(convertedCondition('converted', ['Yes', 'No', 'oui', 'non'])).toBe("@converted IN ('Yes', 'oui')");
    expect(convertedCondition('lead_status', ['New', 'Qualified', 'Closed - Converted', "Converted"])).toBe("@lead_status IN ('Closed - Converted', 'Converted')");
    expect(convertedCondition('lead_status', ['New', 'Junk'])).toBe('FALSE');
    expect(expandFormula('count_if({converted})', { today: '2024-07-01', converted: '@converted IN (1)' })).toBe('count_if((@converted IN (1)))');
    expect(expandFormula('count_if({converted})', { today: '2024-07-01' })).toBe('count_if((FALSE))');
    expect(missingRoles(findKpi('lead_conversion')!, { lead_id: 'Id' })).toEqual(['converted']);
    expect(missingRoles(findKpi('lead_conversion')!, { lead_status: 'Statut' })).toEqual([]);
  });

  it('computes the stage funnel from counts per stage in pipeline order', () => {
    const closed = (s: string) => s === 'Won' || s === 'Lost';
    // A (3 open, 1 lost there), B (2 open), C (1 open, 2 lost there), Won 4, Lost 5 (loss stage unknown).
    // Reached C = 1 + 2 + 4 won = 7; B = 7 + 2 = 9; A = 9 + 3 + 1 + 5 unknown = 18 (every deal).
    const rows = funnelRows([
      { stage: 'A', at: 3, won: 0, lost: 1 },
      { stage: 'B', at: 2, won: 0, lost: 0 },
      { stage: 'C', at: 1, won: 0, lost: 2 },
      { stage: 'Won', at: 0, won: 4, lost: 0 },
      { stage: 'Lost', at: 0, won: 0, lost: 5 },
    ], closed);
    expect(rows.map((r) => [r.stage, r.reached, r.next, r.conversion])).toEqual([
      ['A', 18, 9, 0.5], ['B', 9, 7, 7 / 9], ['C', 7, 4, 4 / 7], ['Won', null, null, null], ['Lost', null, null, null],
    ]);
    // A won deal left at an open stage reached every stage; an empty stage is a closed row: its lost deal
    // counts at the first stage only, its open deal nowhere. A = 1 + 1 (B) + 1 won + 1 lost = 4.
    expect(funnelRows([{ stage: 'A', at: 1, won: 1, lost: 0 }, { stage: 'B', at: 1, won: 0, lost: 0 }, { stage: null, at: 1, won: 0, lost: 1 }], closed)
      .map((r) => [r.stage, r.reached, r.next])).toEqual([['A', 4, 2], ['B', 2, 1], [null, null, null]]);
    expect(funnelRows([], closed)).toEqual([]);
  });

  it('lists the parts and the leads source', () => {
    const list = catalogListing();
    expect(list.find((k) => k.name === 'forecast')).toMatchObject({
      requiredRoles: ['status', 'amount', 'closed_at'],
      parts: [{ source: 'deals', dateRole: 'expected_close_at', roles: ['amount', 'probability', 'expected_close_at'] }],
    });
    expect(list.find((k) => k.name === 'crm_usage')).toMatchObject({ parts: [{ source: 'activities', dateRole: 'activity_at' }], groupBy: ['owner'] });
    expect(list.find((k) => k.name === 'lead_conversion')).toMatchObject({ source: 'leads', requiredRoles: ['converted or lead_status'] });
  });
});

describe('wilsonInterval', () => {
  it('matches published values', () => {
    // 2 of 4 at 95 %: [0.150, 0.850] (Wilson 1927; e.g. Newcombe 1998 table).
    const a = wilsonInterval(2, 4)!;
    expect(a.low).toBeCloseTo(0.15004, 4);
    expect(a.high).toBeCloseTo(0.84996, 4);
    // 200 of 400, much narrower: by hand, denominator 1 + 3.8416/400 = 1.009604, half-width
    // 1.96 × sqrt(0.25/400 + 3.8416/640000) / 1.009604 = 0.048766, centre 0.5.
    const b = wilsonInterval(200, 400)!;
    expect(b.low).toBeCloseTo(0.451234, 5);
    expect(b.high).toBeCloseTo(0.548766, 5);
    // 0 of 10: [0, z² / (n + z²)] = [0, 0.2775].
    const c = wilsonInterval(0, 10)!;
    expect(c.low).toBe(0);
    expect(c.high).toBeCloseTo(3.8416 / 13.8416, 10);
    // 10 of 10 mirrors it.
    expect(wilsonInterval(10, 10)!.low).toBeCloseTo(10 / 13.8416, 10);
    // 81 of 263 (Newcombe 1998, example): [0.2553, 0.3662].
    const d = wilsonInterval(81, 263)!;
    expect(d.low).toBeCloseTo(0.2553, 4);
    expect(d.high).toBeCloseTo(0.3662, 4);
  });

  it('is empty without trials', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(wilsonInterval(3, 2)).toBeNull();
  });
});

describe('parsePeriod', () => {
  it('reads presets, years, months, quarters, days and ranges as half-open ranges', () => {
    expect(parsePeriod('last_complete_month')).toBe('last_complete_month');
    expect(parsePeriod('2024')).toEqual({ from: '2024-01-01', to: '2025-01-01' });
    expect(parsePeriod('2024-02')).toEqual({ from: '2024-02-01', to: '2024-03-01' });
    expect(parsePeriod('2024-12')).toEqual({ from: '2024-12-01', to: '2025-01-01' });
    expect(parsePeriod('2024-Q4')).toEqual({ from: '2024-10-01', to: '2025-01-01' });
    expect(parsePeriod('2024-q2')).toEqual({ from: '2024-04-01', to: '2024-07-01' });
    expect(parsePeriod('2024-02-29')).toEqual({ from: '2024-02-29', to: '2024-03-01' });
    expect(parsePeriod('2024-01-15..2024-02-15')).toEqual({ from: '2024-01-15', to: '2024-02-15' });
  });

  it('refuses what it does not understand', () => {
    for (const bad of ['2024-13', '2024-Q5', '2023-02-29', '2024-02-01..2024-01-01', 'yesterday', '']) {
      expect(parsePeriod(bad)).toBeNull();
    }
  });
});
