// Errors are values: a code, a human message and where it happened.

export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'SPEC_INVALID',
  'NOT_FOUND',
  'IMPORT_FAILED',
  'QUERY_FAILED',
  'CANCELLED',
  'UNAUTHORIZED',
  'BUSY',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where an error happened: a file and a line/column in it, or a field of a request or spec. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number | string;
  field?: string;
}

export interface QdError {
  code: ErrorCode;
  /** English; the UI and the CLI show `messageKey` in the user's language when it is set. */
  message: string;
  detail?: string;
  location?: ErrorLocation;
  /** The same message as a catalog key ("errors.fileEmpty", shared/i18n) with its ICU values. */
  messageKey?: string;
  values?: Record<string, string | number>;
}

/**
 * A text for users as a catalog key ("detect.synonym", shared/i18n) with its ICU values, for
 * texts the engine builds and the UI shows in the user's language. A value may itself be such a
 * text: it is translated first, then put in its place.
 */
export interface MessageRef {
  key: string;
  values?: Record<string, string | number | MessageRef>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: QdError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(
  code: ErrorCode,
  message: string,
  extra: { detail?: string; location?: ErrorLocation; messageKey?: string; values?: Record<string, string | number> } = {},
): Result<T> => ({ ok: false, error: { code, message, ...extra } });
