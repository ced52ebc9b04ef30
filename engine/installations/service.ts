import type { RunMode, RunRecord, ValidationIssue } from '../api/records';
import { validateWorkflow } from '../model/validate';
import { blockCatalog } from '../runtime/blocks/registry';
import type { UserVersion } from '../api/methods/installations';
import type { VersionRef } from '../api/methods/integrations';
import { PatchbayError } from '../errors/patchbay-error';
import { checkMappingNames } from '../model/bind-mappings';
import { diffWorkflows } from '../model/diff';
import { mergeWorkflows, resolveConflicts } from '../model/merge';
import type { MergeResult, Resolutions } from '../model/merge-schema';
import type { WorkflowDoc } from '../model/workflow';
import type { Runner } from '../runtime/runner';
import type { ServiceRegistry } from '../runtime/services';
import type { UserVersionRow } from '../storage/user-versions-repo';
import type { InstallationRow } from '../storage/installations-repo';
import { connectionVerifierKey } from './connection-verifier';
import { installationMappingSet } from './mapping-sets';
import { seedWatermarks } from './seed-watermarks';
import { uninstalledRunError } from './uninstalled-runs';
import { strandedBlocks } from './stranded';
import { stopBlockName, triggerType } from './triggers';
import { nowIso } from '../storage/db';
import type { Repos } from './repos';

/** Installs, user-specific versions and rebases: the story's steps 3 to 6. */
export class InstallationService {
  constructor(
    private readonly repos: Repos,
    private readonly runner: Runner,
    private readonly services: ServiceRegistry,
  ) {}

  async toUserVersion(row: UserVersionRow): Promise<UserVersion> {
    return { ...row, ancestorVersion: (await this.repos.integrations.getVersion(row.ancestorVersionId)).version };
  }

  private async activeInstallation(id: string): Promise<InstallationRow> {
    const row = await this.repos.installations.get(id);
    if (row.status === 'uninstalled') throw new PatchbayError('installation_uninstalled', `${row.customerName}'s installation was uninstalled; create a new installation to use it again.`);
    return row;
  }

  /** Checks every required connection: bound, of the right kind, and answering its test. */
  private async verifyConnections(row: InstallationRow): Promise<void> {
    const integration = await this.repos.integrations.get(row.integrationId);
    const bound = await this.repos.installations.connections(row.id);
    for (const required of integration.requiredConnections) {
      const connectionId = bound.get(required.key);
      if (!connectionId) throw new PatchbayError('connection_missing', `Connect "${required.label}" before installing.`, { key: required.key });
      const verifier = this.services.tryGet(connectionVerifierKey);
      if (!verifier) throw new PatchbayError('connection_failed', `"${required.label}" cannot be verified in this host.`, { key: required.key });
      const kind = await verifier.kindOf(connectionId);
      if (kind === undefined) throw new PatchbayError('connection_missing', `The connection chosen for "${required.label}" no longer exists; choose another.`, { key: required.key });
      if (kind !== required.kind) throw new PatchbayError('connection_failed', `"${required.label}" needs a ${required.kind} connection, not ${kind}.`, { key: required.key });
      const test = await verifier.test(connectionId);
      if (!test.ok) throw new PatchbayError('connection_failed', `"${required.label}" failed its test: ${test.message}`, { key: required.key });
    }
  }

  async install(id: string, releaseId: string | undefined, wait: boolean): Promise<{ installation: InstallationRow; runs: RunRecord[] }> {
    const row = await this.activeInstallation(id);
    const release = releaseId ? await this.repos.integrations.getRelease(releaseId) : await this.repos.integrations.latestRelease(row.integrationId);
    if (!release) throw new PatchbayError('no_release', 'Release the integration before installing it.');
    const pinned = await this.repos.integrations.getRelease(release.id);
    if (pinned.integrationId !== row.integrationId) throw new PatchbayError('bad_request', 'That release belongs to another integration.');
    await this.verifyConnections(row);
    // A first install leaves the installation configuring: nothing is scheduled until someone
    // activates it. Installing again (a newer release) keeps its lifecycle and never replays the
    // on-install triggers: the backfill ran once already (see upgrade.ts for the full upgrade).
    const firstInstall = row.status !== 'installed';
    // The row was read before the awaits above: a second Install (a double-click) may have
    // installed meanwhile, and must not run the on-install workflows again.
    const installed = await this.repos.installations.installIfUnchanged(row, pinned.id, row.activatedAt !== null && row.enabled);
    if (!installed) {
      throw new PatchbayError('already_on_release', `${row.customerName}'s installation was just installed or changed by another request, so nothing was changed or run. Open the installation again to see where it is.`,
        { version: pinned.version });
    }
    await this.repos.activity.record(id, 'installed', { version: pinned.version });
    const runs: RunRecord[] = [];
    for (const v of firstInstall ? pinned.versions : []) {
      // A customer's own version already here (imported with a bundle) has no Stop block to hold
      // it: while configuring it must not write live, so it waits for activation, which runs it.
      if (installed.activatedAt === null && await this.repos.userVersions.find(id, v.workflowId)) continue;
      const { doc } = await this.effectiveVersion(installed, v.workflowId);
      if (triggerType(doc) !== 'install') continue;
      runs.push(await this.runWorkflow(id, v.workflowId, { event: 'install', installationId: id }, 'live', wait));
    }
    return { installation: installed, runs };
  }

