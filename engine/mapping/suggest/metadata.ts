import type { SourceField } from './index';

// NetSuite describes a record type (GET …/metadata-catalog/purchaseOrder with
// Accept: application/schema+json) as a JSON Schema whose custom properties carry
// "x-ns-custom-field": true and a `title`. Those titles are the labels analysts know the fields
// by ("Assigned Procurement Rep"), so suggestions can match them even before a sample exists.

interface SchemaProperty {
  readonly title?: unknown;
  readonly type?: unknown;
  readonly $ref?: unknown;
  readonly 'x-ns-custom-field'?: unknown;
}

function isReference(p: SchemaProperty): boolean {
  return typeof p.$ref === 'string' || p.type === 'object';
}

/** Source fields (with labels) for the custom fields of a record's metadata schema. */
export function customFieldsFromMetadata(schema: unknown): SourceField[] {
  if (schema === null || typeof schema !== 'object') return [];
  const props = (schema as { properties?: unknown }).properties;
  if (props === null || typeof props !== 'object') return [];
  const out: SourceField[] = [];
  for (const [key, raw] of Object.entries(props as Record<string, unknown>)) {
    if (raw === null || typeof raw !== 'object') continue;
    const p = raw as SchemaProperty;
    if (p['x-ns-custom-field'] !== true && !/^cust(body|col|entity|item|record|event)/.test(key)) continue;
    const label = typeof p.title === 'string' && p.title.trim() !== '' ? p.title.trim() : undefined;
    // A select field arrives as {id, refName}: the text people recognise is refName.
    const path = isReference(p) ? `${key}.refName` : key;
    out.push(label ? { path, label } : { path });
  }
  return out;
}
