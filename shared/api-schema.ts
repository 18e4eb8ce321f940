// Runtime checks of every operation's arguments, run by each host before it calls the core:
// a renderer (or a page in browser mode) is never trusted to send well-formed data.
import { z } from 'zod';
import type { ApiMethod, QuarterdeckApi } from './api';
import { dashboardIdsSchema, documentIdSchema, fieldValuesRequestSchema, settingsPatchSchema, storedDashboardSchema } from './dashboard/schema';
import {
  calibrationRequestSchema,
  forecastAccuracyRequestSchema,
  movementDealsRequestSchema,
  movementRequestSchema,
  slippageDealsRequestSchema,
  slippageRequestSchema,
  stageSanityRequestSchema,
} from './forecast/schema';
import { DATE_ORDERS, TEXT_ENCODINGS, VALUE_KINDS } from './import/types';
import type { Result } from './result';
import { analysisSpecSchema, filterTreeInputSchema, segmentNameSchema } from './spec/schema';
import { createReviewRequestSchema, exportReviewRequestSchema, updateReviewRequestSchema } from './review/schema';
import {
  applyTemplateRequestSchema,
  checkTemplateRequestSchema,
  saveAsTemplateRequestSchema,
  templateFileNameSchema,
  templateTextSchema,
} from './template/schema';

const opId = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/);
const sourceName = z.string().min(1).max(200);

const fileRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }).strict(),
  z
    .object({
      kind: z.literal('upload'),
      id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/),
      name: z.string().min(1).max(512),
    })
    .strict(),
]);

const settingsSchema = z
  .object({
    format: z.enum(['csv', 'xlsx']),
    encoding: z.enum(TEXT_ENCODINGS),
    delimiter: z.string().min(1).max(4),
    quote: z.enum(['"', "'", '']),
    escape: z.string().max(1),
    skipRows: z.number().int().min(0).max(10_000),
    headerRows: z.number().int().min(0).max(10),
    decimalSeparator: z.enum(['.', ',']),
    thousandsSeparator: z.enum(['', ',', '.', ' ', "'"]),
    dateOrder: z.enum(DATE_ORDERS),
    nullTokens: z.array(z.string().max(100)).max(100),
    sheet: z.string().max(200).nullable(),
    columnKinds: z.record(z.string().max(512), z.enum(VALUE_KINDS)),
  })
  .strict()
  .partial();

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/** A result cell: dimension id -> the value shown (a time bucket's start, a bin's lower bound, null). */
const cellSelector = z
  .record(z.string().min(1).max(200), z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]))
  .refine((r) => Object.keys(r).length <= 64, 'at most 64 dimensions');

/** One tuple schema per operation: the arguments in order. */
export const API_ARGS = {
  getWorkspace: z.tuple([]),
  proposeRelationships: z.tuple([]),
  setRelationship: z.tuple([
    z
      .object({
        from: z.object({ source: sourceName, column: z.string().min(1).max(512) }).strict(),
        to: z.object({ source: sourceName, column: z.string().min(1).max(512) }).strict(),
      })
      .strict(),
    z.boolean(),
  ]),
  inspectImport: z.tuple([
    z.object({ file: fileRef, settings: settingsSchema.optional(), sourceName: sourceName.optional() }).strict(),
  ]),
  importFile: z.tuple([
    z
      .object({
        file: fileRef,
        settings: settingsSchema.optional(),
        sourceName: sourceName.optional(),
        snapshotDate: isoDate.optional(),
        replace: z.boolean().optional(),
        roles: z.record(z.string().max(64), z.string().max(512).nullable()).optional(),
        opId: opId.optional(),
      })
      .strict(),
  ]),
  removeSource: z.tuple([sourceName]),
  previewRows: z.tuple([
    z
      .object({
        source: sourceName,
        offset: z.number().int().min(0),
        limit: z.number().int().min(1).max(10_000),
      })
      .strict(),
  ]),
  profileSource: z.tuple([sourceName]),
  runQuery: z.tuple([z.object({ spec: analysisSpecSchema, opId: opId.optional() }).strict()]),
  drillRows: z.tuple([
    z
      .object({
        spec: analysisSpecSchema,
        cell: cellSelector,
        offset: z.number().int().min(0),
        limit: z.number().int().min(1).max(10_000),
        sort: z.object({ column: z.string().min(1).max(512), direction: z.enum(['asc', 'desc']) }).strict().optional(),
      })
      .strict(),
  ]),
  explain: z.tuple([z.object({ spec: analysisSpecSchema, cell: cellSelector.optional() }).strict()]),
  getProgress: z.tuple([opId]),
  cancel: z.tuple([opId]),
  listSegments: z.tuple([]),
  saveSegment: z.tuple([
    z
      .object({
        name: segmentNameSchema,
        source: sourceName.optional(),
        filter: filterTreeInputSchema,
        description: z.string().max(1_000).optional(),
      })
      .strict(),
  ]),
  removeSegment: z.tuple([segmentNameSchema]),
  listDashboards: z.tuple([]),
  // Widget specs are checked by the core (spec schema and sources) when new or changed.
  saveDashboard: z.tuple([storedDashboardSchema]),
  removeDashboard: z.tuple([documentIdSchema]),
  reorderDashboards: z.tuple([dashboardIdsSchema]),
  getSettings: z.tuple([]),
  saveSettings: z.tuple([settingsPatchSchema]),
  fieldValues: z.tuple([fieldValuesRequestSchema]),
  forecastAccuracy: z.tuple([forecastAccuracyRequestSchema]),
  probabilityCalibration: z.tuple([calibrationRequestSchema]),
  pipelineMovement: z.tuple([movementRequestSchema]),
  movementDeals: z.tuple([movementDealsRequestSchema]),
  slippage: z.tuple([slippageRequestSchema]),
  slippageDeals: z.tuple([slippageDealsRequestSchema]),
  stageProbabilitySanity: z.tuple([stageSanityRequestSchema]),
  setSourceRoles: z.tuple([sourceName, z.record(z.string().min(1).max(64), z.string().min(1).max(512).nullable())]),
  listTemplates: z.tuple([]),
  saveDashboardAsTemplate: z.tuple([saveAsTemplateRequestSchema]),
  importTemplate: z.tuple([templateTextSchema, templateFileNameSchema]),
  exportTemplate: z.tuple([documentIdSchema]),
  removeTemplate: z.tuple([documentIdSchema]),
  checkTemplate: z.tuple([checkTemplateRequestSchema]),
  applyTemplate: z.tuple([applyTemplateRequestSchema]),
  createReview: z.tuple([createReviewRequestSchema]),
  listReviews: z.tuple([]),
  getReview: z.tuple([documentIdSchema]),
  updateReview: z.tuple([updateReviewRequestSchema]),
  removeReview: z.tuple([documentIdSchema]),
  exportReview: z.tuple([exportReviewRequestSchema]),
} satisfies Record<ApiMethod, z.ZodType>;

export type ApiArgs<M extends ApiMethod> = Parameters<QuarterdeckApi[M]>;

/** Validates the arguments of a call; the error names the offending field. */
export function parseArgs<M extends ApiMethod>(method: M, args: unknown): Result<ApiArgs<M>> {
  const parsed = API_ARGS[method].safeParse(args);
  if (parsed.success) return { ok: true, value: parsed.data as unknown as ApiArgs<M> };
  const issue = parsed.error.issues[0];
  const field = issue ? issue.path.map(String).join('.') : '';
  return {
    ok: false,
    error: {
      code: 'INVALID_ARGUMENT',
      message: `${method}: ${issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'invalid arguments'}`,
      location: { field },
    },
  };
}
