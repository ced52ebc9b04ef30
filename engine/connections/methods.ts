import { connectionFields, connectionKindSchema, type Connection, type ConnectionFieldSpec, type ConnectionKind, type ConnectionTestResult, type SaveConnectionArgs } from '../api/methods/connections';
import type { ConnectionVerifier } from '../installations/connection-verifier';
import type { ConnectionStore } from './store';
import { testConnection, type TestConnectionArgs } from './test-connection';

// Implementations of the `connections.*` contract methods and of the installations'
// ConnectionVerifier, over one ConnectionStore. The host wires these into dispatch/services.

export function connectionHandlers(store: ConnectionStore) {
  return {
    'connections.kinds': async (): Promise<Array<{ kind: ConnectionKind; fields: ConnectionFieldSpec[] }>> =>
      connectionKindSchema.options.map((kind) => ({ kind, fields: [...connectionFields[kind]] })),
    'connections.list': async (args: { installationId?: string | undefined }): Promise<Connection[]> => store.list(args),
    'connections.get': async (args: { id: string }): Promise<Connection> => store.get(args.id),
    'connections.save': async (args: SaveConnectionArgs): Promise<Connection> => store.save(args),
    'connections.hideResponseBodies': async (args: { id: string; hide: boolean }): Promise<Connection> => store.setHideResponseBodies(args.id, args.hide),
    'connections.delete': async (args: { id: string }): Promise<{ deleted: boolean }> => ({ deleted: store.delete(args.id) }),
    'connections.test': async (args: TestConnectionArgs): Promise<ConnectionTestResult> => testConnection(store, args),
  };
}

export function connectionVerifier(store: ConnectionStore): ConnectionVerifier {
  return {
    kindOf: (id) => store.kindOf(id),
    ownerOf: (id) => (store.kindOf(id) === undefined ? null : store.get(id).installationId),
    test: async (id) => {
      const r = await testConnection(store, { id });
      return { ok: r.ok, message: r.message };
    },
    deleteSecrets: (id) => store.deleteSecrets(id),
  };
}
