import { useEffect, useState, type ReactNode } from 'react';
import { useClient } from '../client/context';
import { setBlockCatalog } from './blocks';
import { setConnectionKinds } from './connectionKinds';

/**
 * Loads the block catalog and the connector kinds from the engine before anything renders, so
 * the palette, handles, defaults, forms and connection pickers always match the engine.
 */
export function CatalogGate({ children }: { children: ReactNode }) {
  const client = useClient();
  const [state, setState] = useState<'loading' | 'ready' | string>('loading');
  useEffect(() => {
    let live = true;
    Promise.all([client.call('blocks.catalog', {}), client.call('connections.kinds', {})]).then(
      ([catalog, kinds]) => {
        setBlockCatalog(catalog);
        setConnectionKinds(kinds);
        if (live) setState('ready');
      },
      (e: unknown) => live && setState(`The engine did not send its block catalog: ${e instanceof Error ? e.message : String(e)}. Reload to try again.`),
    );
    return () => {
      live = false;
    };
  }, [client]);
  if (state === 'ready') return <>{children}</>;
  if (state === 'loading') return <div className="page-message">Loading…</div>;
  return <div className="page-message" role="alert">{state}</div>;
}
