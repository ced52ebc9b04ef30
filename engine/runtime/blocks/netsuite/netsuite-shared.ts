import { z } from 'zod';
import { isTemplate } from '../../../shared/is-template';
import { PatchbayError } from '../../../errors/patchbay-error';
import type { NetSuiteClient } from '../../../connectors/netsuite/client';
import { serviceKey } from '../../services';
import type { BlockContext } from '../types';

// What every NetSuite block shares: the service through which it gets a client for a connection
// (the host provides it in createEngine, backed by the connection store), and config pieces.

/** Given a saved connection id, a client for that NetSuite account. */
export type NetSuiteClientFactory = (connectionId: string) => Promise<NetSuiteClient>;

export const netsuiteClientFactoryKey = serviceKey<NetSuiteClientFactory>('netsuite.clientFactory');

export const connectionIdSchema = z.string().min(1, 'choose a NetSuite connection');

export { isTemplate };

/** Internal ids are digits (numbers from templates are fine). */
export const recordIdSchema = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().refine((v) => /^\d+$/.test(v) || isTemplate(v), 'a NetSuite internal id is digits, e.g. 1042'));

/** A record body: an object, or a template that yields one (e.g. `{{ steps.map.output }}`). */
export const recordBodySchema = z.union([z.record(z.string(), z.unknown()), z.string().refine(isTemplate, 'give the fields as an object or a {{ template }}')]);

export function resolvedBody(value: Record<string, unknown> | string, what: string): Record<string, unknown> {
  if (typeof value === 'string') throw new PatchbayError('invalid_config', `${what} must be an object of NetSuite fields; the template gave text.`);
  return value;
}

export function resolvedId(value: string): string {
  if (!/^\d+$/.test(value)) throw new PatchbayError('invalid_config', `"${value}" is not a NetSuite internal id (digits, e.g. 1042).`);
  return value;
}

export async function netsuiteClient(ctx: BlockContext, connectionId: string): Promise<NetSuiteClient> {
  const factory = ctx.services.tryGet(netsuiteClientFactoryKey);
  if (!factory) throw new PatchbayError('not_available', 'NetSuite connections are not available in this host.');
  return factory(connectionId);
}
