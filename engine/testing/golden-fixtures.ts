import type { GoldenSetBody } from '../api/methods/golden';

/** A golden set of one purchase order mapped to one Your App order, for storage tests. */
export const goldenBody: GoldenSetBody = {
  trigger: { event: 'install' }, sharedInputs: {}, sourceBlockId: 'fetch_orders', recordsPath: ['orders'],
  readers: [{ blockId: 'fetch_orders', kind: 'netsuite_fetch_orders', name: 'Fetch all purchase orders' }],
  records: [{ key: 'PO1001', inputs: { fetch_orders: { orders: [{ tranId: 'PO1001' }], count: 1 } }, outputs: { map_orders: { records: [{ external_order_id: 'PO1001' }] } }, outcome: 'succeeded' }],
  knownSources: ['tranId'],
};
