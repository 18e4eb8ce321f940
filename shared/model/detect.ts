// Role detection: proposes which column of a source plays which canonical role, from its header
// (synonyms in four languages, CRM presets) and from what its values look like. The user confirms
// or corrects the proposal once per source shape (headerSignature), and the choice is remembered.
// Pure: no Node, no DOM, no DuckDB.
import type { ValueKind } from '../import/types';
import type { MessageRef } from '../result';
import {
  GENERIC_RESOLUTION, LANGUAGE_NAMES, ROLES, ROLES_BY_SOURCE_KIND, crmPreset, detectPreset, headerVariants, isRoleId,
  presetRole, synonymEntries,
  type GenericName, type PresetId, type RoleId, type SourceKind,
} from './roles';
import { hash64, normaliseHeader, normaliseText, words } from './text';
import { looksLikePersonName, outcomeOf, stageRank, valueIn, type ValueClass } from './vocabulary';

/** What the core measures of one column (electron/core/model/evidence.ts computes it in two scans). */
export interface ColumnEvidence {
  name: string;
  kind: ValueKind;
  /** Distinct non-empty values. */
  distinct: number;
  rows: number;
  /** Share of rows with no value, 0..1. */
  nullShare: number;
  /** Most frequent values (up to ~30), most frequent first. */
  topValues: { value: string; count: number }[];
  /** Numbers for numeric columns and numeric-looking text; ISO dates for dates. */
  min?: number | string;
  max?: number | string;
  /** Text columns: share of non-empty values that read as numbers ("$22,700.00", "12.500,00", "60 %"). */
  numericShare?: number;
  /** Share of numeric values that are whole numbers. */
  integerShare?: number;
  /** Mean of the numeric values (numeric columns and numeric-looking text). */
  mean?: number;
  /** Text columns: share of non-empty values that read as dates ("15 Apr, 2021 00:02:00", "03/11/2024"). */
  dateShare?: number;
  /** Text columns: share of non-empty values that read as periods ("2024-11", "11/2024", "2024-Q3"). */
  periodShare?: number;
  /** Text columns: mean length of the values. */
  avgLength?: number;
}

export interface RoleProposal {
  role: RoleId;
  column: string;
  /** 0..1 */
  confidence: number;
  /** Short human text: "header 'Propriétaire' is a French synonym of owner". English. */
  reason: string;
  /**
   * The same reason as a catalog text (namespace `detect` of shared/i18n) for the UI's language.
   * Its values follow the catalog's conventions: `role` is a role id, `languages` language codes
   * joined by '/'; the rest is shown as it is.
   */
  reasonText: MessageRef;
  /**
   * Set when the role is read through another role's column: 'stage' means the status comes from
   * the stage column, whose won / lost stages (inferStages) close the deal and all others are open.
   */
  derivedFrom?: 'stage';
}

export interface DetectRolesOptions {
  /** What one row of the source is; detected when absent. */
  sourceKind?: SourceKind;
  /** The CRM export the file comes from; detected when absent, none when null. */
  preset?: PresetId | null;
  /** Proposals below this confidence are dropped (default 0.5). */
  minConfidence?: number;
}

type Target = RoleId | `@${GenericName}`;
type Origin = 'preset' | 'header' | 'values' | 'context';

interface Candidate {
  col: number;
  target: Target;
  confidence: number;
  reason: string;
  text: MessageRef;
  origin: Origin;
}

/** A reason in English and as a catalog text ("detect.<key>") with its values. */
function because(key: `detect.${string}`, values: Record<string, string | number | MessageRef>, reason: string): { reason: string; text: MessageRef } {
  return { reason, text: { key, values } };
}

interface ColumnFacts {
  ev: ColumnEvidence;
  index: number;
  header: string;
  tokens: string[];
  nonNull: number;
  distinctRatio: number;
  numeric: boolean;
  date: boolean;
  period: boolean;
  textual: boolean;
  boolean: boolean;
  min: number | null;
  max: number | null;
  /** Share of non-empty rows per outcome, from the top values. */
  won: number;
  lost: number;
  open: number;
  /** Share of non-empty rows whose value is a known stage word (outcomes excluded). */
  stageWords: number;
  /** Whether the top values account for (nearly) every non-empty row. */
  covered: boolean;
  /** Known column of the detected CRM export that plays no role. */
  presetNone: boolean;
}

const MIN_CONFIDENCE = 0.5;

// ---------------------------------------------------------------------------------------------
// Facts about a column

function numberOf(v: number | string | undefined): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function shareOf(ev: ColumnEvidence, nonNull: number, test: (value: string) => boolean): number {
  if (nonNull <= 0) return 0;
  let n = 0;
  for (const t of ev.topValues) if (test(t.value)) n += t.count;
  return n / nonNull;
}

