import { z } from 'zod';
import { latestModified } from '../../connectors/netsuite/client';
import type { PurchaseOrder } from '../../connectors/netsuite/types';
import { connectionIdSchema, netsuiteClient } from './netsuite-shared';
import { defineBlock } from './types';

const configSchema = z.object({
  connectionId: connectionIdSchema,
  /** SuiteQL reads 1,000 orders in ~11 requests; the record API needs one request per order. */
  strategy: z.enum(['suiteql', 'record']).default('suiteql'),
  /** ISO date-time watermark; empty fetches every order. */
  modifiedSince: z.string().trim().optional().transform((v) => (v === '' ? undefined : v)),
  /** Re-read this many minutes before the watermark (clock and time-zone slack); duplicates are harmless downstream. */
  overlapMinutes: z.coerce.number().int().min(0).max(10_080).default(0),
  pageSize: z.coerce.number().int().min(1).max(1000).default(1000),
  /** Stop after this many orders (test syncs on a few records). */
  limit: z.coerce.number().int().min(1).optional(),
});

export interface FetchOrdersOutput {
  readonly orders: readonly PurchaseOrder[];
  readonly count: number;
  /** The latest lastModifiedDate seen (or the input watermark when nothing changed): store it for the next poll. */
  readonly watermark: string | null;
  readonly strategy: 'suiteql' | 'record';
}

function since(modifiedSince: string | undefined, overlapMinutes: number): string | undefined {
  if (!modifiedSince) return undefined;
  const ms = Date.parse(modifiedSince);
  if (Number.isNaN(ms)) return modifiedSince;
  return new Date(ms - overlapMinutes * 60_000).toISOString();
}

/** NetSuite › Fetch Purchase Orders: every order, or those modified since a watermark, normalised. */
export const netsuiteFetchOrdersBlock = defineBlock({
  kind: 'netsuite_fetch_orders',
  title: 'Fetch Purchase Orders',
  category: 'netsuite',
  description: 'Reads NetSuite purchase orders (all, or modified since a watermark) by SuiteQL or the record API, in the record-API shape.',
  configSchema,
  ports: ['out'],
  defaultConfig: { connectionId: '', strategy: 'suiteql', modifiedSince: '', overlapMinutes: 0, pageSize: 1000 },
  async execute(config, ctx) {
    const client = await netsuiteClient(ctx, config.connectionId);
    const orders: PurchaseOrder[] = [];
    const from = since(config.modifiedSince, config.overlapMinutes);
    let pages = 0;
    for await (const page of client.purchaseOrderPages({ strategy: config.strategy, modifiedSince: from, pageSize: config.pageSize, limit: config.limit, signal: ctx.signal })) {
      orders.push(...page.orders);
      pages++;
      ctx.log('debug', `page ${pages}: ${page.orders.length} order(s)`, { cursor: page.cursor });
    }
    const output: FetchOrdersOutput = {
      orders,
      count: orders.length,
      watermark: latestModified(orders, config.modifiedSince ?? null),
      strategy: config.strategy,
    };
    return { output };
  },
});
