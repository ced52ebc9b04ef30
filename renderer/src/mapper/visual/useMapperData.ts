import { useCallback, useEffect, useState } from 'react';
import type { MethodResult } from '../../../../engine/api';
import { errorMessage, type Transport } from '../../client';
import { pasteTooLarge } from '../../json/pasted';

// Where the mapper's two trees come from: the installation's connections (or, for a base mapping,
// the first saved connection of each kind), the NetSuite account's field list, Your App's schema,
// and sample records fetched on request. Each part fails on its own: a metadata call that fails
// still leaves the sample's fields, and nothing here ever touches the rules.

type SourceField = MethodResult<'mapping.sourceFields'>['fields'][number];
type TargetField = MethodResult<'mapping.targetFields'>['fields'][number];

export interface Part<T> {
  readonly data: T | null;
  readonly error: string | null;
  readonly loading: boolean;
}

const idle = { data: null, error: null, loading: false } as const;

export interface MapperConnections {
  readonly source: { id: string; name: string } | null;
  readonly target: { id: string; name: string } | null;
}

async function findConnections(client: Transport, installationId: string | null): Promise<MapperConnections> {
  const all = await client.call('connections.list', {});
  const named = (id: string | null | undefined) => {
    const c = all.find((x) => x.id === id);
    return c ? { id: c.id, name: c.name } : id ? { id, name: id } : null;
  };
  if (installationId) {
    const inst = await client.call('installations.get', { id: installationId });
    const of = (kind: string) => inst.connections.find((c) => c.kind === kind && c.connectionId)?.connectionId ?? null;
    return { source: named(of('netsuite')), target: named(of('your_app')) };
  }
  const first = (kind: string) => all.find((c) => c.kind === kind);
  const s = first('netsuite');
  const t = first('your_app');
  return { source: s ? { id: s.id, name: s.name } : null, target: t ? { id: t.id, name: t.name } : null };
}

export function useMapperData(client: Transport, installationId: string | null) {
  const [connections, setConnections] = useState<Part<MapperConnections>>({ ...idle, loading: true });
  const [sourceFields, setSourceFields] = useState<Part<readonly SourceField[]>>(idle);
  const [targetFields, setTargetFields] = useState<Part<readonly TargetField[]>>(idle);
  const [fetching, setFetching] = useState<Part<{ from: string }>>(idle);

  useEffect(() => {
    let live = true;
    findConnections(client, installationId).then(
      (c) => {
        if (!live) return;
        setConnections({ data: c, error: null, loading: false });
        if (c.source) {
          setSourceFields({ ...idle, loading: true });
          client.call('mapping.sourceFields', { connectionId: c.source.id }).then(
            (r) => live && setSourceFields({ data: r.fields, error: null, loading: false }),
            (e: unknown) => live && setSourceFields({ data: null, error: errorMessage(e), loading: false }),
          );
        }
        if (c.target) {
          setTargetFields({ ...idle, loading: true });
          client.call('mapping.targetFields', { connectionId: c.target.id }).then(
            (r) => live && setTargetFields({ data: r.fields, error: null, loading: false }),
            (e: unknown) => live && setTargetFields({ data: null, error: errorMessage(e), loading: false }),
          );
        }
      },
      (e: unknown) => live && setConnections({ data: null, error: errorMessage(e), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [client, installationId]);

  /** Fetches a few records from the source connection; resolves to them (or null on failure, with the error kept). */
  const fetchSamples = useCallback(async (limit = 5): Promise<unknown[] | null> => {
    const source = connections.data?.source;
    if (!source) return null;
    setFetching({ data: null, error: null, loading: true });
    try {
      const r = await client.call('mapping.sampleRecords', { connectionId: source.id, limit });
      setFetching({ data: { from: source.name }, error: null, loading: false });
      return r.records;
    } catch (e) {
      setFetching({ data: null, error: `Samples could not be fetched from ${source.name}: ${errorMessage(e)}`, loading: false });
      return null;
    }
  }, [client, connections.data]);

  /** Replaces the target fields with a pasted JSON Schema / OpenAPI document (kept only if it reads). */
  const applySchemaText = useCallback(async (text: string): Promise<string | null> => {
    const large = pasteTooLarge(text, 'The schema');
    if (large) return large;
    try {
      const r = await client.call('mapping.targetFields', { document: text });
      setTargetFields({ data: r.fields, error: null, loading: false });
      return null;
    } catch (e) {
      return errorMessage(e);
    }
  }, [client]);

  return { connections, sourceFields, targetFields, fetching, fetchSamples, useSchemaText: applySchemaText };
}
