import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, type Transport } from '../../client';
import type { MappingScope } from '../../store/source';
import { loadSharedMappings, type SharedMappings } from './sharedMappings';

export interface SharedMappingsState {
  readonly data: SharedMappings | null;
  readonly error: string | null;
  reload(): Promise<void>;
}

/** The shared mappings of the open document's scope; reload after creating or customising one. */
export function useSharedMappings(client: Transport, scope: MappingScope): SharedMappingsState {
  const [data, setData] = useState<SharedMappings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const key = scope.kind === 'base' ? `base:${scope.workflowId}` : `installation:${scope.installationId}`;
  const scopeRef = useRef(scope);
  scopeRef.current = scope;
  const reload = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const loaded = await loadSharedMappings(client, scopeRef.current);
      if (mine !== seq.current) return;
      setData(loaded);
      setError(null);
    } catch (e) {
      if (mine === seq.current) setError(errorMessage(e));
    }
  }, [client, key]);
  useEffect(() => {
    void reload();
    return () => {
      seq.current += 1;
    };
  }, [reload]);
  return { data, error, reload };
}
