// Runtime checks of the forecast requests (shared/forecast/types.ts), run by each host before it
// calls the core, and by the core itself.
import { z } from 'zod';
import {
  CALIBRATION_OBSERVATIONS,
  FORECAST_GRAINS,
  MOVEMENT_DEAL_COLUMNS,
  MOVEMENT_SELECTIONS,
  SLIPPAGE_DEAL_COLUMNS,
  type CalibrationRequest,
  type ForecastAccuracyRequest,
  type MovementDealsRequest,
  type MovementRequest,
  type SlippageDealsRequest,
  type SlippageRequest,
  type StageSanityRequest,
} from './types';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const role = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'roles are letters, digits and underscores');
const value = z.string().max(10_000).nullable();
const roles = z.array(role).max(4);
const window = { offset: z.number().int().min(0), limit: z.number().int().min(1).max(10_000) };
const sortOf = (columns: readonly [string, ...string[]]) =>
  z.object({ column: z.enum(columns), direction: z.enum(['asc', 'desc']) }).strict();

const base = {
  source: z.string().min(1).max(200),
  outcomeSource: z.string().min(1).max(200).optional(),
  filters: z
    .array(z.object({ role, values: z.array(value).min(1).max(1_000) }).strict())
    .max(16)
    .optional(),
  stageOrder: z.array(z.string().min(1).max(200)).min(1).max(50).optional(),
};
const snapshotRange = { from: day.optional(), to: day.optional() };
const fraction = z.number().min(0).max(1);

export const forecastAccuracyRequestSchema = z
  .object({
    ...base,
    grain: z.enum(FORECAST_GRAINS),
    ...snapshotRange,
    by: roles.optional(),
    commit: z.object({ stage: z.string().min(1).max(200).optional(), probability: fraction.optional() }).strict().optional(),
    snapshotToleranceDays: z.number().int().min(0).max(31).optional(),
  })
  .strict() satisfies z.ZodType<ForecastAccuracyRequest>;

export const calibrationRequestSchema = z
  .object({
    ...base,
    by: roles.optional(),
    buckets: z.number().int().min(2).max(20).optional(),
    observations: z.enum(CALIBRATION_OBSERVATIONS).optional(),
    ...snapshotRange,
  })
  .strict() satisfies z.ZodType<CalibrationRequest>;

const movementFields = {
  ...base,
  from: day,
  to: day,
  period: z.object({ from: day, to: day }).strict().optional(),
};

export const movementRequestSchema = z.object(movementFields).strict() satisfies z.ZodType<MovementRequest>;

export const movementDealsRequestSchema = z
  .object({ ...movementFields, bar: z.enum(MOVEMENT_SELECTIONS), ...window, sort: sortOf(MOVEMENT_DEAL_COLUMNS).optional() })
  .strict() satisfies z.ZodType<MovementDealsRequest>;

const slippageFields = {
  ...base,
  by: roles.optional(),
  flagPushes: z.number().int().min(1).max(100).optional(),
  ...snapshotRange,
};

export const slippageRequestSchema = z.object(slippageFields).strict() satisfies z.ZodType<SlippageRequest>;

export const slippageDealsRequestSchema = z
  .object({
    ...slippageFields,
    group: z.record(role, value).optional(),
    minPushes: z.number().int().min(0).max(100).optional(),
    ...window,
    sort: sortOf(SLIPPAGE_DEAL_COLUMNS).optional(),
  })
  .strict() satisfies z.ZodType<SlippageDealsRequest>;

export const stageSanityRequestSchema = z.object({ ...base, ...snapshotRange }).strict() satisfies z.ZodType<StageSanityRequest>;
