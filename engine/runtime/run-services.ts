import { connectionStoreKey, type ResolvableConnection } from './blocks/http-request/connection-resolver';
import { netsuiteClientFactoryKey } from './blocks/netsuite/netsuite-shared';
import { responseBodyPolicyKey } from './hidden-bodies';
import type { NetSuiteClient } from '../connectors/netsuite/client';
import type { ServiceRegistry } from './services';

/**
 * The services one run sees: the engine's, with connections resolved once per run. Resolving
 * reads a row and decrypts its secrets; a backfill that posts 100,000 orders would otherwise do
 * that 100,000 times. A connection edited during a run (its credentials, or hiding its response
 * bodies) takes effect on the next run.
 */
export function runServices(engine: ServiceRegistry): ServiceRegistry {
  const services = engine.child();
  const store = engine.tryGet(connectionStoreKey);
  if (store) {
    const resolved = new Map<string, Promise<ResolvableConnection>>();
    services.provide(connectionStoreKey, {
      resolve(id) {
        let c = resolved.get(id);
        if (!c) {
          c = store.resolve(id);
          // A failed lookup (a deleted connection) is not remembered: the next step reports it again.
          c.catch(() => resolved.delete(id));
          resolved.set(id, c);
        }
        return c;
      },
    });
  }
  const policy = engine.tryGet(responseBodyPolicyKey);
  if (policy) {
    // Asked by every step that uses a connection: read once per run, like the connections.
    let hiding: Promise<ReadonlySet<string>> | null = null;
    services.provide(responseBodyPolicyKey, {
      hidingResponseBodies() {
        if (!hiding) {
          hiding = policy.hidingResponseBodies();
          hiding.catch(() => (hiding = null));
        }
        return hiding;
      },
    });
  }
  const factory = engine.tryGet(netsuiteClientFactoryKey);
  if (factory) {
    const clients = new Map<string, Promise<NetSuiteClient>>();
    services.provide(netsuiteClientFactoryKey, (id) => {
      let c = clients.get(id);
      if (!c) {
        c = factory(id);
        // A failed lookup (a deleted connection) is not remembered: the next step reports it again.
        c.catch(() => clients.delete(id));
        clients.set(id, c);
      }
      return c;
    });
  }
  return services;
}
