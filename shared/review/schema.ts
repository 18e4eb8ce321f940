// Runtime checks of the review operations' arguments (shared/api-schema.ts) and of stored review
// documents read back from the workspace.
import { z } from 'zod';
import { documentIdSchema } from '../dashboard/schema';
import { TEMPLATE_PERIODS } from '../template/types';
import { ACTION_STATUSES, REVIEW_LIMITS as L } from './types';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const range = z.object({ from: day, to: day }).strict();

export const periodChoiceSchema = z
  .object({ period: z.enum(TEMPLATE_PERIODS), customPeriod: range.optional() })
  .strict()
  .refine((p) => p.period !== 'custom' || p.customPeriod !== undefined, { message: 'a custom period needs its from and to dates', path: ['customPeriod'] })
  .refine((p) => p.customPeriod === undefined || p.customPeriod.from < p.customPeriod.to, { message: 'the period ends before it starts', path: ['customPeriod'] });

export const reviewActionSchema = z
  .object({
    id: documentIdSchema,
    widgetId: documentIdSchema.nullable(),
    text: z.string().trim().min(1, 'an action says what to do').max(L.actionText),
    owner: z.string().max(L.owner),
    due: day.nullable(),
    status: z.enum(ACTION_STATUSES),
    createdAt: z.string().max(40),
    carriedFrom: z.object({ reviewId: documentIdSchema, actionId: documentIdSchema, period: range }).strict().optional(),
  })
  .strict();

export const createReviewRequestSchema = z
  .object({
    templateId: documentIdSchema.optional(),
    dashboardId: documentIdSchema.optional(),
    binding: z
      .object({
        sources: z.record(z.string().max(32), z.string().min(1).max(200)).optional(),
        stageMap: z.record(z.string().max(32), z.record(z.string().max(200), z.union([z.string().max(200), z.array(z.string().max(200)).max(50)]))).optional(),
        skipWidgets: z.array(documentIdSchema).max(100).optional(),
      })
      .strict()
      .optional(),
    period: periodChoiceSchema.optional(),
    language: z.string().max(10).optional(),
  })
  .strict()
  .refine((r) => (r.templateId === undefined) !== (r.dashboardId === undefined), { message: 'name a template or a dashboard (one of them)', path: ['templateId'] });

export const updateReviewRequestSchema = z
  .object({
    id: documentIdSchema,
    notes: z.record(documentIdSchema, z.string().max(L.note)).optional(),
    summary: z.string().max(L.summary).optional(),
    actions: z.array(reviewActionSchema).max(L.actions).optional(),
    freeze: z.boolean().optional(),
  })
  .strict();

export const exportReviewRequestSchema = z
  .object({
    id: documentIdSchema,
    format: z.enum(['html', 'pdf']),
    language: z.string().max(10).optional(),
    anonymise: z.boolean().optional(),
  })
  .strict();
