import { useEffect, useState, type ReactNode } from 'react';
import { useClient } from '../client/context';
import { setBlockCatalog } from './blocks';

/**
 * Loads the block catalog from the engine before anything that draws blocks renders, so the
 * palette, handles, defaults and forms always match the engine the UI talks to.
 */
export function CatalogGate({ children }: { children: ReactNode }) {
  const client = useClient();
  const [state, setState] = useState<'loading' | 'ready' | string>('loading');
  useEffect(() => {
    let live = true;
    client.call('blocks.catalog', {}).then(
      (catalog) => {
        setBlockCatalog(catalog);
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
