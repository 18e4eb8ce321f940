// The import flow: (upload in browser mode) -> importFile with an opId -> poll progress every
// 150 ms -> done, failed (with the file/line/column the engine reports) or cancelled.
// A failed or cancelled import leaves the workspace as it was (the core's import is transactional).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FileRef, Progress, QdError, SourceInfo } from '../../../../shared/api';
import type { Backend } from '../../api/client';
import { newOpId } from '../../app/op-id';

export type ImportState =
  | { status: 'idle' }
  | { status: 'running'; fileName: string; phase: 'upload' | 'import'; progress: Progress | null; cancelling: boolean }
  | { status: 'failed'; fileName: string; error: QdError }
  | { status: 'cancelled'; fileName: string }
  | { status: 'done'; source: SourceInfo };

const POLL_MS = 150;
/** The success notice hides itself after this long; errors stay until dismissed. */
const DONE_NOTICE_MS = 8000;

interface Op {
  opId: string | null;
  /** The user asked to cancel. */
  cancelled: boolean;
  /** The engine confirmed it was told (it may not know the opId yet when the user clicks). */
  cancelAcked: boolean;
}

function refName(ref: FileRef): string {
  if (ref.kind === 'upload') return ref.name;
  return ref.path.split(/[\\/]/).pop() ?? ref.path;
}

export function useImport(backend: Backend, onImported: (source: SourceInfo) => void | Promise<void>) {
  const [state, setState] = useState<ImportState>({ status: 'idle' });
  const opRef = useRef<Op | null>(null);
  const pollRef = useRef<ReturnType<typeof setInterval> | null>(null);
  const onImportedRef = useRef(onImported);
  onImportedRef.current = onImported;

  const stopPolling = () => {
    if (pollRef.current) clearInterval(pollRef.current);
    pollRef.current = null;
  };
  useEffect(() => stopPolling, []);

  // Sent again on every poll until the engine acknowledges it: a click early in the import can
  // arrive before the engine has registered the operation.
  const requestCancel = useCallback(
    (op: Op) => {
      if (!op.opId) return;
      void backend.api.cancel(op.opId).then((r) => {
        if (r.ok && r.value) op.cancelAcked = true;
      });
    },
    [backend],
  );

  const run = useCallback(
    async (getRef: () => Promise<FileRef | null | QdError>, fileName: string | null) => {
      if (opRef.current) return; // one import at a time
      const op: Op = { opId: null, cancelled: false, cancelAcked: false };
      opRef.current = op;
      try {
        if (fileName) setState({ status: 'running', fileName, phase: 'upload', progress: null, cancelling: false });
        const ref = await getRef();
        if (ref === null) {
          setState({ status: 'idle' });
          return;
        }
        if ('code' in ref) {
          setState({ status: 'failed', fileName: fileName ?? '', error: ref });
          return;
        }
        const name = refName(ref);
        if (op.cancelled) {
          setState({ status: 'cancelled', fileName: name });
          return;
        }
        const opId = newOpId('import');
        op.opId = opId;
        setState({ status: 'running', fileName: name, phase: 'import', progress: null, cancelling: false });
        pollRef.current = setInterval(() => {
          if (op.cancelled && !op.cancelAcked) requestCancel(op);
          void backend.api.getProgress(opId).then((r) => {
            if (opRef.current !== op || !r.ok || !r.value) return;
            const progress = r.value;
            setState((s) => (s.status === 'running' ? { ...s, progress } : s));
          });
        }, POLL_MS);
        const result = await backend.api.importFile({ file: ref, opId });
        stopPolling();
        if (result.ok) {
          await onImportedRef.current(result.value);
          const done: ImportState = { status: 'done', source: result.value };
          setState(done);
          setTimeout(() => setState((s) => (s === done ? { status: 'idle' } : s)), DONE_NOTICE_MS);
        } else if (result.error.code === 'CANCELLED' || op.cancelled) {
          setState({ status: 'cancelled', fileName: name });
        } else {
          setState({ status: 'failed', fileName: name, error: result.error });
        }
      } catch (e) {
        stopPolling();
        setState({ status: 'failed', fileName: fileName ?? '', error: { code: 'INTERNAL', message: String(e) } });
      } finally {
        opRef.current = null;
      }
    },
    [backend, requestCancel],
  );

  /** Browser mode: a file from the file input or a drop. */
  const importFile = useCallback(
    (file: File) => {
      const upload = backend.upload;
      if (!upload) return;
      void run(async () => {
        const r = await upload(file);
        return r.ok ? r.value : { ...r.error, location: { file: file.name, ...r.error.location } };
      }, file.name);
    },
    [backend, run],
  );

  /** Electron: the native dialog. */
  const pickAndImport = useCallback(() => {
    void run(() => backend.host.pickCsvFile(), null);
  }, [backend, run]);

  const cancel = useCallback(() => {
    const op = opRef.current;
    if (!op) return;
    op.cancelled = true;
    setState((s) => (s.status === 'running' ? { ...s, cancelling: true } : s));
    requestCancel(op);
  }, [requestCancel]);

  const dismiss = useCallback(() => setState({ status: 'idle' }), []);

  return { state, importFile, pickAndImport, cancel, dismiss, busy: state.status === 'running' };
}
