// The values a filter chip offers: the engine's fieldValues (most frequent first, searched without
// case or accents), debounced; a late answer to an older search is dropped. When the engine cannot
// list them, `unavailable` is set and the chip falls back to typed values.
import { useEffect, useRef, useState } from 'react';
import type { QuarterdeckApi } from '../../../../shared/api';
import type { FieldValueCount, FieldValuesRequest } from '../../../../shared/dashboard/types';

const DEBOUNCE_MS = 150;

export interface FieldValuesState {
  values: FieldValueCount[];
  truncated: boolean;
  loading: boolean;
  /** The engine could not list the values: type them instead. */
  unavailable: boolean;
}

export function useFieldValues(api: QuarterdeckApi, source: string, field: FieldValuesRequest['field'] | null, search: string, limit = 200): FieldValuesState {
  const [state, setState] = useState<FieldValuesState>({ values: [], truncated: false, loading: field !== null, unavailable: false });
  const seq = useRef(0);
  const key = field ? JSON.stringify(field) : null;

  useEffect(() => {
    if (!field) return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      const request: FieldValuesRequest = { source, field, limit, ...(search.trim() ? { search: search.trim() } : {}) };
      const call = typeof api.fieldValues === 'function' ? api.fieldValues(request) : Promise.resolve(null);
      void call
        .then((r) => {
          if (seq.current !== mine) return;
          if (r && r.ok) setState({ values: r.value.values, truncated: r.value.truncated, loading: false, unavailable: false });
          else setState({ values: [], truncated: false, loading: false, unavailable: true });
        })
        .catch(() => {
          if (seq.current === mine) setState({ values: [], truncated: false, loading: false, unavailable: true });
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // The field's JSON is its identity.
  }, [api, source, key, search, limit]);

  return state;
}
