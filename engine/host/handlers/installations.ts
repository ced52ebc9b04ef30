import { installationDetail, installationSummary } from '../../installations/views';
import { upgradeAll } from '../../installations/upgrade-all';
import type { Handlers } from './types';
import { userVersionRegression, onlyUnchangedGate } from '../../installations/regression/previews';
import { regressionContext } from './golden';

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
    await ctx.repos.installations.setConnection(id, key, connectionId);
    await ctx.repos.activity.record(id, 'connection_set', { key });
    return installationDetail(ctx.repos, await ctx.repos.installations.get(id));
  },
  'installations.setConfig': async (ctx, { id, config }) => {
    const row = await ctx.repos.installations.update(id, { config });
    await ctx.repos.activity.record(id, 'config_changed', { keys: Object.keys(config) });
    return installationDetail(ctx.repos, row);
  },
  'installations.install': async (ctx, { id, releaseId, wait }) => {
    // Installing a newer release on an installed installation is an upgrade: it never re-fires
    // the on-install triggers (the backfill), and user-specific versions are rebased with it.
    if ((await ctx.repos.installations.get(id)).status === 'installed') {
      const upgraded = await ctx.upgrades.apply(id, releaseId, {}, wait);
      return { installation: await installationDetail(ctx.repos, upgraded.installation), runs: upgraded.runs };
    }
    const { installation, runs } = await ctx.installations.install(id, releaseId, wait);
    return { installation: await installationDetail(ctx.repos, await ctx.repos.installations.get(installation.id)), runs };
  },
  // Kept for older clients: enabling is activating (with its checks), disabling is pausing.
  'installations.setEnabled': async (ctx, { id, enabled }) => {
    const row = enabled ? (await ctx.lifecycle.activate(id, false)).installation : await ctx.lifecycle.pause(id);
    return installationDetail(ctx.repos, row);
  },
  'installations.uninstall': async (ctx, { id }) => installationDetail(ctx.repos, await ctx.installations.uninstall(id)),
  'installations.activity': (ctx, { id }) => ctx.repos.activity.list(id),
  'installations.runWorkflow': (ctx, { id, workflowId, input, mode, wait, testLimit }) => ctx.installations.runWorkflow(id, workflowId, input, mode, wait, testLimit),
  'installations.runs': (ctx, { id, limit }) => ctx.runs.listForInstallation(id, limit),
  // Each installation takes its own Upgrade's path: all of it moves, or (with conflicts) none of it.
  'installations.rebaseAll': async (ctx, { integrationId, releaseId, onlyUnchanged }) => {
    // With onlyUnchanged, golden records decide first: the rest are reported and left alone.
    const gate = onlyUnchanged ? await onlyUnchangedGate(regressionContext(ctx), integrationId, releaseId) : null;
    return [...(gate?.skipped ?? []), ...(await upgradeAll(ctx.repos, ctx.upgrades, integrationId, releaseId, gate?.apply))];
  },
  'userVersions.create': async (ctx, { installationId, workflowId }) => ctx.installations.toUserVersion(await ctx.installations.createUserVersion(installationId, workflowId)),
  'userVersions.get': async (ctx, { id }) => ctx.installations.toUserVersion(await ctx.repos.userVersions.get(id)),
  'userVersions.save': async (ctx, { id, baseRev, doc }) => ctx.installations.toUserVersion(await ctx.installations.saveUserVersion(id, baseRev, doc)),
  'userVersions.revert': async (ctx, { id }) => ({ reverted: await ctx.installations.revertUserVersion(id) }),
  'userVersions.diff': (ctx, { id }) => ctx.installations.diffUserVersion(id),
  'userVersions.rebasePreview': async (ctx, { id, releaseId }) => {
    const preview = await ctx.installations.rebasePreview(id, releaseId);
    return { ...preview, regression: await userVersionRegression(regressionContext(ctx), id, preview.targetVersion) };
  },
  'userVersions.rebaseApply': async (ctx, { id, targetVersionId, baseRev, resolutions }) =>
    ctx.installations.toUserVersion(await ctx.installations.rebaseApply(id, targetVersionId, baseRev, resolutions)),
};
