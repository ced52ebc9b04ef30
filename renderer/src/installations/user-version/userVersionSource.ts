import type { WorkflowRecord } from '../../../../engine/api';
import type { UserVersion } from '../../../../engine/api/methods/installations';
import type { DocSource } from '../../store/source';

/** A user-specific version in the shape the editor's store loads (a workflow record), keyed by the user-specific version's id. */
export function userVersionRecord(userVersion: UserVersion): WorkflowRecord {
  return { id: userVersion.id, name: userVersion.doc.name, rev: userVersion.rev, createdAt: userVersion.createdAt, updatedAt: userVersion.updatedAt, doc: userVersion.doc };
}

/** Edits a user-specific version: saves with its revision, runs as its installation does. */
export function userVersionSource(userVersion: UserVersion, customerName?: string): DocSource {
  const { id, installationId, workflowId } = userVersion;
  return {
    kind: 'userVersion',
    mappingScope: { kind: 'installation', installationId, ...(customerName ? { customerName } : {}) },
    staleMessage: 'This user-specific version was changed elsewhere (saved, rebased or reverted) since you opened it.',
    load: async (client) => userVersionRecord(await client.call('userVersions.get', { id })),
    save: async (client, baseRev, doc) => userVersionRecord(await client.call('userVersions.save', { id, baseRev, doc })),
    // The installation runs its own version of the workflow, which is this user-specific version.
    startRun: (client, input) => client.call('installations.runWorkflow', { id: installationId, workflowId, input }),
    startTestSync: (client, input, test) =>
      client.call('installations.runWorkflow', { id: installationId, workflowId, input, mode: 'test', testLimit: test.limit }),
    baseWorkflowId: workflowId,
    customer: { id: installationId, name: customerName ?? '' },
    listRuns: async (client, limit) => (await client.call('installations.runs', { id: installationId, limit })).filter((r) => r.workflowId === workflowId),
  };
}
