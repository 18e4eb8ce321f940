// Reading a template file: JSON text -> a checked Template of the current version, migrating older
// versions on the way. Every failure says what and where (file, line and column of broken JSON, the
// field of an invalid document), and nothing is half-loaded.
import { z } from 'zod';
import { dashboardSchema, documentIdSchema, filterBarSchema, widgetSchema } from '../dashboard/schema';
import type { Result } from '../result';
import { COMPARE_TO } from '../spec/types';
import { migrateTemplate } from './migrations';
import { SLOT_ENTITIES, TEMPLATE_FORMAT, TEMPLATE_PERIODS, TEMPLATE_VERSION, type Template } from './types';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const slotId = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'slot ids are lower-case letters, digits and underscores');
const roleName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/);
const filterValue = z.union([z.string().max(1_000), z.number().finite(), z.boolean(), z.null()]);

export const templateSchema = z
  .object({
    format: z.literal(TEMPLATE_FORMAT),
    version: z.literal(TEMPLATE_VERSION),
    id: documentIdSchema,
    name: z.string().trim().min(1, 'a template needs a name').max(200),
    description: z.string().max(4_000),
    nameKey: z.string().max(200).optional(),
    descriptionKey: z.string().max(200).optional(),
    origin: z.enum(['builtin', 'personal', 'imported']),
    createdAt: z.string().max(40),
    slots: z
      .array(
        z
          .object({
            id: slotId,
            entity: z.enum(SLOT_ENTITIES),
            roles: z.array(roleName).max(100),
            optional: z.boolean().optional(),
            history: z.boolean().optional(),
          })
          .strict(),
      )
      .min(1, 'a template needs at least one source slot')
      .max(10),
    parameters: z
      .object({
        period: z.enum(TEMPLATE_PERIODS),
        customPeriod: z.object({ from: day, to: day }).strict().optional(),
        compare: z.enum(COMPARE_TO).nullable(),
        defaults: z.array(z.object({ role: roleName, values: z.array(filterValue).max(500) }).strict()).max(20),
      })
      .strict(),
    stages: z.record(slotId, z.array(z.string().max(200)).max(200)).optional(),
    titleKeys: z.record(documentIdSchema, z.string().max(200)).optional(),
    dashboard: z
      .object({
        name: z.string().trim().min(1).max(200),
        widgets: z.array(widgetSchema).max(60),
        filters: filterBarSchema,
      })
      .strict(),
  })
  .strict()
  .superRefine((t, ctx) => {
    const slots = new Set(t.slots.map((s) => s.id));
    t.dashboard.widgets.forEach((w, i) => {
      const m = /^\$([a-z][a-z0-9_]*)$/.exec(w.spec.source);
      if (!m || !slots.has(m[1]!)) {
        ctx.addIssue({
          code: 'custom',
          message: `a widget's source must name one of the template's slots (${[...slots].map((s) => `$${s}`).join(', ')})`,
          path: ['dashboard', 'widgets', i, 'spec', 'source'],
        });
      }
    });
    const ids = new Set<string>();
    t.dashboard.widgets.forEach((w, i) => {
      if (ids.has(w.id)) ctx.addIssue({ code: 'custom', message: `duplicate widget id "${w.id}"`, path: ['dashboard', 'widgets', i, 'id'] });
      ids.add(w.id);
    });
    const slotIds = new Set<string>();
    t.slots.forEach((s, i) => {
      if (slotIds.has(s.id)) ctx.addIssue({ code: 'custom', message: `duplicate slot id "${s.id}"`, path: ['slots', i, 'id'] });
      slotIds.add(s.id);
    });
    if (t.parameters.period === 'custom' && !t.parameters.customPeriod) {
      ctx.addIssue({ code: 'custom', message: 'a custom period needs its from and to dates', path: ['parameters', 'customPeriod'] });
    }
  });

// Keep the dashboard schema referenced so that a change to it is a change to templates too.
void dashboardSchema;

