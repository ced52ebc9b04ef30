import type { UpgradeMapping, UpgradePreview, UpgradeWorkflow } from '../api/methods/lifecycle';
import type { RunRecord } from '../api/records';
import { isPatchbayError, PatchbayError } from '../errors/patchbay-error';
import { deepEqual } from '../model/json-value';
import { mergeWorkflows, resolveConflicts } from '../model/merge';
import type { Resolutions } from '../model/merge-schema';
import type { WorkflowDoc } from '../model/workflow';
import type { Kysely } from 'kysely';
import type { Tables } from '../storage/tables';
import type { InstallationRow } from '../storage/installations-repo';
import { inTransaction, type Repos } from './repos';
import type { InstallationService } from './service';
import { strandedNote } from '../shared/stranded-note';
import { strandedBlocks } from './stranded';
import { triggerType } from './triggers';
import { applyMappings, mappingResolutionKey, planMappings, publicMapping } from './upgrade-mappings';

interface Planned extends UpgradeWorkflow {
  /** What the installation runs after the upgrade; for a user-specific version, its new document. */
  readonly after: WorkflowDoc;
  readonly userVersionId: string | null;
  readonly userVersionRev: number;
  readonly userVersionAncestorId: string | null;
  readonly targetVersionId: string;
  readonly unconnected: string[];
}

const messages: Record<UpgradeWorkflow['plan'], string> = {
  unchanged: 'Unchanged in this release.',
  fast_forward: 'Moves to the new base version.',
  rebase_clean: "The customer's version is rebased: base changes merge with the customer's without conflicts.",
  rebase_conflicts: "The customer's version and the new base changed the same settings: decide each conflict.",
  added: 'New in this release.',
};

/**
 * One action that moves an installation to a newer release: every workflow's plan first, then all
 * of it in one transaction, so the installation's release and its workflows never disagree.
 */
export class UpgradeService {
  constructor(
    private readonly database: Kysely<Tables>,
    private readonly repos: Repos,
    private readonly installations: InstallationService,
  ) {}

  private async target(row: InstallationRow, releaseId: string | undefined) {
    const release = releaseId ? await this.repos.integrations.getRelease(releaseId) : await this.repos.integrations.latestRelease(row.integrationId);
    if (!release) throw new PatchbayError('no_release', 'Release the integration before upgrading installations.');
    const full = await this.repos.integrations.getRelease(release.id);
    if (full.integrationId !== row.integrationId) throw new PatchbayError('bad_request', 'That release belongs to another integration.');
    return full;
  }

  private async plan(row: InstallationRow, releaseId: string | undefined, resolutions: Readonly<Record<string, Resolutions>>) {
    if (row.status !== 'installed' || !row.releaseId) throw new PatchbayError('not_installed', 'Install the integration before upgrading it.');
    const from = await this.repos.integrations.getRelease(row.releaseId);
    const to = await this.target(row, releaseId);
    if (to.version < from.version) throw new PatchbayError('rebase_backwards', `The installation is on v${from.version}; it cannot move back to v${to.version}.`);
    const planned: Planned[] = await Promise.all(to.versions.map(async (listed): Promise<Planned> => {
      const v = await this.repos.integrations.getVersion(listed.id);
      const userVersion = await this.repos.userVersions.find(row.id, v.workflowId);
      const base = { workflowId: v.workflowId, name: v.name, targetVersionId: v.id, userVersionId: userVersion?.id ?? null, userVersionRev: userVersion?.rev ?? 0, userVersionAncestorId: userVersion?.ancestorVersionId ?? null, customised: userVersion !== undefined, conflicts: 0, unconnected: [] };
      const current = await this.repos.integrations.versionIn(from.id, v.workflowId);
      if (!userVersion) {
        const plan = !current ? 'added' : deepEqual(current.doc, v.doc) ? 'unchanged' : 'fast_forward';
        return { ...base, plan, message: messages[plan], after: v.doc };
      }
      const ancestor = await this.repos.integrations.getVersion(userVersion.ancestorVersionId);
      // Base did not change since the user-specific version's ancestor (or it was rebased already): the user-specific version stays as is.
      if (ancestor.id === v.id || deepEqual(ancestor.doc, v.doc)) return { ...base, plan: 'unchanged', message: messages.unchanged, after: userVersion.doc };
      const merge = mergeWorkflows({ ancestor: ancestor.doc, release: v.doc, customer: userVersion.doc });
      const decided = merge.conflicts.length > 0 ? resolutions[v.workflowId] : undefined;
      const after = decided ? resolveConflicts(merge, decided) : merge.merged;
      const unconnected = strandedBlocks(userVersion.doc, after);
      const note = unconnected.length > 0 ? ` ${strandedNote(unconnected, v.version)}` : '';
      if (merge.conflicts.length === 0) return { ...base, plan: 'rebase_clean', message: `${messages.rebase_clean}${note}`, after, unconnected };
      const message = `${merge.conflicts.length} conflict${merge.conflicts.length === 1 ? '' : 's'}: ${decided ? 'decided.' : messages.rebase_conflicts}${note}`;
      return { ...base, plan: 'rebase_conflicts', conflicts: merge.conflicts.length, message, after, unconnected };
    }));
    return { from, to, planned, mappings: await planMappings(this.repos, row.id, from.id, to.id, resolutions) };
  }

