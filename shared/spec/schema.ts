// Runtime validation of specs arriving from a host boundary (IPC, HTTP, a JSON file on the CLI).
// Every failure names the field it concerns (e.g. "measures.2.formula", "filter.or.1.period").
import { z } from 'zod';
import {
  FILTER_OPS,
  MAX_LIMIT,
  MEASURE_OPS,
  MEASURE_SHOWS,
  RELATIVE_PERIODS,
  TOTALS,
  TIME_GRAINS,
  COMPARE_TO,
  TIME_ZONE_PATTERN,
  type AnalysisSpec,
} from './types';
import type { Result } from '../result';

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'ids are letters, digits and underscores');
const columnName = z.string().min(1).max(512);
const roleName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'roles are letters, digits and underscores');
const filterValue = z.union([z.string().max(10_000), z.number().finite(), z.boolean(), z.null()]);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const label = z.string().max(200);

/** Checks that an object names a column or a role, not both. */
function oneRef(value: { column?: unknown; role?: unknown }, ctx: z.RefinementCtx, optional = false) {
  if (value.column !== undefined && value.role !== undefined) {
    ctx.addIssue({ code: 'custom', message: 'give a column or a role, not both', path: ['role'] });
  } else if (!optional && value.column === undefined && value.role === undefined) {
    ctx.addIssue({ code: 'custom', message: 'a column or a role is needed', path: ['column'] });
  }
}

export const aggregateMeasureSchema = z
  .object({
    id: id.optional(),
    op: z.enum(MEASURE_OPS),
    column: columnName.optional(),
    role: roleName.optional(),
    label: label.optional(),
    show: z.enum(MEASURE_SHOWS).optional(),
  })
  .strict()
  .superRefine((m, ctx) => oneRef(m, ctx, true));

export const formulaMeasureSchema = z
  .object({
    id: id.optional(),
    formula: z.string().min(1, 'a formula is needed').max(4_000),
    label: label.optional(),
    show: z.enum(MEASURE_SHOWS).optional(),
  })
  .strict();

/** Picks the schema by the shape of the value, so that errors point inside it (not "no union member matched"). */
function dispatch(pick: (value: Record<string, unknown>) => z.ZodType) {
  return z.unknown().superRefine((value, ctx) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: 'expected an object' });
      return;
    }
    const parsed = pick(value as Record<string, unknown>).safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path as PropertyKey[] });
      }
    }
  });
}

export const kpiMeasureSchema = z
  .object({
    id: id.optional(),
    kpi: id,
    label: label.optional(),
  })
  .strict();

export const measureSchema = dispatch((m) =>
  'formula' in m ? formulaMeasureSchema : 'kpi' in m ? kpiMeasureSchema : aggregateMeasureSchema,
);

export const timeZoneSchema = z.string().regex(TIME_ZONE_PATTERN, 'an IANA time zone such as "Europe/Paris"');

const binSchema = z.union([
  z.object({ width: z.number().finite().positive() }).strict(),
  z.object({ count: z.number().int().min(1).max(1_000) }).strict(),
]);

export const dimensionSchema = z
  .object({
    id: id.optional(),
    column: columnName.optional(),
    role: roleName.optional(),
    grain: z.enum(TIME_GRAINS).optional(),
    bin: binSchema.optional(),
    top: z
      .object({ n: z.number().int().min(1).max(1_000), by: id, othersLabel: label.optional() })
      .strict()
      .optional(),
    label: label.optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    oneRef(d, ctx);
    if (d.grain !== undefined && d.bin !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'a dimension has a grain or bins, not both', path: ['bin'] });
    }
  });

const periodSchema = z.union([
  z.enum(RELATIVE_PERIODS),
  z.object({ from: day, to: day }).strict(),
]);

export const filterSchema = z
  .object({
    column: columnName.optional(),
    role: roleName.optional(),
    op: z.enum(FILTER_OPS),
    values: z.array(filterValue).max(10_000).optional(),
    period: periodSchema.optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    oneRef(f, ctx);
    if (f.op === 'in_period' && f.period === undefined) {
      ctx.addIssue({ code: 'custom', message: 'in_period needs a period', path: ['period'] });
    }
    if (f.op !== 'in_period' && f.period !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'a period goes with the in_period operator', path: ['period'] });
    }
  });

const MAX_TREE_DEPTH = 8;

function filterTreeSchema(depth: number): z.ZodType {
  const child = depth >= MAX_TREE_DEPTH ? filterSchema : z.lazy(() => filterTreeSchema(depth + 1));
  const list = z.array(child).max(100);
  return dispatch((node) => {
    if ('and' in node) return z.object({ and: list }).strict();
    if ('or' in node) return z.object({ or: list }).strict();
    if ('not' in node) return z.object({ not: child }).strict();
    return filterSchema;
  });
}

/** A filter tree as a spec's `filter` (and a saved segment's filter) takes it. */
export const filterTreeInputSchema = filterTreeSchema(1);

/** A segment's name: what a spec's `segments` lists. */
export const segmentNameSchema = z
  .string()
  .min(1)
  .max(100)
  .refine((s) => s.trim() === s, 'no spaces around a segment name');

export const analysisSpecSchema = z
  .object({
    source: z.string().min(1).max(200),
    snapshot: z.union([z.literal('latest'), z.literal('all'), day]).optional(),
    measures: z.array(measureSchema).min(1, 'a spec needs at least one measure').max(50),
    dimensions: z.array(dimensionSchema).max(10).optional(),
    filters: z.array(filterSchema).max(100).optional(),
    filter: filterTreeInputSchema.optional(),
    sort: z
      .array(z.object({ by: id, direction: z.enum(['asc', 'desc']).optional() }).strict())
      .max(20)
      .optional(),
    limit: z.number().int().min(1).max(MAX_LIMIT).optional(),
    weekStart: z.enum(['monday', 'sunday']).optional(),
    fiscalYearStartMonth: z.number().int().min(1).max(12).optional(),
    today: day.optional(),
    columns: z.array(id).max(10).optional(),
    totals: z.enum(TOTALS).optional(),
    compare: z.object({ to: z.enum(COMPARE_TO), along: id.optional() }).strict().optional(),
    segments: z.array(segmentNameSchema).max(20).optional(),
    timeZone: timeZoneSchema.optional(),
  })
  .strict();

/** Parses unknown input into an AnalysisSpec, naming the first offending field on failure. */
export function parseSpec(input: unknown): Result<AnalysisSpec> {
  const parsed = analysisSpecSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data as AnalysisSpec };
  const issue = parsed.error.issues[0];
  const field = issue ? issue.path.map(String).join('.') : '';
  return {
    ok: false,
    error: {
      code: 'SPEC_INVALID',
      message: issue ? `${field || 'spec'}: ${issue.message}` : 'invalid spec',
      location: { field },
      detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'),
    },
  };
}
