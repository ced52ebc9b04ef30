import type { InstallationService } from '../installations/service';
import type { LifecycleService } from '../installations/lifecycle';
import type { UpgradeService } from '../installations/upgrade';
import type { Repos } from '../installations/repos';
import type { DemoSandbox } from '../connections/demo-sandbox';
import type { ConnectionStore } from '../connections/store';
import type { Kysely } from 'kysely';
import type { Tables } from '../storage/tables';
import type { SecretRedactor } from './secret-redactor';
import type { ApiKeys } from './auth/api-keys';
import type { Users } from './auth/users';
import type { SecretBox } from '../secrets/envelope';
import type { RunsRepo } from '../storage/runs-repo';
import type { WorkflowsRepo } from '../storage/workflows-repo';
import type { EventBus } from '../runtime/event-bus';
import type { Runner } from '../runtime/runner';
import type { ServiceRegistry } from '../runtime/services';

/** Everything a method handler may use; built once by createEngine. */
export interface EngineContext {
  readonly dataDir: string;
  /** The engine's database (SQLite or PostgreSQL) through the query builder both dialects speak. */
  readonly database: Kysely<Tables>;
  readonly workflows: WorkflowsRepo;
  readonly runs: RunsRepo;
  readonly runner: Runner;
  readonly events: EventBus;
  readonly services: ServiceRegistry;
  readonly repos: Repos;
  readonly installations: InstallationService;
  readonly lifecycle: LifecycleService;
  readonly upgrades: UpgradeService;
  readonly connections: ConnectionStore;
  readonly secrets: SecretRedactor;
  /** The built-in Demo sandbox (simulators on loopback), when this host started it. */
  readonly demo: DemoSandbox | null;
  /** API keys (and the browser sessions signed in with them) for `--auth api-keys`. */
  readonly apiKeys: ApiKeys;
  /** Users with passwords and roles, and their browser sessions, for `--auth api-keys`. */
  readonly users: Users;
  /** The master key's box, for secrets kept outside connections (a server's API key in Settings › Servers). */
  readonly box: SecretBox;
}