function facts(ev: ColumnEvidence, index: number): ColumnFacts {
  const nonNull = Math.max(0, Math.round(ev.rows * (1 - ev.nullShare)));
  const topTotal = ev.topValues.reduce((s, t) => s + t.count, 0);
  const numericKind = ev.kind === 'integer' || ev.kind === 'decimal' || ev.kind === 'percent';
  const textNumeric = ev.kind === 'text' && (ev.numericShare ?? 0) >= 0.9;
  const date = ev.kind === 'date' || ev.kind === 'timestamp' || (ev.kind === 'text' && (ev.dateShare ?? 0) >= 0.8);
  const period = ev.kind === 'text' && (ev.periodShare ?? 0) >= 0.8;
  const numeric = (numericKind || textNumeric) && !period;
  const min = numeric ? numberOf(ev.min) : null;
  const max = numeric ? numberOf(ev.max) : null;
  const yesNo = ev.kind === 'text' && nonNull > 0 && shareOf(ev, nonNull, (v) => valueIn('yes_no', v)) >= 0.95;
  const header = normaliseHeader(ev.name);
  let won = 0;
  let lost = 0;
  let open = 0;
  let stageWords = 0;
  if (ev.kind === 'text' && nonNull > 0) {
    for (const t of ev.topValues) {
      const o = outcomeOf(t.value);
      if (o === 'won') won += t.count;
      else if (o === 'lost') lost += t.count;
      else if (o === 'open') open += t.count;
      else if (stageRank(t.value, false) !== null) stageWords += t.count;
    }
    won /= nonNull;
    lost /= nonNull;
    open /= nonNull;
    stageWords /= nonNull;
  }
  return {
    ev,
    index,
    header,
    tokens: words(header),
    nonNull,
    distinctRatio: nonNull > 0 ? ev.distinct / nonNull : 0,
    numeric,
    date: date && !numeric,
    period: period || date,
    textual: ev.kind === 'text' && !textNumeric && !date && !period && !yesNo,
    boolean: ev.kind === 'boolean' || yesNo || (ev.kind === 'integer' && min === 0 && max === 1),
    min,
    max,
    won,
    lost,
    open,
    stageWords,
    covered: nonNull > 0 && topTotal >= nonNull * 0.95,
    presetNone: false,
  };
}

/** A few top values for a reason text: "Won/Lost/Engaging". */
function sample(f: ColumnFacts, n = 4): string {
  return f.ev.topValues.slice(0, n).map((t) => t.value).join('/');
}

// ---------------------------------------------------------------------------------------------
// Header candidates

const ID_WORDS = new Set(['id', 'ids', 'code', 'nr', 'no', 'number', 'numero', 'nummer', 'key', 'uuid', 'ref']);
const ID_ROLES = new Set<RoleId>(['deal_id', 'account_id', 'lead_id', 'activity_id']);
const GLOBAL_BLOCKERS = ['email', 'mail', 'e mail', 'phone', 'telephone', 'tel', 'mobile', 'fax', 'address', 'adresse',
  'adres', 'street', 'rue', 'straat', 'strasse', 'zip', 'postal', 'postcode', 'plz', 'url', 'website', 'linkedin',
  'currency', 'devise', 'valuta', 'wahrung', 'modified', 'updated', 'last', 'dernier', 'derniere', 'laatste', 'letzte',
  'next', 'prochain', 'prochaine', 'volgende', 'nachste', 'previous', 'count', 'nombre', 'aantal', 'anzahl', 'nb',
  'history', 'historique', 'change', 'changed', 'duration', 'duree', 'days', 'jours', 'dagen', 'tage'];

function article(lang: string): string {
  return /^[aeiou]/i.test(lang) ? 'an' : 'a';
}

function headerCandidates(f: ColumnFacts, preset: PresetId | null): Candidate[] {
  const out: Candidate[] = [];
  const name = f.ev.name;
  if (preset) {
    const r = presetRole(preset, name);
    if (r === null) {
      f.presetNone = true;
      return out;
    }
    if (r !== undefined) {
      const crm = crmPreset(preset).name;
      out.push({
        col: f.index, target: r, confidence: 0.97, origin: 'preset',
        ...because('detect.presetColumn', { column: name, preset: crm, role: r }, `column '${name}' is ${crm}'s ${r} column`),
      });
    }
  }
  const best = new Map<Target, Candidate>();
  const keep = (c: Candidate) => {
    const prev = best.get(c.target);
    if (!prev || c.confidence > prev.confidence) best.set(c.target, c);
  };
  for (const variant of headerVariants(name)) {
    const penalty = variant.kind === 'exact' ? 0 : variant.kind === 'unit' ? 0.01 : 0.02;
    for (const entry of synonymEntries(variant.text)) {
      const lang = entry.languages.map((l) => LANGUAGE_NAMES[l]).join('/');
      const languages = entry.languages.join('/');
      if ('role' in entry.target) {
        const role = entry.target.role;
        const own = normaliseHeader(role) === variant.text;
        const base = own ? 0.93 : entry.strength === 'strong' ? 0.92 : 0.72;
        keep({
          col: f.index, target: role, confidence: base - penalty, origin: 'header',
          ...(own
            ? because('detect.ownName', { column: name, role }, `header '${name}' is the role's own name`)
            : entry.strength === 'weak'
              ? because('detect.looseSynonym', { column: name, languages, role }, `header '${name}' is a loose ${lang} synonym of ${role}`)
              : because('detect.synonym', { column: name, languages, role }, `header '${name}' is ${article(lang)} ${lang} synonym of ${role}`)),
        });
      } else {
        keep({
          col: f.index, target: `@${entry.target.generic}`, confidence: 0.85 - penalty, origin: 'header',
          ...because(
            'detect.genericName',
            { column: name, languages, generic: entry.target.generic },
            `header '${name}' is ${article(lang)} ${lang} generic name (${entry.target.generic})`,
          ),
        });
      }
    }
  }
  // Anchors: a role word inside a longer header ("Lead Owner", "Sales Status"), when no exact
  // synonym matched that role.
  const blockedGlobally = GLOBAL_BLOCKERS.some((b) => containsWords(f.tokens, b));
  const last = f.tokens[f.tokens.length - 1] ?? '';
  if (!blockedGlobally) {
    for (const role of anchored()) {
      if (best.has(role.id)) continue;
      const anchor = role.anchors.find((a) => containsWords(f.tokens, a));
      if (!anchor) continue;
      if (ID_WORDS.has(last) && !ID_ROLES.has(role.id) && !anchor.endsWith(last)) continue;
      if (role.blockers.some((b) => containsWords(f.tokens, b))) continue;
      keep({
        col: f.index, target: role.id, confidence: 0.65, origin: 'header',
        ...because('detect.containsWord', { column: name, word: anchor }, `header '${name}' contains '${anchor}'`),
      });
    }
  }
  out.push(...best.values());
  return out;
}

