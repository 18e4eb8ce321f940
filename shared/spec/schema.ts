// Runtime validation of specs arriving from a host boundary (IPC, HTTP, a JSON file on the CLI).
import { z } from 'zod';
import { FILTER_OPS, MAX_LIMIT, MEASURE_OPS, TIME_GRAINS, type AnalysisSpec } from './types';
import type { Result } from '../result';

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'ids are letters, digits and underscores');
const columnName = z.string().min(1).max(512);
const filterValue = z.union([z.string().max(10_000), z.number().finite(), z.boolean(), z.null()]);

export const measureSchema = z
  .object({
    id: id.optional(),
    op: z.enum(MEASURE_OPS),
    column: columnName.optional(),
    label: z.string().max(200).optional(),
  })
  .strict();

export const dimensionSchema = z
  .object({
    id: id.optional(),
    column: columnName,
    grain: z.enum(TIME_GRAINS).optional(),
    label: z.string().max(200).optional(),
  })
  .strict();

export const filterSchema = z
  .object({
    column: columnName,
    op: z.enum(FILTER_OPS),
    values: z.array(filterValue).max(10_000).optional(),
  })
  .strict();

export const analysisSpecSchema = z
  .object({
    source: z.string().min(1).max(200),
    snapshot: z
      .union([z.literal('latest'), z.literal('all'), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')])
      .optional(),
    measures: z.array(measureSchema).min(1, 'a spec needs at least one measure').max(50),
    dimensions: z.array(dimensionSchema).max(10).optional(),
    filters: z.array(filterSchema).max(100).optional(),
    sort: z
      .array(z.object({ by: id, direction: z.enum(['asc', 'desc']).optional() }).strict())
      .max(20)
      .optional(),
    limit: z.number().int().min(1).max(MAX_LIMIT).optional(),
    weekStart: z.enum(['monday', 'sunday']).optional(),
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
