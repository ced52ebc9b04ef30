import { PatchbayError } from '../../errors/patchbay-error';
import type { UpgradeCheck } from '../../api/methods/golden';
import type { InstallationRow } from '../../storage/installations-repo';
import { InstallationMappingsService } from '../mappings-service';
import type { Repos } from '../repos';
import type { InstallationService } from '../service';
import type { ReplayDeps } from './replay-golden';
import { regressInstallation } from './regress';

// "Update all installations", previewed: for each installation, the merge conflicts of its
// customer versions and what its golden records say the release would do to its output. Nothing
// is written; only installations reported `unchanged` are safe to update without a look.

async function mergeConflicts(repos: Repos, installations: InstallationService, row: InstallationRow, releaseId: string): Promise<number> {
  const mappings = new InstallationMappingsService(repos, installations);
  let n = 0;
  for (const userVersion of await repos.userVersions.listForInstallation(row.id)) n += (await installations.rebasePreview(userVersion.id, releaseId)).conflicts.length;
  for (const custom of await repos.installationMappings.listForInstallation(row.id)) n += (await mappings.rebasePreview(custom.id, releaseId)).conflicts.length;
  return n;
}

async function isUpToDate(repos: Repos, row: InstallationRow, releaseId: string): Promise<boolean> {
  if (row.releaseId !== releaseId) return false;
  for (const f of await repos.userVersions.listForInstallation(row.id)) if ((await repos.integrations.getVersion(f.ancestorVersionId)).releaseId !== releaseId) return false;
  for (const m of await repos.installationMappings.listForInstallation(row.id)) if ((await repos.mappings.getReleased(m.ancestorId)).releaseId !== releaseId) return false;
  return true;
}

export async function upgradeChecks(repos: Repos, deps: ReplayDeps, installations: InstallationService, integrationId: string, releaseId?: string): Promise<UpgradeCheck[]> {
  const release = releaseId ? await repos.integrations.getRelease(releaseId) : await repos.integrations.latestRelease(integrationId);
  if (!release) throw new PatchbayError('no_release', 'There is no release to update to; release the integration first.');
  const checks: UpgradeCheck[] = [];
  for (const row of await repos.installations.list(integrationId)) {
    if (row.status !== 'installed') continue;
    const base = { installationId: row.id, customerName: row.customerName };
    if (await isUpToDate(repos, row, release.id)) {
      checks.push({ ...base, outcome: 'up_to_date', conflicts: 0, message: `Already on v${release.version}.`, regression: null });
      continue;
    }
    try {
      const conflicts = await mergeConflicts(repos, installations, row, release.id);
      const regression = await regressInstallation(repos, deps, installations, row.id, { kind: 'release', version: release.version });
      const changedRecords = regression.sets.flatMap((s) => s.records).filter((r) => r.status !== 'unchanged').length;
      if (conflicts > 0) checks.push({ ...base, outcome: 'conflicts', conflicts, message: `${conflicts} conflict(s) need a decision before v${release.version}.`, regression });
      else if (regression.status === 'unchanged') checks.push({ ...base, outcome: 'unchanged', conflicts, message: `Golden records give the same output on v${release.version}.`, regression });
      else if (regression.status === 'no_golden_records') checks.push({ ...base, outcome: 'no_golden_records', conflicts, message: 'No golden records to compare: keep some from a test sync to know before updating.', regression });
      else if (regression.status === 'changed') checks.push({ ...base, outcome: 'changed', conflicts, message: `The output of ${changedRecords} golden record(s) would change on v${release.version}.`, regression });
      else if (regression.status === 'cannot_compare') checks.push({ ...base, outcome: 'cannot_compare', conflicts, message: regression.sets.find((s) => s.reason)?.reason ?? regression.sets.flatMap((s) => s.records).find((r) => r.reason)?.reason ?? 'The golden records no longer fit this release.', regression });
      else checks.push({ ...base, outcome: 'failed', conflicts, message: regression.sets.flatMap((s) => s.records).find((r) => r.reason)?.reason ?? 'Replaying the golden records failed.', regression });
    } catch (e) {
      checks.push({ ...base, outcome: 'failed', conflicts: 0, message: e instanceof Error ? e.message : String(e), regression: null });
    }
  }
  return checks;
}
