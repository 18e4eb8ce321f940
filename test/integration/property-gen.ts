// A seeded generator of valid analysis specs over the demo workspace (see property.test.ts).
// Everything random goes through one PRNG (mulberry32) so that a seed replays the same specs.
import type {
  AnalysisSpec,
  DimensionInput,
  FilterInput,
  FilterTreeInput,
  MeasureInput,
  RelativePeriod,
  TimeGrain,
} from '../../shared/spec/types';
import { RELATIVE_PERIODS, TIME_GRAINS } from '../../shared/spec/types';

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** [0, 1) */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]!);
    return out;
  }
}

export type ColumnKind = 'text' | 'number' | 'date' | 'timestamp';

export interface ColumnInfo {
  name: string;
  kind: ColumnKind;
  /** A canonical role mapped to this column, if any. */
  role: string | null;
  /** Distinct non-null values (text columns), sorted. */
  values: string[];
  /** Whether the column has empty cells. */
  hasNulls: boolean;
  /** Numeric min/max (number columns), or YYYY-MM-DD (date/timestamp columns). */
  min: number | string | null;
  max: number | string | null;
}

export interface SourceInfo {
  name: string;
  columns: ColumnInfo[];
  /** Columns of the base source, usable in formulas without quoting trouble. */
  formulaColumns: ColumnInfo[];
}

/** How a measure's total relates to its parts. */
export type MeasureClass = 'additive' | 'min' | 'max' | 'other';

export interface GeneratedSpec {
  spec: AnalysisSpec;
  classes: Record<string, MeasureClass>;
}

export const kindOf = (duckdbType: string): ColumnKind | null => {
  const t = duckdbType.toUpperCase();
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  if (/^(BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|DOUBLE|FLOAT|REAL|DECIMAL.*|UBIGINT|UINTEGER)$/.test(t)) return 'number';
  if (t === 'VARCHAR') return 'text';
  return null;
};

const DAY = 86_400_000;
export const addDays = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);

