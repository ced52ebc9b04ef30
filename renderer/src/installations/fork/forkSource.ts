import type { WorkflowRecord } from '../../../../engine/api';
import type { Fork } from '../../../../engine/api/methods/installations';
import type { DocSource } from '../../store/source';

/** A fork in the shape the editor's store loads (a workflow record), keyed by the fork's id. */
export function forkRecord(fork: Fork): WorkflowRecord {
  return { id: fork.id, name: fork.doc.name, rev: fork.rev, createdAt: fork.createdAt, updatedAt: fork.updatedAt, doc: fork.doc };
}

/** Edits a user-specific version: saves with its revision, runs as its installation does. */
export function forkSource(fork: Fork, customerName?: string): DocSource {
  const { id, installationId, workflowId } = fork;
  return {
    kind: 'fork',
    mappingScope: { kind: 'installation', installationId, ...(customerName ? { customerName } : {}) },
    staleMessage: 'This user-specific version was changed elsewhere (saved, rebased or reverted) since you opened it.',
    load: async (client) => forkRecord(await client.call('forks.get', { id })),
    save: async (client, baseRev, doc) => forkRecord(await client.call('forks.save', { id, baseRev, doc })),
    // The installation runs its own version of the workflow, which is this fork.
    startRun: (client, input) => client.call('installations.runWorkflow', { id: installationId, workflowId, input }),
    startTestSync: (client, input, test) =>
      client.call('installations.runWorkflow', { id: installationId, workflowId, input, mode: 'test', testLimit: test.limit }),
    baseWorkflowId: workflowId,
    customer: { id: installationId, name: customerName ?? '' },
    listRuns: async (client, limit) => (await client.call('installations.runs', { id: installationId, limit })).filter((r) => r.workflowId === workflowId),
  };
}
