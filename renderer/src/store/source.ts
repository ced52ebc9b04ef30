import type { RunRecord, WorkflowDoc, WorkflowRecord } from '../../../engine/api';
import type { Transport } from '../client';
import type { WorkflowStore } from './workflowStore';

/**
 * Where the open document comes from and goes back to: a base workflow's draft, or a customer's
 * user-specific version. The editor and its store are the same for both; only loading,
 * saving, running and the run history differ.
 */
/** Where the shared mappings that Map Fields blocks name come from: the base workflow's integration
 * (drafts, edited in place) or an installation (released, or the customer's own version). */
export type MappingScope =
  | { readonly kind: 'base'; readonly workflowId: string }
  | { readonly kind: 'installation'; readonly installationId: string; readonly customerName?: string };

export interface DocSource {
  readonly kind: 'workflow' | 'userVersion';
  readonly mappingScope: MappingScope;
  /** What the conflict banner says when a save is refused as stale (`rev_conflict`). */
  readonly staleMessage: string;
  load(client: Transport): Promise<WorkflowRecord>;
  save(client: Transport, baseRev: number, doc: WorkflowDoc): Promise<WorkflowRecord>;
  startRun(client: Transport, input: unknown): Promise<RunRecord>;
  /** A test sync: fetches stop after `limit` records and writes are shown, not sent. */
  startTestSync(client: Transport, input: unknown, test: TestSyncOptions): Promise<RunRecord>;
  listRuns(client: Transport, limit: number): Promise<RunRecord[]>;
  /** The base workflow behind the document (a user-specific version's own workflow). */
  readonly baseWorkflowId: string;
  /** The customer a user-specific version belongs to; null for a base workflow (pick one). */
  readonly customer: { readonly id: string; readonly name: string } | null;
}

export interface TestSyncOptions {
  readonly limit: number;
  /** Run as this customer (their connections); null runs the workflow on its own. */
  readonly installationId: string | null;
}

export function workflowSource(id: string): DocSource {
  return {
    kind: 'workflow',
    mappingScope: { kind: 'base', workflowId: id },
    staleMessage: 'This workflow was changed elsewhere since you opened it.',
    load: (client) => client.call('workflows.get', { id }),
    save: (client, baseRev, doc) => client.call('workflows.save', { id, baseRev, doc }),
    startRun: (client, input) => client.call('runs.start', { workflowId: id, input }),
    startTestSync: (client, input, test) =>
      client.call('runs.start', { workflowId: id, input, mode: 'test', testLimit: test.limit, installationId: test.installationId ?? undefined }),
    listRuns: (client, limit) => client.call('runs.list', { workflowId: id, limit }),
    baseWorkflowId: id,
    customer: null,
  };
}

// The source lives beside the store rather than in its state, so the state keeps one shape for
// every kind of document. A store without one edits the workflow named by its workflowId.
const sources = new WeakMap<WorkflowStore, DocSource>();

export function attachSource(store: WorkflowStore, source: DocSource): WorkflowStore {
  sources.set(store, source);
  return store;
}

export function sourceOf(store: WorkflowStore): DocSource {
  return sources.get(store) ?? workflowSource(store.getState().workflowId);
}
