import { diffWorkflows } from '../../model/diff';
import { PatchbayError } from '../../errors/patchbay-error';
import { emptyWorkflow, workflowDocSchema } from '../../model/workflow';
import { integrationTemplates } from '../../templates/order-sync';
import { mappingRulesSchema } from '../../mapping/rules';
import { inTransaction } from '../../installations/repos';
import type { Handlers } from './types';
import { assertReleasableHere } from '../../publish/guard';

export const integrationHandlers: Handlers<
  'integrations.templates' | 'integrations.createFromTemplate' | 'integrations.list' | 'integrations.get' | 'integrations.create' | 'integrations.addWorkflow' | 'integrations.release' | 'integrations.releases' | 'versions.get' | 'versions.diff'
> = {
  'integrations.list': (ctx) => ctx.repos.integrations.list(),
  'integrations.templates': () =>
    integrationTemplates.map((t) => ({ id: t.id, name: t.name, description: t.description, requiredConnections: [...t.requiredConnections], workflows: t.workflows().map((w) => w.name) })),
  'integrations.createFromTemplate': async (ctx, { templateId, name }) => {
    const template = integrationTemplates.find((t) => t.id === templateId);
    if (!template) throw new PatchbayError('not_found', `There is no template "${templateId}".`, { templateId });
    return inTransaction(ctx.database, ctx.repos, async (repos) => {
      const integration = await repos.integrations.create(name ?? template.name, template.description, template.requiredConnections);
      for (const doc of template.workflows()) {
        const wf = await repos.workflows.create(workflowDocSchema.parse(doc));
        await repos.integrations.attachWorkflow(integration.id, wf.id);
      }
      for (const m of template.mappings?.() ?? []) await repos.mappings.create(integration.id, m.name, mappingRulesSchema.parse(m.rules), m.notes);
      return repos.integrations.get(integration.id);
    });
  },
  'integrations.get': (ctx, { id }) => ctx.repos.integrations.get(id),
  'integrations.create': (ctx, { name, description, requiredConnections }) => ctx.repos.integrations.create(name, description, requiredConnections),
  // One transaction: a workflow that could not be attached is not left behind, unlisted.
  'integrations.addWorkflow': (ctx, { id, name, doc }) => inTransaction(ctx.database, ctx.repos, async (repos, tx) => {
    await repos.integrations.get(id);
    await assertReleasableHere(tx, id);
    const wf = await repos.workflows.create({ ...(doc ?? emptyWorkflow(name)), name });
    await repos.integrations.attachWorkflow(id, wf.id);
    return wf;
  }),
  'integrations.release': async (ctx, { id, notes }) => {
    await assertReleasableHere(ctx.database, id);
    return ctx.repos.integrations.release(id, notes);
  },
  'integrations.releases': (ctx, { id }) => ctx.repos.integrations.releases(id),
  'versions.get': (ctx, { id }) => ctx.repos.integrations.getVersion(id),
  'versions.diff': async (ctx, { a, b }) => diffWorkflows(await ctx.installations.resolveRef(a), await ctx.installations.resolveRef(b)),
};
