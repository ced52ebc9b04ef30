import { PatchbayError } from '../errors/patchbay-error';
import type { NetSuiteClient } from '../connectors/netsuite/client';
import { netsuiteClientFor } from '../connectors/netsuite/connector';
import type { NetSuiteClientOptions } from '../connectors/netsuite/types';
import type { NetSuiteClientFactory } from '../runtime/blocks/netsuite/netsuite-shared';
import type { ConnectionStore } from './store';

/**
 * Builds NetSuite clients from saved connections. Clients are reused while the connection is
 * unchanged, so the custom-field cache survives across runs; the per-account concurrency limiter
 * is shared regardless (it is keyed by account).
 */
export function createNetSuiteClientFactory(store: ConnectionStore, opts: NetSuiteClientOptions = {}): NetSuiteClientFactory {
  const cache = new Map<string, { updatedAt: string; client: NetSuiteClient }>();
  return async (connectionId: string) => {
    const c = await store.resolve(connectionId);
    if (c.kind !== 'netsuite') {
      throw new PatchbayError('invalid_config', `Connection "${c.name}" is a ${c.kind} connection; choose a NetSuite connection.`);
    }
    const hit = cache.get(connectionId);
    if (hit && hit.updatedAt === c.updatedAt) return hit.client;
    const client = netsuiteClientFor(c.values, opts);
    cache.set(connectionId, { updatedAt: c.updatedAt, client });
    return client;
  };
}
