import type { ConnectionVerifier } from '../installations/connection-verifier';
import type { ConnectionStore } from './store';
import { testConnection } from './test-connection';

// What installations ask of connections (kind, owner, a test, forgetting secrets), over one
// ConnectionStore. The host provides it as a service.

export function connectionVerifier(store: ConnectionStore): ConnectionVerifier {
  return {
    kindOf: (id) => store.kindOf(id),
    ownerOf: async (id) => ((await store.kindOf(id)) === undefined ? null : (await store.get(id)).installationId),
    test: async (id) => {
      const r = await testConnection(store, { id });
      return { ok: r.ok, message: r.message };
    },
    deleteSecrets: (id) => store.deleteSecrets(id),
  };
}
