/**
 * Seeded, deterministic simulation of a B2B sales organisation's CRM, used for Quarterdeck's demo
 * workspace and for benchmarks. Invented data only; Node built-ins only.
 *
 * The simulation works on day numbers (days since 1970-01-01, UTC) and produces plain row objects.
 * Every deal gets a full HISTORY (stage steps, expected-close revisions, amount revisions) which is
 * then read "as of" a date: the monthly pipeline snapshots and the final deals table are both views
 * of that one history, so they always agree with each other.
 *
 * Planted behaviours (what the demo analyses should reveal):
 * - Sophie Martin (Mid-market) converts far above the others; Léa Dubois (SMB, hired 2025-06) far below.
 * - Nicolas Bernard (SMB) over-forecasts: inflated probabilities, optimistic close dates that keep slipping.
 * - Chloé Petit (Inside sales) sandbags: low probabilities, late close dates, deals close early.
 * - Markus Schneider (Enterprise) needs many more meetings per won deal than his peers.
 * - The Proposal stage says 60% but only about a third of the deals seen at Proposal are won.
 * - LinkedIn ads cost a lot and bring few, small wins; Referral is cheap and converts best.
 * - Gold accounts buy bigger baskets but take longer and eat more effort.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Rng, hashSeed } from './random';

// ---------------------------------------------------------------------------------------------
// Row types
// ---------------------------------------------------------------------------------------------

export type Segment = 'Gold' | 'Silver' | 'Bronze';
export type DealStatus = 'Open' | 'Won' | 'Lost';

export interface AccountRow {
  account_id: string;
  account_name: string;
  segment: Segment;
  account_type: string;
  industry: string;
  region: string;
  employees: number;
  country: string;
}

export interface RepRow {
  owner: string;
  team: string;
  manager: string;
  hire_date: string;
  region: string;
  email: string;
}

export interface DealRow {
  deal_id: string;
  deal_name: string;
  account: string;
  owner: string;
  team: string;
  pipeline: string;
  stage: string;
  status: DealStatus;
  amount: number;
  probability: number;
  created_at: string;
  expected_close_at: string;
  closed_at: string | null;
  lead_source: string;
  loss_reason: string | null;
  product: string;
}

export interface SnapshotRow extends DealRow {
  snapshot_date: string;
}

export interface ActivityRow {
  activity_id: string;
  deal_id: string;
  account: string;
  owner: string;
  activity_type: string;
  activity_at: string;
  outcome: string;
  duration_minutes: number;
}

export interface CostRow {
  month: string;
  channel: string;
  cost_amount: number;
}

export interface TargetRow {
  month: string;
  owner: string;
  target_amount: number;
}

/** One visible change in a deal's history (like a CRM "field history" export); not written to the samples. */
export interface DealHistoryRow {
  deal_id: string;
  changed_on: string;
  field: 'stage' | 'probability' | 'amount' | 'expected_close_at' | 'status';
  value: string;
}

export interface CrmDataset {
  accounts: AccountRow[];
  reps: RepRow[];
  deals: DealRow[];
  activities: ActivityRow[];
  costs: CostRow[];
  targets: TargetRow[];
  /** All monthly snapshots, flattened, ordered by snapshot_date then deal_id. */
  snapshots: SnapshotRow[];
  /** The snapshot dates (first day of each month after each simulated month), even if a snapshot is empty. */
  snapshotDates: string[];
  /** Every deal change dated on or before the end of the window, ordered by deal then date. */
  history: DealHistoryRow[];
}