function templateError(message: string, location: { file?: string; line?: number; column?: number; field?: string }, detail?: string): Result<never> {
  return {
    ok: false,
    error: { code: 'INVALID_ARGUMENT', message, location, ...(detail ? { detail } : {}) },
  };
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/** The offset a JSON.parse error points at, when the engine says it. */
function jsonErrorOffset(message: string, text: string): number | null {
  // A file cut short: the end of the text is where it goes wrong.
  if (/end of JSON input/i.test(message)) return text.length;
  const pos = /position (\d+)/.exec(message);
  if (pos) return Number(pos[1]);
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) {
    const lines = text.split('\n');
    const line = Number(lc[1]);
    let offset = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i]!.length + 1;
    return offset + Number(lc[2]) - 1;
  }
  return null;
}

/** Parses a template document (already JSON-decoded), migrating older versions. */
export function parseTemplate(input: unknown, file?: string): Result<Template> {
  const where = file ? { file } : {};
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return templateError('this is not a Quarterdeck template: the file holds no JSON object', where);
  }
  const doc = input as Record<string, unknown>;
  if (doc.format !== TEMPLATE_FORMAT) {
    return templateError(`this is not a Quarterdeck template: "format" should be "${TEMPLATE_FORMAT}"`, { ...where, field: 'format' });
  }
  const migrated = migrateTemplate(doc);
  if (!migrated.ok) return templateError(migrated.error.message, { ...where, field: 'version' });
  const parsed = templateSchema.safeParse(migrated.value);
  if (parsed.success) return { ok: true, value: parsed.data as Template };
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  return templateError(
    `the template is invalid at ${field || 'its root'}: ${issue.message}`,
    { ...where, field },
    parsed.error.issues
      .slice(0, 20)
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .join('\n'),
  );
}

/** Reads a template file's text; broken JSON is reported with its line and column. */
export function readTemplateText(text: string, file?: string): Result<Template> {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const offset = jsonErrorOffset(message, text);
    const at = offset === null ? null : lineColumn(text, offset);
    return templateError(
      `the template file is not valid JSON${at ? ` (line ${at.line}, column ${at.column})` : ''}`,
      { ...(file ? { file } : {}), ...(at ?? {}) },
      message,
    );
  }
  return parseTemplate(doc, file);
}

/** The file text of a template: stable key order, two-space indent, final newline. */
export function writeTemplateText(template: Template): string {
  return `${JSON.stringify(template, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Arguments of the template operations (shared/api-schema.ts).

const stageTargets = z.union([z.string().max(200), z.array(z.string().max(200)).max(50)]);
const rangeSchema = z.object({ from: day, to: day }).strict();

export const templateBindingInputSchema = z
  .object({
    sources: z.record(slotId, z.string().min(1).max(200)).optional(),
    stageMap: z.record(slotId, z.record(z.string().max(200), stageTargets)).optional(),
    period: z.enum(TEMPLATE_PERIODS).optional(),
    customPeriod: rangeSchema.optional(),
    skipWidgets: z.array(documentIdSchema).max(100).optional(),
  })
  .strict();

export const roleFixesSchema = z.record(z.string().min(1).max(200), z.record(roleName, z.string().min(1).max(512)));

export const templateParametersPatchSchema = z
  .object({
    period: z.enum(TEMPLATE_PERIODS),
    customPeriod: rangeSchema,
    compare: z.enum(COMPARE_TO).nullable(),
    defaults: z.array(z.object({ role: roleName, values: z.array(filterValue).max(500) }).strict()).max(20),
  })
  .strict()
  .partial();

export const saveAsTemplateRequestSchema = z
  .object({
    dashboardId: documentIdSchema,
    name: z.string().trim().min(1, 'a template needs a name').max(200),
    description: z.string().max(4_000),
    parameters: templateParametersPatchSchema.optional(),
  })
  .strict();

export const checkTemplateRequestSchema = z
  .object({ id: documentIdSchema, binding: templateBindingInputSchema.optional(), roles: roleFixesSchema.optional() })
  .strict();

export const applyTemplateRequestSchema = z
  .object({
    id: documentIdSchema,
    binding: templateBindingInputSchema.optional(),
    roles: roleFixesSchema.optional(),
    language: z.string().max(10).optional(),
  })
  .strict();

/** A template file's text as an import receives it (at most 2 MB). */
export const templateTextSchema = z.string().max(2_000_000, 'a template file is at most 2 MB');
export const templateFileNameSchema = z.string().max(512);
