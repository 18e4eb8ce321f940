// Runs one engine call whenever its request changes and keeps the last answer on screen while the
// next one comes (marked stale), so that changing a setting does not blank the view.
import { useEffect, useState } from 'react';
import type { QdError, Result } from '../../../../shared/api';

export interface ApiResult<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  value: T | null;
  error: QdError | null;
}

/**
 * `key` identifies the request (its JSON): a new key runs `call` again, an answer to an older key is
 * dropped. A null key runs nothing (the request is not complete yet).
 */
export function useApiResult<T>(key: string | null, call: () => Promise<Result<T>>): ApiResult<T> {
  const [state, setState] = useState<ApiResult<T>>({ status: 'idle', value: null, error: null });
  useEffect(() => {
    if (key === null) {
      setState({ status: 'idle', value: null, error: null });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, status: 'loading' }));
    void call().then((r) => {
      if (!live) return;
      setState(r.ok ? { status: 'ready', value: r.value, error: null } : { status: 'error', value: null, error: r.error });
    });
    return () => {
      live = false;
    };
    // The key stands for the request `call` sends: `call` itself is new at every render.
  }, [key]);
  return state;
}
