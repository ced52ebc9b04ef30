import { blockCatalog } from '../../runtime/blocks/registry';
import { bindMappings } from '../../model/bind-mappings';
import { validateWorkflow } from '../../model/validate';
import { draftMappingSet, installationMappingSet } from '../../installations/mapping-sets';
import { emptyWorkflow } from '../../model/workflow';
import type { Handlers } from './types';
import { assertDraftEditableHere } from '../../publish/guard';

export const workflowHandlers: Handlers<
  'workflows.list' | 'workflows.get' | 'workflows.create' | 'workflows.save' | 'workflows.rename' | 'workflows.duplicate' | 'workflows.delete' | 'workflows.validate'
> = {
  'workflows.list': (ctx) => ctx.workflows.list(),
  'workflows.get': (ctx, { id }) => ctx.workflows.get(id),
  'workflows.create': (ctx, { name, doc }) => ctx.workflows.create({ ...(doc ?? emptyWorkflow(name)), name }),
  // On a server, the drafts of an integration a desktop published change only by publishing again.
  'workflows.save': async (ctx, { id, baseRev, doc }) => {
    await assertDraftEditableHere(ctx.database, ctx.repos, id);
    return ctx.workflows.save(id, baseRev, doc);
  },
  'workflows.rename': async (ctx, { id, name }) => {
    await assertDraftEditableHere(ctx.database, ctx.repos, id);
    const current = await ctx.workflows.get(id);
    return ctx.workflows.save(id, current.rev, { ...current.doc, name });
  },
  'workflows.duplicate': async (ctx, { id, name }) => {
    const source = await ctx.workflows.get(id);
    return ctx.workflows.create({ ...source.doc, name: name ?? `${source.name} (copy)` });
  },
  'workflows.delete': async (ctx, { id }) => {
    await assertDraftEditableHere(ctx.database, ctx.repos, id);
    return { deleted: await ctx.workflows.delete(id) };
  },
  'workflows.validate': async (ctx, { doc, workflowId, installationId }) => {
    const r = validateWorkflow(doc, blockCatalog);
    const mappings = installationId
      ? await installationMappingSet(ctx.repos, await ctx.repos.installations.get(installationId))
      : workflowId ? await draftMappingSet(ctx.repos, await ctx.repos.integrations.integrationOfWorkflow(workflowId)) : null;
    if (!r.doc || !mappings) return { ok: r.ok, issues: [...r.issues] };
    // With the shared mappings bound, a broken rule in one shows on each block that names it.
    const bound = bindMappings(r.doc, mappings, blockCatalog);
    const issues = bound.issues.length > 0 ? [...r.issues, ...bound.issues] : [...validateWorkflow(bound.doc, blockCatalog).issues];
    return { ok: !issues.some((i) => i.severity === 'error'), issues };
  },
};
