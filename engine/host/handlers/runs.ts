import { PatchbayError } from '../../errors/patchbay-error';
import { draftMappingSet } from '../../installations/mapping-sets';
import type { MappingSet } from '../../model/mapping-doc';
import type { InstallationInfo } from '../../runtime/blocks/types';
import type { RunMode } from '../../api/records';
import type { EngineContext } from '../context';
import type { Handlers } from './types';

/** A draft run "as customer…": that installation's connections and config, as its own runs get. */
async function installationInfo(ctx: EngineContext, id: string, mode: RunMode): Promise<InstallationInfo> {
  const row = await ctx.installations.assertRunnable(id, mode);
  return { id: row.id, customerName: row.customerName, config: row.config, connections: Object.fromEntries(await ctx.repos.installations.connections(id)) };
}

async function withCustomerMappings(ctx: EngineContext, drafts: MappingSet, installationId: string): Promise<MappingSet> {
  const set = new Map(drafts);
  for (const custom of await ctx.repos.installationMappings.listForInstallation(installationId)) set.set(custom.doc.name, custom.doc.rules);
  return set;
}

function blockNames(docJson: string): Map<string, string> {
  const doc = JSON.parse(docJson) as { blocks?: { id: string; name?: string }[] };
  return new Map((doc.blocks ?? []).map((b) => [b.id, b.name || b.id]));
}

export const runHandlers: Handlers<'runs.start' | 'runs.rerun' | 'runs.cancel' | 'runs.get' | 'runs.list' | 'runs.steps' | 'runs.search'> = {
  'runs.start': async (ctx, { workflowId, doc, input, mode, wait, testLimit, installationId }) => {
    const workflow = workflowId ? await ctx.workflows.get(workflowId) : null;
    const runDoc = doc ?? workflow?.doc;
    if (!runDoc) throw new PatchbayError('bad_request', 'Give a saved workflow id or a workflow document to run.');
    // A draft may read a customer's account, never write to it or move its watermarks.
    if (installationId && mode !== 'test') throw new PatchbayError('bad_request', "A draft runs as a customer only as a test sync; release it and run it from the customer's installation to send data.");
    // Without one, a workflow that reads its connections from an installation is refused by the runner.
    const installation = installationId ? await installationInfo(ctx, installationId, mode) : null;
    // A base workflow runs with its integration's draft mappings (what the base editor shows);
    // run as a customer, that customer's own mappings replace the drafts they customised.
    const drafts = await draftMappingSet(ctx.repos, workflowId ? await ctx.repos.integrations.integrationOfWorkflow(workflowId) : null);
    const mappings = installationId ? await withCustomerMappings(ctx, drafts, installationId) : drafts;
    const { run, done } = await ctx.runner.start({
      doc: runDoc, workflowId: workflowId ?? null, input, mode, testRecordLimit: testLimit ?? null, installation, mappings,
      versionRef: installation && workflowId ? `draft:${workflowId}` : null,
    });
    return wait ? await done : run;
  },
  'runs.rerun': async (ctx, { id, fromFailedStep, wait }) => {
    const previous = await ctx.runs.get(id);
    const installationId = (await ctx.runs.resumeInfo(id)).installationId;
    if (installationId) await ctx.installations.assertRunnable(installationId, previous.mode);
    if (fromFailedStep && previous.status !== 'failed') throw new PatchbayError('bad_request', 'Only a failed run can be re-run from its failed step; re-run it from the start instead.');
    const { run, done } = await ctx.runner.rerun(id, fromFailedStep);
    return wait ? await done : run;
  },
  'runs.cancel': (ctx, { id }) => ctx.runner.cancel(id),
  'runs.get': (ctx, { id }) => ctx.runs.get(id),
  'runs.list': (ctx, { workflowId, limit }) => ctx.runs.list(workflowId, limit),
  'runs.steps': async (ctx, { runId, afterSeq, limit }) => {
    const names = blockNames(await ctx.runs.getDoc(runId));
    return (await ctx.runner.steps(runId, afterSeq, limit)).map((s) => ({ ...s, blockName: names.get(s.blockId) ?? s.blockId }));
  },
  'runs.search': (ctx, filter) => ctx.runs.search(filter),
};
