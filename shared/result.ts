// Errors are values: a code, a human message and where it happened.

export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'SPEC_INVALID'
  | 'NOT_FOUND'
  | 'IMPORT_FAILED'
  | 'QUERY_FAILED'
  | 'CANCELLED'
  | 'UNAUTHORIZED'
  | 'BUSY'
  | 'INTERNAL';

/** Where an error happened: a file and a line/column in it, or a field of a request or spec. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number | string;
  field?: string;
}

export interface QdError {
  code: ErrorCode;
  message: string;
  detail?: string;
  location?: ErrorLocation;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: QdError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(
  code: ErrorCode,
  message: string,
  extra: { detail?: string; location?: ErrorLocation } = {},
): Result<T> => ({ ok: false, error: { code, message, ...extra } });

