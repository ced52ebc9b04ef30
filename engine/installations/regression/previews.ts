import type { RegressionReport } from '../../api/methods/golden';
import type { RebaseReport } from '../../api/methods/installations';
import { mappingNamesUsed } from '../mapping-sets';
import type { Repos } from '../repos';
import type { InstallationService } from '../service';
import type { ReplayDeps } from './replay-golden';
import { regressInstallation } from './regress';
import { upgradeChecks } from './upgrade-preview';

/** What a regression needs from the engine: its repos, replay services and installation service. */
export interface RegressionContext {
  readonly repos: Repos;
  readonly deps: ReplayDeps;
  readonly installations: InstallationService;
}

// Where golden-record regression meets rebase and "Update all installations" (issue 16).

/** The user-specific version's installation's golden records of that workflow, replayed through the rebase onto a release. */
export async function userVersionRegression(ctx: RegressionContext, userVersionId: string, targetVersion: number): Promise<RegressionReport | null> {
  const userVersion = await ctx.repos.userVersions.get(userVersionId);
  const report = await regressInstallation(ctx.repos, ctx.deps, ctx.installations, userVersion.installationId, { kind: 'release', version: targetVersion }, { workflowId: userVersion.workflowId });
  return report.status === 'no_golden_records' ? null : report;
}

/** For the one-installation Upgrade preview: all its golden records through the target release. */
export async function upgradeRegression(ctx: RegressionContext, installationId: string, toVersion: number): Promise<RegressionReport | null> {
  const report = await regressInstallation(ctx.repos, ctx.deps, ctx.installations, installationId, { kind: 'release', version: toVersion });
  return report.status === 'no_golden_records' ? null : report;
}

/** Golden records of the workflows that use a customer's mapping, replayed through the rebase of it onto a release. */
export async function mappingRegression(ctx: RegressionContext, customMappingId: string, targetVersion: number): Promise<RegressionReport | null> {
  const custom = await ctx.repos.installationMappings.get(customMappingId);
  const row = await ctx.repos.installations.get(custom.installationId);
  const workflowIds = (await ctx.repos.golden.listForInstallation(row.id)).map((s) => s.workflowId);
  const uses = await Promise.all(workflowIds.map(async (workflowId) => {
    try {
      return mappingNamesUsed((await ctx.installations.effectiveVersion(row, workflowId)).doc).has(custom.doc.name);
    } catch {
      // A workflow the installed release no longer has: its golden sets report that themselves.
      return true;
    }
  }));
  const users = new Set(workflowIds.filter((_, i) => uses[i]));
  if (users.size === 0) return null;
  const report = await regressInstallation(ctx.repos, ctx.deps, ctx.installations, row.id, { kind: 'release', version: targetVersion }, { workflowIds: users });
  return report.status === 'no_golden_records' ? null : report;
}

/** Installations safe to update (golden output unchanged, or nothing to do), and reports for the others. */
export async function onlyUnchangedGate(ctx: RegressionContext, integrationId: string, releaseId: string | undefined): Promise<{ apply: Set<string>; skipped: RebaseReport[] }> {
  const checks = await upgradeChecks(ctx.repos, ctx.deps, ctx.installations, integrationId, releaseId);
  const apply = new Set(checks.filter((c) => c.outcome === 'unchanged' || c.outcome === 'up_to_date').map((c) => c.installationId));
  const skipped: RebaseReport[] = checks
    .filter((c) => !apply.has(c.installationId))
    .map((c) => ({ installationId: c.installationId, customerName: c.customerName, workflowId: '*', outcome: 'skipped', conflicts: c.conflicts, message: `Not updated: ${c.message}` }));
  return { apply, skipped };
}
