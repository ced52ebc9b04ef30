import { z } from 'zod';
import { connectionIdSchema, netsuiteClient, recordBodySchema, resolvedBody } from '../netsuite/netsuite-shared';
import { readBeforeWrite, rememberOwnWrite } from '../netsuite/own-writes';
import { defineBlock } from '../types';

const configSchema = z.object({
  connectionId: connectionIdSchema,
  externalId: z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(z.string().min(1, 'enter the external id to upsert by')),
  /** The purchase order body, e.g. { "entity": { "id": "512" }, "item": { "items": [...] } }. */
  fields: recordBodySchema,
  replaceLines: z.boolean().default(false),
});

/**
 * NetSuite › Upsert by External ID: PUT purchaseOrder/eid:<externalId> creates or updates, so a
 * resumed run re-sending it changes nothing twice. In test runs, shows the request instead.
 */
export const netsuiteUpsertOrderBlock = defineBlock({
  kind: 'netsuite_upsert_order',
  title: 'Upsert Purchase Order by External ID',
  category: 'netsuite',
  icon: 'NS',
  idPrefix: 'upsert_order',
  description: 'Creates or updates a NetSuite purchase order addressed by its external id (PUT eid:).',
  configSchema,
  ports: ['out'],
  defaultConfig: { connectionId: '', externalId: '', fields: {}, replaceLines: false },
  async execute(config, ctx) {
    const client = await netsuiteClient(ctx, config.connectionId);
    const spec = {
      kind: 'upsert' as const,
      recordType: 'purchaseOrder',
      externalId: config.externalId,
      body: resolvedBody(config.fields, 'Fields'),
      replace: config.replaceLines ? ['item'] : undefined,
    };
    if (ctx.mode === 'test') return { output: { dryRun: true, request: client.prepareWrite(spec) } };
    // So the installation's listener does not deliver this order again for our own change, yet
    // still delivers a change someone else made to it before ours.
    const before = await readBeforeWrite(ctx, client, { externalId: config.externalId });
    const result = await client.write(spec, ctx.signal);
    const lastModifiedDate = await rememberOwnWrite(ctx, client, config.connectionId, result.id, before);
    return { output: { id: result.id, externalId: config.externalId, location: result.location, ...(lastModifiedDate ? { lastModifiedDate } : {}) } };
  },
});
