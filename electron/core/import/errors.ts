import type { QdError } from '../../../shared/api';

/** A user-facing import failure: carries a located error value to return through the contract. */
export class ImportError extends Error {
  constructor(readonly error: QdError) {
    super(error.message);
  }
}

export function cancelledError(): ImportError {
  return new ImportError({ code: 'CANCELLED', message: 'import cancelled; the workspace is unchanged' });
}
