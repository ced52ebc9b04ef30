import type { ActivationPreview, ActivationProblem, Lifecycle } from '../api/methods/lifecycle';
import type { RunRecord } from '../api/records';
import { PatchbayError } from '../errors/patchbay-error';
import { nowIso } from '../storage/db';
import type { InstallationRow } from '../storage/installations-repo';
import type { ServiceRegistry } from '../runtime/services';
import { connectionVerifierKey } from './connection-verifier';
import type { Repos } from './repos';
import type { Kysely } from 'kysely';
import type { Tables } from '../storage/tables';
import { backfillCompletedElsewhere } from '../publish/state';
import type { InstallationService } from './service';
import { describeSchedule, stopBlockName, triggerOf } from './triggers';
import { heldBackfillProblem, workflowProblems } from './workflow-problems';

/** Configuring until first activated; then `enabled` says whether schedules fire. */
export function lifecycleOf(row: InstallationRow): Lifecycle {
  if (row.status !== 'installed' || row.activatedAt === null) return 'configuring';
  return row.enabled ? 'active' : 'paused';
}

/**
 * Activation and pause. Activation is where an installation starts doing things on its own, so it
 * checks first (connections answer, no user-specific version left behind by an upgrade, no
 * backfill still held by its Stop block, every effective workflow able to do its job) and says
 * what will start.
 */
export class LifecycleService {
  constructor(
    private readonly repos: Repos,
    private readonly installations: InstallationService,
    private readonly services: ServiceRegistry,
    private readonly database: Kysely<Tables>,
  ) {}

  private async connectionProblems(row: InstallationRow): Promise<ActivationProblem[]> {
    const integration = await this.repos.integrations.get(row.integrationId);
    const bound = await this.repos.installations.connections(row.id);
    const verifier = this.services.tryGet(connectionVerifierKey);
    const problems: ActivationProblem[] = [];
    for (const required of integration.requiredConnections) {
      const connectionId = bound.get(required.key);
      const problem = (message: string) => problems.push({ kind: 'connection', message, connectionKey: required.key });
      if (!connectionId) {
        problem(`Choose a connection for "${required.label}".`);
        continue;
      }
      const kind = await verifier?.kindOf(connectionId);
      if (!verifier || kind === undefined) {
        problem(`The connection chosen for "${required.label}" no longer exists; choose another.`);
        continue;
      }
      if (kind !== required.kind) {
        problem(`"${required.label}" needs a ${required.kind} connection; choose one.`);
        continue;
      }
      const test = await verifier.test(connectionId);
      if (!test.ok) problem(`"${required.label}" failed its test (${test.message}); fix its credentials on the Connections page, then activate.`);
    }
    return problems;
  }

  /** User-specific versions (workflows and mappings) still based on an older release than the installation's. */
  private async rebaseProblems(row: InstallationRow): Promise<ActivationProblem[]> {
    if (!row.releaseId) return [];
    const pinned = await this.repos.integrations.getRelease(row.releaseId);
    const mappings = (await Promise.all((await this.repos.installationMappings.listForInstallation(row.id)).map(async (custom) => {
      const ancestor = await this.repos.mappings.getReleased(custom.ancestorId);
      if (ancestor.version >= pinned.version) return [];
      return [{
        kind: 'rebase' as const,
        message: `The customer's mapping "${custom.doc.name}" is still based on v${ancestor.version} while the installation is on v${pinned.version}: rebase it (decide its rule conflicts), then activate.`,
      }];
    }))).flat();
    const userVersions = (await Promise.all((await this.repos.userVersions.listForInstallation(row.id)).map(async (userVersion) => {
      const ancestor = await this.repos.integrations.getVersion(userVersion.ancestorVersionId);
      if (ancestor.version >= pinned.version) return [];
      return [{
        kind: 'rebase' as const, workflowId: userVersion.workflowId,
        message: `"${ancestor.name}" is still based on v${ancestor.version} while the installation is on v${pinned.version}: rebase it (decide its conflicts), then activate.`,
      }];
    }))).flat();
    return [...mappings, ...userVersions];
  }

