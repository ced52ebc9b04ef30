import { isPatchbayError, PatchbayError } from '../../errors/patchbay-error';
import { fetchRecordSchema } from '../../connectors/netsuite/metadata';
import { connectorFor } from '../../connectors/registry';
import { sourceFieldsFromRecordSchema } from '../../mapping/fields/record-schema';
import { targetFieldsFromSchema } from '../../mapping/fields/target-schema';
import { netsuiteClientFactoryKey } from '../../runtime/blocks/netsuite/netsuite-shared';
import type { EngineContext } from '../context';
import type { Handlers } from './types';

// The visual mapper's field sources. Remote failures keep their stable code but say, in words an
// analyst understands, which list could not be loaded; the mapper keeps what it already shows.

const SCHEMA_TIMEOUT_MS = 15_000;

function netsuiteClient(ctx: EngineContext, connectionId: string) {
  return ctx.services.get(netsuiteClientFactoryKey)(connectionId);
}

async function fetchTargetDocument(ctx: EngineContext, connectionId: string): Promise<{ doc: unknown; from: string }> {
  const c = await ctx.connections.resolve(connectionId);
  const auth = connectorFor(c.kind).requestAuth(c.values);
  if (!auth?.baseUrl) throw new PatchbayError('mapping_schema_invalid', `The connection "${c.name}" has no base URL to read its API description from.`);
  const url = `${auth.baseUrl.replace(/\/+$/, '')}/openapi.json`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { ...auth.headers, accept: 'application/json' }, signal: AbortSignal.timeout(SCHEMA_TIMEOUT_MS) });
  } catch {
    throw new PatchbayError('network_error', `"${c.name}" could not be reached to read its field list.`);
  }
  if (!res.ok) throw new PatchbayError('http_error', `"${c.name}" did not provide its field list (it answered ${res.status}).`);
  try {
    return { doc: (await res.json()) as unknown, from: `${c.name} (openapi.json)` };
  } catch {
    throw new PatchbayError('mapping_schema_invalid', `"${c.name}" answered with a field list that is not JSON.`);
  }
}

export const mappingFieldHandlers: Handlers<'mapping.sourceFields' | 'mapping.sampleRecords' | 'mapping.targetFields'> = {
  'mapping.sourceFields': async (ctx, { connectionId, recordType }) => {
    const client = await netsuiteClient(ctx, connectionId);
    try {
      return { fields: sourceFieldsFromRecordSchema(await fetchRecordSchema(client.transport, recordType)) };
    } catch (e) {
      const why = isPatchbayError(e) ? e.message : 'the account did not answer';
      throw new PatchbayError('mapping_metadata_failed', `The account's field list could not be read (${why}). The fields of the sample records are still shown.`);
    }
  },
  'mapping.sampleRecords': async (ctx, { connectionId, limit }) => {
    const client = await netsuiteClient(ctx, connectionId);
    const { orders } = await client.fetchPurchaseOrders({ limit, pageSize: limit });
    return { records: orders.slice(0, limit) };
  },
  'mapping.targetFields': async (ctx, args) => {
    if (args.document !== undefined) {
      let doc: unknown;
      try {
        doc = JSON.parse(args.document);
      } catch {
        throw new PatchbayError('mapping_schema_invalid', 'The schema is not valid JSON.');
      }
      return { fields: targetFieldsFromSchema(doc, args.schemaName), from: 'pasted schema' };
    }
    const { doc, from } = await fetchTargetDocument(ctx, args.connectionId ?? '');
    return { fields: targetFieldsFromSchema(doc, args.schemaName), from };
  },
};
