// Role detection, CRM presets, header signatures and stage inference: the pure parts, on evidence
// built by hand.
import { describe, expect, it } from 'vitest';
import type { ValueKind } from '../../shared/import/types';
import {
  CRM_PRESETS, ROLES, ROLE_IDS, crmPreset, detectPreset, detectRoles, detectSourceKind, headerSignature, headerVariants,
  inferStages, normaliseHeader, outcomeOf, type ColumnEvidence, type RoleId, type RoleProposal,
} from '../../shared/model';

type Cell = string | number | null;

/** Evidence for a column from its values, as the core would measure it. */
function ev(name: string, values: Cell[], kind?: ValueKind): ColumnEvidence {
  const present = values.filter((v): v is string | number => v !== null && v !== '');
  const numeric = present.length > 0 && present.every((v) => typeof v === 'number');
  const k: ValueKind = kind ?? (numeric ? (present.every((v) => Number.isInteger(v)) ? 'integer' : 'decimal') : 'text');
  const counts = new Map<string, number>();
  for (const v of present) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  const topValues = [...counts.entries()]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, 30);
  const e: ColumnEvidence = {
    name, kind: k, distinct: counts.size, rows: values.length,
    nullShare: values.length ? (values.length - present.length) / values.length : 1, topValues,
  };
  if (numeric) {
    const ns = present as number[];
    e.min = Math.min(...ns);
    e.max = Math.max(...ns);
    e.mean = ns.reduce((s, n) => s + n, 0) / ns.length;
    e.numericShare = 1;
    e.integerShare = ns.filter((n) => Number.isInteger(n)).length / ns.length;
  } else if (k === 'text') {
    e.numericShare = 0;
    e.dateShare = 0;
    e.periodShare = 0;
  }
  if (k === 'date') {
    const ds = (present as string[]).slice().sort();
    e.min = ds[0];
    e.max = ds[ds.length - 1];
  }
  return e;
}

/** n values cycling through a list. */
function cycle<T extends Cell>(n: number, list: T[]): T[] {
  return Array.from({ length: n }, (_, i) => list[i % list.length] as T);
}
const seq = (n: number, f: (i: number) => Cell) => Array.from({ length: n }, (_, i) => f(i));
const dates = (n: number, emptyEvery = 0) =>
  seq(n, (i) => (emptyEvery && i % emptyEvery === 0 ? null : `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`));

function mapping(proposals: RoleProposal[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of proposals) out[p.role] = p.column;
  return out;
}

function roleOf(header: string, values: Cell[] = cycle(20, ['Alice Martin', 'Bruno Keller', 'Chloé Petit', 'Daan Visser'])) {
  // A header alone, next to a deals context so the source reads as deals.
  const cols = [ev(header, values), ev('zz', cycle(20, ['Open', 'Open', 'Won', 'Lost']))];
  return detectRoles(cols).find((p) => p.column === header);
}

describe('roles catalog', () => {
  it('defines every canonical role once, with kinds, a description and synonyms in four languages', () => {
    expect(ROLES.map((r) => r.id).sort()).toEqual([...ROLE_IDS].sort());
    for (const id of ['deal_id', 'deal_name', 'account', 'owner', 'team', 'pipeline', 'stage', 'status', 'amount',
      'probability', 'created_at', 'expected_close_at', 'closed_at', 'lead_source', 'segment', 'account_type', 'region',
      'industry', 'tags', 'loss_reason', 'activity_type', 'activity_at', 'outcome', 'cost_amount', 'cost_channel',
      'cost_period', 'account_id', 'account_name', 'product', 'target_amount', 'target_period', 'lead_status', 'converted']) {
      expect(ROLE_IDS).toContain(id);
    }
    for (const r of ROLES) {
      expect(r.kinds.length).toBeGreaterThan(0);
      expect(r.description.length).toBeGreaterThan(10);
      expect(Object.keys(r.synonyms).sort()).toEqual(['de', 'en', 'fr', 'nl']);
    }
    expect(ROLES.find((r) => r.id === 'activity_type')?.entity).toBe('activity');
    expect(ROLES.find((r) => r.id === 'cost_period')?.entity).toBe('cost');
    expect(ROLES.find((r) => r.id === 'converted')?.entity).toBe('lead');
    expect(ROLES.find((r) => r.id === 'target_amount')?.entity).toBe('target');
    expect(ROLES.find((r) => r.id === 'segment')?.entity).toBe('account');
  });

  it('normalises headers: case, accents, punctuation, camelCase, glued ids', () => {
    expect(normaliseHeader('Propriétaire')).toBe('proprietaire');
    expect(normaliseHeader('  Date de clôture prévue ')).toBe('date de cloture prevue');
    expect(normaliseHeader('ACCOUNTID')).toBe('account id');
    expect(normaliseHeader('POTENTIALID')).toBe('potential id');
    expect(normaliseHeader('TotalVisits')).toBe('total visits');
    expect(normaliseHeader('Deal - Owner')).toBe('deal owner');
    expect(normaliseHeader('Straße')).toBe('strasse');
    expect(headerVariants('Opportunity Owner').map((v) => v.text)).toContain('owner');
    expect(headerVariants('Betrag (EUR)').map((v) => v.text)).toContain('betrag');
    expect(headerVariants("Montant de l'affaire").map((v) => v.text)).toContain('montant');
  });
});

