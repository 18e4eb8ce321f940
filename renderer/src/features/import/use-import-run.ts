// Running the import the dialog prepared: importFile with an opId -> poll progress every 150 ms ->
// done, failed (with the file/line/column the engine reports) or cancelled. A failed or cancelled
// import leaves the workspace as it was (the core's import is transactional).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportRequest, Progress, QdError, QuarterdeckApi } from '../../../../shared/api';
import type { ImportReport } from '../../../../shared/import/types';
import { newOpId } from '../../app/op-id';

export type RunState =
  | { status: 'idle' }
  | { status: 'running'; progress: Progress | null; cancelling: boolean }
  | { status: 'failed'; error: QdError }
  | { status: 'cancelled' }
  | { status: 'done'; report: ImportReport };

const POLL_MS = 150;

interface Op {
  opId: string;
  /** The user asked to cancel. */
  cancelled: boolean;
  /** The engine confirmed it was told (it may not know the opId yet when the user clicks). */
  cancelAcked: boolean;
}

export function useImportRun(api: QuarterdeckApi) {
  const [state, setState] = useState<RunState>({ status: 'idle' });
  const opRef = useRef<Op | null>(null);
  const pollRef = useRef<ReturnType<typeof setInterval> | null>(null);

  const stopPolling = () => {
    if (pollRef.current) clearInterval(pollRef.current);
    pollRef.current = null;
  };
  useEffect(() => stopPolling, []);

  // Sent again on every poll until the engine acknowledges it: a click early in the import can
  // arrive before the engine has registered the operation.
  const requestCancel = useCallback(
    (op: Op) => {
      void api.cancel(op.opId).then((r) => {
        if (r.ok && r.value) op.cancelAcked = true;
      });
    },
    [api],
  );

  const start = useCallback(
    async (request: Omit<ImportRequest, 'opId'>): Promise<ImportReport | null> => {
      if (opRef.current) return null; // one import at a time
      const op: Op = { opId: newOpId('import'), cancelled: false, cancelAcked: false };
      opRef.current = op;
      setState({ status: 'running', progress: null, cancelling: false });
      pollRef.current = setInterval(() => {
        if (op.cancelled && !op.cancelAcked) requestCancel(op);
        void api.getProgress(op.opId).then((r) => {
          if (opRef.current !== op || !r.ok || !r.value) return;
          const progress = r.value;
          setState((s) => (s.status === 'running' ? { ...s, progress } : s));
        });
      }, POLL_MS);
      try {
        const result = await api.importFile({ ...request, opId: op.opId });
        stopPolling();
        if (result.ok) {
          setState({ status: 'done', report: result.value });
          return result.value;
        }
        if (result.error.code === 'CANCELLED' || op.cancelled) setState({ status: 'cancelled' });
        else setState({ status: 'failed', error: result.error });
        return null;
      } catch (e) {
        stopPolling();
        setState({ status: 'failed', error: { code: 'INTERNAL', message: String(e) } });
        return null;
      } finally {
        opRef.current = null;
      }
    },
    [api, requestCancel],
  );

  const cancel = useCallback(() => {
    const op = opRef.current;
    if (!op) return;
    op.cancelled = true;
    setState((s) => (s.status === 'running' ? { ...s, cancelling: true } : s));
    requestCancel(op);
  }, [requestCancel]);

  const reset = useCallback(() => {
    if (!opRef.current) setState({ status: 'idle' });
  }, []);

  return { state, start, cancel, reset, running: state.status === 'running' };
}