// Built on first use: roles.ts re-exports this module, so nothing from it may be read while the
// modules load.
let anchoredRoles: { id: RoleId; anchors: string[]; blockers: string[] }[] | null = null;
function anchored(): { id: RoleId; anchors: string[]; blockers: string[] }[] {
  anchoredRoles ??= ROLES.filter((def) => def.anchors !== undefined).map((def) => ({
    id: def.id,
    anchors: (def.anchors ?? []).map(normaliseText),
    blockers: (def.blockers ?? []).map(normaliseText),
  }));
  return anchoredRoles;
}

function containsWords(tokens: readonly string[], phrase: string): boolean {
  return ` ${tokens.join(' ')} `.includes(` ${phrase} `);
}

// ---------------------------------------------------------------------------------------------
// Value candidates: what the values alone say

const CLASS_RULES: { cls: ValueClass; target: Target; min: number; distinct: [number, number]; confidence: number; label: string }[] = [
  { cls: 'lead_source', target: '@channel', min: 0.6, distinct: [2, 60], confidence: 0.7, label: 'lead sources' },
  { cls: 'segment', target: 'segment', min: 0.85, distinct: [2, 8], confidence: 0.72, label: 'segments' },
  { cls: 'account_type', target: 'account_type', min: 0.85, distinct: [2, 10], confidence: 0.68, label: 'account types' },
  { cls: 'industry', target: 'industry', min: 0.7, distinct: [3, 60], confidence: 0.62, label: 'industries' },
  { cls: 'region', target: 'region', min: 0.7, distinct: [2, 80], confidence: 0.6, label: 'regions or countries' },
  { cls: 'loss_reason', target: 'loss_reason', min: 0.6, distinct: [2, 30], confidence: 0.62, label: 'loss reasons' },
  { cls: 'activity_type', target: 'activity_type', min: 0.7, distinct: [2, 20], confidence: 0.72, label: 'activity types' },
  { cls: 'outcome', target: 'outcome', min: 0.6, distinct: [2, 30], confidence: 0.66, label: 'activity outcomes' },
  { cls: 'lead_status', target: 'lead_status', min: 0.6, distinct: [3, 20], confidence: 0.62, label: 'lead statuses' },
];

