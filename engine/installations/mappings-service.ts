import { PatchbayError } from '../errors/patchbay-error';
import type { InstallationMapping, InstallationMappingView } from '../api/methods/mappings';
import { diffMappings, mergeMappings, resolveMappingConflicts, type MappingMergeResult } from '../model/mapping-merge';
import type { Resolutions } from '../model/merge-schema';
import type { MappingDoc } from '../model/mapping-doc';
import type { InstallationMappingRow } from '../storage/installation-mappings-repo';
import { planMapping } from '../mapping/plan';
import { mappingNamesUsed } from './mapping-sets';
import type { Repos } from './repos';
import type { InstallationService } from './service';

/** An installation's user-specific versions of shared mappings: customise, save, diff, rebase. */
export class InstallationMappingsService {
  constructor(
    private readonly repos: Repos,
    private readonly installations: InstallationService,
  ) {}

  async toRecord(row: InstallationMappingRow): Promise<InstallationMapping> {
    return { ...row, ancestorVersion: (await this.repos.mappings.getReleased(row.ancestorId)).version };
  }

  /** Every shared mapping of the pinned release, with the customer's version and its status. */
  async list(installationId: string): Promise<InstallationMappingView[]> {
    const row = await this.repos.installations.get(installationId);
    if (!row.releaseId) return [];
    const latest = await this.repos.integrations.latestRelease(row.integrationId);
    const release = await this.repos.integrations.getRelease(row.releaseId);
    const docs = await Promise.all(release.versions.map(async (v) => ({ workflowId: v.workflowId, name: v.name, doc: (await this.installations.effectiveVersion(row, v.workflowId)).doc })));
    return Promise.all((await this.repos.mappings.releasedIn(row.releaseId)).map(async (released) => {
      const custom = await this.repos.installationMappings.find(row.id, released.mappingId);
      const ancestor = custom ? await this.repos.mappings.getReleased(custom.ancestorId) : released;
      const newest = latest ? await this.repos.mappings.releasedFor(latest.id, released.mappingId) : undefined;
      return {
        mappingId: released.mappingId,
        name: released.name,
        releasedId: released.id,
        version: released.version,
        ruleCount: released.doc.rules.length,
        custom: custom ? { id: custom.id, rev: custom.rev, ancestorVersion: ancestor.version, updatedAt: custom.updatedAt, ruleCount: custom.doc.rules.length } : null,
        // Only a release that changed this mapping counts: a release of other workflows is no update.
        updateAvailable: newest !== undefined && newest.version > ancestor.version && !diffMappings(ancestor.doc, newest.doc).identical,
        diff: custom ? diffMappings(ancestor.doc, custom.doc) : null,
        usedBy: docs.filter((d) => mappingNamesUsed(d.doc).has(released.name)).map(({ workflowId, name }) => ({ workflowId, name })),
      };
    }));
  }

  /** Customer mappings of an uninstalled installation stay as they were (for the record). */
  private async assertOpen(installationId: string) {
    const row = await this.repos.installations.get(installationId);
    if (row.status === 'uninstalled') throw new PatchbayError('installation_uninstalled', `${row.customerName}'s installation was uninstalled; create a new installation to use it again.`);
    return row;
  }

  async create(installationId: string, mappingId: string): Promise<InstallationMappingRow> {
    const row = await this.assertOpen(installationId);
    if (await this.repos.installationMappings.find(installationId, mappingId)) {
      throw new PatchbayError('mapping_custom_exists', 'This installation already has its own version of that mapping; open it instead.', { mappingId });
    }
    if (!row.releaseId) throw new PatchbayError('not_installed', 'Install a release before customising its mapping.');
    const released = await this.repos.mappings.releasedFor(row.releaseId, mappingId);
    if (!released) throw new PatchbayError('not_found', 'The installed release has no such mapping.', { mappingId });
    const created = await this.repos.installationMappings.create(installationId, mappingId, released.id, released.doc);
    await this.repos.activity.record(installationId, 'mapping_customised', { mappingId, name: released.name, fromVersion: released.version });
    return created;
  }

  async save(id: string, baseRev: number, rules: MappingDoc['rules']): Promise<InstallationMappingRow> {
    const current = await this.repos.installationMappings.get(id);
    await this.assertOpen(current.installationId);
    const saved = await this.repos.installationMappings.save(id, baseRev, { ...current.doc, rules });
    await this.repos.activity.record(saved.installationId, 'mapping_saved', { mappingId: saved.mappingId, name: saved.doc.name, rev: saved.rev });
    return saved;
  }

  async revert(id: string): Promise<boolean> {
    const current = await this.repos.installationMappings.get(id);
    const deleted = await this.repos.installationMappings.delete(id);
    await this.repos.activity.record(current.installationId, 'mapping_reverted', { mappingId: current.mappingId, name: current.doc.name });
    return deleted;
  }

  async diff(id: string) {
    const custom = await this.repos.installationMappings.get(id);
    return diffMappings((await this.repos.mappings.getReleased(custom.ancestorId)).doc, custom.doc);
  }

  /** The customer's mapping merged onto a release's (default: the latest); nothing is written. */
  async rebasePreview(id: string, releaseId?: string): Promise<MappingMergeResult & { targetId: string; targetVersion: number; issues: { ruleId: string | null; code: string; message: string }[] }> {
    const custom = await this.repos.installationMappings.get(id);
    const ancestor = await this.repos.mappings.getReleased(custom.ancestorId);
    const installation = await this.repos.installations.get(custom.installationId);
    const release = releaseId ? await this.repos.integrations.getRelease(releaseId) : await this.repos.integrations.latestRelease(installation.integrationId);
    if (!release) throw new PatchbayError('no_release', 'There is no release to rebase onto.');
    const target = await this.repos.mappings.releasedFor(release.id, custom.mappingId);
    if (!target) throw new PatchbayError('not_found', `Release v${release.version} no longer has the mapping "${ancestor.name}"; revert the customer's mapping or keep this release.`);
    if (target.version < ancestor.version) {
      throw new PatchbayError('rebase_backwards', `This mapping is based on v${ancestor.version}; it cannot be rebased onto the older v${target.version}.`);
    }
    const result = mergeMappings({ ancestor: ancestor.doc, release: target.doc, customer: custom.doc });
    // Clean merges can still clash (both sides mapped one target): say so before Accept.
    const issues = planMapping(result.merged.rules).issues.map((i) => ({ ruleId: i.ruleId, code: i.code, message: i.message }));
    return { ...result, targetId: target.id, targetVersion: target.version, issues };
  }

  async rebaseApply(id: string, targetId: string, baseRev: number, resolutions: Resolutions): Promise<InstallationMappingRow> {
    const custom = await this.repos.installationMappings.get(id);
    const target = await this.repos.mappings.getReleased(targetId);
    if (target.mappingId !== custom.mappingId) {
      throw new PatchbayError('bad_request', 'That released mapping is another mapping; rebase onto a version of this one.', { targetId });
    }
    await this.assertOpen(custom.installationId);
    const preview = await this.rebasePreview(id, target.releaseId);
    const doc = resolveMappingConflicts(preview, resolutions);
    const saved = await this.repos.installationMappings.save(id, baseRev, doc, target.id);
    await this.repos.activity.record(saved.installationId, 'mapping_rebased', { mappingId: saved.mappingId, name: saved.doc.name, toVersion: target.version, conflictsResolved: preview.conflicts.length });
    return saved;
  }
}
