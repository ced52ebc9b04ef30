import { PatchbayError } from '../../api/errors';
import { draftMappingSet } from '../../installations/mapping-sets';
import type { Handlers } from './types';

export const runHandlers: Handlers<'runs.start' | 'runs.rerun' | 'runs.cancel' | 'runs.get' | 'runs.list' | 'runs.steps'> = {
  'runs.start': async (ctx, { workflowId, doc, input, mode, wait, testLimit }) => {
    const workflow = workflowId ? ctx.workflows.get(workflowId) : null;
    const runDoc = doc ?? workflow?.doc;
    if (!runDoc) throw new PatchbayError('bad_request', 'Give a saved workflow id or a workflow document to run.');
    // A base workflow runs with its integration's draft mappings (what the base editor shows).
    const mappings = draftMappingSet(ctx.repos, workflowId ? ctx.repos.integrations.integrationOfWorkflow(workflowId) : null);
    const { run, done } = ctx.runner.start({ doc: runDoc, workflowId: workflowId ?? null, input, mode, testRecordLimit: testLimit ?? null, mappings });
    return wait ? await done : run;
  },
  'runs.rerun': async (ctx, { id, fromFailedStep, wait }) => {
    const previous = ctx.runs.get(id);
    const installationId = ctx.runs.resumeInfo(id).installationId;
    if (installationId) ctx.installations.assertRunnable(installationId, previous.mode);
    if (fromFailedStep && previous.status !== 'failed') throw new PatchbayError('bad_request', 'Only a failed run can be re-run from its failed step; re-run it from the start instead.');
    const { run, done } = ctx.runner.rerun(id, fromFailedStep);
    return wait ? await done : run;
  },
  'runs.cancel': (ctx, { id }) => ctx.runner.cancel(id),
  'runs.get': (ctx, { id }) => ctx.runs.get(id),
  'runs.list': (ctx, { workflowId, limit }) => ctx.runs.list(workflowId, limit),
  'runs.steps': (ctx, { runId, afterSeq, limit }) => {
    ctx.runs.get(runId);
    return ctx.runner.steps(runId, afterSeq, limit);
  },
};