export interface GenerateCrmOptions {
  seed: number;
  deals: number;
  months: number;
  /** 'YYYY-MM': the last complete month; the export is taken on the first day of the next month. */
  endMonth: string;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary and columns
// ---------------------------------------------------------------------------------------------

export const OPEN_STAGES = ['Prospecting', 'Qualification', 'Needs analysis', 'Proposal', 'Negotiation'] as const;
export const STAGE_PROBABILITY: Readonly<Record<string, number>> = {
  Prospecting: 10,
  Qualification: 20,
  'Needs analysis': 40,
  Proposal: 60,
  Negotiation: 80,
  'Closed Won': 100,
  'Closed Lost': 0,
};
export const PIPELINES = ['New business', 'Renewal', 'Upsell'] as const;
export const LEAD_SOURCES = ['Website', 'Trade show', 'Referral', 'Outbound call', 'Partner', 'Webinar', 'LinkedIn ads'] as const;
export const LOSS_REASONS = ['Price', 'Competitor', 'No budget', 'No decision', 'Timing'] as const;
export const PRODUCTS = ['Fleet Tracker', 'Route Planner', 'Warehouse Suite', 'Analytics Add-on', 'Premium Support', 'Onboarding Pack'] as const;
export const ACTIVITY_TYPES = ['Call', 'E-mail', 'Meeting', 'Demo', 'Visit'] as const;
export const ACTIVITY_OUTCOMES = ['Reached', 'No answer', 'Voicemail', 'Wrong number', 'Completed', 'Rescheduled', 'No show'] as const;
export const COST_CHANNELS = [...LEAD_SOURCES, 'Sales time'] as const;
export const TEAMS = ['Enterprise', 'Mid-market', 'SMB', 'Inside sales'] as const;
export const REGIONS = ['France', 'Benelux', 'DACH', 'UK', 'Nordics'] as const;

export const DEAL_COLUMNS = [
  'deal_id', 'deal_name', 'account', 'owner', 'team', 'pipeline', 'stage', 'status', 'amount', 'probability',
  'created_at', 'expected_close_at', 'closed_at', 'lead_source', 'loss_reason', 'product',
] as const satisfies ReadonlyArray<keyof DealRow>;
export const SNAPSHOT_COLUMNS = ['snapshot_date', ...DEAL_COLUMNS] as const satisfies ReadonlyArray<keyof SnapshotRow>;
export const ACCOUNT_COLUMNS = [
  'account_id', 'account_name', 'segment', 'account_type', 'industry', 'region', 'employees', 'country',
] as const satisfies ReadonlyArray<keyof AccountRow>;
export const REP_COLUMNS = ['owner', 'team', 'manager', 'hire_date', 'region', 'email'] as const satisfies ReadonlyArray<keyof RepRow>;
export const ACTIVITY_COLUMNS = [
  'activity_id', 'deal_id', 'account', 'owner', 'activity_type', 'activity_at', 'outcome', 'duration_minutes',
] as const satisfies ReadonlyArray<keyof ActivityRow>;
export const COST_COLUMNS = ['month', 'channel', 'cost_amount'] as const satisfies ReadonlyArray<keyof CostRow>;
export const TARGET_COLUMNS = ['month', 'owner', 'target_amount'] as const satisfies ReadonlyArray<keyof TargetRow>;

// ---------------------------------------------------------------------------------------------
// Dates (UTC day numbers)
// ---------------------------------------------------------------------------------------------

const MS_PER_DAY = 86_400_000;

export function dayFromIso(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
}

export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function isoTimestamp(day: number, secondOfDay: number): string {
  return new Date(day * MS_PER_DAY + secondOfDay * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Month index = year * 12 + zero-based month. */
function monthIndexOfDay(day: number): number {
  const d = new Date(day * MS_PER_DAY);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

function monthIndexFromKey(key: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (!m) throw new Error(`endMonth must look like YYYY-MM, got ${key}`);
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new Error(`bad month in ${key}`);
  return Number(m[1]) * 12 + month - 1;
}

function monthKey(monthIndex: number): string {
  const y = Math.floor(monthIndex / 12);
  const m = monthIndex - y * 12 + 1;
  return `${y}-${m < 10 ? '0' : ''}${m}`;
}

function monthStartDay(monthIndex: number): number {
  const y = Math.floor(monthIndex / 12);
  return Date.UTC(y, monthIndex - y * 12, 1) / MS_PER_DAY;
}

function monthEndDay(day: number): number {
  return monthStartDay(monthIndexOfDay(day) + 1) - 1;
}

function calendarMonth(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCMonth();
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
function dayOfWeek(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function isWeekend(day: number): boolean {
  const w = dayOfWeek(day);
  return w === 0 || w === 6;
}

/** Last Monday-to-Friday day of the month containing `day`. */
function lastBusinessDayOfMonth(day: number): number {
  let d = monthEndDay(day);
  while (isWeekend(d)) d--;
  return d;
}

/** Moves a weekend day to the next Monday (or the previous Friday when that stays after `notBefore`). */
function toBusinessDay(day: number, notBefore: number, preferBack: boolean): number {
  if (!isWeekend(day)) return day;
  const back = dayOfWeek(day) === 6 ? day - 1 : day - 2;
  if (preferBack && back > notBefore) return back;
  return dayOfWeek(day) === 6 ? day + 2 : day + 1;
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function roundTo(x: number, step: number): number {
  return Math.round(x / step) * step;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Rounds a price to a step that looks like a quote (10, 50, 100 or 500 depending on size). */
function quoteRound(x: number): number {
  if (x >= 20000) return roundTo(x, 500);
  if (x >= 5000) return roundTo(x, 100);
  if (x >= 1000) return roundTo(x, 50);
  return roundTo(x, 10);
}

// ---------------------------------------------------------------------------------------------
// The sales team
// ---------------------------------------------------------------------------------------------

type DateStyle = 'normal' | 'optimistic' | 'conservative';

interface RepProfile {
  first: string;
  last: string;
  team: (typeof TEAMS)[number];
  region: (typeof REGIONS)[number];
  hire: string;
  /** Multiplies the deal win probability. */
  skill: number;
  /** Points added to every open-stage probability the rep enters. */
  probBias: number;
  dateStyle: DateStyle;
  /** Multiplies meetings, demos and visits needed. */
  meetingEffort: number;
  /** Multiplies calls and e-mails. */
  callEffort: number;
}

const MANAGERS: Readonly<Record<(typeof TEAMS)[number], string>> = {
  Enterprise: 'Catherine Vasseur',
  'Mid-market': 'Julien Marchand',
  SMB: 'Isabelle Fontaine',
  'Inside sales': 'Antoine Mercier',
};

const TEAM_MONTHLY_COST: Readonly<Record<(typeof TEAMS)[number], number>> = {
  Enterprise: 10400,
  'Mid-market': 8300,
  SMB: 6900,
  'Inside sales': 5600,
};

function rep(
  first: string, last: string, team: RepProfile['team'], region: RepProfile['region'], hire: string, skill: number,
  extra: Partial<Pick<RepProfile, 'probBias' | 'dateStyle' | 'meetingEffort' | 'callEffort'>> = {},
): RepProfile {
  return {
    first, last, team, region, hire, skill,
    probBias: extra.probBias ?? 0,
    dateStyle: extra.dateStyle ?? 'normal',
    meetingEffort: extra.meetingEffort ?? 1,
    callEffort: extra.callEffort ?? 1,
  };
}

const REP_PROFILES: readonly RepProfile[] = [
  rep('Thomas', 'Girard', 'Enterprise', 'France', '2019-03-04', 1.0),
  rep('Hélène', 'Lefèvre', 'Enterprise', 'France', '2021-09-01', 1.08),
  rep('Markus', 'Schneider', 'Enterprise', 'DACH', '2020-01-06', 0.97, { meetingEffort: 1.9, callEffort: 1.2 }),
  rep('Oliver', 'Bennett', 'Enterprise', 'UK', '2022-04-19', 1.0),
  rep('Sophie', 'Martin', 'Mid-market', 'France', '2018-05-14', 1.22, { meetingEffort: 0.85 }),
  rep('Pieter', 'de Jong', 'Mid-market', 'Benelux', '2021-02-01', 1.0),
  rep('Anna', 'Lindqvist', 'Mid-market', 'Nordics', '2020-08-17', 1.05),
  rep('Lukas', 'Weber', 'Mid-market', 'DACH', '2023-01-09', 0.92),
  rep('Camille', 'Rousseau', 'Mid-market', 'France', '2022-10-03', 1.0),
  rep('Nicolas', 'Bernard', 'SMB', 'France', '2019-11-04', 0.72, { probBias: 20, dateStyle: 'optimistic' }),
  rep('Emma', 'Janssens', 'SMB', 'Benelux', '2021-06-07', 1.0),
  rep('Julia', 'Hoffmann', 'SMB', 'DACH', '2022-03-01', 1.05),
  rep('James', 'Carter', 'SMB', 'UK', '2020-09-14', 0.95),
  rep('Léa', 'Dubois', 'SMB', 'France', '2025-06-02', 0.46, { callEffort: 1.5 }),
  rep('Mikkel', 'Sørensen', 'SMB', 'Nordics', '2023-05-15', 1.0),
  rep('Chloé', 'Petit', 'Inside sales', 'France', '2021-01-11', 1.2, { probBias: -15, dateStyle: 'conservative' }),
  rep('Maxime', 'Laurent', 'Inside sales', 'France', '2022-06-20', 1.0),
  rep('Sarah', 'Collins', 'Inside sales', 'UK', '2023-09-04', 0.95),
  rep('Jan', 'Peeters', 'Inside sales', 'Benelux', '2025-02-03', 0.9),
  rep('Noah', 'Fischer', 'Inside sales', 'DACH', '2024-02-05', 1.0),
];

function asciiFold(s: string): string {
  return s
    .replace(/ø/g, 'o').replace(/Ø/g, 'O').replace(/ß/g, 'ss').replace(/æ/g, 'ae').replace(/œ/g, 'oe')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

function repEmail(p: RepProfile): string {
  const part = (s: string) => asciiFold(s).toLowerCase().replace(/[^a-z]+/g, '');
  return `${part(p.first)}.${part(p.last)}@quarterdeck-demo.example`;
}

interface Rep {
  profile: RepProfile;
  name: string;
  hireDay: number;
  row: RepRow;
}

function buildReps(): Rep[] {
  return REP_PROFILES.map((p) => {
    const name = `${p.first} ${p.last}`;
    return {
      profile: p,
      name,
      hireDay: dayFromIso(p.hire),
      row: { owner: name, team: p.team, manager: MANAGERS[p.team], hire_date: p.hire, region: p.region, email: repEmail(p) },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------------------------

const INDUSTRIES = [
  'Logistics', 'Manufacturing', 'Retail', 'Food & beverage', 'Construction', 'Healthcare', 'Wholesale',
  'Public sector', 'Energy', 'Professional services',
] as const;

interface NameStyle {
  country: string;
  region: (typeof REGIONS)[number];
  weight: number;
  make: (rng: Rng) => string;
}

const FR_SURNAMES = [
  'Lefèvre', 'Moreau', 'Garnier', 'Rousseau', 'Bérard', 'Fournier', 'Chevalier', 'Mercier', 'Girard', 'Lambert',
  'Faure', 'Roussel', 'Lemaître', 'Barbier', 'Delacroix', 'Géraud', 'Perrin', 'Chauvin', 'Benoît', 'Aubry',
];
const FR_PREFIXES = [
  'Brasserie', 'Atelier', 'Transports', 'Groupe', 'Laboratoires', 'Imprimerie', 'Menuiserie', 'Éditions', 'Caves',
  'Fromagerie', 'Garage', 'Cabinet', 'Établissements', 'Boulangeries', 'Ambulances',
];
const FR_ACTIVITIES = ['Logistique', 'Bâtiment', 'Énergie', 'Distribution', 'Froid Industriel', 'Matériaux', 'Santé', 'Emballages'];
const DE_SURNAMES = [
  'Müller', 'Schäfer', 'Köhler', 'Weiß', 'Becker', 'Hoffmann', 'Krüger', 'Wagner', 'Zimmermann', 'Groß', 'Böhm',
  'Schröder', 'Jäger', 'Vogel', 'Huber', 'Gruber', 'Brunner', 'Keller', 'Meier',
];
const DE_ACTIVITIES = ['Logistik', 'Maschinenbau', 'Elektrotechnik', 'Lebensmittel', 'Bau', 'Handel', 'Spedition', 'Kühltechnik', 'Medizintechnik', 'Verpackung'];
const NL_SURNAMES = ['Van den Berg', 'De Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'De Boer', 'Mulder', 'Dekker', 'Van Dijk', 'Hendriks'];
const NL_ACTIVITIES = ['Transport', 'Logistics', 'Techniek', 'Groothandel', 'Bouw', 'Foods', 'Verpakkingen', 'Installatie'];
const BE_SURNAMES = ['Janssens', 'Peeters', 'Maes', 'Willems', 'Claes', 'Goossens', 'Wouters', 'Dubois', 'Lambrecht', 'Vermeulen'];
const UK_SURNAMES = ['Whitfield', 'Ashford', 'Pemberton', 'Hargreaves', 'Blackwood', 'Thornton', 'Caldwell', 'Fairbairn', "O'Neill", 'Kingsley', 'Marsh', 'Hollis'];
const UK_ACTIVITIES = ['Engineering', 'Foods', 'Logistics', 'Distribution', 'Holdings', 'Construction', 'Healthcare', 'Packaging'];

const NAME_STYLES: readonly NameStyle[] = [
  {
    country: 'France', region: 'France', weight: 40,
    make: (r) => (r.bool(0.6)
      ? `${r.pick(FR_PREFIXES)} ${r.pick(FR_SURNAMES)}${r.pick(['', '', ' SAS', ' SA', ' & Fils'])}`
      : `${r.pick(FR_SURNAMES)} ${r.pick(FR_ACTIVITIES)}${r.pick(['', ' SAS', ' SARL'])}`),
  },
  { country: 'Germany', region: 'DACH', weight: 13, make: (r) => `${r.pick(DE_SURNAMES)} ${r.pick(DE_ACTIVITIES)} ${r.pick(['GmbH', 'GmbH', 'AG', 'KG'])}` },
  { country: 'Austria', region: 'DACH', weight: 4, make: (r) => `${r.pick(DE_SURNAMES)} ${r.pick(DE_ACTIVITIES)} ${r.pick(['GmbH', 'GesmbH'])}` },
  { country: 'Switzerland', region: 'DACH', weight: 3, make: (r) => `${r.pick(DE_SURNAMES)} ${r.pick(DE_ACTIVITIES)} AG` },
  { country: 'Netherlands', region: 'Benelux', weight: 9, make: (r) => `${r.pick(NL_SURNAMES)} ${r.pick(NL_ACTIVITIES)} B.V.` },
  { country: 'Belgium', region: 'Benelux', weight: 7, make: (r) => `${r.pick(BE_SURNAMES)} ${r.pick([...NL_ACTIVITIES, ...FR_ACTIVITIES])} ${r.pick(['NV', 'BV', 'SA/NV'])}` },
  { country: 'Luxembourg', region: 'Benelux', weight: 2, make: (r) => `${r.pick(FR_PREFIXES)} ${r.pick(BE_SURNAMES)} S.à r.l.` },
  { country: 'United Kingdom', region: 'UK', weight: 10, make: (r) => `${r.pick(UK_SURNAMES)} ${r.pick(UK_ACTIVITIES)} ${r.pick(['Ltd', 'Ltd', 'plc'])}` },
  { country: 'Ireland', region: 'UK', weight: 2, make: (r) => `${r.pick(UK_SURNAMES)} ${r.pick(UK_ACTIVITIES)} Ltd` },
  { country: 'Sweden', region: 'Nordics', weight: 4, make: (r) => `${r.pick(['Lindqvist', 'Håkansson', 'Sjöberg', 'Åkesson', 'Bergström', 'Nyström'])} ${r.pick(['Marin', 'Bygg', 'Data', 'Logistik', 'Livs', 'Energi'])} AB` },
  { country: 'Denmark', region: 'Nordics', weight: 3, make: (r) => `${r.pick(['Nørgaard', 'Kjær', 'Mølgaard', 'Thygesen', 'Østergaard'])} ${r.pick(['Byg', 'Transport', 'Fødevarer', 'Maskiner'])} A/S` },
  { country: 'Norway', region: 'Nordics', weight: 2, make: (r) => `${r.pick(['Østby', 'Haugen', 'Solberg', 'Bakke', 'Dahl'])} ${r.pick(['Shipping', 'Bygg', 'Sjømat', 'Energi'])} AS` },
  { country: 'Finland', region: 'Nordics', weight: 1, make: (r) => `${r.pick(['Virtanen', 'Mäkinen', 'Nieminen', 'Koskinen', 'Heikkinen'])} ${r.pick(['Logistiikka', 'Rakennus', 'Metalli'])} Oy` },
];

/** Accounts that always exist (demo scripts and the French benchmark file refer to them). */
const ANCHOR_ACCOUNTS: ReadonlyArray<{ name: string; country: string; segment: Segment; type: string; industry: string }> = [
  { name: "Société Générale d'Équipement", country: 'France', segment: 'Gold', type: 'Customer', industry: 'Manufacturing' },
  { name: 'Brasserie Lefèvre', country: 'France', segment: 'Bronze', type: 'Customer', industry: 'Food & beverage' },
  { name: 'Müller Logistik GmbH', country: 'Germany', segment: 'Silver', type: 'Customer', industry: 'Logistics' },
  { name: 'Van den Berg B.V.', country: 'Netherlands', segment: 'Silver', type: 'Prospect', industry: 'Wholesale' },
  { name: 'Durand, Fils & Cie', country: 'France', segment: 'Bronze', type: 'Prospect', industry: 'Construction' },
  { name: 'Nørgaard Byg A/S', country: 'Denmark', segment: 'Gold', type: 'Customer', industry: 'Construction' },
];

const SEGMENT_MEDIAN_AMOUNT: Readonly<Record<Segment, number>> = { Gold: 42000, Silver: 15500, Bronze: 5800 };
const SEGMENT_MEDIAN_EMPLOYEES: Readonly<Record<Segment, number>> = { Gold: 2400, Silver: 380, Bronze: 45 };

interface Account {
  index: number;
  row: AccountRow;
  segment: Segment;
  /** Account type at the start of the window (prospects that buy become customers). */
  initialType: string;
  ownerIndex: number;
  /** Relative frequency of deals on this account. */
  weight: number;
  customerSince: number;
}

function countryRegion(country: string): (typeof REGIONS)[number] {
  const style = NAME_STYLES.find((s) => s.country === country);
  if (!style) throw new Error(`unknown country ${country}`);
  return style.region;
}

/**
 * Gives the account to a team chosen by segment, then to the rep of that team with the lightest book,
 * where a rep from another region counts as more loaded (accounts stay local when the team can absorb them).
 */
function assignOwner(rng: Rng, reps: readonly Rep[], load: number[], segment: Segment, region: string, weight: number): number {
  const team: RepProfile['team'] =
    segment === 'Gold' ? (rng.bool(0.9) ? 'Enterprise' : 'Mid-market')
      : segment === 'Silver' ? (rng.bool(0.75) ? 'Mid-market' : 'Inside sales')
        : rng.bool(0.65) ? 'SMB' : 'Inside sales';
  let best = -1;
  let bestScore = Number.POSITIVE_INFINITY;
  reps.forEach((r, i) => {
    if (r.profile.team !== team) return;
    const score = (load[i] as number) + (r.profile.region === region ? 0 : 6) + rng.uniform(0, 1.5);
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  });
  load[best] = (load[best] as number) + weight;
  return best;
}

function buildAccounts(seed: number, count: number, reps: readonly Rep[]): Account[] {
  const rng = Rng.derive(seed, 'accounts');
  const anchors = ANCHOR_ACCOUNTS.slice(0, count);
  // Exact segment mix (15% Gold, 35% Silver, the rest Bronze), anchors included.
  const wanted: Record<Segment, number> = { Gold: Math.round(count * 0.15), Silver: Math.round(count * 0.35), Bronze: 0 };
  wanted.Bronze = count - wanted.Gold - wanted.Silver;
  for (const a of anchors) wanted[a.segment] = Math.max(0, wanted[a.segment] - 1);
  const segments: Segment[] = [];
  for (const seg of ['Gold', 'Silver', 'Bronze'] as const) for (let i = 0; i < wanted[seg]; i++) segments.push(seg);
  while (segments.length < count - anchors.length) segments.push('Bronze');
  rng.shuffle(segments);

  const used = new Set<string>();
  const specs: Array<{ name: string; country: string; segment: Segment; type: string; industry: string }> = [];
  for (const anchor of anchors) {
    used.add(anchor.name);
    specs.push(anchor);
  }
  const styleWeights = NAME_STYLES.map((s) => s.weight);
  for (let i = specs.length; i < count; i++) {
    const style = NAME_STYLES[rng.weightedIndex(styleWeights)] as NameStyle;
    let name = style.make(rng);
    for (let attempt = 0; used.has(name); attempt++) {
      name = attempt < 20 ? style.make(rng) : `${style.make(rng)} ${attempt}`;
    }
    used.add(name);
    const segment = segments[i - anchors.length] as Segment;
    const type = rng.weighted(['Customer', 'Prospect', 'Partner', 'Reseller'], [33, 49, 9, 9]);
    specs.push({ name, country: style.country, segment, type, industry: rng.pick(INDUSTRIES) });
  }
  const order = rng.shuffle(specs.map((_, i) => i));
  const load = reps.map(() => 0);
  return order.map((specIndex, index) => {
    const spec = specs[specIndex] as (typeof specs)[number];
    const region = countryRegion(spec.country);
    const employees = Math.max(3, Math.round(rng.lognormal(SEGMENT_MEDIAN_EMPLOYEES[spec.segment], 0.6)));
    const row: AccountRow = {
      account_id: `ACC-${pad(index + 1, 4)}`,
      account_name: spec.name,
      segment: spec.segment,
      account_type: spec.type,
      industry: spec.industry,
      region,
      employees: employees >= 1000 ? roundTo(employees, 50) : employees >= 100 ? roundTo(employees, 5) : employees,
      country: spec.country,
    };
    const weight = (spec.segment === 'Gold' ? 2.2 : spec.segment === 'Silver' ? 1.2 : 0.72) * rng.uniform(0.55, 1.45)
      * (spec.type === 'Prospect' ? (rng.bool(0.3) ? 0.03 : 0.45) : 1);
    return {
      index,
      row,
      segment: spec.segment,
      initialType: spec.type,
      ownerIndex: assignOwner(rng, reps, load, spec.segment, region, weight),
      weight,
      customerSince: spec.type === 'Customer' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
    };
  });
}

/** The reps and the account book a seed produces (also used by the benchmark writers). */
function buildWorld(seed: number, accountCount = 200): { reps: Rep[]; accounts: Account[] } {
  const reps = buildReps();
  return { reps, accounts: buildAccounts(seed, accountCount, reps) };
}

// ---------------------------------------------------------------------------------------------
// Deal simulation
// ---------------------------------------------------------------------------------------------

const CREATION_SEASON = [1.05, 1.0, 1.1, 1.0, 1.0, 1.12, 0.9, 0.55, 1.12, 1.1, 1.05, 1.12];

const SOURCE_WIN: Readonly<Record<string, number>> = {
  Website: 1.0, 'Trade show': 0.9, Referral: 1.65, 'Outbound call': 0.85, Partner: 1.2, Webinar: 1.0, 'LinkedIn ads': 0.38,
};
const PIPELINE_WIN: Readonly<Record<string, number>> = { 'New business': 0.18, Renewal: 0.52, Upsell: 0.31 };
const SEGMENT_WIN: Readonly<Record<Segment, number>> = { Gold: 0.85, Silver: 1.1, Bronze: 1.0 };
const PRODUCT_FACTOR: Readonly<Record<string, number>> = {
  'Fleet Tracker': 1.0, 'Route Planner': 0.8, 'Warehouse Suite': 1.7, 'Analytics Add-on': 0.5, 'Premium Support': 0.45, 'Onboarding Pack': 0.3,
};
const PIPELINE_AMOUNT: Readonly<Record<string, number>> = { 'New business': 1.0, Renewal: 0.8, Upsell: 0.6 };
/** Where lost deals die, by stage (heavy at Proposal: that stage's 60% is too optimistic). */
const LOSS_STAGE_WEIGHTS = [0.13, 0.13, 0.12, 0.44, 0.18];
const STAGE_DWELL = [1.0, 1.0, 1.2, 1.6, 1.2];
const CODENAMES = ['Phoenix', 'Atlas', 'Horizon', 'Orion', 'Northstar', 'Keystone', 'Lighthouse'];

interface Dated<T> {
  day: number;
  value: T;
}

interface StageStep {
  day: number;
  stage: number;
  probability: number;
}

interface SimDeal {
  index: number;
  id: string;
  name: string;
  account: Account;
  rep: Rep;
  pipeline: string;
  product: string;
  leadSource: string;
  created: number;
  /** Close day in the simulation (may lie after the end of the window: then the deal is open at export). */
  closeDay: number;
  won: boolean;
  lossReason: string | null;
  steps: StageStep[];
  expected: Array<Dated<number>>;
  amounts: Array<Dated<number>>;
  /** Last stage index reached (for activity intensity). */
  reach: number;
  zombie: boolean;
}

function lastBefore<T extends { day: number }>(items: readonly T[], before: number): T | undefined {
  let found: T | undefined;
  for (const item of items) {
    if (item.day < before) found = item;
    else break;
  }
  return found;
}

function stageProbability(stage: number, rep: RepProfile, dealOffset: number): number {
  const base = [10, 20, 40, 60, 80][stage] as number;
  let p = base + dealOffset;
  if (rep.probBias > 0) p += stage === 0 ? rep.probBias * 0.75 : rep.probBias;
  if (rep.probBias < 0) p += stage === 0 ? rep.probBias / 3 : rep.probBias;
  return clamp(Math.round(p), 5, 95);
}

function slipCount(rng: Rng, style: DateStyle): number {
  if (style === 'optimistic') return rng.weightedIndex([0.22, 0.3, 0.22, 0.16, 0.1]);
  if (style === 'conservative') return rng.weightedIndex([0.9, 0.1]);
  return rng.weightedIndex([0.68, 0.2, 0.08, 0.03, 0.01]);
}

function snapToMonthEnd(rng: Rng, day: number): number {
  return rng.bool(0.35) ? monthEndDay(day) : day;
}

interface DealContext {
  seed: number;
  reps: readonly Rep[];
  accounts: readonly Account[];
  accountWeights: readonly number[];
}

function ownerFor(rng: Rng, ctx: DealContext, account: Account, day: number): Rep {
  const owner = ctx.reps[account.ownerIndex] as Rep;
  const team = ctx.reps.filter((r) => r.profile.team === owner.profile.team);
  const hired = team.filter((r) => r.hireDay <= day);
  if (hired.length === 0) return team.reduce((a, b) => (a.hireDay <= b.hireDay ? a : b));
  if (rng.bool(0.07)) return rng.pick(hired);
  if (owner.hireDay <= day) return owner;
  // The account's owner has not joined yet: a colleague of the team (same region if possible) covers it.
  const local = hired.filter((r) => r.profile.region === owner.profile.region);
  return (local[0] ?? hired[0]) as Rep;
}

function simulateDeal(ctx: DealContext, index: number, created: number): SimDeal {
  const rng = Rng.derive(ctx.seed, 'deal', index);
  const account = ctx.accounts[rng.weightedIndex(ctx.accountWeights)] as Account;
  const rep = ownerFor(rng, ctx, account, created);
  const profile = rep.profile;
  const segment = account.segment;
  const channelPartner = account.initialType === 'Partner' || account.initialType === 'Reseller';
  const isCustomer = account.customerSince < created;

  const pipeline = channelPartner
    ? rng.weighted(['New business', 'Upsell'], [0.65, 0.35])
    : isCustomer
      ? rng.weighted(['New business', 'Renewal', 'Upsell'], [0.45, 0.28, 0.27])
      : 'New business';

  let leadSource: string;
  if (channelPartner && rng.bool(0.65)) leadSource = 'Partner';
  else if (pipeline === 'New business') {
    leadSource = rng.weighted(LEAD_SOURCES, segment === 'Bronze' ? [22, 10, 9, 21, 7, 11, 20] : [22, 15, 12, 24, 8, 11, 8]);
  } else if (pipeline === 'Renewal') {
    leadSource = rng.weighted(['Outbound call', 'Website', 'Webinar', 'Referral', 'Partner'], [55, 15, 10, 10, 10]);
  } else {
    leadSource = rng.weighted(['Outbound call', 'Webinar', 'Website', 'Referral', 'Partner'], [35, 25, 20, 10, 10]);
  }

  const product =
    pipeline === 'New business'
      ? rng.weighted(PRODUCTS, [35, 25, 20, 10, 0, 10])
      : pipeline === 'Renewal'
        ? rng.weighted(PRODUCTS, [40, 25, 20, 0, 15, 0])
        : rng.weighted(PRODUCTS, [0, 0, 20, 35, 30, 15]);

  // First estimate of the amount.
  const median = SEGMENT_MEDIAN_AMOUNT[segment] * (PRODUCT_FACTOR[product] as number) * (PIPELINE_AMOUNT[pipeline] as number)
    * (leadSource === 'LinkedIn ads' ? 0.65 : 1);
  const withCents = rng.bool(0.12);
  const firstAmount = Math.max(withCents ? 480 : 500, withCents ? round2(rng.lognormal(median, 0.55)) : quoteRound(rng.lognormal(median, 0.55)));

  // Outcome.
  const sizeFactor = Math.pow(firstAmount / SEGMENT_MEDIAN_AMOUNT[segment], -0.08);
  const pWin = clamp(
    (PIPELINE_WIN[pipeline] as number) * SEGMENT_WIN[segment] * (SOURCE_WIN[leadSource] as number) * profile.skill * sizeFactor,
    0.02, 0.92,
  );
  const won = rng.bool(pWin);

  // Stage path.
  const start = pipeline === 'New business' ? (rng.bool(0.85) ? 0 : 1)
    : pipeline === 'Renewal' ? (rng.bool(0.7) ? 2 : 1)
      : rng.bool(0.6) ? 1 : 2;
  let end: number;
  if (won) end = rng.bool(0.9) ? 4 : 3;
  else {
    const w = LOSS_STAGE_WEIGHTS.map((x, s) => (s >= start ? x : 0));
    end = rng.weightedIndex(w);
  }
  const path: number[] = [];
  for (let s = start; s <= end; s++) path.push(s);
  if (end >= 3 && rng.bool(0.09)) {
    // A step back (proposal reworked, negotiation reopened) before moving on again.
    const at = end === 4 && rng.bool(0.5) ? 4 : 3;
    const pos = path.indexOf(at);
    path.splice(pos + 1, 0, at - 1, at);
  }
  const zombie = !won && rng.bool(0.05);

  // Sales cycle (days from creation to closing).
  const segCycle = segment === 'Gold' ? 1.45 : segment === 'Silver' ? 1.05 : 0.85;
  const pipeCycle = pipeline === 'Renewal' ? 0.75 : pipeline === 'Upsell' ? 0.8 : 1;
  const reachCycle = won ? 1 : 0.45 + 0.55 * ((end - start + 1) / (5 - start));
  let cycle = rng.lognormal(68 * segCycle * pipeCycle * Math.pow(firstAmount / 15000, 0.1) * reachCycle, 0.5);
  if (zombie) cycle *= 2.6;
  let closeDay = created + Math.max(won ? 4 : 1, Math.round(cycle));
  closeDay = toBusinessDay(closeDay, created, true);
  if (calendarMonth(closeDay) === 7 && rng.bool(0.55)) closeDay = toBusinessDay(closeDay + rng.int(14, 28), created, false);
  if (won) {
    const cm = calendarMonth(closeDay);
    const dom = new Date(closeDay * MS_PER_DAY).getUTCDate();
    if ((cm === 0 || cm === 6) && dom <= 20 && rng.bool(0.4)) {
      // Half-year-end push: the deal is signed in the last days of June / December instead.
      const pulled = lastBusinessDayOfMonth(monthStartDay(monthIndexOfDay(closeDay) - 1)) - rng.int(0, 2);
      if (pulled > created + 3) closeDay = toBusinessDay(pulled, created, true);
    } else if (rng.bool(cm === 5 || cm === 11 ? 0.45 : 0.18)) {
      const eom = lastBusinessDayOfMonth(closeDay) - rng.int(0, 2);
      if (eom >= closeDay) closeDay = toBusinessDay(eom, created, true);
    }
  }
  const span = closeDay - created;

  // Stage steps spread over the cycle.
  const dealOffset = rng.bool(0.25) ? rng.pick([-10, -5, 5, 10]) : 0;
  const dwell = path.map((s) => (STAGE_DWELL[s] as number) * rng.exponential(1));
  const finalDwell = rng.exponential(0.8);
  const total = dwell.reduce((a, b) => a + b, 0) + finalDwell;
  const steps: StageStep[] = [];
  let acc = 0;
  for (let k = 0; k < path.length; k++) {
    const stage = path[k] as number;
    const day = k === 0 ? created : Math.max(steps[k - 1]?.day ?? created, created + Math.floor((acc / total) * span));
    steps.push({ day, stage, probability: stageProbability(stage, profile, dealOffset) });
    acc += dwell[k] as number;
  }

  // Expected close date history: k slips, then the final estimate.
  let slips = span >= 21 ? slipCount(rng, profile.dateStyle) : 0;
  const slipDays: number[] = [];
  for (let i = 0; i < slips; i++) slipDays.push(rng.int(created + 5, closeDay - 1));
  slipDays.sort((a, b) => a - b);
  for (let i = 1; i < slipDays.length; i++) {
    if ((slipDays[i] as number) <= (slipDays[i - 1] as number)) slipDays[i] = (slipDays[i - 1] as number) + 1;
  }
  while (slipDays.length > 0 && (slipDays[slipDays.length - 1] as number) >= closeDay) slipDays.pop();
  slips = slipDays.length;
  const expected: Array<Dated<number>> = [];
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i <= slips; i++) {
    const setOn = i === 0 ? created : (slipDays[i - 1] as number);
    let value: number;
    if (i < slips) {
      value = (slipDays[i] as number) + rng.int(-8, 6);
    } else if (profile.dateStyle === 'conservative') {
      value = closeDay + rng.int(15, 55);
    } else if (profile.dateStyle === 'optimistic') {
      value = closeDay + rng.int(-12, 5);
    } else {
      value = closeDay + (won ? rng.int(-10, 14) : rng.int(-10, 40));
    }
    value = Math.max(value, setOn + 7, previous + 7);
    value = snapToMonthEnd(rng, value);
    expected.push({ day: setOn, value });
    previous = value;
  }

  // Amount history: revisions, mostly downwards, and a closing discount on some wins.
  const amounts: Array<Dated<number>> = [{ day: created, value: firstAmount }];
  const revisions = span >= 10 ? rng.weightedIndex([0.55, 0.3, 0.15]) : 0;
  const revisionDays: number[] = [];
  for (let i = 0; i < revisions; i++) revisionDays.push(rng.int(created + 1, closeDay - 1));
  revisionDays.sort((a, b) => a - b);
  let amount = firstAmount;
  for (const day of revisionDays) {
    const factor = Math.exp(rng.normal(-0.09, 0.14));
    const next = withCents ? round2(amount * factor) : Math.max(300, roundTo(amount * factor, 50));
    if (next !== amount) {
      amount = next;
      amounts.push({ day, value: amount });
    }
  }
  if (won && rng.bool(0.4)) {
    amount = round2(amount * rng.uniform(0.88, 0.98));
    amounts.push({ day: closeDay, value: amount });
  }

  let lossReason: string | null = null;
  if (!won) {
    if (zombie) lossReason = 'No decision';
    else if (end >= 3) lossReason = rng.weighted(LOSS_REASONS, [38, 30, 8, 14, 10]);
    else lossReason = rng.weighted(LOSS_REASONS, leadSource === 'LinkedIn ads' ? [8, 8, 44, 22, 18] : [10, 12, 30, 28, 20]);
  }

  const accountName = account.row.account_name;
  let name: string;
  if (pipeline === 'Renewal') {
    name = `${accountName} - ${product} renewal ${new Date(Math.max(created + 30, closeDay) * MS_PER_DAY).getUTCFullYear()}`;
  } else if (pipeline === 'Upsell') {
    name = `${accountName} - ${product} upsell`;
  } else if (product === 'Fleet Tracker' && rng.bool(0.25)) {
    name = `${accountName} - ${product}, ${rng.pick([10, 15, 20, 25, 40, 60, 80, 120])} vehicles`;
  } else if (rng.bool(0.04)) {
    name = `${accountName} - ${product} ("${rng.pick(CODENAMES)}" project)`;
  } else {
    name = `${accountName} - ${product}`;
  }

  if (won) account.customerSince = Math.min(account.customerSince, closeDay);

  return {
    index, id: '', name, account, rep, pipeline, product, leadSource, created, closeDay, won, lossReason,
    steps, expected, amounts, reach: end, zombie,
  };
}

/** The deal as it stood at the start of `asOf` (events dated strictly before `asOf` applied). */
function dealAsOf(deal: SimDeal, asOf: number): DealRow {
  const closed = deal.closeDay < asOf;
  const step = lastBefore(deal.steps, asOf) ?? (deal.steps[0] as StageStep);
  const amount = (lastBefore(deal.amounts, asOf) ?? (deal.amounts[0] as Dated<number>)).value;
  const expected = (lastBefore(deal.expected, asOf) ?? (deal.expected[0] as Dated<number>)).value;
  const status: DealStatus = closed ? (deal.won ? 'Won' : 'Lost') : 'Open';
  const stage = closed ? (deal.won ? 'Closed Won' : 'Closed Lost') : (OPEN_STAGES[step.stage] as string);
  return {
    deal_id: deal.id,
    deal_name: deal.name,
    account: deal.account.row.account_name,
    owner: deal.rep.name,
    team: deal.rep.profile.team,
    pipeline: deal.pipeline,
    stage,
    status,
    amount,
    probability: closed ? (deal.won ? 100 : 0) : step.probability,
    created_at: isoDate(deal.created),
    expected_close_at: isoDate(expected),
    closed_at: closed ? isoDate(deal.closeDay) : null,
    lead_source: deal.leadSource,
    loss_reason: closed ? deal.lossReason : null,
    product: deal.product,
  };
}

function dealHistory(deal: SimDeal, asOf: number): DealHistoryRow[] {
  const rows: Array<DealHistoryRow & { order: number }> = [];
  const add = (day: number, field: DealHistoryRow['field'], value: string, order: number) => {
    if (day < asOf) rows.push({ deal_id: deal.id, changed_on: isoDate(day), field, value, order });
  };
  let lastProbability = -1;
  for (const step of deal.steps) {
    add(step.day, 'stage', OPEN_STAGES[step.stage] as string, 0);
    if (step.probability !== lastProbability) add(step.day, 'probability', String(step.probability), 1);
    lastProbability = step.probability;
  }
  for (const e of deal.expected) add(e.day, 'expected_close_at', isoDate(e.value), 2);
  for (const a of deal.amounts) add(a.day, 'amount', String(a.value), 3);
  add(deal.closeDay, 'status', deal.won ? 'Won' : 'Lost', 4);
  rows.sort((a, b) => (a.changed_on < b.changed_on ? -1 : a.changed_on > b.changed_on ? 1 : a.order - b.order));
  return rows.map(({ order: _order, ...row }) => row);
}

// ---------------------------------------------------------------------------------------------
// Activities
// ---------------------------------------------------------------------------------------------

interface RawActivity {
  deal: SimDeal;
  type: string;
  day: number;
  second: number;
  outcome: string;
  duration: number;
}

function activityDay(rng: Rng, from: number, to: number, lateSkew: boolean): number {
  let day = from;
  for (let attempt = 0; attempt < 6; attempt++) {
    const u = lateSkew ? Math.sqrt(rng.next()) : rng.next();
    day = from + Math.floor(u * (to - from + 1));
    if (isWeekend(day) && rng.bool(0.92)) continue;
    if (calendarMonth(day) === 7 && rng.bool(0.45)) continue;
    break;
  }
  return Math.min(day, to);
}

function simulateActivities(seed: number, deal: SimDeal, endDay: number): RawActivity[] {
  const rng = Rng.derive(seed, 'activities', deal.index);
  const profile = deal.rep.profile;
  const segment = deal.account.segment;
  // Expected counts over the full life of the deal.
  let calls: number; let mails: number; let meetings: number; let demos: number; let visits: number;
  if (deal.won) {
    calls = 3.6; mails = 3.1; meetings = 1.9; demos = 0.95; visits = 0.5;
  } else {
    const r = (deal.reach + 1) / 5;
    calls = 2.7 * (0.4 + 0.6 * r); mails = 2.2 * (0.4 + 0.6 * r); meetings = 0.95 * r;
    demos = deal.reach >= 2 ? 0.6 * r : 0; visits = 0.25 * r;
  }
  const segEffort = segment === 'Gold' ? 1.4 : segment === 'Silver' ? 1.1 : 0.85;
  meetings *= segEffort * profile.meetingEffort;
  demos *= (segment === 'Gold' ? 1.4 : 1) * Math.sqrt(profile.meetingEffort);
  visits *= (segment === 'Gold' ? 1.5 : segment === 'Bronze' ? 0.4 : 1) * profile.meetingEffort;
  calls *= (segment === 'Gold' ? 1.2 : 1) * profile.callEffort;
  mails *= (segment === 'Gold' ? 1.3 : 1) * profile.callEffort;
  const team = profile.team;
  if (team === 'Inside sales') {
    visits *= 0.08; meetings *= 0.6; calls *= 1.6; mails *= 1.3;
  } else if (team === 'Enterprise') {
    visits *= 1.5;
  }
  const sizeEffort = Math.pow(Math.max(deal.amounts[0]?.value ?? 1000, 500) / 15000, 0.1);

  const lifeEnd = deal.zombie ? deal.created + Math.floor(0.35 * (deal.closeDay - deal.created)) : deal.closeDay;
  const visibleEnd = Math.min(lifeEnd, endDay);
  if (visibleEnd < deal.created) return [];
  const visibleShare = (visibleEnd - deal.created + 1) / (lifeEnd - deal.created + 1);

  const out: RawActivity[] = [];
  const emit = (type: string, lambda: number) => {
    const n = rng.poisson(lambda * sizeEffort * visibleShare);
    for (let i = 0; i < n; i++) {
      const late = type === 'Meeting' || type === 'Demo' || type === 'Visit';
      const day = activityDay(rng, deal.created, visibleEnd, late);
      let outcome: string;
      let duration: number;
      let second: number;
      if (type === 'Call') {
        outcome = rng.weighted(['Reached', 'No answer', 'Voicemail', 'Wrong number'], segment === 'Bronze' ? [38, 31, 20, 11] : [45, 29, 19, 7]);
        duration = outcome === 'Reached' ? rng.int(3, 28) : outcome === 'Voicemail' ? 2 : 1;
        second = rng.int(8 * 3600, 18 * 3600 + 1800);
      } else if (type === 'E-mail') {
        outcome = 'Completed';
        duration = rng.int(3, 15);
        second = rng.int(7 * 3600 + 1800, 19 * 3600);
      } else {
        outcome = rng.weighted(['Completed', 'Rescheduled', 'No show'], [82, 11, 7]);
        duration = type === 'Visit' ? 30 * rng.int(2, 8) : type === 'Demo' ? rng.pick([45, 60, 60, 90]) : 15 * rng.int(2, 6);
        if (outcome !== 'Completed') duration = 0;
        second = 1800 * rng.int(18, 34);
      }
      out.push({ deal, type, day, second, outcome, duration });
    }
  };
  emit('Call', calls);
  emit('E-mail', mails);
  emit('Meeting', meetings);
  emit('Demo', demos);
  emit('Visit', visits);
  return out;
}

// ---------------------------------------------------------------------------------------------
// generateCrm
// ---------------------------------------------------------------------------------------------

function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    counts[i] = (counts[i] as number) + 1;
    left--;
  }
  return counts;
}

function creationDays(rng: Rng, deals: number, startMonth: number, months: number): number[] {
  const weights: number[] = [];
  for (let k = 0; k < months; k++) {
    const trend = 1 + 0.28 * (months > 1 ? k / (months - 1) : 0);
    weights.push(trend * (CREATION_SEASON[(startMonth + k) % 12] as number));
  }
  const counts = allocate(deals, weights);
  const days: number[] = [];
  for (let k = 0; k < months; k++) {
    const first = monthStartDay(startMonth + k);
    const last = monthStartDay(startMonth + k + 1) - 1;
    const candidates: number[] = [];
    const w: number[] = [];
    for (let d = first; d <= last; d++) {
      candidates.push(d);
      w.push(isWeekend(d) ? 0.06 : 1);
    }
    for (let i = 0; i < (counts[k] as number); i++) days.push(rng.weighted(candidates, w));
  }
  return days.sort((a, b) => a - b);
}

export function generateCrm(options: GenerateCrmOptions): CrmDataset {
  const { seed, deals: dealCount, months } = options;
  if (!Number.isInteger(dealCount) || dealCount < 1) throw new Error('deals must be a positive integer');
  if (!Number.isInteger(months) || months < 1) throw new Error('months must be a positive integer');
  const endMonth = monthIndexFromKey(options.endMonth);
  const startMonth = endMonth - months + 1;
  const endDay = monthStartDay(endMonth + 1) - 1;
  const exportDay = endDay + 1;

  const { reps, accounts } = buildWorld(seed);
  const ctx: DealContext = { seed, reps, accounts, accountWeights: accounts.map((a) => a.weight) };

  // Deals, in creation order.
  const created = creationDays(Rng.derive(seed, 'creation'), dealCount, startMonth, months);
  const idWidth = Math.max(6, String(dealCount).length);
  const sims: SimDeal[] = created.map((day, i) => {
    const deal = simulateDeal(ctx, i, day);
    deal.id = `D-${pad(i + 1, idWidth)}`;
    return deal;
  });
  const deals = sims.map((d) => dealAsOf(d, exportDay));
  const history = sims.flatMap((d) => dealHistory(d, exportDay));

  // Snapshots on the first day of each month after each simulated month.
  const snapshotDates: string[] = [];
  const snapshots: SnapshotRow[] = [];
  for (let m = startMonth + 1; m <= endMonth + 1; m++) {
    const day = monthStartDay(m);
    const date = isoDate(day);
    snapshotDates.push(date);
    for (const deal of sims) {
      if (deal.created < day && deal.closeDay >= day) snapshots.push({ snapshot_date: date, ...dealAsOf(deal, day) });
    }
  }

  // Activities.
  const raw = sims.flatMap((d) => simulateActivities(seed, d, endDay));
  raw.sort((a, b) => a.day - b.day || a.second - b.second || a.deal.index - b.deal.index || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  const activities: ActivityRow[] = raw.map((a, i) => ({
    activity_id: `ACT-${pad(i + 1, 6)}`,
    deal_id: a.deal.id,
    account: a.deal.account.row.account_name,
    owner: a.deal.rep.name,
    activity_type: a.type,
    activity_at: isoTimestamp(a.day, a.second),
    outcome: a.outcome,
    duration_minutes: a.duration,
  }));

  // Accounts as exported at the end: prospects that bought are customers now.
  const accountRows: AccountRow[] = accounts.map((a) => ({
    ...a.row,
    account_type: a.initialType === 'Prospect' && a.customerSince <= endDay ? 'Customer' : a.initialType,
  }));

  // Won revenue per month (for partner commissions and targets).
  const monthsList: number[] = [];
  for (let m = startMonth; m <= endMonth; m++) monthsList.push(m);
  const wonByRepMonth = new Map<string, number>();
  const partnerWonByMonth = new Map<number, number>();
  for (const d of deals) {
    if (d.status !== 'Won' || d.closed_at === null) continue;
    const m = monthIndexOfDay(dayFromIso(d.closed_at));
    wonByRepMonth.set(`${d.owner}|${m}`, (wonByRepMonth.get(`${d.owner}|${m}`) ?? 0) + d.amount);
    if (d.lead_source === 'Partner') partnerWonByMonth.set(m, (partnerWonByMonth.get(m) ?? 0) + d.amount);
  }

  const costs = buildCosts(Rng.derive(seed, 'costs'), monthsList, reps, partnerWonByMonth);
  const targets = buildTargets(Rng.derive(seed, 'targets'), monthsList, reps, wonByRepMonth);

  return {
    accounts: accountRows,
    reps: reps.map((r) => r.row),
    deals,
    activities,
    costs,
    targets,
    snapshots,
    snapshotDates,
    history,
  };
}

function activeShare(rep: Rep, month: number): number {
  const first = monthStartDay(month);
  const last = monthStartDay(month + 1) - 1;
  if (rep.hireDay > last) return 0;
  if (rep.hireDay <= first) return 1;
  return (last - rep.hireDay + 1) / (last - first + 1);
}

function buildCosts(rng: Rng, monthsList: readonly number[], reps: readonly Rep[], partnerWon: ReadonlyMap<number, number>): CostRow[] {
  const rows: CostRow[] = [];
  monthsList.forEach((m, k) => {
    const trend = 1 + 0.2 * (monthsList.length > 1 ? k / (monthsList.length - 1) : 0);
    const cal = m % 12;
    const summer = cal === 7 ? 0.5 : 1;
    for (const channel of COST_CHANNELS) {
      let cost: number;
      switch (channel) {
        case 'Website': cost = 4200 * trend * summer * rng.uniform(0.85, 1.15); break;
        case 'Trade show': cost = cal === 2 || cal === 9 ? rng.uniform(19000, 26000) : cal === 5 ? rng.uniform(6000, 9000) : rng.uniform(250, 900); break;
        case 'Referral': cost = 450 + 0.6 * rng.uniform(0, 900); break;
        case 'Outbound call': cost = 2600 * trend * rng.uniform(0.9, 1.1); break;
        case 'Partner': cost = 600 + 0.06 * (partnerWon.get(m) ?? 0); break;
        case 'Webinar': cost = 1700 * summer * rng.uniform(0.8, 1.2); break;
        case 'LinkedIn ads': cost = 9800 * trend * summer * rng.uniform(0.85, 1.2); break;
        default: {
          cost = 0;
          for (const r of reps) cost += activeShare(r, m) * TEAM_MONTHLY_COST[r.profile.team];
        }
      }
      rows.push({ month: monthKey(m), channel, cost_amount: round2(cost) });
    }
  });
  return rows;
}

/**
 * Monthly revenue targets per rep: what the rep's book can be expected to yield (the rep's own won revenue
 * smoothed over seven months, with the rep's skill taken out, so strong reps beat their targets and weak
 * ones miss them), a bit of stretch, a ramp-up for new hires, pro rata in the month of hire.
 */
function buildTargets(rng: Rng, monthsList: readonly number[], reps: readonly Rep[], wonByRepMonth: ReadonlyMap<string, number>): TargetRow[] {
  const rows: TargetRow[] = [];
  monthsList.forEach((m, k) => {
    for (const r of reps) {
      const share = activeShare(r, m);
      if (share <= 0) continue;
      let sum = 0;
      let fte = 0;
      for (let j = Math.max(0, k - 3); j <= Math.min(monthsList.length - 1, k + 3); j++) {
        const mj = monthsList[j] as number;
        sum += wonByRepMonth.get(`${r.name}|${mj}`) ?? 0;
        fte += activeShare(r, mj);
      }
      const potential = (fte > 0 ? sum / fte : 0) / Math.pow(r.profile.skill, 0.7);
      const monthsIn = m - monthIndexOfDay(r.hireDay);
      const ramp = monthsIn <= 0 ? 0.3 : monthsIn === 1 ? 0.5 : monthsIn === 2 ? 0.75 : 1;
      const target = potential * ramp * share * rng.uniform(0.98, 1.18);
      rows.push({ month: monthKey(m), owner: r.name, target_amount: Math.max(1000, roundTo(target, 500)) });
    }
  });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// CSV formatting
// ---------------------------------------------------------------------------------------------

export type CsvValue = string | number | null | undefined;

/** RFC 4180: quote when the value contains the delimiter, a quote, CR or LF; double inner quotes. */
export function csvField(value: CsvValue, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'number' ? formatNumber(value) : value;
  if (s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r')) return `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** Plain decimal: integers as is, others with at most 2 decimals, dot separator, never exponent notation. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`cannot format ${n}`);
  if (Number.isInteger(n)) return String(n);
  return n.toFixed(2).replace(/0$/, '');
}

export function toCsv<T extends object>(rows: readonly T[], columns: ReadonlyArray<keyof T & string>, eol = '\n'): string {
  const parts: string[] = [columns.join(',')];
  for (const row of rows) {
    const r = row as Record<string, CsvValue>;
    parts.push(columns.map((c) => csvField(r[c])).join(','));
  }
  return parts.join(eol) + eol;
}

// ---------------------------------------------------------------------------------------------
// Windows-1252
// ---------------------------------------------------------------------------------------------

/** The code points Windows-1252 places in 0x80-0x9F. U+00A0-U+00FF map to the same byte value. */
const CP1252_HIGH: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0x80], [0x201a, 0x82], [0x0192, 0x83], [0x201e, 0x84], [0x2026, 0x85], [0x2020, 0x86], [0x2021, 0x87],
  [0x02c6, 0x88], [0x2030, 0x89], [0x0160, 0x8a], [0x2039, 0x8b], [0x0152, 0x8c], [0x017d, 0x8e], [0x2018, 0x91],
  [0x2019, 0x92], [0x201c, 0x93], [0x201d, 0x94], [0x2022, 0x95], [0x2013, 0x96], [0x2014, 0x97], [0x02dc, 0x98],
  [0x2122, 0x99], [0x0161, 0x9a], [0x203a, 0x9b], [0x0153, 0x9c], [0x017e, 0x9e], [0x0178, 0x9f],
]);

/** Encodes text as Windows-1252; throws on characters that code page cannot represent. */
export function encodeCp1252(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[i] = c;
    else {
      const b = CP1252_HIGH.get(c);
      if (b === undefined) throw new Error(`character U+${c.toString(16).toUpperCase().padStart(4, '0')} has no Windows-1252 byte`);
      out[i] = b;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Streaming benchmark writers
// ---------------------------------------------------------------------------------------------

const FR_HEADER = [
  'Référence', "Nom de l'affaire", 'Compte', 'Propriétaire', 'Équipe', 'Pipeline', 'Étape', 'Statut', 'Montant',
  'Probabilité', 'Date de création', 'Date de clôture prévue', 'Date de clôture', 'Origine', 'Motif de perte', 'Produit',
];
const FR_STAGES = ['Prospection', 'Qualification', 'Analyse des besoins', 'Proposition', 'Négociation', 'Gagnée', 'Perdue'];
const FR_STATUS: Readonly<Record<DealStatus, string>> = { Open: 'En cours', Won: 'Gagnée', Lost: 'Perdue' };
const FR_PIPELINES = ['Nouvelle affaire', 'Renouvellement', 'Vente additionnelle'];
const FR_SOURCES = ['Site web', 'Salon', 'Recommandation', 'Appel sortant', 'Partenaire', 'Webinaire', 'Publicité LinkedIn'];
const FR_LOSS = ['Prix trop élevé', 'Concurrent', 'Pas de budget', 'Pas de décision', 'Calendrier'];
const FR_PRODUCTS = ['Suivi de flotte', 'Planificateur d’itinéraires', 'Suite entrepôt', 'Module analytique', 'Support premium', 'Pack de démarrage'];
const FR_TEAMS: Readonly<Record<string, string>> = { Enterprise: 'Grands comptes', 'Mid-market': 'ETI', SMB: 'PME', 'Inside sales': 'Ventes sédentaires' };

/** One benchmark deal, as indexes into the vocabularies, so both writers format the same logical row. */
interface BenchDeal {
  account: Account;
  rep: Rep;
  pipeline: number;
  stage: number; // 0-4 open stages, 5 won, 6 lost
  amount: number;
  probability: number;
  created: number;
  expected: number;
  closed: number; // -1 when open
  source: number;
  loss: number; // -1 when none
  product: number;
  budgetK: number; // 0 when the name carries no budget note
}

interface BenchWorld {
  seed: number;
  rows: number;
  reps: Rep[];
  accounts: Account[];
  accountWeights: number[];
  startDay: number;
  endDay: number;
  idWidth: number;
  dates: DateCache;
}

class DateCache {
  private readonly iso: string[] = [];
  private readonly fr: string[] = [];
  constructor(private readonly from: number, private readonly to: number) {
    for (let d = from; d <= to; d++) {
      const s = isoDate(d);
      this.iso.push(s);
      this.fr.push(`${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`);
    }
  }
  isoOf(day: number): string {
    return day >= this.from && day <= this.to ? (this.iso[day - this.from] as string) : isoDate(day);
  }
  frOf(day: number): string {
    if (day >= this.from && day <= this.to) return this.fr[day - this.from] as string;
    const s = isoDate(day);
    return `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
  }
}

const BENCH_END_MONTH = '2026-10';
const BENCH_MONTHS = 24;

function benchWorld(seed: number, rows: number): BenchWorld {
  const { reps, accounts } = buildWorld(seed);
  const endMonth = monthIndexFromKey(BENCH_END_MONTH);
  const startDay = monthStartDay(endMonth - BENCH_MONTHS + 1);
  const endDay = monthStartDay(endMonth + 1) - 1;
  return {
    seed, rows, reps, accounts,
    accountWeights: accounts.map((a) => a.weight),
    startDay, endDay,
    idWidth: Math.max(6, String(rows).length),
    dates: new DateCache(startDay - 10, endDay + 800),
  };
}

const CUM_ACCOUNT = new WeakMap<BenchWorld, Float64Array>();

function pickAccount(world: BenchWorld, u: number): Account {
  let cum = CUM_ACCOUNT.get(world);
  if (!cum) {
    cum = new Float64Array(world.accountWeights.length);
    let s = 0;
    world.accountWeights.forEach((w, i) => {
      s += w;
      (cum as Float64Array)[i] = s;
    });
    CUM_ACCOUNT.set(world, cum);
  }
  const target = u * (cum[cum.length - 1] as number);
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cum[mid] as number) > target) hi = mid;
    else lo = mid + 1;
  }
  return world.accounts[lo] as Account;
}

const BENCH_PIPELINE_W = [0.5, 0.28, 0.22];
const BENCH_NEW_SOURCE_W = [22, 13, 11, 22, 8, 11, 13];
const BENCH_BASE_SOURCE_W = [15, 0, 10, 55, 10, 10, 0];
const BENCH_PRODUCT_W = [35, 25, 20, 10, 5, 5];
const BENCH_LOSS_W = [25, 22, 20, 20, 13];

/** A light, history-free deal for row `i` (its own random stream: rows are independent of each other). */
function benchDeal(world: BenchWorld, i: number): BenchDeal {
  const rng = new Rng(hashSeed(world.seed, 'bench', i));
  const span = world.endDay - world.startDay + 1;
  let created = world.startDay + Math.floor(((i + rng.next()) / world.rows) * span);
  if (isWeekend(created) && rng.bool(0.9)) created = Math.max(world.startDay, created - (dayOfWeek(created) === 6 ? 1 : 2));
  const account = pickAccount(world, rng.next());
  let rep = world.reps[account.ownerIndex] as Rep;
  if (rep.hireDay > created) rep = world.reps.find((r) => r.profile.team === rep.profile.team && r.hireDay <= created) ?? rep;
  const segment = account.segment;
  const pipeline = account.initialType === 'Prospect' ? 0 : rng.weightedIndex(BENCH_PIPELINE_W);
  const source = pipeline === 0 ? rng.weightedIndex(BENCH_NEW_SOURCE_W) : rng.weightedIndex(BENCH_BASE_SOURCE_W);
  const product = pipeline === 2 ? rng.int(2, 5) : rng.weightedIndex(BENCH_PRODUCT_W);
  const median = SEGMENT_MEDIAN_AMOUNT[segment] * (PRODUCT_FACTOR[PRODUCTS[product] as string] as number) * ([1, 0.8, 0.6][pipeline] as number);
  const amount = rng.bool(0.15) ? round2(Math.max(480, rng.lognormal(median, 0.55))) : Math.max(500, quoteRound(rng.lognormal(median, 0.55)));
  const cycle = Math.max(3, Math.round(rng.lognormal(58 * (segment === 'Gold' ? 1.45 : segment === 'Silver' ? 1.05 : 0.85), 0.5)));
  const closeDay = created + cycle;
  const pWin = clamp((PIPELINE_WIN[PIPELINES[pipeline] as string] as number) * SEGMENT_WIN[segment]
    * (SOURCE_WIN[LEAD_SOURCES[source] as string] as number) * rep.profile.skill, 0.02, 0.92);
  const won = rng.bool(pWin);
  let stage: number;
  let closed = -1;
  let loss = -1;
  if (closeDay <= world.endDay) {
    closed = closeDay;
    stage = won ? 5 : 6;
    if (!won) loss = rng.weightedIndex(BENCH_LOSS_W);
  } else {
    const progress = (world.endDay - created) / cycle;
    stage = clamp(Math.floor(progress * 5 * rng.uniform(0.7, 1.1)), 0, 4);
  }
  const probability = stage === 5 ? 100 : stage === 6 ? 0 : stageProbability(stage, rep.profile, 0);
  const expected = closeDay + rng.int(-15, 30);
  const budgetK = rng.bool(0.1) ? Math.max(1, Math.round(amount / 1000)) : 0;
  return {
    account, rep, pipeline, stage, amount, probability, created,
    expected: Math.max(expected, created + 7), closed, source, loss, product, budgetK,
  };
}

function englishLine(world: BenchWorld, i: number): string {
  const d = benchDeal(world, i);
  const product = PRODUCTS[d.product] as string;
  const name = `${d.account.row.account_name} - ${product}${d.budgetK > 0 ? ` - budget €${d.budgetK}k` : ''}`;
  const stage = d.stage === 5 ? 'Closed Won' : d.stage === 6 ? 'Closed Lost' : (OPEN_STAGES[d.stage] as string);
  const status = d.stage === 5 ? 'Won' : d.stage === 6 ? 'Lost' : 'Open';
  return [
    `D-${pad(i + 1, world.idWidth)}`, csvField(name), csvField(d.account.row.account_name), d.rep.name, d.rep.profile.team,
    PIPELINES[d.pipeline] as string, stage, status, formatNumber(d.amount), String(d.probability),
    world.dates.isoOf(d.created), world.dates.isoOf(d.expected), d.closed >= 0 ? world.dates.isoOf(d.closed) : '',
    LEAD_SOURCES[d.source] as string, d.loss >= 0 ? (LOSS_REASONS[d.loss] as string) : '', product,
  ].join(',') + '\n';
}

function frenchLine(world: BenchWorld, i: number): string {
  const d = benchDeal(world, i);
  const product = FR_PRODUCTS[d.product] as string;
  const name = `${d.account.row.account_name} – ${product}${d.budgetK > 0 ? ` – budget ${d.budgetK} k€` : ''}`;
  const status = d.stage === 5 ? FR_STATUS.Won : d.stage === 6 ? FR_STATUS.Lost : FR_STATUS.Open;
  return [
    `D-${pad(i + 1, world.idWidth)}`, csvField(name, ';'), csvField(d.account.row.account_name, ';'), d.rep.name,
    FR_TEAMS[d.rep.profile.team] as string, FR_PIPELINES[d.pipeline] as string, FR_STAGES[d.stage] as string, status,
    d.amount.toFixed(2).replace('.', ','), String(d.probability),
    world.dates.frOf(d.created), world.dates.frOf(d.expected), d.closed >= 0 ? world.dates.frOf(d.closed) : '',
    FR_SOURCES[d.source] as string, d.loss >= 0 ? (FR_LOSS[d.loss] as string) : '', product,
  ].join(';') + '\r\n';
}

const CHUNK_CHARS = 1 << 20;

async function streamLines(path: string, header: string, rows: number, line: (i: number) => string, encode: (s: string) => Buffer): Promise<void> {
  function* chunks(): Generator<Buffer> {
    let buf = header;
    for (let i = 0; i < rows; i++) {
      buf += line(i);
      if (buf.length >= CHUNK_CHARS) {
        yield encode(buf);
        buf = '';
      }
    }
    if (buf.length > 0) yield encode(buf);
  }
  // Readable.from pulls the generator only as fast as the file stream drains (backpressure).
  await pipeline(Readable.from(chunks(), { objectMode: false }), createWriteStream(path));
}

function checkRows(rows: number): void {
  if (!Number.isInteger(rows) || rows < 0) throw new Error('rows must be a non-negative integer');
}

/** Writes `rows` deals in the deals.csv layout (UTF-8, comma, LF, ISO dates), streaming in ~1 MB chunks. */
export async function writeDealsCsv(path: string, options: { seed: number; rows: number; encoding?: 'utf8' }): Promise<void> {
  checkRows(options.rows);
  if (options.encoding !== undefined && options.encoding !== 'utf8') throw new Error(`unsupported encoding ${String(options.encoding)}`);
  const world = benchWorld(options.seed, options.rows);
  await streamLines(path, `${DEAL_COLUMNS.join(',')}\n`, options.rows, (i) => englishLine(world, i), (s) => Buffer.from(s, 'utf8'));
}

/**
 * Writes the same logical deals as writeDealsCsv (same seed and rows: same ids, accounts, owners, amounts,
 * dates, outcomes) the way French Excel saves them: Windows-1252, ';', CRLF, decimal comma, dd/mm/yyyy,
 * French headers and French labels for stages, statuses, pipelines, sources, loss reasons, teams and products.
 */
export async function writeDealsCsvEuropean(path: string, options: { seed: number; rows: number }): Promise<void> {
  checkRows(options.rows);
  const world = benchWorld(options.seed, options.rows);
  await streamLines(path, `${FR_HEADER.join(';')}\r\n`, options.rows, (i) => frenchLine(world, i), encodeCp1252);
}
