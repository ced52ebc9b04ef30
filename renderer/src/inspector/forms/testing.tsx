import { act, render } from '@testing-library/react';
import type { EngineEventListener, MethodArgs, MethodName, MethodResult, WorkflowRecord } from '../../../../engine/api';
import type { Transport } from '../../client';
import '../../catalog/testing';
import { ClientProvider } from '../../client/context';
import { WorkflowStoreProvider } from '../../store/context';
import { createWorkflowStore, type WorkflowStore } from '../../store/workflowStore';
import { Inspector } from '../Inspector';

// Test support for the block forms: an inspector over a real workflow store, talking to a
// scripted engine that records every call.

export type Handlers = { readonly [M in MethodName]?: (args: MethodArgs<M>) => MethodResult<M> | Promise<MethodResult<M>> };

export interface FakeClient extends Transport {
  readonly calls: { method: string; args: unknown }[];
  callsTo(method: MethodName): unknown[];
}

export function fakeClient(handlers: Handlers): FakeClient {
  const calls: { method: string; args: unknown }[] = [];
  const client: FakeClient = {
    calls,
    callsTo: (m) => calls.filter((c) => c.method === m).map((c) => c.args),
    async call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
      calls.push({ method, args });
      const h = handlers[method] as ((a: MethodArgs<M>) => MethodResult<M> | Promise<MethodResult<M>>) | undefined;
      if (!h) throw Object.assign(new Error(`no fake for ${method}`), { code: 'unknown_method' });
      return h(args);
    },
    subscribe: (_l: EngineEventListener) => () => undefined,
  };
  return client;
}

/** Renders the inspector with one block of `kind` added and selected; returns the store. */
export function renderBlockForm(kind: string, client: Transport): { store: WorkflowStore; blockId: string } {
  const record: WorkflowRecord = {
    id: 'wf', name: 'Orders', rev: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
    doc: { schemaVersion: 1, name: 'Orders', blocks: [], edges: [], notes: '' },
  };
  const store = createWorkflowStore(record);
  let blockId = '';
  act(() => {
    blockId = store.getState().actions.addBlock(kind, { x: 0, y: 0 });
  });
  render(
    <ClientProvider client={client}>
      <WorkflowStoreProvider store={store}>
        <Inspector />
      </WorkflowStoreProvider>
    </ClientProvider>,
  );
  act(() => store.getState().actions.select({ blocks: [blockId], edges: [] }));
  return { store, blockId };
}

export function configOf(store: WorkflowStore, id: string): Readonly<Record<string, unknown>> | undefined {
  return store.getState().doc.blocks.find((b) => b.id === id)?.config;
}
