import { installationDetail, installationSummary } from '../../installations/views';
import { upgradeAll } from '../../installations/upgrade-all';
import type { Handlers } from './types';
import { userVersionRegression, onlyUnchangedGate } from '../../installations/regression/previews';
import { regressionContext } from './golden';
import type { EngineContext } from '../context';
import { assertCustomisableHere, assertReleasableHere, assertRunsHere, runsHere } from '../../publish/guard';

/** On a server, a published installation's user-specific versions change only by publishing again. */
const customisable = async (ctx: EngineContext, id: string): Promise<void> => assertCustomisableHere(ctx.database, (await ctx.repos.userVersions.get(id)).installationId);

type InstallationMethods =
  | 'installations.list' | 'installations.get' | 'installations.create' | 'installations.setConnection' | 'installations.setConfig'
  | 'installations.install' | 'installations.setEnabled' | 'installations.uninstall' | 'installations.activity'
  | 'installations.runWorkflow' | 'installations.runs' | 'installations.rebaseAll'
  | 'userVersions.create' | 'userVersions.get' | 'userVersions.save' | 'userVersions.revert' | 'userVersions.diff' | 'userVersions.rebasePreview' | 'userVersions.rebaseApply';

export const installationHandlers: Handlers<InstallationMethods> = {
  'installations.list': async (ctx, { search, integrationId }) => {
    const needle = search?.trim().toLowerCase();
    const rows = (await ctx.repos.installations.list(integrationId))
      .filter((r) => !needle || r.customerName.toLowerCase().includes(needle) || (r.externalId ?? '').toLowerCase().includes(needle));
    return Promise.all(rows.map((r) => installationSummary(ctx.repos, r)));
  },
  'installations.get': async (ctx, { id }) => installationDetail(ctx.repos, await ctx.repos.installations.get(id)),
  'installations.create': async (ctx, { integrationId, customerName, externalId, config }) => {
    await ctx.repos.integrations.get(integrationId);
    const row = await ctx.repos.installations.create(integrationId, customerName, externalId ?? null, config);
    await ctx.repos.activity.record(row.id, 'created', { customerName });
    return installationDetail(ctx.repos, row);
  },
  'installations.setConnection': async (ctx, { id, key, connectionId }) => {
    await assertCustomisableHere(ctx.database, id);
    await ctx.repos.installations.setConnection(id, key, connectionId);
    await ctx.repos.activity.record(id, 'connection_set', { key });
    return installationDetail(ctx.repos, await ctx.repos.installations.get(id));
  },
  'installations.setConfig': async (ctx, { id, config }) => {
    await assertCustomisableHere(ctx.database, id);
    const row = await ctx.repos.installations.update(id, { config });
    await ctx.repos.activity.record(id, 'config_changed', { keys: Object.keys(config) });
    return installationDetail(ctx.repos, row);
  },
  'installations.install': async (ctx, { id, releaseId, wait }) => {
    // Installing a newer release on an installed installation is an upgrade: it never re-fires
    // the on-install triggers (the backfill), and user-specific versions are rebased with it.
    const row = await ctx.repos.installations.get(id);
    if (row.status === 'installed') {
      await assertReleasableHere(ctx.database, row.integrationId);
      const upgraded = await ctx.upgrades.apply(id, releaseId, {}, wait, { runOnUpgrade: await runsHere(ctx.database, id) });
      return { installation: await installationDetail(ctx.repos, upgraded.installation), runs: upgraded.runs };
    }
    const { installation, runs } = await ctx.installations.install(id, releaseId, wait);
    return { installation: await installationDetail(ctx.repos, await ctx.repos.installations.get(installation.id)), runs };
  },
  // Kept for older clients: enabling is activating (with its checks), disabling is pausing.
  'installations.setEnabled': async (ctx, { id, enabled }) => {
    if (enabled) await assertRunsHere(ctx.database, id);
    const row = enabled ? (await ctx.lifecycle.activate(id, false)).installation : await ctx.lifecycle.pause(id);
    return installationDetail(ctx.repos, row);
  },
  // On a server, publishing again would install it again: pause it there instead.
  'installations.uninstall': async (ctx, { id }) => {
    await assertCustomisableHere(ctx.database, id);
    return installationDetail(ctx.repos, await ctx.installations.uninstall(id));
  },
  'installations.activity': (ctx, { id }) => ctx.repos.activity.list(id),
  'installations.runWorkflow': async (ctx, { id, workflowId, input, mode, wait, testLimit }) => {
    // Test syncs stay on the desktop: that is where a published installation's customisations are made.
    if (mode === 'live') await assertRunsHere(ctx.database, id);
    return ctx.installations.runWorkflow(id, workflowId, input, mode, wait, testLimit);
  },
  'installations.runs': (ctx, { id, limit }) => ctx.runs.listForInstallation(id, limit),
  // Each installation takes its own Upgrade's path: all of it moves, or (with conflicts) none of it.
  'installations.rebaseAll': async (ctx, { integrationId, releaseId, onlyUnchanged }) => {
    await assertReleasableHere(ctx.database, integrationId);
    // With onlyUnchanged, golden records decide first: the rest are reported and left alone.
    const gate = onlyUnchanged ? await onlyUnchangedGate(regressionContext(ctx), integrationId, releaseId) : null;
    return [...(gate?.skipped ?? []), ...(await upgradeAll(ctx.repos, ctx.upgrades, integrationId, releaseId, gate?.apply))];
  },
  'userVersions.create': async (ctx, { installationId, workflowId }) => {
    await assertCustomisableHere(ctx.database, installationId);
    return ctx.installations.toUserVersion(await ctx.installations.createUserVersion(installationId, workflowId));
  },
  'userVersions.get': async (ctx, { id }) => ctx.installations.toUserVersion(await ctx.repos.userVersions.get(id)),
  'userVersions.save': async (ctx, { id, baseRev, doc }) => {
    await customisable(ctx, id);
    return ctx.installations.toUserVersion(await ctx.installations.saveUserVersion(id, baseRev, doc));
  },
  'userVersions.revert': async (ctx, { id }) => {
    await customisable(ctx, id);
    return { reverted: await ctx.installations.revertUserVersion(id) };
  },
  'userVersions.diff': (ctx, { id }) => ctx.installations.diffUserVersion(id),
  'userVersions.rebasePreview': async (ctx, { id, releaseId }) => {
    const preview = await ctx.installations.rebasePreview(id, releaseId);
    return { ...preview, regression: await userVersionRegression(regressionContext(ctx), id, preview.targetVersion) };
  },
  'userVersions.rebaseApply': async (ctx, { id, targetVersionId, baseRev, resolutions }) => {
    await customisable(ctx, id);
    const { saved, unconnected } = await ctx.installations.rebaseApply(id, targetVersionId, baseRev, resolutions);
    const userVersion = await ctx.installations.toUserVersion(saved);
    return unconnected.length > 0 ? { ...userVersion, unconnected } : userVersion;
  },
};
