// Runtime checks of every operation's arguments, run by each host before it calls the core:
// a renderer (or a page in browser mode) is never trusted to send well-formed data.
import { z } from 'zod';
import type { ApiMethod, QuarterdeckApi } from './api';
import type { Result } from './result';
import { analysisSpecSchema } from './spec/schema';

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

/** One tuple schema per operation: the arguments in order. */
export const API_ARGS = {
  getWorkspace: z.tuple([]),
  importFile: z.tuple([
    z
      .object({
        file: fileRef,
        sourceName: sourceName.optional(),
        replace: z.boolean().optional(),
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
  getProgress: z.tuple([opId]),
  cancel: z.tuple([opId]),
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