describe('header synonyms in four languages', () => {
  const owners = ['Opportunity Owner', 'Deal owner', 'Owner', 'Sales rep', 'Sales agent', 'User', 'Propriétaire',
    'Commercial', 'Responsable', 'Eigenaar', 'Verkoper', 'Accountmanager', 'Vertriebsmitarbeiter', 'Verantwortlicher', 'Inhaber',
    'OWNER_NAME', 'sales_agent', 'Potential Owner', 'Chargé d’affaires'];
  it.each(owners)('"%s" is the owner', (h) => {
    const p = roleOf(h);
    expect(p?.role).toBe('owner');
    expect(p?.reason).toMatch(/synonym|own name/);
  });

  it('says which language a synonym comes from', () => {
    expect(roleOf('Propriétaire')?.reason).toBe("header 'Propriétaire' is a French synonym of owner; values Alice Martin/Bruno Keller/Chloé Petit look like people's names");
    expect(roleOf('Eigenaar')?.reason).toMatch(/Dutch synonym of owner/);
    expect(roleOf('Vertriebsmitarbeiter')?.reason).toMatch(/German synonym of owner/);
  });

  const cases: [string, RoleId, Cell[]][] = [
    ['Montant HT', 'amount', seq(20, (i) => 1000 + i * 250.5)],
    ['Bedrag', 'amount', seq(20, (i) => 1000 + i * 250)],
    ['Betrag (EUR)', 'amount', seq(20, (i) => 1000 + i * 250)],
    ['Opportunity Amount', 'amount', seq(20, (i) => 1000 + i * 250)],
    ['Probabilité', 'probability', cycle(20, [10, 25, 50, 75])],
    ['Kans (%)', 'probability', cycle(20, [10, 25, 50, 75])],
    ['Wahrscheinlichkeit', 'probability', cycle(20, [10, 25, 50, 75])],
    ['Étape', 'stage', cycle(20, ['Découverte', 'Proposition', 'Gagnée', 'Perdue'])],
    ['Fase', 'stage', cycle(20, ['Lead', 'Offerte', 'Gewonnen', 'Verloren'])],
    ['Verkaufsphase', 'stage', cycle(20, ['Erstkontakt', 'Angebot', 'Gewonnen', 'Verloren'])],
    ['Motif de perte', 'loss_reason', cycle(20, ['Prix', 'Concurrent', null, null])],
    ['Reden van verlies', 'loss_reason', cycle(20, ['Prijs', null, null])],
    ['Verlustgrund', 'loss_reason', cycle(20, ['Preis', null])],
    ['Origine', 'lead_source', cycle(20, ['Salon', 'Site web', 'Recommandation'])],
    ['Bron', 'lead_source', cycle(20, ['Beurs', 'Website'])],
    ['Quelle', 'lead_source', cycle(20, ['Messe', 'Empfehlung'])],
    ['Raison sociale', 'account', cycle(20, ['Boulangerie Dupont', 'Garage Martin & Fils'])],
    ['Organisatie', 'account', cycle(20, ['De Boer Bouw B.V.', 'Bakkerij Van Dijk'])],
    ['Firma', 'account', cycle(20, ['Keller Bau GmbH', 'Bäckerei Huber'])],
    ['Équipe', 'team', cycle(20, ['Grands comptes', 'PME'])],
    ['Verkoopteam', 'team', cycle(20, ['Binnendienst', 'Buitendienst'])],
    ['Secteur d\'activité', 'industry', cycle(20, ['Commerce', 'Santé'])],
    ['Branche', 'industry', cycle(20, ['Bau', 'Handel'])],
    ['Mots-clés', 'tags', cycle(20, ['prioritaire', 'grand compte, récurrent'])],
    ['Labels', 'tags', cycle(20, ['warm', 'prioriteit'])],
    ['Intitulé', 'deal_name', seq(20, (i) => `Affaire ${i}`)],
    ['Verkaufschance', 'deal_name', seq(20, (i) => `Wartungsvertrag ${i}`)],
  ];
  it.each(cases)('"%s" is the %s', (h, role, values) => {
    expect(roleOf(h, values)?.role).toBe(role);
  });

  it('reads dates by their header words in four languages', () => {
    const n = 30;
    const cols = [
      ev('Phase', cycle(n, ['Erstkontakt', 'Angebot', 'Verhandlung', 'Gewonnen', 'Verloren'])),
      ev('Erstellt am', dates(n), 'date'),
      ev('Voraussichtliches Abschlussdatum', dates(n), 'date'),
      ev('Abgeschlossen am', dates(n, 3), 'date'),
      ev('Letzte Änderung', dates(n), 'date'),
    ];
    expect(mapping(detectRoles(cols))).toMatchObject({
      created_at: 'Erstellt am', expected_close_at: 'Voraussichtliches Abschlussdatum', closed_at: 'Abgeschlossen am',
    });
    expect(detectRoles(cols).some((p) => p.column === 'Letzte Änderung')).toBe(false);

    const fr = [
      ev('Étape', cycle(n, ['Découverte', 'Proposition', 'Gagnée', 'Perdue'])),
      ev('Date de création de l\'affaire', dates(n), 'date'),
      ev('Date de signature prévue', dates(n), 'date'),
      ev('Clôturée le', dates(n, 2), 'date'),
    ];
    expect(mapping(detectRoles(fr))).toMatchObject({
      created_at: "Date de création de l'affaire", expected_close_at: 'Date de signature prévue', closed_at: 'Clôturée le',
    });
  });

  it('reads one ambiguous close date as expected when always filled, as actual when empty on open deals', () => {
    const n = 40;
    const stage = ev('Stage', cycle(n, ['Prospecting', 'Proposal', 'Closed Won', 'Closed Lost']));
    const full = detectRoles([stage, ev('Close Date', dates(n), 'date')], { preset: null });
    expect(mapping(full)).toMatchObject({ expected_close_at: 'Close Date' });
    expect(mapping(full).closed_at).toBeUndefined();
    const holes = detectRoles([stage, ev('close_date', dates(n, 4), 'date')], { preset: null });
    expect(mapping(holes)).toMatchObject({ closed_at: 'close_date' });
    expect(holes.find((p) => p.role === 'closed_at')?.reason).toMatch(/empty on 25% of rows/);
  });
});

