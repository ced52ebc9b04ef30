import { installationDetail } from '../../installations/views';
import type { Handlers } from './types';

type LifecycleMethods =
  | 'installations.activationPreview' | 'installations.activate' | 'installations.pause'
  | 'installations.upgradePreview' | 'installations.upgrade';

export const lifecycleHandlers: Handlers<LifecycleMethods> = {
  'installations.activationPreview': (ctx, { id }) => ctx.lifecycle.preview(id),
  'installations.activate': async (ctx, { id, wait }) => {
    const { installation, runs } = await ctx.lifecycle.activate(id, wait);
    return { installation: installationDetail(ctx.repos, installation), runs };
  },
  'installations.pause': (ctx, { id }) => installationDetail(ctx.repos, ctx.lifecycle.pause(id)),
  'installations.upgradePreview': (ctx, { id, releaseId }) => ctx.upgrades.preview(id, releaseId),
  'installations.upgrade': async (ctx, { id, releaseId, resolutions, wait }) => {
    const { installation, workflows, mappings, runs } = await ctx.upgrades.apply(id, releaseId, resolutions, wait);
    return { installation: installationDetail(ctx.repos, installation), workflows, mappings, runs };
  },
};
