// Relationships between the sources of a workspace: which column of one source refers to a key
// of another (deals.account -> accounts.account_name), measured in DuckDB so the user sees at once
// how well they join ("1,425 deals have no account; 1,480 deals reference product `GTXPro`, not
// found in products").
//
// Cost: per source, the two evidence queries; per target source, one query testing a sample of
// every candidate column's values against its keys; then one exact count per pair that survived
// (similar names, or a sample that mostly matches).
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { ValueKind } from '../../../shared/import/types';
import { detectRoles, detectSourceKind, type ColumnEvidence, type RoleProposal } from '../../../shared/model/detect';
import type { RoleId, SourceKind } from '../../../shared/model/roles';
import { normaliseHeader, normaliseText } from '../../../shared/model/text';
import { quoteIdent } from '../../../shared/spec/quote';
import { columnEvidence } from './evidence';

export interface RelationshipSource {
  /** The source's name in the workspace (used in messages). */
  name: string;
  /** Its DuckDB table. */
  table: string;
  columns: { name: string; kind: ValueKind }[];
}

export interface RelationshipProposal {
  from: { source: string; column: string };
  to: { source: string; column: string };
  /** Rows of `from` whose value is found in `to`. */
  matchedRows: number;
  /** Rows of `from` with a value not found in `to`. */
  unmatchedRows: number;
  /** Rows of `from` with no value. */
  emptyRows: number;
  /** The most frequent values not found, with a value of `to` that differs only in case, spaces or punctuation. */
  unmatchedValues: { value: string; rows: number; similar?: string }[];
  /** matched / (matched + unmatched): the share of non-empty references that resolve. */
  coverage: number;
  message: string;
}

export interface RelationshipOptions {
  /** Proposals need at least this coverage (default 0.5), or similar names and 0.05. */
  minCoverage?: number;
}

interface Analysed {
  source: RelationshipSource;
  evidence: ColumnEvidence[];
  roles: Map<string, RoleProposal>;
  kind: SourceKind;
  rows: number;
}

const SAMPLE_VALUES = 30;
const KEY_MIN_DISTINCT_RATIO = 0.95;

/** Roles whose column, when unique, is a reference to another source rather than this one's key. */
const REFERENCE_ROLES: Partial<Record<RoleId, SourceKind[]>> = {
  account: ['accounts'], account_id: ['accounts'], deal_id: ['deals'], lead_id: ['leads'], activity_id: ['activities'],
  owner: ['reps', 'unknown'], deal_name: ['deals'], product: ['products', 'deals'],
};

/** Roles naming the same thing in two sources. */
const SAME_THING: RoleId[][] = [
  ['owner'], ['account', 'account_name'], ['account_id'], ['deal_id'], ['lead_id'], ['activity_id'], ['product'],
  ['deal_name'], ['team'],
];

const NOUNS: Partial<Record<SourceKind, [string, string]>> = {
  deals: ['deal', 'deals'], accounts: ['account', 'accounts'], activities: ['activity', 'activities'],
  leads: ['lead', 'leads'], targets: ['target', 'targets'], reps: ['rep', 'reps'], products: ['product', 'products'],
  costs: ['cost line', 'cost lines'],
};

const ID_WORDS = new Set(['id', 'ids', 'code', 'key', 'nr', 'no', 'number', 'numero', 'nummer', 'ref']);
/** Words meaning the same person or thing in column names. */
const WORD_ALIASES: Record<string, string> = { user: 'owner', users: 'owner', rep: 'owner', agent: 'owner', potential: 'deal', opportunity: 'deal' };

function num(v: unknown): number {
  return typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number(v ?? 0);
}

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

function loose(value: string): string {
  return normaliseText(value).replace(/ /g, '');
}

