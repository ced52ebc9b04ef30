import { PatchbayError } from '../errors/patchbay-error';
import { maskedSecret, type ConnectionKind } from '../api/methods/connections';
import { connectorFor } from '../connectors/registry';
import { fieldApplies } from '../shared/connection-fields';

// Checking a connection's field values against its kind: required fields present, URLs parse,
// numbers are numbers; unknown fields refused (a typo would otherwise silently do nothing).

export const MIN_SECRET_LENGTH = 8;

export type FieldValues = Record<string, string | number | null>;

export function splitValues(kind: ConnectionKind, values: FieldValues): { config: FieldValues; secrets: Record<string, string | undefined> } {
  const config: FieldValues = {};
  const secrets: Record<string, string | undefined> = {};
  const specs = connectorFor(kind).fields;
  for (const key of Object.keys(values)) {
    if (!specs.some((s) => s.key === key)) throw new PatchbayError('invalid_connection', `A ${kind} connection has no field "${key}".`, { field: key });
  }
  for (const spec of specs) {
    const raw = values[spec.key];
    if (spec.secret) {
      // The mask (or nothing) means "keep what is stored".
      const secret = raw === undefined || raw === null || raw === maskedSecret ? undefined : String(raw).trim();
      // Journals and errors hide secrets by value; a very short one could not be told from
      // ordinary text, so it is refused rather than stored where it could leak.
      if (secret !== undefined && secret !== '' && secret.length < MIN_SECRET_LENGTH) {
        throw new PatchbayError('invalid_connection', `${spec.label} looks too short to be a real credential (at least ${MIN_SECRET_LENGTH} characters).`, { field: spec.key });
      }
      secrets[spec.key] = secret;
      continue;
    }
    if (raw === undefined || raw === null || raw === '') continue;
    if (spec.type === 'select') {
      const v = String(raw).trim();
      if (!spec.options?.some((o) => o.value === v)) {
        throw new PatchbayError('invalid_connection', `${spec.label} must be one of: ${(spec.options ?? []).map((o) => o.label).join(', ')}.`, { field: spec.key });
      }
      config[spec.key] = v;
    } else if (spec.type === 'number') {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1 || n > 100) throw new PatchbayError('invalid_connection', `${spec.label} must be a whole number from 1 to 100.`, { field: spec.key });
      config[spec.key] = n;
    } else if (spec.type === 'url') {
      const text = String(raw).trim().replace(/\/+$/, '');
      try {
        const u = new URL(text);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
      } catch {
        throw new PatchbayError('invalid_connection', `${spec.label} must be an http(s) URL such as https://api.example.com.`, { field: spec.key });
      }
      config[spec.key] = text;
    } else {
      config[spec.key] = String(raw).trim();
    }
  }
  return { config, secrets };
}

export function checkRequired(kind: ConnectionKind, config: FieldValues, secrets: Record<string, string>): void {
  const specs = connectorFor(kind).fields;
  for (const spec of specs) {
    // A field of another auth mode is not needed by this one.
    if (!spec.required || !fieldApplies(spec, specs, config)) continue;
    const present = spec.secret ? Boolean(secrets[spec.key]) : config[spec.key] !== undefined && config[spec.key] !== '';
    if (!present) throw new PatchbayError('invalid_connection', `Enter the ${spec.label} for this ${connectorFor(kind).label} connection.`, { field: spec.key });
  }
}
