// Runs the builder's spec when it changes: debounced, the previous query cancelled through its
// opId, late answers to superseded specs ignored.
import { useEffect, useRef, useState } from 'react';
import type { QdError, QuarterdeckApi, QueryResult } from '../../../../shared/api';
import type { AnalysisSpec } from '../../../../shared/spec/types';
import { newOpId } from '../../app/op-id';

const DEBOUNCE_MS = 200;

export interface QueryState {
  result: QueryResult | null;
  /** The spec that produced `result`. */
  spec: AnalysisSpec | null;
  error: QdError | null;
  running: boolean;
}

export function useQuery(api: QuarterdeckApi, spec: AnalysisSpec | null): QueryState {
  const [state, setState] = useState<QueryState>({ result: null, spec: null, error: null, running: false });
  const currentOp = useRef<string | null>(null);
  const key = spec ? JSON.stringify(spec) : null;

  useEffect(() => {
    if (!spec) return;
    let live = true;
    setState((s) => ({ ...s, running: true }));
    const timer = setTimeout(() => {
      if (currentOp.current) void api.cancel(currentOp.current);
      const opId = newOpId('query');
      currentOp.current = opId;
      void api.runQuery({ spec, opId }).then((r) => {
        if (currentOp.current === opId) currentOp.current = null;
        if (!live) return;
        if (r.ok) setState({ result: r.value, spec, error: null, running: false });
        else if (r.error.code !== 'CANCELLED') setState({ result: null, spec, error: r.error, running: false });
      });
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // The spec's JSON is its identity: a new object with the same content is the same query.
  }, [api, key]);

  useEffect(
    () => () => {
      if (currentOp.current) void api.cancel(currentOp.current);
    },
    [api],
  );

  return state;
}
