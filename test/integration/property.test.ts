// Property test of the analysis engine (issue 4, "Proof"): random valid specs over the demo
// workspace (deals, "deals (enriched)", activities) compile, run through CoreApi.runQuery and give
// totals that equal the sum — or, for non-additive measures, the right aggregate — of their parts.
// Deterministic: the seed is printed; SEED=<n> replays a run, SPECS=<n> changes how many specs.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreApi } from '../../electron/core/api';
import { ensureDemo } from '../../electron/core/demo';
import { readArrow, type CellValue } from '../../shared/arrow/cells';
import type { AnalysisSpec, FilterInput, TimeGrain } from '../../shared/spec/types';
import { TIME_GRAINS } from '../../shared/spec/types';
import { must, tempCore } from '../helpers/workspace';
import {
  kindOf,
  Rng,
  SpecGenerator,
  type ColumnInfo,
  type GeneratedSpec,
  type SourceInfo,
} from './property-gen';

const SAMPLES = join(import.meta.dirname, '..', '..', 'resources', 'samples');
const SOURCES = ['deals', 'deals (enriched)', 'activities'];
const SEED = process.env.SEED ? Number(process.env.SEED) : 20261101;
const SPECS = process.env.SPECS ? Number(process.env.SPECS) : 150;

type Row = Record<string, CellValue>;
interface Ran {
  rows: Row[];
  /** The grouping column's id, when totals were asked. */
  grouping: string | null;
  truncated: boolean;
}

interface Case extends GeneratedSpec {
  index: number;
  totals: 'grand' | 'subtotals';
  /** A filter added for property 4. */
  extra: FilterInput;
  /** A date column and grain for property 5. */
  partition: { column: string; grain: TimeGrain };
}

const close = (a: CellValue, b: CellValue): boolean => {
  if (a === null || b === null) return a === b;
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    return Math.abs(a - b) <= 1e-6 + 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }
  return a === b;
};
const num = (v: CellValue): number => (v === null ? 0 : Number(v));
const show = (spec: AnalysisSpec) => JSON.stringify(spec);

