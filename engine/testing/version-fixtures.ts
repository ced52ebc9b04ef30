import type { WorkflowDoc } from '../model/workflow';

// A small order-sync workflow used by the diff and merge tests: trigger -> fetch -> map -> stop,
// with a Map Fields block carrying id-keyed rules. Each call returns a fresh copy to edit.
export function orderSyncWorkflow(): WorkflowDoc {
  return {
    schemaVersion: 1,
    name: 'Order sync',
    notes: '',
    blocks: [
      { id: 'trigger', kind: 'trigger', name: 'On install', config: { type: 'install' }, position: { x: 0, y: 0 } },
      {
        id: 'fetch',
        kind: 'http_request',
        name: 'Fetch orders',
        config: { method: 'GET', url: 'https://shop.test/orders', headers: { Accept: 'application/json' }, query: { limit: 50 } },
        position: { x: 200, y: 0 },
      },
      {
        id: 'map',
        kind: 'map_fields',
        name: 'Map order',
        config: {
          input: '{{ steps.fetch.output.body.items }}',
          rules: [
            { id: 'r1', target: 'externalId', source: 'id' },
            { id: 'r2', target: 'memo', source: 'note', transforms: [{ name: 'trim' }] },
            { id: 'r3', target: 'currency', constant: 'USD' },
          ],
        },
        position: { x: 400, y: 0 },
      },
      { id: 'stop', kind: 'stop', name: 'Stop', config: { reason: 'historical fetch done' }, position: { x: 600, y: 0 } },
    ],
    edges: [
      { id: 'e1', from: 'trigger', port: 'out', to: 'fetch' },
      { id: 'e2', from: 'fetch', port: 'out', to: 'map' },
      { id: 'e3', from: 'map', port: 'out', to: 'stop' },
    ],
  };
}

export function blockOf(doc: WorkflowDoc, id: string): WorkflowDoc['blocks'][number] {
  const block = doc.blocks.find((b) => b.id === id);
  if (!block) throw new Error(`no block ${id}`);
  return block;
}

export type RuleLike = { id: string; [key: string]: unknown };

export function rulesOf(doc: WorkflowDoc, blockId: string): RuleLike[] {
  const rules = blockOf(doc, blockId).config.rules;
  if (!Array.isArray(rules)) throw new Error(`block ${blockId} has no rules`);
  return rules as RuleLike[];
}