  async preview(id: string): Promise<ActivationPreview> {
    const row = await this.repos.installations.get(id);
    const problems: ActivationProblem[] = [];
    if (row.status !== 'installed' || !row.releaseId) {
      problems.push({ kind: 'not_installed', message: await this.notInstalledMessage(row) });
      return { lifecycle: lifecycleOf(row), ready: false, problems, schedules: [], backfills: [] };
    }
    problems.push(...(await this.connectionProblems(row)), ...(await this.rebaseProblems(row)));
    const schedules: ActivationPreview['schedules'] = [];
    const backfills: ActivationPreview['backfills'] = [];
    for (const v of (await this.repos.integrations.getRelease(row.releaseId)).versions) {
      const { doc } = await this.installations.effectiveVersion(row, v.workflowId);
      problems.push(...workflowProblems(v.workflowId, v.name, doc));
      const trigger = triggerOf(doc);
      if (trigger?.type === 'schedule') schedules.push({ workflowId: v.workflowId, name: v.name, every: describeSchedule(trigger) });
      if (trigger?.type === 'install' && !(await this.backfillDone(row.id, v.workflowId))) {
        const heldBy = stopBlockName(doc);
        // Held, the backfill seeds no listener's watermark (service.ts), so the first poll after
        // activation would send every historical order through a mapping nobody agreed.
        if (heldBy) problems.push(heldBackfillProblem(v.workflowId, v.name, heldBy));
        backfills.push({ workflowId: v.workflowId, name: v.name, heldBy });
      }
    }
    return { lifecycle: lifecycleOf(row), ready: problems.length === 0, problems, schedules, backfills };
  }

  /** An imported installation arrives with its release pinned but not installed: say what is left. */
  private async notInstalledMessage(row: InstallationRow): Promise<string> {
    if (row.status === 'uninstalled') return 'This installation was uninstalled; install a release again to use it.';
    if (!row.releaseId) return 'Install a release first.';
    const pinned = await this.repos.integrations.getRelease(row.releaseId);
    return `v${pinned.version} is chosen but not installed yet: choose its connections, then press Install.`;
  }

  /**
   * A backfill is done once a live run of it succeeded, however many test syncs came after; one
   * that stopped or failed runs again. One published from a desktop where it was done stays done here.
   */
  private async backfillDone(installationId: string, workflowId: string): Promise<boolean> {
    return (await this.repos.runs.hasSucceededLive(installationId, workflowId)) || backfillCompletedElsewhere(this.database, installationId, workflowId);
  }

  async activate(id: string, wait: boolean): Promise<{ installation: InstallationRow; runs: RunRecord[] }> {
    const preview = await this.preview(id);
    if (!preview.ready) {
      throw new PatchbayError('activation_refused', `Not activated. ${preview.problems.map((p) => p.message).join(' ')}`, { problems: preview.problems });
    }
    const row = await this.repos.installations.get(id);
    const activated = await this.repos.installations.update(id, { enabled: true, activatedAt: row.activatedAt ?? nowIso() });
    await this.repos.activity.record(id, 'activated', {
      schedules: preview.schedules.map((s) => `${s.name} (${s.every})`).join('; ') || 'none',
      backfills: preview.backfills.map((b) => b.name).join('; ') || 'none',
    });
    const runs: RunRecord[] = [];
    for (const b of preview.backfills) {
      // A backfill someone already started by hand is the one that runs: a second would be refused.
      const running = await this.repos.runs.liveInProgress(id, b.workflowId);
      runs.push(running ?? await this.installations.runWorkflow(id, b.workflowId, { event: 'activate', installationId: id }, 'live', wait));
    }
    return { installation: activated, runs };
  }

  async pause(id: string): Promise<InstallationRow> {
    const row = await this.repos.installations.get(id);
    if (lifecycleOf(row) !== 'active') throw new PatchbayError('not_active', `${row.customerName}'s installation is not active, so there is nothing to pause.`);
    const paused = await this.repos.installations.update(id, { enabled: false });
    await this.repos.activity.record(id, 'paused', {});
    return paused;
  }
}