describe(`property: random specs over the demo workspace (seed ${SEED})`, () => {
  let ctx: Awaited<ReturnType<typeof tempCore>>;
  let core: CoreApi;
  const cases: Case[] = [];
  const memo = new Map<string, Promise<Ran | { error: string }>>();
  let queries = 0;

  const runRaw = (spec: AnalysisSpec): Promise<Ran | { error: string }> => {
    const key = JSON.stringify(spec);
    let p = memo.get(key);
    if (!p) {
      queries++;
      p = core.runQuery({ spec }).then((r) => {
        if (!r.ok) return { error: `${r.error.code}: ${r.error.message}` };
        const table = readArrow(r.value.ipc);
        return {
          rows: table.rows(),
          grouping: r.value.columns.find((c) => c.role === 'grouping')?.id ?? null,
          truncated: r.value.truncated,
        };
      });
      memo.set(key, p);
    }
    return p;
  };
  const run = async (spec: AnalysisSpec): Promise<Ran> => {
    const r = await runRaw(spec);
    if ('error' in r) throw new Error(`${r.error}\n  spec: ${show(spec)}`);
    if (r.truncated) throw new Error(`truncated result\n  spec: ${show(spec)}`);
    return r;
  };

  // Derived specs.
  const base = (c: Case): AnalysisSpec => c.spec;
  const withTotals = (c: Case): AnalysisSpec => ({ ...c.spec, totals: c.totals });
  /** The same spec grouped by a subset of its dimensions (no totals). */
  const subset = (c: Case, keep: string[]): AnalysisSpec => {
    const s: AnalysisSpec = { ...c.spec, dimensions: (c.spec.dimensions ?? []).filter((d) => keep.includes(d.id!)) };
    delete s.columns;
    delete s.totals;
    const ids = new Set([...s.measures.map((m) => m.id!), ...keep]);
    if (s.sort) s.sort = s.sort.filter((o) => ids.has(o.by));
    if (s.sort?.length === 0) delete s.sort;
    return s;
  };
  /** Row counts of the spec's filters, by its dimensions (tops dropped: they move rows between groups). */
  const counts = (c: Case, extra: FilterInput | null, dims = true): AnalysisSpec => {
    const s: AnalysisSpec = {
      ...c.spec,
      measures: [{ id: 'n', op: 'count' }],
      dimensions: dims ? (c.spec.dimensions ?? []).map(({ top: _top, ...d }) => d) : [],
      filters: [...(c.spec.filters ?? []), ...(extra ? [extra] : [])],
    };
    delete s.sort;
    delete s.columns;
    delete s.totals;
    return s;
  };
  const dimIds = (c: Case) => (c.spec.dimensions ?? []).map((d) => d.id!);
  const keyOf = (row: Row, ids: string[]) => JSON.stringify(ids.map((id) => row[id] ?? null));

  beforeAll(async () => {
    const started = performance.now();
    ctx = await tempCore();
    core = ctx.core;
    must(await ensureDemo(core, SAMPLES));
    const workspace = must(await core.getWorkspace());
    // What the generator needs of each source: columns, kinds, roles, values and ranges, read
    // through runQuery itself.
    const infos: SourceInfo[] = [];
    for (const name of SOURCES) {
      const source = workspace.sources.find((s) => s.name === name);
      if (!source) throw new Error(`demo source ${name} missing`);
      const roleOf = new Map(Object.entries(source.roles).map(([role, column]) => [column, role]));
      const columns: ColumnInfo[] = [];
      for (const col of source.columns) {
        const kind = kindOf(col.type);
        if (!kind) continue;
        const info: ColumnInfo = { name: col.name, kind, role: roleOf.get(col.name) ?? null, values: [], hasNulls: false, min: null, max: null };
        const nulls = await run({ source: name, measures: [{ id: 'n', op: 'count' }], filters: [{ column: col.name, op: 'is_null' }] });
        info.hasNulls = num(nulls.rows[0]!.n!) > 0;
        if (kind === 'text') {
          const values = await run({ source: name, measures: [{ id: 'n', op: 'count' }], dimensions: [{ id: 'v', column: col.name }], limit: 100_000 });
          info.values = values.rows.map((r) => r.v).filter((v): v is string => typeof v === 'string').sort();
          // Unique keys (ids, names) are of little use in filters: keep a sample.
          if (info.values.length > 300) info.values = info.values.filter((_, i) => i % 25 === 0);
        } else {
          const range = await run({ source: name, measures: [{ id: 'lo', op: 'min', column: col.name }, { id: 'hi', op: 'max', column: col.name }] });
          const lo = range.rows[0]!.lo!;
          const hi = range.rows[0]!.hi!;
          info.min = kind === 'number' ? Number(lo) : String(lo).slice(0, 10);
          info.max = kind === 'number' ? Number(hi) : String(hi).slice(0, 10);
        }
        columns.push(info);
      }
      const baseColumns = name.endsWith('(enriched)') ? columns.filter((c) => !c.name.includes('.')) : columns;
      infos.push({ name, columns, formulaColumns: baseColumns });
    }

    console.log(`property test: SEED=${SEED} SPECS=${SPECS} (demo loaded in ${Math.round(performance.now() - started)} ms)`);
    const rng = new Rng(SEED);
    const gen = new SpecGenerator(rng, infos);
    for (let index = 0; index < SPECS; index++) {
      const g = gen.spec();
      const src = infos.find((s) => s.name === g.spec.source)!;
      const dates = src.columns.filter((c) => c.kind === 'date' || c.kind === 'timestamp');
      cases.push({
        ...g,
        index,
        totals: rng.chance(0.5) ? 'grand' : 'subtotals',
        extra: gen.leaf(src),
        partition: { column: rng.pick(dates).name, grain: rng.pick(TIME_GRAINS) },
      });
    }
  });
  afterAll(() => {
    console.log(`property test: SEED=${SEED}, ${cases.length} specs, ${queries} queries run`);
    ctx?.dispose();
  });

  /** Runs a check over every case; failures are collected (with the spec) and reported together. */
  async function each(check: (c: Case, fail: (msg: string) => void) => Promise<void>): Promise<string[]> {
    const failures: string[] = [];
    for (const c of cases) {
      const msgs: string[] = [];
      try {
        await check(c, (m) => msgs.push(m));
      } catch (e) {
        msgs.push(String(e instanceof Error ? e.message : e));
      }
      if (msgs.length > 0) failures.push(`#${c.index} ${msgs.slice(0, 3).join('; ')}\n  spec: ${show(c.spec)}`);
    }
    return failures;
  }
  const expectNone = (failures: string[]) =>
    expect(failures, `${failures.length} failing specs (SEED=${SEED}):\n${failures.slice(0, 8).join('\n')}`).toEqual([]);

  it('1. every generated spec compiles and runs, with and without totals', async () => {
    expect(cases.length).toBe(SPECS);
    let nonEmpty = 0;
    const failures = await each(async (c) => {
      if ((await run(base(c))).rows.length > 0) nonEmpty++;
      await run(withTotals(c));
      await run(subset(c, []));
    });
    expectNone(failures);
    console.log(`property test: ${nonEmpty} of ${cases.length} specs select rows`);
    // The properties below are not vacuous: most specs select something.
    expect(nonEmpty).toBeGreaterThan(cases.length * 0.7);
  });

  it('2. additive measures: grand total = sum of the parts = the total row of `totals`', async () => {
    const failures = await each(async (c, fail) => {
      const ids = dimIds(c);
      const parts = await run(base(c));
      const whole = (await run(subset(c, []))).rows[0] ?? {};
      const tot = await run(withTotals(c));
      const g = tot.grouping!;
      const all = 2 ** ids.length - 1;
      const grand = tot.rows.filter((r) => r[g] === all);
      if (grand.length !== 1) fail(`${grand.length} grand total rows`);
      // The detail rows of the totals query are the rows of the plain query.
      const details = tot.rows.filter((r) => r[g] === 0);
      const byKey = new Map(parts.rows.map((r) => [keyOf(r, ids), r]));
      if (details.length !== parts.rows.length) fail(`${details.length} detail rows with totals vs ${parts.rows.length} without`);
      for (const d of details) {
        const p = byKey.get(keyOf(d, ids));
        if (!p) fail(`detail ${keyOf(d, ids)} missing without totals`);
        else for (const m of Object.keys(c.classes)) if (!close(d[m]!, p[m]!)) fail(`${m} at ${keyOf(d, ids)}: ${d[m]} with totals vs ${p[m]}`);
      }
      for (const [m, cls] of Object.entries(c.classes)) {
        if (cls !== 'additive') continue;
        const sum = parts.rows.reduce((s, r) => s + num(r[m]!), 0);
        if (!close(sum, num(whole[m] ?? null))) fail(`${m}: sum of parts ${sum} vs total without dimensions ${whole[m]}`);
        if (grand[0] && !close(num(grand[0][m]!), num(whole[m] ?? null))) fail(`${m}: grand total row ${grand[0][m]} vs total without dimensions ${whole[m]}`);
      }
    });
    expectNone(failures);
  });

  it('3. every total row (grand, row/column totals, subtotals) = the measure over its rows; min/max of parts', async () => {
    const failures = await each(async (c, fail) => {
      const ids = dimIds(c);
      const tot = await run(withTotals(c));
      const g = tot.grouping!;
      const levels = [...new Set(tot.rows.map((r) => Number(r[g])))].sort();
      // No rows at all: only the grand total (the empty grouping set) comes back, as without dimensions.
      if (!levels.includes(0) && levels.some((l) => l !== 2 ** ids.length - 1)) fail('totals without detail rows');
      for (const level of levels) {
        // Bit i from the most significant set: dimensions[i] rolled up.
        const kept = ids.filter((_, i) => ((level >> (ids.length - 1 - i)) & 1) === 0);
        const expected = await run(subset(c, kept));
        const rows = tot.rows.filter((r) => Number(r[g]) === level);
        const byKey = new Map(expected.rows.map((r) => [keyOf(r, kept), r]));
        if (rows.length !== expected.rows.length) fail(`level ${level}: ${rows.length} rows vs ${expected.rows.length} grouping by [${kept}] alone`);
        for (const row of rows) {
          const e = byKey.get(keyOf(row, kept));
          if (!e) {
            fail(`level ${level}: ${keyOf(row, kept)} missing grouping by [${kept}] alone`);
            continue;
          }
          for (const m of Object.keys(c.classes))
            if (!close(row[m]!, e[m]!)) fail(`${m} (${c.classes[m]}) level ${level} at ${keyOf(row, kept)}: ${row[m]} in totals vs ${e[m]} grouping by [${kept}]`);
        }
      }
      const whole = (await run(subset(c, []))).rows[0] ?? {};
      const details = tot.rows.filter((r) => r[g] === 0);
      for (const [m, cls] of Object.entries(c.classes)) {
        if (cls !== 'min' && cls !== 'max') continue;
        const vals = details.map((r) => r[m] ?? null).filter((v): v is string | number | boolean => v !== null);
        const agg: CellValue = vals.length ? vals.reduce((a, b) => ((cls === 'min' ? a < b : a > b) ? a : b)) : null;
        if (!close(agg, whole[m] ?? null)) fail(`${m}: ${cls} of parts ${agg} vs total ${whole[m]}`);
      }
    });
    expectNone(failures);
  });

  it('4. adding a filter never increases a count (in total and in every group)', async () => {
    const failures = await each(async (c, fail) => {
      const ids = dimIds(c);
      const before = await run(counts(c, null));
      const after = await run(counts(c, c.extra));
      const totalBefore = num((await run(counts(c, null, false))).rows[0]?.n ?? null);
      const totalAfter = num((await run(counts(c, c.extra, false))).rows[0]?.n ?? null);
      if (totalAfter > totalBefore) fail(`total count ${totalAfter} > ${totalBefore} after adding ${JSON.stringify(c.extra)}`);
      const byKey = new Map(before.rows.map((r) => [keyOf(r, ids), num(r.n!)]));
      for (const r of after.rows) {
        const k = keyOf(r, ids);
        const was = byKey.get(k);
        if (was === undefined) fail(`group ${k} appears after adding ${JSON.stringify(c.extra)}`);
        else if (num(r.n!) > was) fail(`group ${k}: ${r.n} > ${was} after adding ${JSON.stringify(c.extra)}`);
      }
    });
    expectNone(failures);
  });

  it("5. a time grain's buckets (NULL included) partition the rows, and start where the grain starts", async () => {
    const failures = await each(async (c, fail) => {
      const { column, grain } = c.partition;
      const spec: AnalysisSpec = { ...counts(c, null, false), dimensions: [{ id: 't', column, grain }] };
      const buckets = await run(spec);
      const total = num((await run(counts(c, null, false))).rows[0]?.n ?? null);
      const sum = buckets.rows.reduce((s, r) => s + num(r.n!), 0);
      if (sum !== total) fail(`${grain} of ${column}: buckets sum to ${sum}, total ${total}`);
      const seen = new Set<string>();
      const weekDay = c.spec.weekStart === 'sunday' ? 0 : 1;
      const fy = c.spec.fiscalYearStartMonth ?? 1;
      for (const r of buckets.rows) {
        const v = r.t;
        const k = String(v);
        if (seen.has(k)) fail(`bucket ${k} twice`);
        seen.add(k);
        if (v === null) continue;
        const s = String(v);
        if (s.length > 10 && !/^\d{4}-\d{2}-\d{2}( 00:00:00)?$/.test(s)) fail(`bucket ${s} is not a day`);
        const d = new Date(`${s.slice(0, 10)}T00:00:00Z`);
        const month = d.getUTCMonth() + 1;
        const ok =
          grain === 'day' ||
          (grain === 'week' && d.getUTCDay() === weekDay) ||
          (grain === 'month' && d.getUTCDate() === 1) ||
          (grain === 'quarter' && d.getUTCDate() === 1 && (month - fy + 12) % 3 === 0) ||
          (grain === 'year' && d.getUTCDate() === 1 && month === fy);
        if (!ok) fail(`${grain} bucket ${s} does not start a ${grain} (week start ${weekDay}, fiscal month ${fy})`);
      }
    });
    expectNone(failures);
  });
});
