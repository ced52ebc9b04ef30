import { diffWorkflows } from '../../model/diff';
import { emptyWorkflow } from '../../model/workflow';
import type { Handlers } from './types';

export const integrationHandlers: Handlers<
  'integrations.list' | 'integrations.get' | 'integrations.create' | 'integrations.addWorkflow' | 'integrations.release' | 'integrations.releases' | 'versions.get' | 'versions.diff'
> = {
  'integrations.list': (ctx) => ctx.repos.integrations.list(),
  'integrations.get': (ctx, { id }) => ctx.repos.integrations.get(id),
  'integrations.create': (ctx, { name, description, requiredConnections }) => ctx.repos.integrations.create(name, description, requiredConnections),
  'integrations.addWorkflow': (ctx, { id, name, doc }) => {
    ctx.repos.integrations.get(id);
    const wf = ctx.workflows.create({ ...(doc ?? emptyWorkflow(name)), name });
    ctx.repos.integrations.attachWorkflow(id, wf.id);
    return wf;
  },
  'integrations.release': (ctx, { id, notes }) => ctx.repos.integrations.release(id, notes),
  'integrations.releases': (ctx, { id }) => ctx.repos.integrations.releases(id),
  'versions.get': (ctx, { id }) => ctx.repos.integrations.getVersion(id),
  'versions.diff': (ctx, { a, b }) => diffWorkflows(ctx.installations.resolveRef(a), ctx.installations.resolveRef(b)),
};
