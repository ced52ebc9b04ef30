import { InstallationMappingsService } from '../../installations/mappings-service';
import type { EngineContext } from '../context';
import type { Handlers } from './types';

type MappingEntityMethods =
  | 'mappings.list' | 'mappings.forWorkflow' | 'mappings.get' | 'mappings.create' | 'mappings.save' | 'mappings.released'
  | 'installationMappings.list' | 'installationMappings.get' | 'installationMappings.create' | 'installationMappings.save'
  | 'installationMappings.revert' | 'installationMappings.diff' | 'installationMappings.rebasePreview' | 'installationMappings.rebaseApply';

// The service holds no state of its own, so each call builds one over the engine's repos.
const service = (ctx: EngineContext) => new InstallationMappingsService(ctx.repos, ctx.installations);

export const mappingEntityHandlers: Handlers<MappingEntityMethods> = {
  'mappings.list': (ctx, { integrationId }) => {
    ctx.repos.integrations.get(integrationId);
    return ctx.repos.mappings.list(integrationId);
  },
  'mappings.forWorkflow': (ctx, { workflowId }) => {
    ctx.workflows.get(workflowId);
    const integrationId = ctx.repos.integrations.integrationOfWorkflow(workflowId);
    return { integrationId, mappings: integrationId ? ctx.repos.mappings.list(integrationId) : [] };
  },
  'mappings.get': (ctx, { id }) => ctx.repos.mappings.get(id),
  'mappings.create': (ctx, { integrationId, name, rules, notes }) => {
    ctx.repos.integrations.get(integrationId);
    return ctx.repos.mappings.create(integrationId, name, rules, notes);
  },
  'mappings.save': (ctx, { id, baseRev, rules, notes }) => ctx.repos.mappings.save(id, baseRev, rules, notes),
  'mappings.released': (ctx, { id }) => ctx.repos.mappings.getReleased(id),
  'installationMappings.list': (ctx, { installationId }) => service(ctx).list(installationId),
  'installationMappings.get': (ctx, { id }) => service(ctx).toRecord(ctx.repos.installationMappings.get(id)),
  'installationMappings.create': (ctx, { installationId, mappingId }) => {
    const s = service(ctx);
    return s.toRecord(s.create(installationId, mappingId));
  },
  'installationMappings.save': (ctx, { id, baseRev, rules }) => {
    const s = service(ctx);
    return s.toRecord(s.save(id, baseRev, rules));
  },
  'installationMappings.revert': (ctx, { id }) => ({ reverted: service(ctx).revert(id) }),
  'installationMappings.diff': (ctx, { id }) => service(ctx).diff(id),
  'installationMappings.rebasePreview': (ctx, { id, releaseId }) => service(ctx).rebasePreview(id, releaseId),
  'installationMappings.rebaseApply': (ctx, { id, targetId, baseRev, resolutions }) => {
    const s = service(ctx);
    return s.toRecord(s.rebaseApply(id, targetId, baseRev, resolutions));
  },
};
