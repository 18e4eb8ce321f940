// The dialog's view of the file: inspectImport with the settings the user fixed, run again
// (debounced) whenever they change. The last good inspection stays on screen while the next one
// runs, and an answer that arrives after a newer request was sent is dropped.
import { useEffect, useRef, useState } from 'react';
import type { FileRef, QdError, QuarterdeckApi } from '../../../../shared/api';
import type { ImportInspection } from '../../../../shared/import/types';
import type { FixedSettings } from './import-model';

export interface InspectionState {
  inspection: ImportInspection | null;
  /** The latest request failed (the previous inspection, if any, is still shown). */
  error: QdError | null;
  loading: boolean;
  /** Settings of the request that produced `inspection`. */
  inspectedWith: string | null;
}

const DEBOUNCE_MS = 300;

export function useInspection(
  api: QuarterdeckApi,
  file: FileRef | null,
  settings: FixedSettings,
  sourceName: string | undefined,
): InspectionState {
  const [state, setState] = useState<InspectionState>({ inspection: null, error: null, loading: true, inspectedWith: null });
  const seq = useRef(0);
  const first = useRef(true);
  const key = JSON.stringify({ settings, sourceName: sourceName ?? null });

  useEffect(() => {
    if (!file) return;
    const id = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    const run = () => {
      const request = { file, settings, ...(sourceName ? { sourceName } : {}) };
      void api.inspectImport(request).then(
        (r) => {
          if (id !== seq.current) return;
          if (r.ok) setState({ inspection: r.value, error: null, loading: false, inspectedWith: key });
          else setState((s) => ({ ...s, error: r.error, loading: false }));
        },
        (e: unknown) => {
          if (id !== seq.current) return;
          setState((s) => ({ ...s, error: { code: 'INTERNAL', message: String(e) }, loading: false }));
        },
      );
    };
    // The first look at the file starts at once; changes wait for the user to stop typing.
    if (first.current) {
      first.current = false;
      run();
      return;
    }
    const timer = setTimeout(run, DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // `key` stands for settings and sourceName: a new object with the same content is no change.
  }, [api, file, key]);

  return state;
}
