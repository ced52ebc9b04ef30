import type { RequiredConnection } from '../api/methods/integrations';
import type { RuleInput } from '../mapping/rules';
import type { WorkflowDocInput } from '../model/workflow';

type Blocks = NonNullable<WorkflowDocInput['blocks']>;
type Edges = NonNullable<WorkflowDocInput['edges']>;
import { ORDER_SYNC_MAPPING, orderSyncMappingRules } from './order-sync-mapping';

// The reference story's integration: three base workflows over a customer's NetSuite account
// and the vendor's app. Connections are read from the installation, so one base serves every
// customer: `{{ installation.connections.netsuite }}`.

const NETSUITE = '{{ installation.connections.netsuite }}';
const YOUR_APP = '{{ installation.connections.your_app }}';
const at = (x: number, y: number) => ({ x, y });

const mapAndDeliver = (fetchId: string, x: number): { blocks: Blocks; edges: Edges } => ({
  blocks: [
    { id: 'map_orders', kind: 'map_fields', name: 'Map to Your App', position: at(x, 120), config: { input: `{{ steps.${fetchId}.output.orders }}`, mapping: ORDER_SYNC_MAPPING, onError: 'fail_record' } },
    { id: 'deliver', kind: 'for_each', name: 'Each order', position: at(x + 260, 120), config: { items: '{{ steps.map_orders.output.records }}', concurrency: 4 } },
    { id: 'post_order', kind: 'http_request', name: 'Send to Your App', position: at(x + 520, 220), config: { method: 'POST', url: '/orders', connectionId: YOUR_APP, body: '{{ item }}', retries: 3 } },
  ],
  edges: [
    { id: 'e_map_deliver', from: 'map_orders', to: 'deliver', port: 'out' },
    { id: 'e_deliver_post', from: 'deliver', to: 'post_order', port: 'each' },
  ],
});

function fetchHistoricalOrders(): WorkflowDocInput {
  const tail = mapAndDeliver('fetch_orders', 800);
  return {
    name: 'Fetch Historical Orders',
    notes: 'Backfill of every NetSuite purchase order into Your App. Holds at the Stop block until the field mapping is agreed with the customer.',
    blocks: [
      { id: 'trigger', kind: 'trigger', name: 'On install', position: at(40, 120), config: { type: 'install' } },
      { id: 'hold', kind: 'stop', name: 'Wait for the mapping', position: at(280, 120), config: { reason: 'Every NetSuite account has its own custom fields: agree the field mapping with the customer, then remove this block in their user-specific version.' } },
      { id: 'fetch_orders', kind: 'netsuite_fetch_orders', name: 'Fetch all purchase orders', position: at(540, 120), config: { connectionId: NETSUITE, strategy: 'suiteql', pageSize: 1000, keepWatermark: true, overlapMinutes: 0 } },
      ...tail.blocks,
    ],
    edges: [
      { id: 'e_trigger_hold', from: 'trigger', to: 'hold', port: 'out' },
      { id: 'e_hold_fetch', from: 'hold', to: 'fetch_orders', port: 'out' },
      { id: 'e_fetch_map', from: 'fetch_orders', to: 'map_orders', port: 'out' },
      ...tail.edges,
    ],
  };
}

function listenForOrders(): WorkflowDocInput {
  const tail = mapAndDeliver('fetch_changed', 800);
  return {
    name: 'Listen for New and Updated Orders',
    notes: 'Polls NetSuite every 5 minutes for purchase orders changed since the last successful run (10 minutes of overlap, de-duplicated).',
    blocks: [
      { id: 'trigger', kind: 'trigger', name: 'Every 5 minutes', position: at(40, 120), config: { type: 'schedule', intervalSeconds: 300 } },
      { id: 'fetch_changed', kind: 'netsuite_fetch_orders', name: 'Fetch changed orders', position: at(280, 120), config: { connectionId: NETSUITE, strategy: 'suiteql', pageSize: 1000, keepWatermark: true, overlapMinutes: 10 } },
      { id: 'any_changes', kind: 'branch', name: 'Anything new?', position: at(540, 120), config: { mode: 'conditions', combinator: 'and', conditions: [{ field: '{{ steps.fetch_changed.output.count }}', operator: 'gt', value: '0' }] } },
      ...tail.blocks,
    ],
    edges: [
      { id: 'e_trigger_fetch', from: 'trigger', to: 'fetch_changed', port: 'out' },
      { id: 'e_fetch_branch', from: 'fetch_changed', to: 'any_changes', port: 'out' },
      { id: 'e_branch_map', from: 'any_changes', to: 'map_orders', port: 'true' },
      ...tail.edges,
    ],
  };
}

