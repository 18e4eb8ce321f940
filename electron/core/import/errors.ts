import type { QdError } from '../../../shared/api';

/**
 * A user-facing import failure: carries a located error value to return through the contract. The
 * frequent ones also carry their message as a catalog key with its values (QdError.messageKey,
 * namespace `errors` of shared/i18n), so that the UI and the CLI say it in the user's language.
 */
export class ImportError extends Error {
  constructor(readonly error: QdError) {
    super(error.message);
  }
}

export function cancelledError(): ImportError {
  return new ImportError({
    code: 'CANCELLED',
    message: 'import cancelled; the workspace is unchanged',
    messageKey: 'errors.importCancelled',
  });
}