describe('what the values say', () => {
  const n = 40;
  const statusSets: [string, string[]][] = [
    ['English', ['Open', 'Won', 'Lost']],
    ['French', ['En cours', 'Gagné', 'Perdu']],
    ['Dutch', ['Open', 'Gewonnen', 'Verloren']],
    ['German', ['Offen', 'Gewonnen', 'Verloren']],
    ['Salesforce-like', ['Open', 'Closed Won', 'Closed Lost']],
    ['noCRM', ['Todo', 'Standby', 'Won', 'Lost', 'Cancelled']],
  ];
  it.each(statusSets)('%s outcome values make an unnamed column the status', (_l, values) => {
    const cols = [ev('col_a', cycle(n, values)), ev('col_b', seq(n, (i) => 500 + i * 37.5))];
    const p = detectRoles(cols, { sourceKind: 'deals' }).find((x) => x.column === 'col_a');
    expect(p?.role).toBe('status');
    expect(p?.reason).toMatch(/deal outcomes/);
  });

  it("proposes Maven's deal_stage (Won/Lost/Engaging/Prospecting) as stage and as a status derived from it", () => {
    const stage = cycle(n, ['Won', 'Won', 'Lost', 'Engaging', 'Prospecting']);
    const props = detectRoles([ev('opportunity_id', seq(n, (i) => `1C1I7A${i}`)), ev('deal_stage', stage)]);
    const s = props.find((p) => p.role === 'stage');
    const st = props.find((p) => p.role === 'status');
    expect(s?.column).toBe('deal_stage');
    expect(st).toMatchObject({ column: 'deal_stage', derivedFrom: 'stage' });
    expect(st?.reason).toMatch(/derived from stage 'deal_stage'/);
    expect(st!.confidence).toBeLessThan(s!.confidence);
  });

  it('does not derive the status when a status column exists', () => {
    const props = detectRoles([
      ev('stage', cycle(n, ['Qualification', 'Proposal', 'Closed Won', 'Closed Lost'])),
      ev('status', cycle(n, ['Open', 'Open', 'Won', 'Lost'])),
    ]);
    expect(props.filter((p) => p.role === 'status')).toEqual([expect.objectContaining({ column: 'status' })]);
    expect(props.some((p) => p.derivedFrom)).toBe(false);
  });

  it('reads integers 0-100 or fractions 0-1 next to a stage column as the probability, not without one', () => {
    const stage = ev('Fase', cycle(n, ['Lead', 'Offerte', 'Onderhandeling', 'Gewonnen', 'Verloren']));
    const pct = ev('x1', cycle(n, [10, 30, 60, 100, 0]));
    expect(mapping(detectRoles([stage, pct])).probability).toBe('x1');
    const frac = ev('x2', cycle(n, [0.1, 0.3, 0.6, 1, 0]), 'decimal');
    expect(mapping(detectRoles([stage, frac])).probability).toBe('x2');
    const alone = detectRoles([ev('x1', cycle(n, [10, 30, 60, 100, 0])), ev('name', seq(n, (i) => `Deal ${i}`))]);
    expect(alone.some((p) => p.role === 'probability')).toBe(false);
  });

  it('takes the largest money-looking column as the amount', () => {
    const cols = [
      ev('Phase', cycle(n, ['Angebot', 'Verhandlung', 'Gewonnen', 'Verloren'])),
      ev('Laufzeit', cycle(n, [12, 24, 36, 48, 60])),
      ev('Jahr', cycle(n, [2022, 2023, 2024, 2025, 2021])),
      ev('Summe netto', seq(n, (i) => 1200 + ((i * 7919) % 40000) + 0.5)),
      ev('Rabatt', seq(n, (i) => 10 + ((i * 31) % 500) + 0.25)),
    ];
    const p = detectRoles(cols).find((x) => x.role === 'amount');
    expect(p?.column).toBe('Summe netto');
  });

  it('finds segments, lead sources, account types and industries by their values', () => {
    const m = mapping(detectRoles([
      ev('Stage', cycle(n, ['Prospecting', 'Proposal', 'Closed Won', 'Closed Lost'])),
      ev('c1', cycle(n, ['Gold', 'Silver', 'Bronze', 'Bronze'])),
      ev('c2', cycle(n, ['Website', 'Referral', 'Trade show', 'Partner', 'Cold call', 'Advertisement'])),
      ev('c3', cycle(n, ['Customer', 'Prospect', 'Partner'])),
      ev('c4', cycle(n, ['Manufacturing', 'Retail', 'Healthcare', 'Banking', 'Logistics'])),
    ]));
    expect(m).toMatchObject({ segment: 'c1', lead_source: 'c2', account_type: 'c3', industry: 'c4' });
    for (const tiers of [['Tier 1', 'Tier 2', 'Tier 3'], ['A', 'B', 'C'], ['Or', 'Argent', 'Bronze'], ['A-Kunde', 'B-Kunde', 'C-Kunde']]) {
      const t = mapping(detectRoles([ev('Stage', cycle(n, ['Prospecting', 'Closed Won', 'Closed Lost'])), ev('k', cycle(n, tiers))]));
      expect(t.segment).toBe('k');
    }
  });

  it('takes a near-unique id-looking column as the deal id, not a unique measure', () => {
    const m = mapping(detectRoles([
      ev('ref', seq(n, (i) => `OPP-${String(1000 + i)}`)),
      ev('employees', seq(n, (i) => 17 + i * 113)),
      ev('Stage', cycle(n, ['Prospecting', 'Proposal', 'Closed Won', 'Closed Lost'])),
    ]));
    expect(m.deal_id).toBe('ref');
    expect(Object.values(m)).not.toContain('employees');
  });

  it('reads generic headers by the kind of source', () => {
    const acts = [
      ev('Date', dates(n), 'date'),
      ev('Type', cycle(n, ['Appel', 'E-mail', 'Rendez-vous', 'Visite'])),
      ev('Résultat', cycle(n, ['Joint', 'Pas de réponse', 'Messagerie', 'Effectué'])),
      ev('Commercial', cycle(n, ['Julie Moreau', 'Marc Dubois'])),
    ];
    expect(detectSourceKind(acts).kind).toBe('activities');
    expect(mapping(detectRoles(acts))).toEqual({
      activity_at: 'Date', activity_type: 'Type', outcome: 'Résultat', owner: 'Commercial',
    });
    const costs = [
      ev('Mois', cycle(n, ['2024-01', '2024-02', '2024-03'])).valueOf() as ColumnEvidence,
      ev('Canal', cycle(n, ['Salon', 'LinkedIn', 'Site web'])),
      ev('Coût', seq(n, (i) => 100 + i * 12.5)),
    ];
    (costs[0] as ColumnEvidence).periodShare = 1;
    expect(detectSourceKind(costs).kind).toBe('costs');
    expect(mapping(detectRoles(costs))).toEqual({ cost_period: 'Mois', cost_channel: 'Canal', cost_amount: 'Coût' });
  });

  it('names accounts account_name in an accounts source and account elsewhere', () => {
    const names = seq(n, (i) => `Company ${i}`);
    const accounts = [ev('Account Name', names), ev('Industry', cycle(n, ['Retail', 'Banking', 'Energy'])),
      ev('Account Type', cycle(n, ['Customer', 'Prospect']))];
    expect(mapping(detectRoles(accounts))['account_name']).toBe('Account Name');
    const deals = [ev('Account Name', cycle(n, ['Acme', 'Globex'])), ev('Stage', cycle(n, ['Proposal', 'Closed Won', 'Closed Lost']))];
    expect(mapping(detectRoles(deals))['account']).toBe('Account Name');
  });

  it('gives each column at most one role and each role at most one column, except the derived status', () => {
    const cols = [
      ev('Owner', cycle(n, ['A B', 'C D'])),
      ev('Deal owner', cycle(n, ['Alice Martin', 'Bob Stone'])),
      ev('Amount', seq(n, (i) => i * 100 + 5)),
      ev('Amount in company currency', seq(n, (i) => i * 110 + 5)),
      ev('Stage', cycle(n, ['Won', 'Lost', 'Prospecting', 'Engaging'])),
    ];
    const props = detectRoles(cols, { preset: null });
    const roles = props.map((p) => p.role);
    expect(new Set(roles).size).toBe(roles.length);
    const cols1 = props.filter((p) => !p.derivedFrom).map((p) => p.column);
    expect(new Set(cols1).size).toBe(cols1.length);
    expect(mapping(props).amount).toBe('Amount');
    for (const p of props) {
      expect(p.confidence).toBeGreaterThanOrEqual(0.5);
      expect(p.confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe('CRM presets', () => {
  it('names the CRM when enough of its columns are present', () => {
    for (const preset of CRM_PRESETS) {
      const headers = Object.keys(preset.columns).slice(0, 12);
      expect(detectPreset(headers)?.preset, preset.id).toBe(preset.id);
    }
    expect(detectPreset(['Pipedrive stuff', 'Deal - Title', 'Deal - Value', 'Deal - Stage', 'Deal - Owner'])?.name).toBe('Pipedrive');
    expect(detectPreset(['Potential Name', 'Potential Owner', 'Amount', 'Stage', 'Closing Date'])?.preset).toBe('zoho');
    expect(detectPreset(['Intitulé', 'Compte', 'Montant HT', 'Date de clôture prévue', 'Étape'])?.preset).toBe('koban');
  });

  it('names no CRM for generic or own-made headers', () => {
    expect(detectPreset(['Amount', 'Stage', 'Owner', 'Pipeline', 'Status'])).toBeNull();
    expect(detectPreset(['deal_id', 'deal_name', 'account', 'owner', 'stage', 'status', 'amount'])).toBeNull();
    expect(detectPreset([])).toBeNull();
  });

  it('maps a preset column to its role with high confidence and says which CRM', () => {
    const n = 20;
    const cols = [
      ev('Deal - Title', seq(n, (i) => `Deal ${i}`)),
      ev('Deal - Owner', cycle(n, ['Ann Lee', 'Tom Reed'])),
      ev('Deal - Value', seq(n, (i) => 100 + i)),
      ev('Deal - Status', cycle(n, ['open', 'won', 'lost'])),
      ev('Deal - Label', cycle(n, ['Hot', 'Cold'])),
      ev('Deal - Weighted value', seq(n, (i) => 50 + i)),
    ];
    const props = detectRoles(cols);
    expect(mapping(props)).toEqual({ deal_name: 'Deal - Title', owner: 'Deal - Owner', amount: 'Deal - Value', status: 'Deal - Status', tags: 'Deal - Label' });
    expect(props.find((p) => p.role === 'owner')?.reason).toMatch(/^column 'Deal - Owner' is Pipedrive's owner column/);
    expect(props.find((p) => p.role === 'tags')!.confidence).toBeGreaterThanOrEqual(0.95);
  });

  it('knows the exact exports', () => {
    expect(crmPreset('salesforce').columns['Opportunity Owner']).toBe('owner');
    expect(crmPreset('hubspot').columns['Deal Stage']).toBe('stage');
    expect(crmPreset('zoho').columns['Forecast Type']).toBe('status');
    expect(crmPreset('nocrm').columns['Step']).toBe('stage');
    expect(crmPreset('koban').columns['Motif de perte']).toBe('loss_reason');
    expect(crmPreset('pipedrive').columns['Deal - Deal closed on']).toBe('closed_at');
  });
});

describe('headerSignature', () => {
  it('is stable across order, case, accents and punctuation, and differs between shapes', () => {
    const a = headerSignature(['Propriétaire', 'Montant', 'Étape']);
    expect(a).toBe(headerSignature(['étape', 'MONTANT', 'proprietaire']));
    expect(a).toBe(headerSignature([' Étape ', 'Montant', 'Propriétaire']));
    expect(a).not.toBe(headerSignature(['Propriétaire', 'Montant', 'Statut']));
    expect(a).not.toBe(headerSignature(['Propriétaire', 'Montant', 'Étape', 'Étape']));
    expect(a).toMatch(/^qd1-3-[0-9a-f]{16}$/);
  });
});

describe('inferStages', () => {
  const stat = (stage: string, count: number, p: number | null = null, won: number | null = null, lost: number | null = null) =>
    ({ stage, count, avgProbability: p, wonShare: won, lostShare: lost });
  const order = (s: ReturnType<typeof inferStages>) => s.map((x) => `${x.stage}:${x.meaning}`);

  it('orders open stages by mean probability, won then lost last', () => {
    const out = inferStages([
      stat('Closed Won', 1272, 100), stat('Proposal', 165, 59.7), stat('Closed Lost', 3186, 0), stat('Qualification', 95, 20.5),
      stat('Needs analysis', 145, 39.7), stat('Negotiation', 70, 78.9), stat('Prospecting', 67, 11.3),
    ]);
    expect(order(out)).toEqual(['Prospecting:open', 'Qualification:open', 'Needs analysis:open', 'Proposal:open',
      'Negotiation:open', 'Closed Won:won', 'Closed Lost:lost']);
    expect(out.map((s) => s.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(out[0]?.probability).toBeCloseTo(0.113, 3);
    expect(out[5]?.probability).toBe(1);
    expect(out[6]?.probability).toBe(0);
  });

  it('falls back to the usual stage order when probabilities are flat (Zoho sample)', () => {
    const out = inferStages([
      stat('Closed Won', 1425, 57.2), stat('Qualification', 698, 57.1), stat('Closed Lost', 485, 54.5),
      stat('Needs Analysis', 296, 52.7), stat('Initial Offer', 283, 56.1), stat('Prospect', 245, 56.7),
      stat('Proposal/Price Quote', 136, 58.75), stat('Negotiation/Review', 64, 57.1),
    ]);
    expect(order(out)).toEqual(['Prospect:open', 'Qualification:open', 'Needs Analysis:open', 'Initial Offer:open',
      'Proposal/Price Quote:open', 'Negotiation/Review:open', 'Closed Won:won', 'Closed Lost:lost']);
  });

  it('orders French stage names and reads Gagnée / Perdue / Signé / Abandonné', () => {
    const out = inferStages([
      stat('Négociation', 10), stat('Gagnée', 30), stat('Découverte', 25), stat('Proposition envoyée', 12),
      stat('Abandonné', 4), stat('Qualification', 20), stat('Perdue', 18), stat('Signé', 3),
    ]);
    expect(order(out)).toEqual(['Découverte:open', 'Qualification:open', 'Proposition envoyée:open', 'Négociation:open',
      'Gagnée:won', 'Signé:won', 'Abandonné:lost', 'Perdue:lost']);
  });

  it('orders Dutch and German stage names', () => {
    expect(order(inferStages([
      stat('Verloren', 9), stat('Onderhandeling', 3), stat('Gewonnen', 8), stat('Offerte verstuurd', 5), stat('Lead', 12),
      stat('Gekwalificeerd', 7),
    ]))).toEqual(['Lead:open', 'Gekwalificeerd:open', 'Offerte verstuurd:open', 'Onderhandeling:open', 'Gewonnen:won', 'Verloren:lost']);
    expect(order(inferStages([
      stat('Abgeschlossen verloren', 9), stat('Verhandlung', 3), stat('Abgeschlossen gewonnen', 8), stat('Angebot', 5),
      stat('Erstkontakt', 12), stat('Bedarfsanalyse', 7), stat('Qualifizierung', 6),
    ]))).toEqual(['Erstkontakt:open', 'Qualifizierung:open', 'Bedarfsanalyse:open', 'Angebot:open', 'Verhandlung:open',
      'Abgeschlossen gewonnen:won', 'Abgeschlossen verloren:lost']);
  });

  it("reads won and lost from the deals' statuses when the name says nothing", () => {
    const out = inferStages([
      stat('Facturé', 40, null, 0.97, 0), stat('Classé', 22, null, 0, 0.9), stat('Contact', 30, null, 0, 0),
      stat('Devis', 12, null, 0.05, 0.1),
    ]);
    expect(order(out)).toEqual(['Contact:open', 'Devis:open', 'Facturé:won', 'Classé:lost']);
  });

  it('uses leading numbers when every open stage has one', () => {
    const out = inferStages([stat('3. Offre', 5), stat('1. Piste', 9), stat('2. Rencontre', 7), stat('Closed Won', 4)]);
    expect(order(out)).toEqual(['1. Piste:open', '2. Rencontre:open', '3. Offre:open', 'Closed Won:won']);
  });

  it('reads outcomes from names in four languages', () => {
    for (const w of ['Closed Won', 'Won', 'Gagné', 'Gagnée', 'Signé', 'Gewonnen', 'Abgeschlossen gewonnen', 'Won - signed']) {
      expect(outcomeOf(w), w).toBe('won');
    }
    for (const l of ['Closed Lost', 'Lost', 'Perdu', 'Abandonné', 'Verloren', 'Abgeschlossen verloren', 'Sans suite']) {
      expect(outcomeOf(l), l).toBe('lost');
    }
    for (const o of ['Open', 'En cours', 'Offen', 'Lopend']) expect(outcomeOf(o), o).toBe('open');
    expect(outcomeOf('Proposal')).toBeNull();
  });
});
