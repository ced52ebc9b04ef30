import { createContext, useContext, type ReactNode } from 'react';
import type { Transport } from './types';

const ClientContext = createContext<Transport | null>(null);

export function ClientProvider({ client, children }: { client: Transport; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): Transport {
  const c = useContext(ClientContext);
  if (!c) throw new Error('useClient outside <ClientProvider>');
  return c;
}