  async preview(id: string, releaseId?: string): Promise<Omit<UpgradePreview, 'regression'>> {
    const row = await this.repos.installations.get(id);
    const { from, to, planned, mappings } = await this.plan(row, releaseId, {});
    return {
      fromVersion: from.version, toVersion: to.version, releaseId: to.id,
      workflows: planned.map(publicView),
      mappings: mappings.map(publicMapping),
      willRun: planned.filter((p) => triggerType(p.after) === 'upgrade').map((p) => ({ workflowId: p.workflowId, name: p.name })),
      blocked: planned.some((p) => p.plan === 'rebase_conflicts') || mappings.some((m) => m.plan === 'rebase_conflicts'),
    };
  }

  /**
   * `runOnUpgrade: false` moves the installation without starting its on-upgrade workflows: it runs
   * elsewhere (published to a server), or the caller starts them once its transaction is committed.
   */
  async apply(id: string, releaseId: string | undefined, resolutions: Readonly<Record<string, Resolutions>>, wait: boolean, opts: { readonly runOnUpgrade?: boolean } = {}): Promise<{ installation: InstallationRow; workflows: UpgradeWorkflow[]; mappings: UpgradeMapping[]; runs: RunRecord[] }> {
    const row = await this.repos.installations.get(id);
    const { from, to, planned, mappings } = await this.plan(row, releaseId, resolutions);
    // A second click on a stale "Upgrade" (or a repeated call) must not run the on-upgrade workflows again.
    if (to.id === row.releaseId && [...planned, ...mappings].every((p) => p.plan === 'unchanged')) {
      throw new PatchbayError('already_on_release', `${row.customerName} is already on v${to.version}: there is nothing to upgrade, so nothing was changed or run. To run an on-upgrade workflow again, run it from the installation's workflows.`,
        { version: to.version });
    }
    const unrunnable = mappings.find((m) => m.problems.length > 0);
    if (unrunnable) {
      throw new PatchbayError('upgrade_conflicts', `Not upgraded: after the merge the mapping "${unrunnable.name}" would not run (${unrunnable.problems[0]}). Rebase it on the installation page and fix the rule, then upgrade.`,
        { undecided: [mappingResolutionKey(unrunnable.mappingId)] });
    }
    const undecided = [
      ...planned.filter((p) => p.plan === 'rebase_conflicts' && !resolutions[p.workflowId]).map((p) => ({ key: p.workflowId, label: `"${p.name}"`, conflicts: p.conflicts })),
      ...mappings.filter((m) => m.plan === 'rebase_conflicts' && !resolutions[mappingResolutionKey(m.mappingId)])
        .map((m) => ({ key: mappingResolutionKey(m.mappingId), label: `the mapping "${m.name}"`, conflicts: m.conflicts })),
    ];
    if (undecided.length > 0) {
      throw new PatchbayError('upgrade_conflicts', `Not upgraded: ${undecided.map((p) => `${p.label} has ${p.conflicts} conflict${p.conflicts === 1 ? '' : 's'} with v${to.version}`).join('; ')}. Rebase ${undecided.length === 1 ? 'it' : 'them'} and decide each conflict, then upgrade.`,
        { undecided: undecided.map((p) => p.key) });
    }
    // The user-specific version rewrites (with their rev checks) and the new pin land together or not at all.
    const installation = await inTransaction(this.database, this.repos, async (repos) => {
      for (const p of planned) {
        if (p.userVersionId && p.userVersionAncestorId !== p.targetVersionId) await repos.userVersions.save(p.userVersionId, p.userVersionRev, p.after, p.targetVersionId);
      }
      await applyMappings(repos, mappings);
      // Read before the awaits above: a second Upgrade (a double-click) may have moved it meanwhile,
      // and must neither record the upgrade again nor run the on-upgrade workflows twice.
      const pinned = await repos.installations.pinIfUnchanged(id, row.releaseId, to.id);
      if (!pinned) {
        throw new PatchbayError('already_on_release', `${row.customerName}'s installation was just upgraded or changed by another request, so nothing was changed or run. Open the installation again to see where it is.`,
          { version: to.version });
      }
      return pinned;
    });
    await this.repos.activity.record(id, 'upgraded', {
      from: from.version, to: to.version,
      workflows: planned.filter((p) => p.plan !== 'unchanged').map((p) => `${p.name}: ${p.plan.replace('_', ' ')}`).join('; ') || 'none changed',
      ...(planned.some((p) => p.unconnected.length > 0) ? { unconnected: planned.filter((p) => p.unconnected.length > 0).map((p) => `${p.name}: ${p.unconnected.join(', ')}`).join('; ') } : {}),
    });
    const runs = opts.runOnUpgrade === false ? [] : await this.runOnUpgrade(id, from.version, to.version, wait);
    return { installation, workflows: planned.map(publicView), mappings: mappings.map(publicMapping), runs };
  }