const quoteName = (name: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`);
const quoteString = (v: string) => `'${v.replaceAll("'", "''")}'`;

/** Text columns with few enough values to group by. */
const groupable = (c: ColumnInfo) => c.kind === 'text' && c.values.length > 0 && c.values.length <= 60;

export class SpecGenerator {
  constructor(
    private readonly rng: Rng,
    private readonly sources: SourceInfo[],
  ) {}

  private ref(c: ColumnInfo): { column: string } | { role: string } {
    return c.role && this.rng.chance(0.2) ? { role: c.role } : { column: c.name };
  }

  private randomDate(c: ColumnInfo): string {
    const lo = String(c.min);
    const hi = String(c.max);
    return addDays(lo, this.rng.int(-10, daysBetween(lo, hi) + 10));
  }

  private randomNumber(c: ColumnInfo): number {
    const lo = Number(c.min);
    const hi = Number(c.max);
    const x = lo + this.rng.next() * (hi - lo);
    return Number.isInteger(lo) && Number.isInteger(hi) && this.rng.chance(0.7) ? Math.round(x) : Math.round(x * 100) / 100;
  }

  // ---- formulas -------------------------------------------------------------------------

  private condition(src: SourceInfo, depth = 0): string {
    const r = this.rng;
    if (depth < 1 && r.chance(0.2)) {
      const a = this.condition(src, depth + 1);
      const b = this.condition(src, depth + 1);
      return r.pick([`(${a}) AND (${b})`, `(${a}) OR (${b})`, `NOT (${a})`]);
    }
    const c = r.pick(src.formulaColumns.filter((x) => x.kind !== 'text' || x.values.length > 0));
    const name = quoteName(c.name);
    switch (c.kind) {
      case 'text':
        return r.pick([
          () => `${name} = ${quoteString(r.pick(c.values))}`,
          () => `${name} IN (${r.sample(c.values, r.int(1, 3)).map(quoteString).join(', ')})`,
          () => `${name} IS NULL`,
          () => `${name} != ${quoteString(r.pick(c.values))}`,
        ])();
      case 'number':
        return r.pick([
          () => `${name} > ${this.randomNumber(c)}`,
          () => {
            const [a, b] = sorted2(this.randomNumber(c), this.randomNumber(c));
            return `${name} BETWEEN ${a} AND ${b}`;
          },
        ])();
      default:
        return r.pick([() => `${name} >= ${quoteString(this.randomDate(c))}`, () => `${name} IS NOT NULL`])();
    }
  }

  private measure(src: SourceInfo, id: string): { m: MeasureInput; cls: MeasureClass } {
    const r = this.rng;
    const nums = src.columns.filter((c) => c.kind === 'number');
    const fnums = src.formulaColumns.filter((c) => c.kind === 'number');
    const ordered = src.columns.filter((c) => c.kind === 'number' || c.kind === 'date' || c.kind === 'timestamp');
    const kind = r.int(0, 12);
    switch (kind) {
      case 0:
        return { m: { id, op: 'count' }, cls: 'additive' };
      case 1:
        return { m: { id, op: 'count', ...this.ref(r.pick(src.columns)) }, cls: 'additive' };
      case 2:
        return { m: { id, op: 'sum', ...this.ref(r.pick(nums)) }, cls: 'additive' };
      case 3:
        return { m: { id, op: r.pick(['avg', 'median'] as const), ...this.ref(r.pick(nums)) }, cls: 'other' };
      case 4:
        return { m: { id, op: 'count_distinct', ...this.ref(r.pick(src.columns)) }, cls: 'other' };
      case 5: {
        const op = r.pick(['min', 'max'] as const);
        return { m: { id, op, ...this.ref(r.pick(ordered)) }, cls: op };
      }
      case 6:
        return { m: { id, formula: `count_if(${this.condition(src)})` }, cls: 'additive' };
      case 7:
        return { m: { id, formula: `sum_if(${quoteName(r.pick(fnums).name)}, ${this.condition(src)})` }, cls: 'additive' };
      case 8:
        return { m: { id, formula: `sum_if(${quoteName(r.pick(fnums).name)}, ${this.condition(src)}) / count()` }, cls: 'other' };
      case 9:
        return { m: { id, formula: `count_if(${this.condition(src)}) / count()` }, cls: 'other' };
      case 10:
        return {
          m: { id, formula: r.pick([`avg_if(${quoteName(r.pick(fnums).name)}, ${this.condition(src)})`, `percentile(${quoteName(r.pick(fnums).name)}, ${r.pick([0.25, 0.5, 0.75, 0.9])})`]) },
          cls: 'other',
        };
      case 11: {
        const op = r.pick(['min', 'max'] as const);
        return { m: { id, formula: `${op}(${quoteName(r.pick(fnums).name)})` }, cls: op };
      }
      default:
        return { m: { id, formula: `sum(${quoteName(r.pick(fnums).name)}) + 2 * count()` }, cls: 'additive' };
    }
  }

  // ---- dimensions -----------------------------------------------------------------------

  private dimension(src: SourceInfo, id: string, measureIds: string[], used: Set<string>): DimensionInput | null {
    const r = this.rng;
    const candidates = src.columns.filter((c) => !used.has(c.name) && (groupable(c) || c.kind !== 'text'));
    if (candidates.length === 0) return null;
    const c = r.pick(candidates);
    used.add(c.name);
    switch (c.kind) {
      case 'text': {
        const d: DimensionInput = { id, ...this.ref(c) };
        if (r.chance(0.15)) d.top = { n: r.int(1, 5), by: r.pick(measureIds), ...(r.chance(0.5) ? { othersLabel: 'Rest' } : {}) };
        return d;
      }
      case 'date':
      case 'timestamp':
        return { id, ...this.ref(c), grain: r.pick(TIME_GRAINS) as TimeGrain };
      case 'number': {
        const span = Number(c.max) - Number(c.min);
        if (r.chance(0.3)) return { id, ...this.ref(c), bin: { count: r.int(3, 20) } };
        const width = r.pick([span / 4, span / 10, span / 25].map((w) => niceWidth(w)));
        return { id, ...this.ref(c), bin: { width } };
      }
    }
  }

  // ---- filters --------------------------------------------------------------------------

  leaf(src: SourceInfo): FilterInput {
    const r = this.rng;
    // Mostly columns with few values (a filter on a unique key selects next to nothing).
    const usable = src.columns.filter((x) => x.kind !== 'text' || x.values.length > 0);
    const few = usable.filter((x) => x.kind !== 'text' || groupable(x));
    const c = r.pick(r.chance(0.85) ? few : usable);
    const ref = this.ref(c);
    switch (c.kind) {
      case 'text': {
        const vals = (): (string | null)[] => {
          const vs: (string | null)[] = r.sample(c.values, r.int(1, 3));
          if (c.hasNulls && r.chance(0.3)) vs.push(null);
          return vs;
        };
        return r.pick<() => FilterInput>([
          () => ({ ...ref, op: 'eq', values: [r.chance(0.1) ? null : r.pick(c.values)] }),
          () => ({ ...ref, op: 'neq', values: [r.pick(c.values)] }),
          () => ({ ...ref, op: 'in', values: vals() }),
          () => ({ ...ref, op: 'not_in', values: vals() }),
          () => {
            const v = r.pick(c.values);
            const at = r.int(0, Math.max(0, v.length - 2));
            const sub = v.slice(at, at + r.int(1, 4));
            return { ...ref, op: 'contains', values: [r.chance(0.5) ? sub.toUpperCase() : sub] };
          },
          () => ({ ...ref, op: c.hasNulls || r.chance(0.2) ? r.pick(['is_null', 'not_null'] as const) : 'not_null' }),
        ])();
      }
      case 'number':
        return r.pick<() => FilterInput>([
          () => ({ ...ref, op: r.pick(['gt', 'gte', 'lt', 'lte'] as const), values: [this.randomNumber(c)] }),
          () => {
            const [a, b] = sorted2(this.randomNumber(c), this.randomNumber(c));
            return { ...ref, op: 'between', values: [a, b] };
          },
          () => ({ ...ref, op: r.pick(['is_null', 'not_null'] as const) }),
        ])();
      default:
        return r.pick<() => FilterInput>([
          () => ({ ...ref, op: r.pick(['before', 'after'] as const), values: [this.randomDate(c)] }),
          () => ({ ...ref, op: 'in_period', period: r.pick(RELATIVE_PERIODS) as RelativePeriod }),
          () => {
            const [a, b] = sorted2(this.randomDate(c), this.randomDate(c));
            return r.chance(0.5)
              ? { ...ref, op: 'in_period', period: { from: a, to: b === a ? addDays(a, 1) : b } }
              : { ...ref, op: 'between', values: [a, b] };
          },
          () => ({ ...ref, op: r.pick(['gte', 'lt'] as const), values: [this.randomDate(c)] }),
          () => ({ ...ref, op: r.pick(['is_null', 'not_null'] as const) }),
        ])();
    }
  }

  private tree(src: SourceInfo, depth = 0): FilterTreeInput {
    const r = this.rng;
    if (depth >= 2 || r.chance(0.4)) return this.leaf(src);
    const k = r.int(0, 3);
    if (k === 3) return { not: this.tree(src, depth + 1) };
    const children = Array.from({ length: r.int(1, 3) }, () => this.tree(src, depth + 1));
    return k === 0 ? { and: children } : { or: children };
  }

  // ---- specs ----------------------------------------------------------------------------

  spec(): GeneratedSpec {
    const r = this.rng;
    const src = r.pick(this.sources);
    const classes: Record<string, MeasureClass> = {};
    const measures: MeasureInput[] = [];
    const nm = r.int(1, 3);
    for (let i = 0; i < nm; i++) {
      const { m, cls } = this.measure(src, `m${i}`);
      measures.push(m);
      classes[`m${i}`] = cls;
    }
    const ids = Object.keys(classes);
    const dimensions: DimensionInput[] = [];
    const used = new Set<string>();
    const nd = r.int(1, 2);
    for (let i = 0; i < nd; i++) {
      const d = this.dimension(src, `d${i}`, ids, used);
      if (d) dimensions.push(d);
    }
    const spec: AnalysisSpec = { source: src.name, measures, dimensions, limit: 200_000 };
    if (r.chance(0.6)) spec.filters = Array.from({ length: r.int(1, 2) }, () => this.leaf(src));
    if (r.chance(0.5)) spec.filter = this.tree(src);
    // Relative periods need a day to resolve against: always an explicit one.
    spec.today = addDays('2025-01-01', r.int(0, 700));
    if (r.chance(0.3)) spec.weekStart = r.pick(['monday', 'sunday'] as const);
    if (r.chance(0.3)) spec.fiscalYearStartMonth = r.int(1, 12);
    if (r.chance(0.3)) spec.sort = [{ by: r.pick([...ids, ...dimensions.map((d) => d.id!)]), direction: r.pick(['asc', 'desc'] as const) }];
    if (dimensions.length === 2 && r.chance(0.3)) spec.columns = [dimensions[1]!.id!];
    return { spec, classes };
  }
}

function sorted2<T extends number | string>(x: T, y: T): [T, T] {
  return x <= y ? [x, y] : [y, x];
}

/** 1, 2 or 5 × 10ⁿ at or above w (and at least 1). */
function niceWidth(w: number): number {
  if (!(w > 1)) return 1;
  const p = 10 ** Math.floor(Math.log10(w));
  for (const m of [1, 2, 5, 10]) if (m * p >= w) return m * p;
  return 10 * p;
}
