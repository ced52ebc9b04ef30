import type { RebaseReport } from '../api/methods/installations';
import type { UpgradePreview } from '../api/methods/lifecycle';
import type { InstallationRow } from '../storage/installations-repo';
import type { Repos } from './repos';
import type { UpgradeService } from './upgrade';

// "Update all installations": each installation takes exactly the path of its own Upgrade button.
// One whose customisations merge cleanly moves to the release together with them (pin, rebased
// user-specific versions and mappings, on-upgrade runs); one with a conflict stays where it is,
// untouched, and the report names each conflicting workflow or mapping to decide on its page.

type Preview = Omit<UpgradePreview, 'regression'>;

/** On the release already, with every customised workflow and mapping based on it too. */
function upToDate(row: InstallationRow, preview: Preview): boolean {
  return row.releaseId === preview.releaseId && [...preview.workflows, ...preview.mappings].every((p) => p.plan === 'unchanged');
}

type Who = Pick<RebaseReport, 'installationId' | 'customerName'>;

/** The conflicting workflows and mappings of a refused upgrade, each with the plan's own words. */
function conflictReports(who: Who, preview: Preview): RebaseReport[] {
  const stays = ` Nothing was changed: the installation stays on v${preview.fromVersion ?? '?'} until they are decided on its page.`;
  return [
    ...preview.workflows.filter((w) => w.plan === 'rebase_conflicts')
      .map((w): RebaseReport => ({ ...who, workflowId: w.workflowId, outcome: 'conflicts', conflicts: w.conflicts, message: w.message + stays })),
    ...preview.mappings.filter((m) => m.plan === 'rebase_conflicts')
      .map((m): RebaseReport => ({ ...who, workflowId: `mapping:${m.mappingId}`, mappingName: m.name, outcome: 'conflicts', conflicts: m.conflicts, message: m.message + stays })),
  ];
}

/** What moved with the installation: each customised workflow and mapping, else the installation. */
function movedReports(who: Who, preview: Preview): RebaseReport[] {
  const to = preview.toVersion;
  // A clean rebase merged the release into the customer's version; any other plan that lets the
  // installation move means the release did not touch it: nothing to merge, it simply moves on.
  const report = (plan: string, what: string): Pick<RebaseReport, 'outcome' | 'message'> => plan === 'rebase_clean'
    ? { outcome: 'merged', message: `${what} onto v${to}.` }
    : { outcome: 'fast_forward', message: `Nothing to merge: v${to} did not change it, so the customer's version moved to v${to} as it was.` };
  const reports: RebaseReport[] = [
    ...preview.workflows.filter((w) => w.customised)
      .map((w): RebaseReport => ({ ...who, workflowId: w.workflowId, conflicts: 0, ...report(w.plan, 'Rebased') })),
    ...preview.mappings.filter((m) => m.customised)
      .map((m): RebaseReport => ({ ...who, workflowId: `mapping:${m.mappingId}`, mappingName: m.name, conflicts: 0, ...report(m.plan, 'Mapping rebased') })),
  ];
  return reports.length > 0 ? reports : [{ ...who, workflowId: '*', outcome: 'fast_forward', conflicts: 0, message: `Now on v${to}; nothing was customised, so there was nothing to merge.` }];
}

/** Upgrades every installed installation of an integration (or those in `only`), one by one. */
export async function upgradeAll(repos: Repos, upgrades: UpgradeService, integrationId: string, releaseId?: string, only?: ReadonlySet<string>): Promise<RebaseReport[]> {
  const reports: RebaseReport[] = [];
  for (const row of await repos.installations.list(integrationId)) {
    if (row.status !== 'installed' || (only && !only.has(row.id))) continue;
    const who = { installationId: row.id, customerName: row.customerName };
    try {
      const preview = await upgrades.preview(row.id, releaseId);
      if (upToDate(row, preview)) reports.push({ ...who, workflowId: '*', outcome: 'up_to_date', conflicts: 0, message: `Already on v${preview.toVersion}.` });
      else if (preview.blocked) reports.push(...conflictReports(who, preview));
      else {
        await upgrades.apply(row.id, preview.releaseId, {}, false);
        reports.push(...movedReports(who, preview));
      }
    } catch (e) {
      reports.push({ ...who, workflowId: '*', outcome: 'failed', conflicts: 0, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return reports;
}
