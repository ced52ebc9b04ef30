import { z } from 'zod';
import { connectionIdSchema, netsuiteClient, recordIdSchema, resolvedId } from '../netsuite/netsuite-shared';
import { defineBlock } from '../types';

const configSchema = z.object({
  connectionId: connectionIdSchema,
  id: recordIdSchema,
});

/** NetSuite › Get Purchase Order: one order by internal id, expanded (lines included), without links. */
export const netsuiteGetOrderBlock = defineBlock({
  kind: 'netsuite_get_order',
  title: 'Get Purchase Order',
  category: 'netsuite',
  icon: 'NS',
  idPrefix: 'get_order',
  form: [
    { key: 'connectionId', label: 'Connection', type: 'connection', connectionKind: 'netsuite' },
    { key: 'id', label: 'Internal id', type: 'template', placeholder: '1042 or {{ item.id }}', hint: 'Output: the purchase order with its lines (item.items).' },
  ],
  description: 'Reads one NetSuite purchase order by internal id, with its lines.',
  configSchema,
  ports: ['out'],
  defaultConfig: { connectionId: '', id: '' },
  readsExternal: () => true,
  async execute(config, ctx) {
    const client = await netsuiteClient(ctx, config.connectionId);
    return { output: await client.getPurchaseOrder(resolvedId(config.id), ctx.signal) };
  },
});
