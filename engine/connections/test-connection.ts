import { isPatchbayError, PatchbayError, toErrorPayload } from '../errors/patchbay-error';
import { maskedSecret, type ConnectionKind, type ConnectionTestResult } from '../api/methods/connections';
import { connectorFor } from '../connectors/registry';
import { redactSecrets, redactString } from '../secrets/redact';
import type { ConnectionStore } from './store';
import { checkRequired, splitValues, type FieldValues } from './values';

// "Test connection": one cheap authenticated call, defined by each connector kind. Results are data, not exceptions, and
// are scrubbed of every secret involved before they leave.

export interface TestConnectionArgs {
  readonly id?: string | undefined;
  readonly kind?: ConnectionKind | undefined;
  readonly values?: FieldValues | undefined;
}

async function effectiveValues(store: ConnectionStore, args: TestConnectionArgs): Promise<{ kind: ConnectionKind; values: Record<string, string | number> }> {
  if (args.id) {
    const saved = await store.resolve(args.id);
    const merged: Record<string, string | number> = { ...saved.values };
    for (const [k, v] of Object.entries(args.values ?? {})) {
      if (v === null || v === maskedSecret) continue;
      merged[k] = v;
    }
    return { kind: saved.kind, values: merged };
  }
  if (!args.kind) throw new PatchbayError('bad_request', 'Give a saved connection id, or a kind and its values.');
  const { config, secrets } = splitValues(args.kind, args.values ?? {});
  const clear: Record<string, string> = {};
  for (const [k, v] of Object.entries(secrets)) if (v) clear[k] = v;
  checkRequired(args.kind, config, clear);
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(config)) if (v !== null) values[k] = v;
  return { kind: args.kind, values: { ...values, ...clear } };
}

export async function testConnection(store: ConnectionStore, args: TestConnectionArgs, signal?: AbortSignal): Promise<ConnectionTestResult> {
  let secrets: string[] = [];
  try {
    const { kind, values } = await effectiveValues(store, args);
    const secretKeys = new Set(connectorFor(kind).fields.filter((f) => f.secret).map((f) => f.key));
    secrets = Object.entries(values)
      .filter(([k, v]) => secretKeys.has(k) && typeof v === 'string')
      .map(([, v]) => String(v));
    const message = await connectorFor(kind).test(values, signal);
    return { ok: true, code: null, message: redactString(message, secrets) };
  } catch (e) {
    const payload = toErrorPayload(e);
    const code = isPatchbayError(e) ? payload.code : 'internal';
    return redactSecrets({ ok: false, code, message: payload.message, ...(payload.details === undefined ? {} : { details: payload.details }) }, secrets);
  }
}
