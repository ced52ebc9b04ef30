import { recordBase } from './records';
import type { NetSuiteTransport } from './transport';
import type { CustomFieldInfo, JsonObject } from './types';

// Custom-field discovery from the metadata catalog's JSON Schema (reference §7). Custom fields are
// the properties flagged `x-ns-custom-field`, or, as a fallback for older ids, named `custbody…`
// (body) / `custcol…` (line); line fields live in the item sublist's element schema.

export async function fetchRecordSchema(transport: NetSuiteTransport, recordType: string, signal?: AbortSignal): Promise<JsonObject> {
  const res = await transport.send({
    method: 'GET',
    path: `${recordBase}/metadata-catalog/${recordType}`,
    headers: { Accept: 'application/schema+json' },
    idempotent: true,
    signal,
  });
  return typeof res.body === 'object' && res.body !== null ? (res.body as JsonObject) : {};
}

export function customFieldsFromSchema(schema: JsonObject): CustomFieldInfo[] {
  const out: CustomFieldInfo[] = [];
  const definitions = asObject(schema.definitions) ?? {};
  collect(asObject(schema.properties) ?? {}, 'body', definitions, out);
  const lineSchema = findLineElement(schema, definitions);
  if (lineSchema) collect(asObject(lineSchema.properties) ?? {}, 'line', definitions, out);
  return out.sort((a, b) => (a.scope === b.scope ? a.id.localeCompare(b.id) : a.scope === 'body' ? -1 : 1));
}

function collect(props: JsonObject, scope: 'body' | 'line', definitions: JsonObject, out: CustomFieldInfo[]): void {
  const prefix = scope === 'body' ? 'custbody' : 'custcol';
  for (const [id, raw] of Object.entries(props)) {
    const prop = asObject(raw);
    if (!prop) continue;
    const flagged = prop['x-ns-custom-field'] === true;
    if (!flagged && !id.toLowerCase().startsWith(prefix)) continue;
    out.push({
      id,
      scope,
      label: typeof prop.title === 'string' ? prop.title : id,
      type: fieldType(prop, definitions),
      filterable: prop['x-ns-filterable'] === true,
    });
  }
}

function fieldType(prop: JsonObject, definitions: JsonObject): CustomFieldInfo['type'] {
  const ref = typeof prop.$ref === 'string' ? prop.$ref : undefined;
  if (ref) {
    const target = definitions[ref.replace(/^#\/definitions\//, '')];
    const t = asObject(target);
    if (t && asObject(asObject(t.properties)?.items)) return 'multiselect';
    return 'select';
  }
  const format = typeof prop.format === 'string' ? prop.format : undefined;
  switch (prop.type) {
    case 'boolean':
      return 'checkbox';
    case 'integer':
      return 'integer';
    case 'number':
      return 'decimal';
    case 'string':
      return format === 'date' ? 'date' : format === 'date-time' ? 'datetime' : 'text';
    case 'object':
      return 'select';
    default:
      return 'unknown';
  }
}

/** The item sublist's element schema: properties.item → collection → items.items → element. */
function findLineElement(schema: JsonObject, definitions: JsonObject): JsonObject | undefined {
  const itemProp = asObject(asObject(schema.properties)?.item);
  const collection = resolve(itemProp, definitions);
  const itemsProp = asObject(asObject(collection?.properties)?.items);
  const element = itemsProp ? resolve(asObject(itemsProp.items), definitions) : undefined;
  return element;
}

function resolve(node: JsonObject | undefined, definitions: JsonObject): JsonObject | undefined {
  if (!node) return undefined;
  if (typeof node.$ref === 'string') return asObject(definitions[node.$ref.replace(/^#\/definitions\//, '')]);
  return node;
}

function asObject(v: unknown): JsonObject | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;
}
