import { z } from 'zod';
import { connectionIdSchema, netsuiteClient, recordBodySchema, recordIdSchema, resolvedBody, resolvedId } from '../netsuite/netsuite-shared';
import { readBeforeWrite, rememberOwnWrite } from '../netsuite/own-writes';
import { defineBlock } from '../types';

const configSchema = z.object({
  connectionId: connectionIdSchema,
  id: recordIdSchema,
  /** Body fields to set, e.g. { "custbody_tracking_number": "{{ item.tracking_number }}" }; null clears a field. */
  fields: recordBodySchema.refine((f) => typeof f === 'string' || Object.keys(f).length > 0, 'choose at least one field to update'),
  /** Replace the item lines instead of merging them by line number (`?replace=item`). */
  replaceLines: z.boolean().default(false),
});

/** NetSuite › Update Purchase Order: PATCH chosen fields. In test runs, shows the request instead of sending it. */
export const netsuiteUpdateOrderBlock = defineBlock({
  kind: 'netsuite_update_order',
  title: 'Update Purchase Order',
  category: 'netsuite',
  icon: 'NS',
  idPrefix: 'update_order',
  description: 'Updates chosen fields of a NetSuite purchase order (PATCH), e.g. a tracking-number custom field.',
  configSchema,
  ports: ['out'],
  defaultConfig: { connectionId: '', id: '', fields: {}, replaceLines: false },
  async execute(config, ctx) {
    const client = await netsuiteClient(ctx, config.connectionId);
    const spec = {
      kind: 'update' as const,
      recordType: 'purchaseOrder',
      id: resolvedId(config.id),
      body: resolvedBody(config.fields, 'Fields'),
      replace: config.replaceLines ? ['item'] : undefined,
    };
    if (ctx.mode === 'test') return { output: { dryRun: true, request: client.prepareWrite(spec) } };
    // So the installation's listener does not deliver this order again for our own change, yet
    // still delivers a change someone else made to it before ours.
    const before = await readBeforeWrite(ctx, client, spec.id);
    const result = await client.write(spec, ctx.signal);
    const lastModifiedDate = await rememberOwnWrite(ctx, client, config.connectionId, result.id, before);
    return { output: { id: result.id, location: result.location, ...(lastModifiedDate ? { lastModifiedDate } : {}) } };
  },
});
