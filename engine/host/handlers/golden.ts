import type { GoldenSetSummary } from '../../api/methods/golden';
import { keepGolden } from '../../installations/regression/capture';
import type { ReplayDeps } from '../../installations/regression/replay-golden';
import { regressInstallation } from '../../installations/regression/regress';
import type { RegressionContext } from '../../installations/regression/previews';
import { parseVersionChoice } from '../../installations/regression/target';
import { upgradeChecks } from '../../installations/regression/upgrade-preview';
import type { GoldenSetRow } from '../../storage/golden-repo';
import type { EngineContext } from '../context';
import type { Handlers } from './types';

type GoldenMethods = 'golden.keep' | 'golden.list' | 'golden.get' | 'golden.rename' | 'golden.remove' | 'golden.regress' | 'golden.regressAll';

export function replayDeps(ctx: EngineContext): ReplayDeps {
  return { services: ctx.services, redact: () => ctx.secrets.redactor() };
}

export function regressionContext(ctx: EngineContext): RegressionContext {
  return { repos: ctx.repos, deps: replayDeps(ctx), installations: ctx.installations };
}

async function summary(ctx: EngineContext, row: GoldenSetRow): Promise<GoldenSetSummary> {
  const { body, ...rest } = row;
  let workflowName = row.workflowId;
  try {
    workflowName = (await ctx.repos.workflows.get(row.workflowId)).name;
  } catch {
    // The base workflow was deleted; its golden records stay until removed.
  }
  return { ...rest, workflowName, recordKeys: body.records.map((r) => r.key), mappingNames: body.mappingNames ?? [] };
}

export const goldenHandlers: Handlers<GoldenMethods> = {
  'golden.keep': async (ctx, { runId, name, limit, keys }) => summary(ctx, await keepGolden(ctx.repos, replayDeps(ctx), runId, name, limit, keys)),
  'golden.list': async (ctx, { installationId }) => {
    await ctx.repos.installations.get(installationId);
    return Promise.all((await ctx.repos.golden.listForInstallation(installationId)).map((r) => summary(ctx, r)));
  },
  'golden.get': async (ctx, { id }) => {
    const row = await ctx.repos.golden.get(id);
    return { ...(await summary(ctx, row)), body: row.body };
  },
  'golden.rename': async (ctx, { id, name }) => summary(ctx, await ctx.repos.golden.rename(id, name)),
  'golden.remove': async (ctx, { id }) => ({ removed: await ctx.repos.golden.remove(id) }),
  'golden.regress': (ctx, { installationId, version, goldenSetId }) =>
    regressInstallation(ctx.repos, replayDeps(ctx), ctx.installations, installationId, version ? parseVersionChoice(version) : undefined, { goldenSetId }),
  'golden.regressAll': (ctx, { integrationId, releaseId }) => upgradeChecks(ctx.repos, replayDeps(ctx), ctx.installations, integrationId, releaseId),
};
