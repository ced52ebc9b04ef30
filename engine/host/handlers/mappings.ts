import { InstallationMappingsService } from '../../installations/mappings-service';
import type { EngineContext } from '../context';
import type { Handlers } from './types';
import { mappingRegression } from '../../installations/regression/previews';
import { regressionContext } from './golden';
import { assertCustomisableHere, assertReleasableHere } from '../../publish/guard';

type MappingEntityMethods =
  | 'mappings.list' | 'mappings.forWorkflow' | 'mappings.get' | 'mappings.create' | 'mappings.save' | 'mappings.released'
  | 'installationMappings.list' | 'installationMappings.get' | 'installationMappings.create' | 'installationMappings.save'
  | 'installationMappings.revert' | 'installationMappings.diff' | 'installationMappings.rebasePreview' | 'installationMappings.rebaseApply';

// The service holds no state of its own, so each call builds one over the engine's repos.
const service = (ctx: EngineContext) => new InstallationMappingsService(ctx.repos, ctx.installations);
/** On a server, a published installation's customer mappings change only by publishing again. */
const customisable = async (ctx: EngineContext, id: string): Promise<void> => assertCustomisableHere(ctx.database, (await ctx.repos.installationMappings.get(id)).installationId);

export const mappingEntityHandlers: Handlers<MappingEntityMethods> = {
  'mappings.list': async (ctx, { integrationId }) => {
    await ctx.repos.integrations.get(integrationId);
    return ctx.repos.mappings.list(integrationId);
  },
  'mappings.forWorkflow': async (ctx, { workflowId }) => {
    await ctx.workflows.get(workflowId);
    const integrationId = await ctx.repos.integrations.integrationOfWorkflow(workflowId);
    return { integrationId, mappings: integrationId ? await ctx.repos.mappings.list(integrationId) : [] };
  },
  'mappings.get': (ctx, { id }) => ctx.repos.mappings.get(id),
  'mappings.create': async (ctx, { integrationId, name, rules, notes }) => {
    await ctx.repos.integrations.get(integrationId);
    await assertReleasableHere(ctx.database, integrationId);
    return ctx.repos.mappings.create(integrationId, name, rules, notes);
  },
  // On a server, the shared mappings of an integration a desktop published change only by publishing again.
  'mappings.save': async (ctx, { id, baseRev, rules, notes }) => {
    await assertReleasableHere(ctx.database, (await ctx.repos.mappings.get(id)).integrationId);
    return ctx.repos.mappings.save(id, baseRev, rules, notes);
  },
  'mappings.released': (ctx, { id }) => ctx.repos.mappings.getReleased(id),
  'installationMappings.list': (ctx, { installationId }) => service(ctx).list(installationId),
  'installationMappings.get': async (ctx, { id }) => service(ctx).toRecord(await ctx.repos.installationMappings.get(id)),
  'installationMappings.create': async (ctx, { installationId, mappingId }) => {
    await assertCustomisableHere(ctx.database, installationId);
    const s = service(ctx);
    return s.toRecord(await s.create(installationId, mappingId));
  },
  'installationMappings.save': async (ctx, { id, baseRev, rules }) => {
    await customisable(ctx, id);
    const s = service(ctx);
    return s.toRecord(await s.save(id, baseRev, rules));
  },
  'installationMappings.revert': async (ctx, { id }) => {
    await customisable(ctx, id);
    return { reverted: await service(ctx).revert(id) };
  },
  'installationMappings.diff': (ctx, { id }) => service(ctx).diff(id),
  'installationMappings.rebasePreview': async (ctx, { id, releaseId }) => {
    const preview = await service(ctx).rebasePreview(id, releaseId);
    return { ...preview, regression: await mappingRegression(regressionContext(ctx), id, preview.targetVersion) };
  },
  'installationMappings.rebaseApply': async (ctx, { id, targetId, baseRev, resolutions }) => {
    await customisable(ctx, id);
    const s = service(ctx);
    return s.toRecord(await s.rebaseApply(id, targetId, baseRev, resolutions));
  },
};