function valueCandidates(f: ColumnFacts): Candidate[] {
  const out: Candidate[] = [];
  const ev = f.ev;
  if (f.nonNull === 0 || f.presetNone) return out;
  const add = (target: Target, confidence: number, why: { reason: string; text: MessageRef }) =>
    out.push({ col: f.index, target, confidence, ...why, origin: 'values' });

  if (f.textual && ev.distinct <= 60) {
    const outcomes = f.won + f.lost + f.open;
    const closed = f.won + f.lost;
    if (outcomes >= 0.9 && closed > 0 && ev.distinct <= 8) {
      const all = f.won > 0 && f.lost > 0 && f.open > 0;
      add('status', all ? 0.86 : 0.8, because('detect.outcomeValues', { values: sample(f) }, `values ${sample(f)} are deal outcomes (open / won / lost)`));
    } else if (f.won > 0 && f.lost > 0 && closed >= 0.03 && outcomes < 0.9 && ev.distinct >= 3 && ev.distinct <= 40) {
      const other = 1 - outcomes;
      const known = other > 0 ? f.stageWords / other : 0;
      add('stage', known >= 0.5 ? 0.82 : 0.76, because('detect.stagesAndOutcomes', { values: sample(f, 5) }, `values mix stages with outcomes (${sample(f, 5)})`));
    } else if (f.stageWords >= 0.6 && ev.distinct >= 2 && ev.distinct <= 30) {
      add('stage', 0.68, because('detect.stageValues', { values: sample(f) }, `values ${sample(f)} are usual stage names`));
    }
    for (const rule of CLASS_RULES) {
      if (ev.distinct < rule.distinct[0] || ev.distinct > rule.distinct[1]) continue;
      if (rule.cls === 'loss_reason' && ev.nullShare < 0.2) continue;
      const share = shareOf(ev, f.nonNull, (v) => valueIn(rule.cls, v));
      if (share >= rule.min) {
        add(rule.target, rule.confidence, because('detect.classValues', { values: sample(f), valueClass: rule.cls }, `values ${sample(f)} look like ${rule.label}`));
      }
    }
  }
  if (f.textual && f.covered && ev.distinct >= 2 && ev.distinct <= 200 && f.nonNull / ev.distinct >= 2) {
    const share = shareOf(ev, f.nonNull, looksLikePersonName);
    const names = ev.topValues.filter((t) => looksLikePersonName(t.value)).length;
    if (share >= 0.8 && names >= Math.max(2, 0.6 * ev.topValues.length)) {
      add('owner', 0.52, because('detect.personNames', { values: sample(f, 3) }, `values ${sample(f, 3)} look like people's names`));
    }
  }
  // A near-unique identifier: a key of the source.
  if (f.distinctRatio >= 0.98 && ev.nullShare <= 0.02 && ev.rows >= 5 && !f.date && !f.period) {
    const idText = ev.kind === 'text' && !f.numeric && ev.topValues.length > 0 &&
      ev.topValues.filter((t) => /\d/.test(t.value) && !/\s/.test(t.value.trim()) && t.value.length <= 40).length >=
        ev.topValues.length * 0.9;
    // Whole numbers are identifiers when they run as a sequence (1001, 1002...), not when they are
    // unique measures (employees, revenue).
    const lo = numberOf(ev.min);
    const hi = numberOf(ev.max);
    const sequence = ev.kind === 'integer' && lo !== null && hi !== null && lo >= 0 && hi - lo + 1 <= ev.distinct * 1.5;
    if (sequence || idText) {
      add('@id', 0.55, because('detect.identifiers', { values: sample(f, 2) }, `values are unique and look like identifiers (${sample(f, 2)})`));
    }
  }
  if (ev.kind === 'text' && (ev.periodShare ?? 0) >= 0.8) {
    add('@period', 0.7, because('detect.periodValues', { values: sample(f, 3) }, `values ${sample(f, 3)} are periods`));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Source kind

const KIND_VOTES: Partial<Record<RoleId, Partial<Record<SourceKind, number>>>> = {
  deal_id: { deals: 0.5 }, deal_name: { deals: 0.6 }, stage: { deals: 1 }, status: { deals: 1 }, probability: { deals: 1 },
  expected_close_at: { deals: 1 }, closed_at: { deals: 0.8 }, loss_reason: { deals: 1 }, pipeline: { deals: 0.6 },
  amount: { deals: 0.6 }, created_at: { deals: 0.3, leads: 0.3 },
  account_name: { accounts: 0.5 }, account_type: { accounts: 0.8 }, industry: { accounts: 0.4, leads: 0.2 },
  segment: { accounts: 0.4 },
  activity_type: { activities: 1.2 }, activity_at: { activities: 1.2 }, outcome: { activities: 1 }, activity_id: { activities: 1 },
  cost_amount: { costs: 1.5 }, cost_channel: { costs: 1 }, cost_period: { costs: 0.8 },
  lead_status: { leads: 1.2 }, converted: { leads: 1.2 }, lead_id: { leads: 0.6 },
  target_amount: { targets: 1.5 }, target_period: { targets: 0.8 },
};
const KIND_LABEL: Record<SourceKind, string> = {
  deals: 'deals', accounts: 'accounts', activities: 'activities', costs: 'costs', leads: 'leads', targets: 'targets',
  reps: 'sales reps', products: 'products', unknown: 'unknown',
};

export interface SourceKindGuess {
  kind: SourceKind;
  score: number;
  reason: string;
}

function inferKind(cols: ColumnFacts[], cands: Candidate[]): SourceKindGuess {
  const score = new Map<SourceKind, number>();
  const because = new Map<SourceKind, string[]>();
  for (const f of cols) {
    const perKind = new Map<SourceKind, { v: number; why: string }>();
    const vote = (k: SourceKind, v: number, why: string) => {
      const prev = perKind.get(k);
      if (!prev || v > prev.v) perKind.set(k, { v, why });
    };
    for (const c of cands) {
      if (c.col !== f.index) continue;
      if (c.target.startsWith('@')) {
        if (c.target === '@period') {
          vote('costs', 0.4 * c.confidence, `${f.ev.name} (period)`);
          vote('targets', 0.4 * c.confidence, `${f.ev.name} (period)`);
        }
        continue;
      }
      const role = c.target as RoleId;
      for (const [k, w] of Object.entries(KIND_VOTES[role] ?? {})) vote(k as SourceKind, w * c.confidence, `${f.ev.name} (${role})`);
      const unique = f.distinctRatio >= 0.95 && f.nonNull >= 3;
      if (unique && role === 'owner') vote('reps', 1.5 * c.confidence, `${f.ev.name} (one row per rep)`);
      if (unique && (role === 'account' || role === 'account_name')) vote('accounts', 1.2 * c.confidence, `${f.ev.name} (one row per account)`);
      if (unique && role === 'product') vote('products', 1 * c.confidence, `${f.ev.name} (one row per product)`);
    }
    for (const [k, { v, why }] of perKind) {
      score.set(k, (score.get(k) ?? 0) + v);
      because.set(k, [...(because.get(k) ?? []), why]);
    }
  }
  let best: SourceKind = 'unknown';
  let bestScore = 0;
  for (const [k, v] of score) {
    if (v > bestScore) {
      best = k;
      bestScore = v;
    }
  }
  if (bestScore < 0.7) {
    return { kind: 'unknown', score: bestScore, reason: 'no column says what one row is' };
  }
  return {
    kind: best,
    score: Math.round(bestScore * 100) / 100,
    reason: `one row is one of the ${KIND_LABEL[best]}: ${(because.get(best) ?? []).slice(0, 4).join(', ')}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Resolution: generic names and account naming by source kind, allowed roles, value kinds

function resolveTarget(target: Target, kind: SourceKind): RoleId | null {
  let role: RoleId | null;
  if (target.startsWith('@')) role = GENERIC_RESOLUTION[target.slice(1) as GenericName][kind] ?? null;
  else role = target as RoleId;
  if (role === null) return null;
  if (kind === 'accounts' && role === 'account') role = 'account_name';
  if (kind !== 'accounts' && role === 'account_name') role = 'account';
  return ROLES_BY_SOURCE_KIND[kind].includes(role) ? role : null;
}

const TEXT_ROLES = new Set<RoleId>(['deal_name', 'owner', 'team', 'pipeline', 'stage', 'status', 'lead_source', 'segment',
  'account_type', 'region', 'industry', 'tags', 'loss_reason', 'product', 'activity_type', 'outcome', 'cost_channel',
  'lead_status', 'account_name']);
const MONEY_ROLES = new Set<RoleId>(['amount', 'cost_amount', 'target_amount']);
const DATE_ROLES = new Set<RoleId>(['created_at', 'expected_close_at', 'closed_at', 'activity_at']);
const PERIOD_ROLES = new Set<RoleId>(['cost_period', 'target_period']);

/** Whether the column's values can play the role at all. */
function fits(role: RoleId, f: ColumnFacts): boolean {
  const k = f.ev.kind;
  if (ID_ROLES.has(role) || role === 'account') return (k === 'text' && !f.date && !f.period) || k === 'integer';
  if (TEXT_ROLES.has(role)) return f.textual;
  if (MONEY_ROLES.has(role)) return f.numeric && (f.min === null || f.max === null || f.max > 1 || f.min < 0);
  if (role === 'probability') {
    return f.numeric && f.min !== null && f.max !== null && f.min >= 0 && f.max <= 100 && f.max > 0;
  }
  if (DATE_ROLES.has(role)) return f.date;
  if (PERIOD_ROLES.has(role)) {
    if (f.period || f.date) return true;
    return k === 'integer' && f.min !== null && f.max !== null && f.min >= 190001 && f.max <= 210012;
  }
  if (role === 'converted') return f.boolean;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Context candidates: dates, probabilities and amounts, decided with the whole source in view

const CREATED_WORDS = ['created', 'create', 'creation', 'creee', 'cree', 'aangemaakt', 'gemaakt', 'aanmaak', 'creatie',
  'erstellt', 'erstell', 'angelegt', 'anlage', 'engage', 'engaged', 'opened', 'ouverture', 'ouvert', 'added', 'add',
  'ajout', 'ajoute', 'toegevoegd', 'hinzugefugt', 'entree', 'entry', 'saisie', 'eroffnet'];
const START_WORDS = ['start', 'debut', 'begin', 'beginn', 'startdatum', 'aanvang'];
const EXPECTED_WORDS = ['expected', 'estimated', 'estimate', 'forecast', 'projected', 'target', 'planned', 'prevue',
  'prevu', 'prevision', 'previsionnelle', 'previsionnel', 'estimee', 'estime', 'verwacht', 'verwachte', 'geschat',
  'geschatte', 'beoogd', 'beoogde', 'gepland', 'erwartet', 'erwartetes', 'erwarteter', 'voraussichtlich',
  'voraussichtliches', 'voraussichtlicher', 'geplant', 'geplanter', 'geplantes', 'echeance', 'deadline', 'due'];
const CLOSED_EXPLICIT = ['closed', 'won', 'lost', 'gagne', 'perdu', 'signed', 'signe', 'signature', 'gesloten', 'afgesloten',
  'gewonnen', 'verloren', 'getekend', 'abgeschlossen', 'geschlossen', 'unterzeichnet', 'clos', 'ferme', 'actual', 'reelle',
  'tatsachlich', 'tatsachliches'];
const CLOSE_AMBIGUOUS = ['close', 'closing', 'cloture', 'sluiting', 'sluitingsdatum', 'afsluitdatum', 'abschluss',
  'abschlussdatum', 'closedatum', 'end', 'fin', 'einde', 'ende'];
const DATE_BLOCKERS = ['modified', 'modification', 'modifie', 'update', 'updated', 'maj', 'last', 'dernier', 'derniere',
  'laatste', 'letzte', 'gewijzigd', 'bijgewerkt', 'geandert', 'aktualisiert', 'next', 'prochain', 'prochaine', 'volgende',
  'nachste', 'reminder', 'remind', 'rappel', 'herinnering', 'erinnerung', 'birth', 'naissance', 'valid', 'validite',
  'geldig', 'gultig', 'till', 'until', 'jusqu', 'change', 'changed', 'deleted', 'hire', 'embauche', 'activity',
  'activite', 'stage'];
const ACTIVITY_DATE_WORDS = ['activity', 'activite', 'activiteit', 'aktivitat', 'start', 'call', 'appel', 'date', 'datum',
  'when', 'done', 'realise', 'effectue', 'tijdstip', 'zeitpunkt', 'due', 'scheduled', 'meeting', 'time', 'heure'];
const PERIOD_WORDS = ['month', 'mois', 'maand', 'monat', 'period', 'periode', 'zeitraum', 'quarter', 'trimestre',
  'kwartaal', 'quartal', 'week', 'semaine', 'woche', 'date', 'datum', 'start', 'debut', 'beginn', 'year', 'annee', 'jaar', 'jahr'];

/** Numbers that describe the customer or the effort, not what the deal is worth. */
const NOT_A_DEAL_AMOUNT = ['declared', 'monthly', 'annual', 'yearly', 'revenue', 'turnover', 'employees', 'employee',
  'headcount', 'effectif', 'size', 'stock', 'catalog', 'catalogue', 'count', 'duration', 'duree', 'duur', 'dauer', 'age',
  'days', 'jours', 'dagen', 'tage', 'score', 'visits', 'views', 'minutes', 'seconds', 'hours', 'year', 'annee', 'jaar',
  'jahr', 'rank', 'index', 'quantity', 'quantite', 'aantal', 'menge', 'zip', 'postal', 'phone'];

function hasWord(tokens: readonly string[], list: readonly string[]): boolean {
  return tokens.some((t) => list.some((w) => t === w || (w.length >= 5 && t.startsWith(w))));
}

function contextCandidates(cols: ColumnFacts[], cands: Candidate[], kind: SourceKind): Candidate[] {
  const out: Candidate[] = [];
  const add = (f: ColumnFacts, target: RoleId, confidence: number, why: { reason: string; text: MessageRef }) =>
    out.push({ col: f.index, target, confidence, ...why, origin: 'context' });
  const strongHeader = (f: ColumnFacts) =>
    cands.some((c) => c.col === f.index && (c.origin === 'header' || c.origin === 'preset') && c.confidence >= 0.7);

  for (const f of cols) {
    if (f.presetNone || !(f.date || (f.period && (kind === 'costs' || kind === 'targets')))) continue;
    const t = f.tokens;
    const name = f.ev.name;
    const blocked = hasWord(t, DATE_BLOCKERS);
    if (kind === 'deals' || kind === 'leads') {
      if (blocked) continue;
      const expected = hasWord(t, EXPECTED_WORDS);
      const created = hasWord(t, CREATED_WORDS);
      const explicit = hasWord(t, CLOSED_EXPLICIT);
      const ambiguous = hasWord(t, CLOSE_AMBIGUOUS);
      if (created && !expected && !explicit && !ambiguous) {
        add(f, 'created_at', 0.8, because('detect.namedCreation', { column: name }, `date column '${name}' is named after creation`));
      } else if (!expected && !explicit && !ambiguous && hasWord(t, START_WORDS)) {
        add(f, 'created_at', 0.6, because('detect.namedStart', { column: name }, `date column '${name}' is named after a start`));
      }
      if (kind === 'leads') continue;
      if (expected && (ambiguous || explicit || hasWord(t, ['date', 'datum']) || t.length <= 3)) {
        add(f, 'expected_close_at', 0.84, because('detect.namedExpectedClose', { column: name }, `date column '${name}' is named after an expected close`));
      } else if (explicit && !created) {
        add(f, 'closed_at', 0.8, because('detect.namedActualClose', { column: name }, `date column '${name}' is named after an actual close`));
      } else if (ambiguous && !created) {
        const pct = Math.round(f.ev.nullShare * 100);
        if (f.ev.nullShare >= 0.05) {
          add(f, 'closed_at', 0.78, because(
            'detect.emptyOnOpenDeals',
            { column: name, percent: pct },
            `date column '${name}' is empty on ${pct}% of rows (open deals): the actual close date`,
          ));
          add(f, 'expected_close_at', 0.5, because('detect.namesClose', { column: name }, `date column '${name}' names a close date`));
        } else {
          add(f, 'expected_close_at', 0.76, because(
            'detect.filledOnEveryRow',
            { column: name },
            `date column '${name}' is filled on every row: the expected close date`,
          ));
          add(f, 'closed_at', 0.55, because('detect.namesClose', { column: name }, `date column '${name}' names a close date`));
        }
      }
    } else if (kind === 'activities') {
      if (blocked && !hasWord(t, ['activity', 'activite', 'activiteit', 'aktivitat'])) continue;
      if (hasWord(t, ['modified', 'updated', 'last', 'next', 'dernier', 'laatste', 'letzte', 'prochain', 'volgende'])) continue;
      if (hasWord(t, ACTIVITY_DATE_WORDS) && !hasWord(t, CREATED_WORDS)) {
        add(f, 'activity_at', 0.8, because('detect.datesActivity', { column: name }, `date column '${name}' dates the activity`));
      } else {
        add(f, 'activity_at', hasWord(t, CREATED_WORDS) ? 0.55 : 0.5, because(
          'detect.activityDateColumn',
          { column: name },
          `'${name}' is a date column of an activities source`,
        ));
      }
    } else if (kind === 'costs' || kind === 'targets') {
      if (blocked) continue;
      const role: RoleId = kind === 'costs' ? 'cost_period' : 'target_period';
      const what = kind === 'costs' ? 'cost' : 'target';
      if (hasWord(t, PERIOD_WORDS)) add(f, role, 0.7, because('detect.datesCostOrTarget', { column: name, what }, `'${name}' dates the ${what}`));
      else if (hasWord(t, ['end', 'fin', 'einde', 'ende'])) add(f, role, 0.4, because('detect.dateColumn', { column: name }, `'${name}' is a date column`));
      else add(f, role, hasWord(t, CREATED_WORDS) ? 0.45 : 0.5, because('detect.dateColumn', { column: name }, `'${name}' is a date column`));
    }
  }

  if (kind === 'deals') {
    const stageCol = cands.find((c) => resolveTarget(c.target, kind) === 'stage' && c.confidence >= 0.6);
    if (stageCol) {
      const stageName = cols[stageCol.col]?.ev.name ?? '';
      for (const f of cols) {
        if (f.index === stageCol.col || !f.numeric || f.presetNone || f.min === null || f.max === null) continue;
        if (cands.some((c) => c.col === f.index && c.origin !== 'values' && c.confidence >= 0.7 &&
          resolveTarget(c.target, kind) !== 'probability')) continue;
        const fraction = f.max <= 1 && (f.ev.kind !== 'integer' || f.ev.distinct > 2);
        const percent = f.max > 1 && f.max <= 100;
        if (f.min < 0 || !(fraction || percent) || f.ev.distinct < 2 || f.ev.distinct > 40) continue;
        const scale = fraction ? 100 : 1;
        const round = shareOf(f.ev, f.nonNull, (v) => {
          const n = Number(v.replace(',', '.').replace('%', '').trim()) * scale;
          return Number.isFinite(n) && Math.abs(n / 5 - Math.round(n / 5)) < 1e-6;
        });
        const conf = 0.58 + (round >= 0.8 ? 0.08 : 0) + (f.ev.distinct <= 21 ? 0.04 : 0);
        add(f, 'probability', conf, because(
          'detect.probabilities',
          { scale: fraction ? 'fraction' : 'percent', stage: stageName },
          `${fraction ? 'fractions 0–1' : 'numbers 0–100'} next to stage column '${stageName}' look like probabilities`,
        ));
      }
    }
  }

  const moneyRole: RoleId | null = kind === 'deals' ? 'amount' : kind === 'costs' ? 'cost_amount' : kind === 'targets' ? 'target_amount' : null;
  if (moneyRole && !cands.some((c) => resolveTarget(c.target, kind) === moneyRole && c.confidence >= 0.7 &&
    fits(moneyRole, cols[c.col] as ColumnFacts))) {
    let best: ColumnFacts | null = null;
    for (const f of cols) {
      if (!f.numeric || f.presetNone || f.min === null || f.max === null || f.ev.mean === undefined) continue;
      if (strongHeader(f) || hasWord(f.tokens, NOT_A_DEAL_AMOUNT)) continue;
      if (f.min < 0 || f.max <= 1 || f.ev.distinct < 5) continue;
      const intLike = f.ev.kind === 'integer' || (f.ev.integerShare ?? 0) >= 1;
      if (intLike && f.min >= 1900 && f.max <= 2100) continue; // years
      if (f.ev.kind === 'integer' && f.distinctRatio >= 0.98) continue; // identifiers
      if (!best || (f.ev.mean ?? 0) > (best.ev.mean ?? 0)) best = f;
    }
    if (best) {
      const mean = Math.round(best.ev.mean ?? 0);
      add(best, moneyRole, 0.6, because(
        'detect.largestMoney',
        { column: best.ev.name, mean },
        `'${best.ev.name}' is the largest money-looking column (mean ${mean})`,
      ));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The detector

const ORIGIN_RANK: Record<Origin, number> = { preset: 0, header: 1, values: 2, context: 3 };

export function detectSourceKind(columns: readonly ColumnEvidence[], options: DetectRolesOptions = {}): SourceKindGuess {
  const { cols, cands } = gather(columns, options);
  return inferKind(cols, cands);
}

function gather(columns: readonly ColumnEvidence[], options: DetectRolesOptions) {
  const cols = columns.map((ev, i) => facts(ev, i));
  const preset = options.preset === undefined ? (detectPreset(columns.map((c) => c.name))?.preset ?? null) : options.preset;
  const cands: Candidate[] = [];
  for (const f of cols) cands.push(...headerCandidates(f, preset));
  for (const f of cols) cands.push(...valueCandidates(f));
  return { cols, cands, preset };
}

export function detectRoles(columns: readonly ColumnEvidence[], options: DetectRolesOptions = {}): RoleProposal[] {
  const minConfidence = options.minConfidence ?? MIN_CONFIDENCE;
  const { cols, cands } = gather(columns, options);
  const kind = options.sourceKind ?? inferKind(cols, cands).kind;
  const all = [...cands, ...contextCandidates(cols, cands, kind)];

  // Resolve, check value kinds, adjust by what the values say.
  const resolved: (Candidate & { role: RoleId })[] = [];
  for (const c of all) {
    const role = resolveTarget(c.target, kind);
    const f = cols[c.col];
    if (!role || !f || !fits(role, f)) continue;
    let confidence = c.confidence;
    let reason = c.reason;
    let text = c.text;
    if (c.target.startsWith('@')) {
      reason = c.origin === 'header'
        ? `${reason}, read as ${role} in ${article(KIND_LABEL[kind])} ${KIND_LABEL[kind]} source`
        : `${reason} (${role})`;
      text = c.origin === 'header'
        ? { key: 'detect.readAsInSource', values: { reason: c.text, role, kind } }
        : { key: 'detect.readAs', values: { reason: c.text, role } };
    }
    if (c.origin === 'header' && role === 'status' && f.won + f.lost + f.open < 0.3) confidence *= 0.75;
    if (c.origin === 'header' && role === 'deal_id' && kind === 'deals' && f.distinctRatio < 0.5) confidence *= 0.7;
    if (c.origin === 'header' && role === 'stage' && f.ev.distinct > 60) confidence *= 0.7;
    resolved.push({ ...c, role, confidence, reason, text });
  }

  // Merge the evidence for each (column, role): the best of each origin, combined.
  const merged = new Map<string, { col: number; role: RoleId; confidence: number; reasons: string[]; text: MessageRef; origin: Origin }>();
  const byKey = new Map<string, (Candidate & { role: RoleId })[]>();
  for (const c of resolved) {
    const key = `${c.col}\u0000${c.role}`;
    byKey.set(key, [...(byKey.get(key) ?? []), c]);
  }
  for (const [key, list] of byKey) {
    list.sort((a, b) => b.confidence - a.confidence || ORIGIN_RANK[a.origin] - ORIGIN_RANK[b.origin]);
    const first = list[0] as Candidate & { role: RoleId };
    const second = list.find((c) => c.origin !== first.origin && (c.origin === 'values') !== (first.origin === 'values'));
    const confidence = second ? Math.min(0.99, 1 - (1 - first.confidence) * (1 - 0.5 * second.confidence)) : first.confidence;
    merged.set(key, {
      col: first.col, role: first.role, confidence, origin: first.origin,
      reasons: second ? [first.reason, second.reason] : [first.reason],
      text: second ? { key: 'detect.twoReasons', values: { first: first.text, second: second.text } } : first.text,
    });
  }

  // One column per role, one role per column, best first.
  const ordered = [...merged.values()].sort((a, b) =>
    b.confidence - a.confidence || ORIGIN_RANK[a.origin] - ORIGIN_RANK[b.origin] || a.col - b.col);
  const takenRoles = new Set<RoleId>();
  const takenCols = new Set<number>();
  const proposals: (RoleProposal & { col: number })[] = [];
  for (const m of ordered) {
    if (m.confidence < minConfidence || takenRoles.has(m.role) || takenCols.has(m.col)) continue;
    takenRoles.add(m.role);
    takenCols.add(m.col);
    proposals.push({
      role: m.role, column: (cols[m.col] as ColumnFacts).ev.name, col: m.col,
      confidence: Math.round(m.confidence * 100) / 100, reason: m.reasons.join('; '), reasonText: m.text,
    });
  }

  // A stage column holding won and lost stages also gives the status when no column does
  // (Maven's deal_stage: Won / Lost / Engaging / Prospecting). The status is derived: a deal is won
  // or lost when its stage is, open otherwise (see inferStages).
  const stage = proposals.find((p) => p.role === 'stage');
  if (stage && !takenRoles.has('status') && ROLES_BY_SOURCE_KIND[kind].includes('status')) {
    const f = cols[stage.col] as ColumnFacts;
    if (f.won + f.lost > 0) {
      const closedValues = f.ev.topValues.filter((t) => outcomeOf(t.value) === 'won' || outcomeOf(t.value) === 'lost')
        .map((t) => t.value).slice(0, 4).join('/');
      const why = because(
        'detect.statusFromStage',
        { column: stage.column, stages: closedValues },
        `no status column: derived from stage '${stage.column}', whose stages ${closedValues} close the deal`,
      );
      proposals.push({
        role: 'status', column: stage.column, col: stage.col, derivedFrom: 'stage',
        confidence: Math.round(Math.min(stage.confidence, 0.95) * 0.9 * 100) / 100,
        reason: why.reason, reasonText: why.text,
      });
    }
  }

  return proposals
    .sort((a, b) => a.col - b.col || (a.derivedFrom ? 1 : 0) - (b.derivedFrom ? 1 : 0))
    .map(({ col: _col, ...p }) => p);
}

/**
 * A stable signature of a file's shape (its normalised headers, order ignored), to remember the
 * user's confirmed mapping for the next export of the same shape.
 */
export function headerSignature(headers: readonly string[]): string {
  const normalised = headers.map((h) => normaliseHeader(h)).sort();
  return `qd1-${headers.length}-${hash64(normalised.join('\n'))}`;
}

/** Whether a string is a role id (for stored mappings read back from disk). */
export function parseRoleId(value: string): RoleId | null {
  return isRoleId(value) ? value : null;
}