  /** Starts the installation's on-upgrade workflows (only those: an upgrade never replays the on-install backfill). */
  async runOnUpgrade(id: string, fromVersion: number, toVersion: number, wait: boolean): Promise<RunRecord[]> {
    const row = await this.repos.installations.get(id);
    if (!row.releaseId) return [];
    const runs: RunRecord[] = [];
    const busy: PatchbayError[] = [];
    for (const v of (await this.repos.integrations.getRelease(row.releaseId)).versions) {
      if (triggerType((await this.installations.effectiveVersion(row, v.workflowId)).doc) !== 'upgrade') continue;
      try {
        runs.push(await this.installations.runWorkflow(id, v.workflowId, { event: 'upgrade', installationId: id, fromVersion, toVersion }, 'live', wait));
      } catch (e) {
        // A live run of it is still going (a manual run, an earlier upgrade's): one at a time.
        if (!isPatchbayError(e) || e.code !== 'run_in_progress') throw e;
        busy.push(e);
      }
    }
    // The upgrade itself is done and stays: say so, and which on-upgrade runs the user still has to start.
    if (busy.length > 0) {
      throw new PatchbayError('upgrade_run_not_started', `Upgraded to v${toVersion}, but not everything ran on upgrade: ${busy.map((e) => e.message).join(' ')}`,
        { upgradedTo: toVersion, notStarted: busy.map((e) => e.details), started: runs.map((r) => r.id) });
    }
    return runs;
  }
}

function publicView(p: Planned): UpgradeWorkflow {
  const view = { workflowId: p.workflowId, name: p.name, plan: p.plan, customised: p.customised, conflicts: p.conflicts, message: p.message };
  return p.unconnected.length > 0 ? { ...view, unconnected: [...p.unconnected] } : view;
}