  async uninstall(id: string): Promise<InstallationRow> {
    const row = await this.repos.installations.get(id);
    const verifier = this.services.tryGet(connectionVerifierKey);
    // Only this customer's own credentials are erased; shared ones (the Demo sandbox, a vendor
    // API key used by every installation) stay for the others.
    for (const connectionId of await this.repos.installations.clearConnections(id)) {
      if (verifier && (await verifier.ownerOf(connectionId)) === id) await verifier.deleteSecrets(connectionId);
    }
    await this.repos.activity.record(id, 'uninstalled', {});
    const uninstalled = await this.repos.installations.update(row.id, { status: 'uninstalled', enabled: false });
    await this.cancelRunsOf(uninstalled);
    return uninstalled;
  }

  /**
   * Its runs still waiting or going stop now (on a queue worker too: it stops at the next item),
   * each saying how far it got. Not awaited: a step in flight may take its grace period to end.
   */
  private async cancelRunsOf(row: InstallationRow): Promise<void> {
    const going = [
      ...await this.repos.runs.search({ installationId: row.id, status: 'running', limit: 100_000 }),
      ...await this.repos.runs.search({ installationId: row.id, status: 'queued', limit: 100_000 }),
    ];
    for (const run of going) {
      void this.runner.cancelBecause(run.id, (succeeded) => uninstalledRunError(row.customerName, succeeded))
        .then(async (ended) => {
          if (ended.status === 'cancelled') await this.repos.activity.record(row.id, 'run_cancelled', { runId: run.id, reason: 'uninstalled', details: ended.error?.details ?? null });
        })
        // The engine closed first: the run resumes at the next start and the worker drops it then.
        .catch(() => undefined);
    }
  }

  /** The document this installation runs for a workflow: its user-specific version, else the pinned version. */
  async effectiveVersion(row: InstallationRow, workflowId: string): Promise<{ doc: WorkflowDoc; ref: string }> {
    const userVersion = await this.repos.userVersions.find(row.id, workflowId);
    if (userVersion) return { doc: userVersion.doc, ref: `userVersion:${userVersion.id}` };
    if (!row.releaseId) throw new PatchbayError('not_installed', 'Install this integration before running its workflows.');
    const version = await this.repos.integrations.versionIn(row.releaseId, workflowId);
    if (!version) throw new PatchbayError('not_found', 'That workflow is not part of the installed release; upgrade the installation to a release that has it.', { workflowId });
    return { doc: version.doc, ref: `version:${version.id}` };
  }

  /**
   * Refuses any run of an uninstalled installation. Configuring and paused installations still
   * take test syncs and manual runs: only schedules wait for activation (scheduled-jobs.ts).
   */
  assertRunnable(id: string, _mode: RunMode): Promise<InstallationRow> {
    return this.activeInstallation(id);
  }

  async runWorkflow(id: string, workflowId: string, input: unknown, mode: RunMode, wait: boolean, testLimit?: number): Promise<RunRecord> {
    const row = await this.assertRunnable(id, mode);
    const { doc, ref } = await this.effectiveVersion(row, workflowId);
    // A backfill held at its Stop block delivers nothing yet, so it moves no listener's start.
    if (mode === 'live' && triggerType(doc) === 'install' && stopBlockName(doc) === null) await this.seedListeners(row, workflowId);
    const mappings = await installationMappingSet(this.repos, row);
    const connections = Object.fromEntries(await this.repos.installations.connections(row.id));
    const { run, done } = await this.runner.start({
      doc, workflowId, input, mode, versionRef: ref, testRecordLimit: testLimit ?? null, mappings,
      installation: { id: row.id, customerName: row.customerName, config: row.config, connections },
    });
    return wait ? done : run;
  }

  /** A live backfill starts now: the installation's pollers that never polled start from here. */
  private async seedListeners(row: InstallationRow, backfillId: string): Promise<void> {
    if (!row.releaseId) return;
    const others = await Promise.all((await this.repos.integrations.getRelease(row.releaseId)).versions
      .filter((v) => v.workflowId !== backfillId)
      .map(async (v) => ({ workflowId: v.workflowId, doc: (await this.effectiveVersion(row, v.workflowId)).doc })));
    await seedWatermarks(this.repos.state, row.id, others, nowIso());
  }

