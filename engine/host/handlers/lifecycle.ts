import { installationDetail } from '../../installations/views';
import type { Handlers } from './types';
import { upgradeRegression } from '../../installations/regression/previews';
import { regressionContext } from './golden';
import { assertReleasableHere, assertRunsHere, runsHere } from '../../publish/guard';

type LifecycleMethods =
  | 'installations.activationPreview' | 'installations.activate' | 'installations.pause'
  | 'installations.upgradePreview' | 'installations.upgrade';

export const lifecycleHandlers: Handlers<LifecycleMethods> = {
  'installations.activationPreview': (ctx, { id }) => ctx.lifecycle.preview(id),
  'installations.activate': async (ctx, { id, wait }) => {
    await assertRunsHere(ctx.database, id);
    const { installation, runs } = await ctx.lifecycle.activate(id, wait);
    return { installation: await installationDetail(ctx.repos, installation), runs };
  },
  'installations.pause': async (ctx, { id }) => installationDetail(ctx.repos, await ctx.lifecycle.pause(id)),
  'installations.upgradePreview': async (ctx, { id, releaseId }) => {
    const preview = await ctx.upgrades.preview(id, releaseId);
    return { ...preview, regression: await upgradeRegression(regressionContext(ctx), id, preview.toVersion) };
  },
  'installations.upgrade': async (ctx, { id, releaseId, resolutions, wait }) => {
    await assertReleasableHere(ctx.database, (await ctx.repos.installations.get(id)).integrationId);
    // Published to a server, its on-upgrade workflows run there when the upgrade is published.
    const { installation, workflows, mappings, runs } = await ctx.upgrades.apply(id, releaseId, resolutions, wait, { runOnUpgrade: await runsHere(ctx.database, id) });
    return { installation: await installationDetail(ctx.repos, installation), workflows, mappings, runs };
  },
};
