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

  toRecord(row: InstallationMappingRow): InstallationMapping {
    return { ...row, ancestorVersion: this.repos.mappings.getReleased(row.ancestorId).version };
  }

  /** Every shared mapping of the pinned release, with the customer's version and its status. */
  list(installationId: string): InstallationMappingView[] {
    const row = this.repos.installations.get(installationId);
    if (!row.releaseId) return [];
    const latest = this.repos.integrations.latestRelease(row.integrationId);
    const release = this.repos.integrations.getRelease(row.releaseId);
    const docs = release.versions.map((v) => ({ workflowId: v.workflowId, name: v.name, doc: this.installations.effectiveVersion(row, v.workflowId).doc }));
    return this.repos.mappings.releasedIn(row.releaseId).map((released) => {
      const custom = this.repos.installationMappings.find(row.id, released.mappingId);
      const ancestor = custom ? this.repos.mappings.getReleased(custom.ancestorId) : released;
      const newest = latest ? this.repos.mappings.releasedFor(latest.id, released.mappingId) : undefined;
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
    });
  }

  /** Customer mappings of an uninstalled installation stay as they were (for the record). */
  private assertOpen(installationId: string) {
    const row = this.repos.installations.get(installationId);
    if (row.status === 'uninstalled') throw new PatchbayError('installation_uninstalled', `${row.customerName}'s installation was uninstalled; create a new installation to use it again.`);
    return row;
  }

  create(installationId: string, mappingId: string): InstallationMappingRow {
    const row = this.assertOpen(installationId);
    if (this.repos.installationMappings.find(installationId, mappingId)) {
      throw new PatchbayError('mapping_custom_exists', 'This installation already has its own version of that mapping; open it instead.', { mappingId });
    }
    if (!row.releaseId) throw new PatchbayError('not_installed', 'Install a release before customising its mapping.');
    const released = this.repos.mappings.releasedFor(row.releaseId, mappingId);
    if (!released) throw new PatchbayError('not_found', 'The installed release has no such mapping.', { mappingId });
    const created = this.repos.installationMappings.create(installationId, mappingId, released.id, released.doc);
    this.repos.activity.record(installationId, 'mapping_customised', { mappingId, name: released.name, fromVersion: released.version });
    return created;
  }

  save(id: string, baseRev: number, rules: MappingDoc['rules']): InstallationMappingRow {
    const current = this.repos.installationMappings.get(id);
    this.assertOpen(current.installationId);
    const saved = this.repos.installationMappings.save(id, baseRev, { ...current.doc, rules });
    this.repos.activity.record(saved.installationId, 'mapping_saved', { mappingId: saved.mappingId, name: saved.doc.name, rev: saved.rev });
    return saved;
  }

  revert(id: string): boolean {
    const current = this.repos.installationMappings.get(id);
    const deleted = this.repos.installationMappings.delete(id);
    this.repos.activity.record(current.installationId, 'mapping_reverted', { mappingId: current.mappingId, name: current.doc.name });
    return deleted;
  }

  diff(id: string) {
    const custom = this.repos.installationMappings.get(id);
    return diffMappings(this.repos.mappings.getReleased(custom.ancestorId).doc, custom.doc);
  }

  /** The customer's mapping merged onto a release's (default: the latest); nothing is written. */
  rebasePreview(id: string, releaseId?: string): MappingMergeResult & { targetId: string; targetVersion: number; issues: { ruleId: string | null; code: string; message: string }[] } {
    const custom = this.repos.installationMappings.get(id);
    const ancestor = this.repos.mappings.getReleased(custom.ancestorId);
    const installation = this.repos.installations.get(custom.installationId);
    const release = releaseId ? this.repos.integrations.getRelease(releaseId) : this.repos.integrations.latestRelease(installation.integrationId);
    if (!release) throw new PatchbayError('no_release', 'There is no release to rebase onto.');
    const target = this.repos.mappings.releasedFor(release.id, custom.mappingId);
    if (!target) throw new PatchbayError('not_found', `Release v${release.version} no longer has the mapping "${ancestor.name}"; revert the customer's mapping or keep this release.`);
    if (target.version < ancestor.version) {
      throw new PatchbayError('rebase_backwards', `This mapping is based on v${ancestor.version}; it cannot be rebased onto the older v${target.version}.`);
    }
    const result = mergeMappings({ ancestor: ancestor.doc, release: target.doc, customer: custom.doc });
    // Clean merges can still clash (both sides mapped one target): say so before Accept.
    const issues = planMapping(result.merged.rules).issues.map((i) => ({ ruleId: i.ruleId, code: i.code, message: i.message }));
    return { ...result, targetId: target.id, targetVersion: target.version, issues };
  }

  rebaseApply(id: string, targetId: string, baseRev: number, resolutions: Resolutions): InstallationMappingRow {
    const custom = this.repos.installationMappings.get(id);
    const target = this.repos.mappings.getReleased(targetId);
    if (target.mappingId !== custom.mappingId) {
      throw new PatchbayError('bad_request', 'That released mapping is another mapping; rebase onto a version of this one.', { targetId });
    }
    this.assertOpen(custom.installationId);
    const preview = this.rebasePreview(id, target.releaseId);
    const doc = resolveMappingConflicts(preview, resolutions);
    const saved = this.repos.installationMappings.save(id, baseRev, doc, target.id);
    this.repos.activity.record(saved.installationId, 'mapping_rebased', { mappingId: saved.mappingId, name: saved.doc.name, toVersion: target.version, conflictsResolved: preview.conflicts.length });
    return saved;
  }
}