function thousands(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** How strongly two column names (and roles) say they hold the same thing, 0..1. */
function nameAffinity(a: Analysed, x: string, b: Analysed, y: string): number {
  const nx = normaliseHeader(x);
  const ny = normaliseHeader(y);
  if (nx === ny) return 1;
  const rx = a.roles.get(x)?.role;
  const ry = b.roles.get(y)?.role;
  if (rx && ry && SAME_THING.some((g) => g.includes(rx) && g.includes(ry))) return 0.8;
  const target = singular(normaliseText(b.source.name).split(' ').pop() ?? '');
  const xs = nx.split(' ');
  if (target.length > 0 && (xs[xs.length - 1] === target || (xs.length >= 2 && xs[xs.length - 2] === target && ID_WORDS.has(xs[xs.length - 1] ?? '')))) {
    if (['id', 'name', 'code', 'key', 'title', 'nom', 'naam', target, `${target} id`, `${target} name`].includes(ny)) return 0.8;
  }
  const alias = (w: string) => WORD_ALIASES[w] ?? w;
  const tx = new Set(xs.filter((w) => !ID_WORDS.has(w)).map(alias));
  const tyAll = ny.split(' ');
  const ty = tyAll.filter((w) => !ID_WORDS.has(w)).map(alias);
  const idBoth = ID_WORDS.has(xs[xs.length - 1] ?? '') && ID_WORDS.has(tyAll[tyAll.length - 1] ?? '');
  if (idBoth && ty.some((w) => tx.has(w))) return 0.6;
  return 0;
}

async function analyse(conn: DuckDBConnection, source: RelationshipSource): Promise<Analysed> {
  const evidence = await columnEvidence(conn, source.table, source.columns);
  const kind = detectSourceKind(evidence).kind;
  const roles = new Map<string, RoleProposal>();
  for (const p of detectRoles(evidence, { sourceKind: kind })) if (!p.derivedFrom) roles.set(p.column, p);
  return { source, evidence, roles, kind, rows: evidence[0]?.rows ?? 0 };
}

function isKey(a: Analysed, ev: ColumnEvidence): boolean {
  if (ev.kind !== 'text' && ev.kind !== 'integer') return false;
  if (ev.kind === 'text' && ((ev.numericShare ?? 0) >= 0.9 && (ev.integerShare ?? 0) < 1)) return false;
  if (ev.kind === 'text' && ((ev.dateShare ?? 0) >= 0.8 || (ev.periodShare ?? 0) >= 0.8)) return false;
  const nonNull = ev.rows * (1 - ev.nullShare);
  if (nonNull < 2 || ev.distinct / nonNull < KEY_MIN_DISTINCT_RATIO) return false;
  if ((ev.avgLength ?? 0) > 120) return false;
  const role = a.roles.get(ev.name)?.role;
  const keyOf = role ? REFERENCE_ROLES[role] : undefined;
  if (keyOf && !keyOf.includes(a.kind)) return false;
  return true;
}

/** Contact details: they may match across sources, but they are no link a sales analysis uses. */
const CONTACT_WORDS = ['phone', 'mobile', 'fax', 'tel', 'telephone', 'telefoon', 'telefon', 'gsm', 'portable', 'handy',
  'address', 'adresse', 'adres', 'street', 'zip', 'postcode', 'plz', 'website', 'url', 'site'];

function isReference(ev: ColumnEvidence): boolean {
  if (ev.kind !== 'text' && ev.kind !== 'integer') return false;
  if (normaliseHeader(ev.name).split(' ').some((w) => CONTACT_WORDS.includes(w))) return false;
  if (ev.kind === 'text' && ((ev.dateShare ?? 0) >= 0.8 || (ev.periodShare ?? 0) >= 0.8)) return false;
  if (ev.kind === 'text' && (ev.numericShare ?? 0) >= 0.9 && (ev.integerShare ?? 0) < 1) return false;
  if (ev.nullShare >= 1 || ev.topValues.length === 0) return false;
  return (ev.avgLength ?? 0) <= 120;
}

export async function proposeRelationships(
  conn: DuckDBConnection,
  sources: readonly RelationshipSource[],
  options: RelationshipOptions = {},
): Promise<RelationshipProposal[]> {
  const minCoverage = options.minCoverage ?? 0.5;
  const analysed: Analysed[] = [];
  for (const s of sources) analysed.push(await analyse(conn, s));

  // Sample overlap: for each target source, which sample values of other sources' columns are
  // found in which of its keys.
  interface Pair { a: Analysed; x: ColumnEvidence; b: Analysed; y: ColumnEvidence; affinity: number; overlap: number }
  const pairs: Pair[] = [];
  for (const b of analysed) {
    const keys = b.evidence.filter((ev) => isKey(b, ev));
    if (keys.length === 0) continue;
    const refs: { a: Analysed; x: ColumnEvidence }[] = [];
    for (const a of analysed) {
      if (a === b) continue;
      for (const x of a.evidence) if (isReference(x)) refs.push({ a, x });
    }
    if (refs.length === 0) continue;
    const sampleValues = [...new Set(refs.flatMap((r) => r.x.topValues.slice(0, SAMPLE_VALUES).map((t) => t.value.trim())))];
    const found = new Map<string, Set<string>>();
    const union = keys
      .map((y, i) => `SELECT DISTINCT ${i} AS k, v FROM (SELECT trim(CAST(${quoteIdent(y.name)} AS VARCHAR)) AS v FROM ${quoteIdent(b.source.table)})
                     WHERE v IN (SELECT unnest($1::VARCHAR[]))`)
      .join(' UNION ALL ');
    const rows = (await conn.runAndReadAll(union, [listValue(sampleValues)])).getRowObjectsJS();
    for (const r of rows) {
      const key = keys[num(r.k)]?.name ?? '';
      const set = found.get(key) ?? new Set<string>();
      set.add(String(r.v));
      found.set(key, set);
    }
    for (const { a, x } of refs) {
      const sample = x.topValues.slice(0, SAMPLE_VALUES);
      const total = sample.reduce((s, t) => s + t.count, 0);
      for (const y of keys) {
        const hits = found.get(y.name) ?? new Set<string>();
        const matched = sample.reduce((s, t) => s + (hits.has(t.value.trim()) ? t.count : 0), 0);
        const overlap = total > 0 ? matched / total : 0;
        const affinity = nameAffinity(a, x.name, b, y.name);
        const integers = x.kind === 'integer' || y.kind === 'integer';
        // Whole numbers overlap by chance (0-100 against 1-2229): they need names that agree.
        const plausible = integers ? affinity >= 0.5 && overlap > 0 : affinity >= 0.5 || overlap >= 0.5;
        if (plausible) pairs.push({ a, x, b, y, affinity, overlap });
      }
    }
  }

  // Exact counts for the surviving pairs.
  const proposals: (RelationshipProposal & { affinity: number; key: string })[] = [];
  for (const p of pairs) {
    const xv = `NULLIF(trim(CAST(${quoteIdent(p.x.name)} AS VARCHAR)), '')`;
    const yv = `NULLIF(trim(CAST(${quoteIdent(p.y.name)} AS VARCHAR)), '')`;
    const sql = `
      WITH b AS (SELECT DISTINCT ${yv} AS k FROM ${quoteIdent(p.b.source.table)} WHERE ${yv} IS NOT NULL),
           j AS MATERIALIZED (SELECT a.v, b.k IS NOT NULL AS found
                              FROM (SELECT ${xv} AS v FROM ${quoteIdent(p.a.source.table)}) a LEFT JOIN b ON a.v = b.k)
      SELECT count(*) FILTER (WHERE v IS NULL) AS empty,
             count(*) FILTER (WHERE found) AS matched,
             count(*) FILTER (WHERE v IS NOT NULL AND NOT found) AS unmatched,
             (SELECT list(struct_pack(value := v, n := n) ORDER BY n DESC, v)
              FROM (SELECT v, count(*) AS n FROM j WHERE v IS NOT NULL AND NOT found GROUP BY v ORDER BY n DESC, v LIMIT 5)) AS top,
             (SELECT count(DISTINCT v) FROM j WHERE v IS NOT NULL AND NOT found) AS unmatched_distinct
      FROM j`;
    const r = (await conn.runAndReadAll(sql)).getRowObjectsJS()[0] ?? {};
    const matched = num(r.matched);
    const unmatched = num(r.unmatched);
    const empty = num(r.empty);
    const coverage = matched + unmatched > 0 ? matched / (matched + unmatched) : 0;
    const strongNames = p.affinity >= 0.8;
    if (!(coverage >= minCoverage || (strongNames && coverage >= 0.05))) continue;
    const top = ((r.top as { value: string; n: unknown }[] | null) ?? []).map((t) => ({ value: String(t.value), rows: num(t.n) }));
    const unmatchedValues: RelationshipProposal['unmatchedValues'] = [];
    if (top.length > 0) {
      const sim = (await conn.runAndReadAll(
        `SELECT q, k FROM (SELECT unnest($1::VARCHAR[]) AS q) JOIN (SELECT DISTINCT ${yv} AS k FROM ${quoteIdent(p.b.source.table)}) b
           ON lower(regexp_replace(k, '[^[:alnum:]]', '', 'g')) = q`,
        [listValue(top.map((t) => loose(t.value)))],
      )).getRowObjectsJS();
      const similar = new Map(sim.map((s) => [String(s.q), String(s.k)]));
      for (const t of top) {
        const s = similar.get(loose(t.value));
        unmatchedValues.push(s !== undefined && s !== t.value ? { ...t, similar: s } : t);
      }
    }
    proposals.push({
      from: { source: p.a.source.name, column: p.x.name },
      to: { source: p.b.source.name, column: p.y.name },
      matchedRows: matched, unmatchedRows: unmatched, emptyRows: empty, unmatchedValues, coverage,
      message: message(p.a, p.x.name, p.b, p.y.name, matched, unmatched, empty, unmatchedValues, num(r.unmatched_distinct)),
      affinity: p.affinity,
      key: `${p.a.source.name}\u0000${p.x.name}`,
    });
  }

  // One target per referring column (the best covered, then the best named); and of two columns
  // that are each other's target (1:1), the better covered direction.
  const best = new Map<string, (typeof proposals)[number]>();
  for (const p of proposals) {
    const prev = best.get(p.key);
    if (!prev || p.coverage > prev.coverage + 1e-9 || (Math.abs(p.coverage - prev.coverage) <= 1e-9 && p.affinity > prev.affinity)) {
      best.set(p.key, p);
    }
  }
  const kept = [...best.values()].filter((p) => {
    const reverse = best.get(`${p.to.source}\u0000${p.to.column}`);
    if (!reverse || reverse.to.source !== p.from.source || reverse.to.column !== p.from.column) return true;
    return p.coverage > reverse.coverage || (p.coverage === reverse.coverage && p.from.source < reverse.from.source);
  });
  return kept
    .sort((p, q) => p.from.source.localeCompare(q.from.source) || p.from.column.localeCompare(q.from.column))
    .map(({ affinity: _a, key: _k, ...p }) => p);
}

function message(
  a: Analysed, x: string, b: Analysed, y: string, matched: number, unmatched: number, empty: number,
  unmatchedValues: RelationshipProposal['unmatchedValues'], unmatchedDistinct: number,
): string {
  const [one, many] = NOUNS[a.kind] ?? ['row', 'rows'];
  const noun = (n: number) => `${thousands(n)} ${n === 1 ? one : many}`;
  const verb = (n: number, s: string, p: string) => (n === 1 ? s : p);
  const total = matched + unmatched;
  const pct = total > 0 ? Math.round((matched / total) * 1000) / 10 : 0;
  const an = /^[aeiou]/i.test(x) ? 'an' : 'a';
  const parts = [`${a.source.name}.${x} → ${b.source.name}.${y}: ${thousands(matched)} of ${noun(total)} with ${an} ${x} found in ${b.source.name} (${pct}%)`];
  if (empty > 0) parts.push(`${noun(empty)} ${verb(empty, 'has', 'have')} no ${x}`);
  const listed = unmatchedValues.slice(0, 3);
  for (const u of listed) {
    parts.push(`${noun(u.rows)} ${verb(u.rows, 'references', 'reference')} ${x} \`${u.value}\`, not found in ${b.source.name}` +
      (u.similar ? ` (\`${u.similar}\` is)` : ''));
  }
  if (unmatchedDistinct > listed.length) {
    const rest = unmatched - listed.reduce((s, u) => s + u.rows, 0);
    parts.push(`${noun(rest)} more with ${thousands(unmatchedDistinct - listed.length)} other values not found`);
  }
  return parts.join('; ');
}