const JOIN_SHIPMENTS = `// Pair each new shipment with the NetSuite order it belongs to, and move the watermark.
interface Shipment { external_order_id: string; tracking_number: string; shipped_at: string }
export function run(input: { shipments: Shipment[]; orders: { external_order_id: string; netsuite_id?: string }[]; since?: string }) {
  const ids = new Map(input.orders.map((o) => [o.external_order_id, o.netsuite_id]));
  const pairs = input.shipments
    .filter((s) => ids.get(s.external_order_id))
    .map((s) => ({ netsuite_id: ids.get(s.external_order_id), tracking_number: s.tracking_number }));
  const latest = input.shipments.reduce((max, s) => (s.shipped_at > max ? s.shipped_at : max), input.since ?? '');
  return { pairs, latest };
}
`;

function writeBackTracking(): WorkflowDocInput {
  return {
    name: 'Write Back Tracking Number',
    notes: 'When Your App ships an order, PATCH its tracking number onto the NetSuite purchase order. Remembers the last shipment it handled, so each poll only reads new ones.',
    blocks: [
      { id: 'trigger', kind: 'trigger', name: 'Every 5 minutes', position: at(40, 120), config: { type: 'schedule', intervalSeconds: 300 } },
      { id: 'shipments', kind: 'http_request', name: 'New shipments', position: at(280, 60), config: { method: 'GET', url: '/shipments', query: { since: '{{ state.shipments_since }}' }, connectionId: YOUR_APP } },
      { id: 'orders', kind: 'http_request', name: 'Orders in Your App', position: at(540, 60), config: { method: 'GET', url: '/orders', connectionId: YOUR_APP } },
      { id: 'pair', kind: 'custom_code', name: 'Pair with NetSuite ids', position: at(800, 60), config: { language: 'ts', code: JOIN_SHIPMENTS, input: { shipments: '{{ steps.shipments.output.body.shipments }}', orders: '{{ steps.orders.output.body.orders }}', since: '{{ state.shipments_since }}' } } },
      { id: 'each_shipment', kind: 'for_each', name: 'Each shipment', position: at(1060, 60), config: { items: '{{ steps.pair.output.result.pairs }}', concurrency: 4 } },
      { id: 'remember', kind: 'set_variable', name: 'Remember the last shipment', position: at(1320, 0), config: { name: 'shipments_since', value: '{{ steps.pair.output.result.latest }}', persist: true } },
      { id: 'write_back', kind: 'netsuite_update_order', name: 'Set tracking number', position: at(1320, 160), config: { connectionId: NETSUITE, id: '{{ item.netsuite_id }}', fields: { custbody_tracking_number: '{{ item.tracking_number }}' } } },
    ],
    edges: [
      { id: 'e_trigger_shipments', from: 'trigger', to: 'shipments', port: 'out' },
      { id: 'e_shipments_orders', from: 'shipments', to: 'orders', port: 'out' },
      { id: 'e_orders_pair', from: 'orders', to: 'pair', port: 'out' },
      { id: 'e_pair_each', from: 'pair', to: 'each_shipment', port: 'out' },
      { id: 'e_each_write', from: 'each_shipment', to: 'write_back', port: 'each' },
      { id: 'e_each_remember', from: 'each_shipment', to: 'remember', port: 'done' },
    ],
  };
}

export interface IntegrationTemplate {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly requiredConnections: readonly RequiredConnection[];
  workflows(): WorkflowDocInput[];
  /** Shared mappings the workflows' Map Fields blocks name. */
  mappings?(): { name: string; rules: RuleInput[]; notes: string }[];
}

export const orderSyncTemplate: IntegrationTemplate = {
  id: 'netsuite-order-sync',
  name: 'NetSuite Order Sync',
  description: 'Backfills NetSuite purchase orders into Your App, keeps them in sync, and writes tracking numbers back.',
  requiredConnections: [
    { key: 'netsuite', kind: 'netsuite', label: "Customer's NetSuite account" },
    { key: 'your_app', kind: 'your_app', label: 'Your App API' },
  ],
  workflows: () => [fetchHistoricalOrders(), listenForOrders(), writeBackTracking()],
  mappings: () => [{
    name: ORDER_SYNC_MAPPING,
    rules: orderSyncMappingRules.map((r) => ({ ...r, transforms: r.transforms.map((t) => ({ ...t, args: [...t.args] })) })),
    notes: 'Agreed with each customer: every NetSuite account has its own custom fields. Used by the backfill and the listener.',
  }],
};

export const integrationTemplates: readonly IntegrationTemplate[] = [orderSyncTemplate];
