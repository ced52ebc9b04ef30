import type { Kysely } from 'kysely';
import { connectionVerifier, createNetSuiteClientFactory, ConnectionStore } from '../connections';
import { connectionVerifierKey } from '../installations/connection-verifier';
import { connectionStoreKey } from '../runtime/blocks/http-request/connection-resolver';
import { netsuiteClientFactoryKey } from '../runtime/blocks/netsuite/netsuite-shared';
import { ownWritesInState, ownWritesKey } from '../runtime/blocks/netsuite/own-writes';
import { sandboxServiceKey } from '../runtime/blocks/custom-code/sandbox-service';
import type { EventBus } from '../runtime/event-bus';
import { responseBodyPolicyKey } from '../runtime/hidden-bodies';
import { LocalExecutor } from '../runtime/local-executor';
import type { RunLimits } from '../runtime/run-budget';
import { ServiceRegistry } from '../runtime/services';
import { createSandbox } from '../sandbox/sandbox';
import type { Sandbox } from '../sandbox/types';
import type { SecretBox } from '../secrets/envelope';
import { CheckpointsRepo } from '../storage/checkpoints-repo';
import { InstallationsRepo } from '../storage/installations-repo';
import { LoopItemsRepo } from '../storage/loop-items-repo';
import { RunsRepo } from '../storage/runs-repo';
import { StateRepo } from '../storage/state-repo';
import type { Tables } from '../storage/tables';
import type { RetryWhileUnavailable } from '../storage/waiting-pool';
import { SecretRedactor } from './secret-redactor';

// The services blocks reach and the executor that runs them, built the same way on the host's
// thread (createEngine) and in each run worker (run-workers/worker-main.ts), each on its own
// database connection.

export interface CoreServices {
  readonly services: ServiceRegistry;
  readonly connections: ConnectionStore;
  readonly secrets: SecretRedactor;
  readonly sandbox: Sandbox;
}

export function coreServices(database: Kysely<Tables>, box: SecretBox): CoreServices {
  const services = new ServiceRegistry();
  const connections = new ConnectionStore(database, box);
  services.provide(connectionStoreKey, connections);
  services.provide(responseBodyPolicyKey, connections);
  services.provide(connectionVerifierKey, connectionVerifier(connections));
  services.provide(netsuiteClientFactoryKey, createNetSuiteClientFactory(connections));
  services.provide(ownWritesKey, ownWritesInState(new StateRepo(database)));
  const sandbox = createSandbox();
  services.provide(sandboxServiceKey, sandbox);
  return { services, connections, secrets: new SecretRedactor(connections), sandbox };
}

/**
 * Executes runs on the calling thread, from what `database` holds. `retryWhileUnavailable`: the
 * database waits for a server that went away (a run thread on PostgreSQL), and the journal
 * repeats a transaction lost with it.
 */
export function localExecutor(database: Kysely<Tables>, core: CoreServices, events: EventBus, limits?: Partial<RunLimits>, retryWhileUnavailable?: RetryWhileUnavailable | null): LocalExecutor {
  const installations = new InstallationsRepo(database);
  return new LocalExecutor({
    runs: new RunsRepo(database), state: new StateRepo(database), checkpoints: new CheckpointsRepo(database), loopItems: new LoopItemsRepo(database),
    events, services: core.services, redaction: () => core.secrets.redactor(), ...(limits ? { limits } : {}),
    ...(retryWhileUnavailable ? { retryWhileUnavailable } : {}),
    installationInfo: async (id) => {
      const row = await installations.get(id);
      return { id: row.id, customerName: row.customerName, config: row.config, connections: Object.fromEntries(await installations.connections(id)) };
    },
  });
}
