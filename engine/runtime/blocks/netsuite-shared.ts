import { z } from 'zod';
import { PatchbayError } from '../../api/errors';
import type { NetSuiteClient } from '../../connectors/netsuite/client';
import { serviceKey } from '../services';
import type { BlockContext } from './types';

// What every NetSuite block shares: the service through which it gets a client for a connection
// (the host provides it in createEngine, backed by the connection store), and config pieces.

/** Given a saved connection id, a client for that NetSuite account. */
export type NetSuiteClientFactory = (connectionId: string) => Promise<NetSuiteClient>;

export const netsuiteClientFactoryKey = serviceKey<NetSuiteClientFactory>('netsuite.clientFactory');

export const connectionIdSchema = z.string().min(1, 'choose a NetSuite connection');

/** Internal ids are digits; accept numbers from templates too. */
export const recordIdSchema = z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(z.string().regex(/^\d+$/, 'a NetSuite internal id is digits, e.g. 1042'));

export async function netsuiteClient(ctx: BlockContext, connectionId: string): Promise<NetSuiteClient> {
  const factory = ctx.services.tryGet(netsuiteClientFactoryKey);
  if (!factory) throw new PatchbayError('not_available', 'NetSuite connections are not available in this host.');
  return factory(connectionId);
}
