import { PatchbayError } from '../../errors/patchbay-error';
import type { TargetField } from '../rules';

// Target fields from the receiving system's own description of its payload: a JSON Schema, or an
// OpenAPI 3 / Swagger 2 document (the schema of the first POST request body, or a named schema).
// Analysts then pick fields instead of typing paths, and `required` marks what must be filled.

type Json = Record<string, unknown>;
const MAX_FIELDS = 2000;
const MAX_DEPTH = 12;

function obj(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

function invalid(message: string): PatchbayError {
  return new PatchbayError('mapping_schema_invalid', message);
}

/** Follows a local `#/…` reference; anything else stays as it is. */
function deref(root: Json, node: Json | undefined, seen = 0): Json | undefined {
  if (!node || typeof node.$ref !== 'string') return node;
  if (seen > 20 || !node.$ref.startsWith('#/')) return undefined;
  let cur: unknown = root;
  for (const part of node.$ref.slice(2).split('/')) cur = obj(cur)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return deref(root, obj(cur), seen + 1);
}

function postBodySchema(doc: Json): Json | undefined {
  for (const item of Object.values(obj(doc.paths) ?? {})) {
    const post = obj(obj(item)?.post);
    if (!post) continue;
    const content = obj(obj(deref(doc, obj(post.requestBody)))?.content);
    const json = obj(content?.['application/json']) ?? obj(Object.values(content ?? {})[0]);
    if (json?.schema) return obj(json.schema);
    const param = (Array.isArray(post.parameters) ? post.parameters : []).map(obj).find((p) => p?.in === 'body');
    if (param?.schema) return obj(param.schema);
  }
  return undefined;
}

/** The payload schema of a JSON Schema or OpenAPI document, or a clear error. */
export function payloadSchema(doc: unknown, schemaName?: string): { root: Json; schema: Json } {
  const root = obj(doc);
  if (!root) throw invalid('The schema must be a JSON object (a JSON Schema or an OpenAPI document).');
  if (typeof root.openapi === 'string' || typeof root.swagger === 'string') {
    const named = schemaName ? obj(obj(obj(root.components)?.schemas)?.[schemaName]) ?? obj(obj(root.definitions)?.[schemaName]) : undefined;
    const schema = deref(root, named ?? postBodySchema(root));
    if (!schema) throw invalid('The OpenAPI document has no request body schema to map into.');
    return { root, schema };
  }
  if (root.type === 'object' || obj(root.properties)) return { root, schema: root };
  throw invalid('The document is neither a JSON Schema of an object nor an OpenAPI document.');
}

function leafType(s: Json): TargetField['type'] {
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (t === 'string' && (s.format === 'date' || s.format === 'date-time')) return 'date';
  if (t === 'string' || t === 'number' || t === 'integer' || t === 'boolean') return t;
  return 'any';
}

/**
 * Leaf fields of a JSON Schema / OpenAPI document in mapping path syntax. Arrays of objects become
 * `list[*].field`. A field is required when it and every object above it are required.
 */
export function targetFieldsFromSchema(doc: unknown, schemaName?: string): TargetField[] {
  const { root, schema } = payloadSchema(doc, schemaName);
  const out: TargetField[] = [];
  const walk = (node: Json | undefined, path: string, required: boolean, depth: number) => {
    const s = deref(root, node);
    if (!s || out.length >= MAX_FIELDS || depth > MAX_DEPTH) return;
    const props = obj(s.properties);
    const label = typeof s.title === 'string' ? s.title : typeof s.description === 'string' && s.description.length <= 80 ? s.description : undefined;
    if (props) {
      const req = new Set(Array.isArray(s.required) ? s.required.filter((x): x is string => typeof x === 'string') : []);
      for (const [key, child] of Object.entries(props)) {
        const seg = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
        const next = path === '' ? seg : seg.startsWith('[') ? `${path}${seg}` : `${path}.${seg}`;
        walk(obj(child), next, required && req.has(key), depth + 1);
      }
      return;
    }
    if (s.type === 'array' && path !== '') {
      const items = deref(root, obj(s.items));
      if (items && (obj(items.properties) || items.type === 'array')) return walk(items, `${path}[*]`, required, depth + 1);
      out.push({ path, type: 'array', ...(label ? { label } : {}), ...(required ? { required } : {}) });
      return;
    }
    if (path !== '') out.push({ path, type: leafType(s), ...(label ? { label } : {}), ...(required ? { required } : {}) });
  };
  walk(schema, '', true, 0);
  if (out.length === 0) throw invalid('The schema describes no fields to map into.');
  return out;
}