  async createUserVersion(installationId: string, workflowId: string): Promise<UserVersionRow> {
    const row = await this.activeInstallation(installationId);
    if (await this.repos.userVersions.find(installationId, workflowId)) throw new PatchbayError('user_version_exists', 'This installation already has a user-specific version of that workflow; open it instead.');
    if (!row.releaseId) throw new PatchbayError('not_installed', 'Install a release before creating a user-specific version.');
    const version = await this.repos.integrations.versionIn(row.releaseId, workflowId);
    if (!version) throw new PatchbayError('not_found', 'That workflow is not part of the installed release; upgrade the installation to a release that has it.', { workflowId });
    const userVersion = await this.repos.userVersions.create(installationId, workflowId, version.id, version.doc);
    await this.repos.activity.record(installationId, 'user_version_created', { workflowId, name: version.name, fromVersion: version.version });
    return userVersion;
  }

  async saveUserVersion(id: string, baseRev: number, doc: WorkflowDoc): Promise<UserVersionRow> {
    const saved = await this.repos.userVersions.save(id, baseRev, doc);
    await this.repos.activity.record(saved.installationId, 'user_version_saved', { workflowId: saved.workflowId, rev: saved.rev });
    return saved;
  }

  async revertUserVersion(id: string): Promise<boolean> {
    const userVersion = await this.repos.userVersions.get(id);
    const deleted = await this.repos.userVersions.delete(id);
    await this.repos.activity.record(userVersion.installationId, 'user_version_reverted', { workflowId: userVersion.workflowId });
    return deleted;
  }

  async resolveRef(ref: VersionRef): Promise<WorkflowDoc> {
    if (ref.kind === 'version') return (await this.repos.integrations.getVersion(ref.id)).doc;
    if (ref.kind === 'userVersion') return (await this.repos.userVersions.get(ref.id)).doc;
    return (await this.repos.workflows.get(ref.workflowId)).doc;
  }

  async diffUserVersion(id: string) {
    const userVersion = await this.repos.userVersions.get(id);
    return diffWorkflows((await this.repos.integrations.getVersion(userVersion.ancestorVersionId)).doc, userVersion.doc);
  }

  /** The merge onto a release (default: the latest); nothing is written. */
  async rebasePreview(id: string, releaseId?: string): Promise<MergeResult & { targetVersionId: string; targetVersion: number; issues: ValidationIssue[] }> {
    const userVersion = await this.repos.userVersions.get(id);
    const ancestor = await this.repos.integrations.getVersion(userVersion.ancestorVersionId);
    const release = releaseId ? await this.repos.integrations.getRelease(releaseId) : await this.repos.integrations.latestRelease(ancestor.integrationId);
    if (!release) throw new PatchbayError('no_release', 'There is no release to rebase onto.');
    const target = await this.repos.integrations.versionIn(release.id, userVersion.workflowId);
    if (!target) throw new PatchbayError('not_found', 'The chosen release does not contain this workflow.');
    if (target.version < ancestor.version) throw new PatchbayError('rebase_backwards', `This version is based on v${ancestor.version}; it cannot be rebased onto the older v${target.version}.`);
    const result = mergeWorkflows({ ancestor: ancestor.doc, release: target.doc, customer: userVersion.doc });
    // Mapping names are checked against what the installation will have on that release.
    const installationMappings = await installationMappingSet(this.repos, await this.repos.installations.get(userVersion.installationId));
    const names = new Set([...(await this.repos.mappings.releasedIn(release.id)).map((m) => m.name), ...installationMappings.keys()]);
    const issues = [...validateWorkflow(result.merged, blockCatalog).issues, ...checkMappingNames(result.merged, names, blockCatalog)].filter((i) => i.severity === 'error');
    return { ...result, targetVersionId: target.id, targetVersion: target.version, issues };
  }

  /** `unconnected`: blocks the decided rebase brings back with nothing leading to them (stranded.ts). */
  async rebaseApply(id: string, targetVersionId: string, baseRev: number, resolutions: Resolutions): Promise<{ saved: UserVersionRow; unconnected: string[] }> {
    const target = await this.repos.integrations.getVersion(targetVersionId);
    const userVersion = await this.repos.userVersions.get(id);
    if (target.workflowId !== userVersion.workflowId) {
      throw new PatchbayError('bad_request', 'The chosen version belongs to another workflow; rebase onto a version of this one.', { targetVersionId });
    }
    const preview = await this.rebasePreview(id, target.releaseId);
    const doc = resolveConflicts(preview, resolutions);
    const saved = await this.repos.userVersions.save(id, baseRev, doc, preview.targetVersionId);
    const unconnected = strandedBlocks(userVersion.doc, doc);
    await this.repos.activity.record(saved.installationId, 'user_version_rebased', {
      workflowId: saved.workflowId, toVersion: target.version, conflictsResolved: preview.conflicts.length, ...(unconnected.length > 0 ? { unconnected: unconnected.join(', ') } : {}),
    });
    return { saved, unconnected };
  }
}
