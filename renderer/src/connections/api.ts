import { useCallback, useEffect, useState } from 'react';
import type { MethodResult } from '../../../engine/api';
import { maskedSecret } from '../../../engine/shared/masked-secret';
import { errorMessage } from '../client';
import { useClient } from '../client/context';

// Reading connections and their field specs from the engine. Secrets never come back: a set
// secret reads as MASKED_SECRET, an unset one as ''.

export type Connection = MethodResult<'connections.list'>[number];
export type ConnectionKind = Connection['kind'];
export type KindSpec = MethodResult<'connections.kinds'>[number];

/** What a set secret reads as. */
export const MASKED_SECRET = maskedSecret;


export interface ListState {
  readonly list: readonly Connection[];
  readonly loading: boolean;
  readonly error: string | null;
  reload(): void;
}

export function useConnections(kind?: ConnectionKind): ListState {
  const client = useClient();
  const [list, setList] = useState<readonly Connection[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    client.call('connections.list', {}).then(
      (all) => {
        if (!live) return;
        setList(kind ? all.filter((c) => c.kind === kind) : all);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(errorMessage(e));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [client, kind, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { list, loading, error, reload };
}

export function useKindSpecs(): { specs: readonly KindSpec[]; error: string | null } {
  const client = useClient();
  const [specs, setSpecs] = useState<readonly KindSpec[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    client.call('connections.kinds', {}).then(
      (k) => live && setSpecs(k),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [client]);
  return { specs, error };
}

/** A one-line description of where a connection points, without any secret. */
export function connectionSummary(c: Connection): string {
  const v = c.values;
  const parts = [v.accountId, v.baseUrl].filter((x) => typeof x === 'string' && x !== '');
  return parts.join(' · ');
}
