import type { ActivityRepo } from '../storage/activity-repo';
import type { UserVersionsRepo } from '../storage/user-versions-repo';
import type { GoldenRepo } from '../storage/golden-repo';
import type { InstallationMappingsRepo } from '../storage/installation-mappings-repo';
import type { MappingsRepo } from '../storage/mappings-repo';
import type { InstallationsRepo } from '../storage/installations-repo';
import type { IntegrationsRepo } from '../storage/integrations-repo';
import type { RunsRepo } from '../storage/runs-repo';
import type { StateRepo } from '../storage/state-repo';
import type { WorkflowsRepo } from '../storage/workflows-repo';

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
