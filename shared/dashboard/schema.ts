// Runtime validation of dashboard documents and workspace settings arriving from a host boundary
// or read back from the workspace. Widget specs are checked with the spec schema itself.
import { z } from 'zod';
import type { Result } from '../result';
import { analysisSpecSchema } from '../spec/schema';
import { COMPARE_TO, RELATIVE_PERIODS, TIME_GRAINS } from '../spec/types';
import {
  CHART_KINDS,
  CURRENCIES,
  DASHBOARD_LIMITS as L,
  NUMBER_LOCALES,
  STACKINGS,
  THEMES,
  type Dashboard,
  type WorkspaceSettings,
} from './types';

/** Ids of dashboards and widgets: short, safe in a URL, a DOM id or a file name. */
export const documentIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'ids are letters, digits, "-" and "_"');

/** The ids of reorderDashboards. */
export const dashboardIdsSchema = z.array(documentIdSchema).max(L.dashboards);

const sourceName = z.string().min(1).max(200);
const columnName = z.string().min(1).max(512);
const roleName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'roles are letters, digits and underscores');
const filterValue = z.union([z.string().max(10_000), z.number().finite(), z.boolean(), z.null()]);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const fieldRefSchema = z.union([
  z.object({ role: roleName }).strict(),
  z.object({ source: sourceName, column: columnName }).strict(),
]);

const periodSchema = z.union([z.enum(RELATIVE_PERIODS), z.object({ from: day, to: day }).strict()]);

export const valueFilterSchema = z
  .object({ field: fieldRefSchema, values: z.array(filterValue).max(L.values) })
  .strict();

export const filterBarSchema = z
  .object({
    period: periodSchema.nullable(),
    periodField: fieldRefSchema.optional(),
    values: z.array(valueFilterSchema).max(L.valueFilters),
    compare: z.enum(COMPARE_TO).nullable(),
  })
  .strict();

export const crossFilterSchema = z
  .object({
    fromWidget: documentIdSchema,
    field: fieldRefSchema,
    values: z.array(filterValue).max(L.values),
    label: z.string().max(L.label),
    grain: z.enum(TIME_GRAINS).optional(),
  })
  .strict();

export const crossFiltersSchema = z.array(crossFilterSchema).max(L.crossFilters);

const chartOptionsSchema = z
  .object({
    stacking: z.enum(STACKINGS).optional(),
    showComparison: z.boolean().optional(),
    higherIsBetter: z.boolean().optional(),
    colorScale: z.boolean().optional(),
    legend: z.boolean().optional(),
    labels: z.boolean().optional(),
  })
  .strict();

const layoutSchema = z
  .object({
    x: z.number().int().min(0).max(11),
    y: z.number().int().min(0).max(10_000),
    w: z.number().int().min(1).max(12),
    h: z.number().int().min(1).max(100),
  })
  .strict();

/** A widget's frame: everything but its spec (see `widgetSchema`). */
const widgetFrame = {
  id: documentIdSchema,
  title: z.string().max(L.title),
  chart: z.enum(CHART_KINDS),
  options: chartOptionsSchema.optional(),
  layout: layoutSchema,
  periodField: fieldRefSchema.nullable().optional(),
};

export const widgetSchema = z.object({ ...widgetFrame, spec: analysisSpecSchema }).strict();

function uniqueWidgetIds(d: { widgets: { id: string }[] }, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  d.widgets.forEach((w, i) => {
    if (seen.has(w.id)) ctx.addIssue({ code: 'custom', message: `duplicate widget id "${w.id}"`, path: ['widgets', i, 'id'] });
    seen.add(w.id);
  });
}

export const dashboardSchema = z
  .object({
    id: documentIdSchema,
    name: z.string().trim().min(1, 'a dashboard needs a name').max(L.name),
    widgets: z.array(widgetSchema).max(L.widgets),
    filters: filterBarSchema,
    updatedAt: z.string().max(40),
  })
  .strict()
  .superRefine(uniqueWidgetIds);

/**
 * The same document with each widget's spec only required to be an object: what is read back from
 * the workspace (a widget whose spec no longer passes the spec schema — written by another version,
 * edited by hand — is kept as stored, so that the dashboard still opens and runQuery reports the
 * error on that widget alone), and what saveDashboard accepts at the boundary (the engine then
 * checks with the spec schema every widget whose spec is new or changed).
 */
export const storedDashboardSchema = z
  .object({
    id: documentIdSchema,
    name: z.string().trim().min(1, 'a dashboard needs a name').max(L.name),
    widgets: z
      .array(
        z
          .object({
            ...widgetFrame,
            spec: z
              .record(z.string().max(100), z.unknown())
              .refine((s) => JSON.stringify(s).length <= 200_000, 'a spec of at most 200,000 characters'),
          })
          .strict(),
      )
      .max(L.widgets),
    filters: filterBarSchema,
    updatedAt: z.string().max(40),
  })
  .strict()
  .superRefine(uniqueWidgetIds);

export const settingsSchema = z
  .object({ locale: z.enum(NUMBER_LOCALES), currency: z.enum(CURRENCIES), theme: z.enum(THEMES) })
  .strict();

export const settingsPatchSchema = settingsSchema.partial();

export const fieldValuesRequestSchema = z
  .object({
    source: sourceName,
    field: z.union([z.object({ role: roleName }).strict(), z.object({ column: columnName }).strict()]),
    search: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(1_000).optional(),
  })
  .strict();

function firstIssue(error: z.ZodError, what: string): Result<never> {
  const issue = error.issues[0];
  const field = issue ? issue.path.map(String).join('.') : '';
  return {
    ok: false,
    error: {
      code: 'INVALID_ARGUMENT',
      message: issue ? `${what}: ${field ? `${field}: ` : ''}${issue.message}` : `invalid ${what}`,
      location: { field },
    },
  };
}

/** Parses with a schema; the error names the first offending field relative to the input ("widgets.2.id"). */
export function parseWith<T>(schema: z.ZodType, input: unknown, what: string): Result<T> {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data as T } : firstIssue(parsed.error, what);
}

/** Parses a dashboard document, widget specs included (e.g. "widgets.2.spec.measures.0.op"). */
export function parseDashboard(input: unknown): Result<Dashboard> {
  return parseWith<Dashboard>(dashboardSchema, input, 'dashboard');
}

/** Parses a dashboard as saveDashboard receives it: widget specs are checked by the engine afterwards. */
export function parseDashboardInput(input: unknown): Result<Dashboard> {
  return parseWith<Dashboard>(storedDashboardSchema, input, 'dashboard');
}

export function parseSettings(input: unknown): Result<WorkspaceSettings> {
  return parseWith<WorkspaceSettings>(settingsSchema, input, 'settings');
}
