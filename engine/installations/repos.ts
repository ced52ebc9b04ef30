import type { Kysely } from 'kysely';
import { ActivityRepo } from '../storage/activity-repo';
import { UserVersionsRepo } from '../storage/user-versions-repo';
import { GoldenRepo } from '../storage/golden-repo';
import { InstallationMappingsRepo } from '../storage/installation-mappings-repo';
import { MappingsRepo } from '../storage/mappings-repo';
import { InstallationsRepo } from '../storage/installations-repo';
import { IntegrationsRepo } from '../storage/integrations-repo';
import type { RunsRepo } from '../storage/runs-repo';
import type { StateRepo } from '../storage/state-repo';
import { atomically } from '../storage/atomically';
import type { Tables } from '../storage/tables';
import { WorkflowsRepo } from '../storage/workflows-repo';

export interface Repos {
  readonly workflows: WorkflowsRepo;
  readonly integrations: IntegrationsRepo;
  readonly installations: InstallationsRepo;
  readonly userVersions: UserVersionsRepo;
  readonly activity: ActivityRepo;
  readonly runs: RunsRepo;
  /** Shared mappings (drafts and released) and installations' user-specific versions of them. */
  readonly mappings: MappingsRepo;
  readonly installationMappings: InstallationMappingsRepo;
  /** Golden records kept per installation and workflow (regression before upgrades). */
  readonly golden: GoldenRepo;
  /** Workflow state per installation (poll watermarks), seeded when a backfill starts. */
  readonly state: StateRepo;
}

/**
 * The repositories on the Kysely query builder, built on `k` (the engine's database, or a
 * transaction so everything written through them commits together). Runs and state keep theirs.
 */
export function designRepos(k: Kysely<Tables>, actor: string): Omit<Repos, 'runs' | 'state'> {
  return {
    workflows: new WorkflowsRepo(k), integrations: new IntegrationsRepo(k), installations: new InstallationsRepo(k), userVersions: new UserVersionsRepo(k),
    activity: new ActivityRepo(k, actor), mappings: new MappingsRepo(k), installationMappings: new InstallationMappingsRepo(k), golden: new GoldenRepo(k),
  };
}

/** Runs `work` in one transaction (the caller's, when `database` is one), with the repositories above on it. */
export function inTransaction<T>(database: Kysely<Tables>, repos: Repos, work: (repos: Repos, trx: Kysely<Tables>) => Promise<T>): Promise<T> {
  return atomically(database, (trx) => work({ ...repos, ...designRepos(trx, repos.activity.fallbackActor) }, trx));
}
