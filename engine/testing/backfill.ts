import type { ConnectionStore } from '../connections/store';
import type { WorkflowDocInput } from '../model/workflow';
import type { AccountSpec } from '../simulators/netsuite';
import { orderSyncTemplate } from '../templates/order-sync';
import { orderSyncMappingRules } from '../templates/order-sync-mapping';

// The customer's *Fetch Historical Orders* as a run at volume sees it: the Order Sync template's
// backfill with its Stop block removed (the mapping is agreed), its connections bound to ids and
// its shared mapping's rules inline (a standalone run has no integration to bind them from).

export const backfillConnectionIds = { netsuite: 'backfill-netsuite', yourApp: 'backfill-your-app' } as const;
/** Which connections a backfill uses (several installations, each its own, in the workers bench). */
export type BackfillConnectionIds = { readonly netsuite: string; readonly yourApp: string };

export function backfillDoc(opts: { pageSize?: number; concurrency?: number; ids?: BackfillConnectionIds } = {}): WorkflowDocInput {
  const ids = opts.ids ?? backfillConnectionIds;
  const base = orderSyncTemplate.workflows().find((w) => w.name === 'Fetch Historical Orders');
  if (!base?.blocks || !base.edges) throw new Error('the Order Sync template has no Fetch Historical Orders');
  const bind = (v: unknown): unknown => (v === '{{ installation.connections.netsuite }}' ? ids.netsuite : v === '{{ installation.connections.your_app }}' ? ids.yourApp : v);
  const blocks = base.blocks
    .filter((b) => b.kind !== 'stop')
    .map((b) => {
      const config = Object.fromEntries(Object.entries(b.config ?? {}).map(([k, v]) => [k, bind(v)]));
      if (b.kind === 'netsuite_fetch_orders' && opts.pageSize) config.pageSize = opts.pageSize;
      if (b.kind === 'for_each' && opts.concurrency) config.concurrency = opts.concurrency;
      // Outside an integration there is no shared mapping to bind: the customer's rules inline.
      if (b.kind === 'map_fields' && 'mapping' in config) {
        delete config.mapping;
        config.rules = [...orderSyncMappingRules];
      }
      return { ...b, config };
    });
  const stop = base.blocks.find((b) => b.kind === 'stop')?.id;
  const fetch = base.blocks.find((b) => b.kind === 'netsuite_fetch_orders')?.id ?? 'fetch_orders';
  const edges = base.edges
    .filter((e) => e.to !== stop && e.from !== stop)
    .concat([{ id: 'e_trigger_fetch', from: 'trigger', to: fetch, port: 'out' }]);
  return { ...base, name: 'Fetch Historical Orders (customer)', blocks, edges };
}

export interface BackfillTargets {
  readonly account: Required<AccountSpec>;
  readonly netsuiteUrl: string;
  readonly yourAppUrl: string;
  readonly yourAppKey: string;
}

export async function saveBackfillConnections(store: ConnectionStore, t: BackfillTargets, ids: BackfillConnectionIds = backfillConnectionIds): Promise<void> {
  const a = t.account;
  await store.save({
    id: ids.netsuite, name: 'Customer NetSuite', kind: 'netsuite',
    values: { accountId: a.accountId, consumerKey: a.consumerKey, consumerSecret: a.consumerSecret, tokenId: a.tokenId, tokenSecret: a.tokenSecret, baseUrl: t.netsuiteUrl },
  });
  await store.save({ id: ids.yourApp, name: 'Your App', kind: 'your_app', values: { baseUrl: t.yourAppUrl, apiKey: t.yourAppKey } });
}
