import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../client';

export interface QueryState<T> {
  readonly data: T | null;
  readonly error: string | null;
  readonly loading: boolean;
}

/**
 * Runs `load` after `delayMs` of quiet whenever `key` changes, keeping only the newest answer
 * (a slow answer to an old edit never overwrites a newer one). A null key clears the result.
 */
export function useDebouncedQuery<T>(key: string | null, load: () => Promise<T>, delayMs = 300): QueryState<T> {
  const [state, setState] = useState<QueryState<T>>({ data: null, error: null, loading: false });
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    if (key === null) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      loadRef.current().then(
        (data) => live && setState({ data, error: null, loading: false }),
        (e: unknown) => live && setState({ data: null, error: errorMessage(e), loading: false }),
      );
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, delayMs]);
  return state;
}
