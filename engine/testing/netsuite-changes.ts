import type { Engine } from '../host/engine';

/**
 * Changes purchase orders in the Demo sandbox's NetSuite the way a NetSuite user would: a real
 * PATCH through the API (its lastModifiedDate moves to now), so a poll with a watermark sees them.
 */
export async function changeOrdersInNetSuite(engine: Engine, orderIds: readonly string[], memo = 'Changed after the backfill', connectionId = 'demo-netsuite'): Promise<void> {
  for (const id of orderIds) {
    const run = await engine.call('runs.start', {
      doc: {
        name: 'Change an order in NetSuite',
        blocks: [
          { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
          { id: 'patch', kind: 'netsuite_update_order', config: { connectionId, id, fields: { memo } } },
        ],
        edges: [{ id: 'e', from: 'trigger', to: 'patch', port: 'out' }],
      },
      wait: true,
    });
    if (run.status !== 'succeeded') throw new Error(`changing order ${id} in NetSuite: ${run.status} ${JSON.stringify(run.error)}`);
  }
}
