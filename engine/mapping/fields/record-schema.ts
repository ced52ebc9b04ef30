// Source fields from a NetSuite record's metadata-catalog JSON Schema: every standard and custom
// field with the label the account shows for it ("Ship Via Code" for custbody_ship_via_code), its
// type and its list values. Merged with the paths seen in sample records, this is the source tree.

type Json = Record<string, unknown>;

export interface SourceFieldInfo {
  readonly path: string;
  readonly label?: string | undefined;
  readonly type?: string | undefined;
  readonly custom?: boolean | undefined;
  /** The values of a list field, when the account says them. */
  readonly options?: string[] | undefined;
}

function obj(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

function resolve(defs: Json, node: Json | undefined): Json | undefined {
  if (node && typeof node.$ref === 'string') return obj(defs[node.$ref.replace(/^#\/definitions\//, '')]);
  return node;
}

function typeOf(p: Json): string {
  if (typeof p.format === 'string' && (p.format === 'date' || p.format === 'date-time')) return 'date';
  return typeof p.type === 'string' ? p.type : 'any';
}

function isCustom(key: string, p: Json): boolean {
  return p['x-ns-custom-field'] === true || /^cust(body|col|entity|item|record|event)/.test(key);
}

/** Fields of a record schema in mapping path syntax; select fields give `.id` and `.refName`. */
export function sourceFieldsFromRecordSchema(schema: unknown, limit = 5000): SourceFieldInfo[] {
  const root = obj(schema);
  if (!root) return [];
  const defs = obj(root.definitions) ?? {};
  const out: SourceFieldInfo[] = [];
  const walk = (props: Json, prefix: string, depth: number) => {
    for (const [key, raw] of Object.entries(props)) {
      if (out.length >= limit || key === 'links') continue;
      const declared = obj(raw);
      const p = resolve(defs, declared);
      if (!declared || !p) continue;
      const path = prefix ? `${prefix}.${key}` : key;
      const label = typeof declared.title === 'string' ? declared.title : undefined;
      const custom = isCustom(key, declared) || undefined;
      const children = obj(p.properties);
      const items = obj(children?.items);
      if (children && items?.type === 'array' && depth < 3) {
        // A sublist (item, expense): its elements are `…items[*]`.
        const element = resolve(defs, obj(items.items));
        const elementProps = obj(element?.properties);
        if (elementProps) walk(elementProps, `${path}.items[*]`, depth + 1);
        continue;
      }
      if (children && depth < 3) {
        for (const [sub, subRaw] of Object.entries(children)) {
          if (sub === 'links') continue;
          const s = obj(subRaw) ?? {};
          const options = Array.isArray(s.enum) ? s.enum.map(String) : undefined;
          const subLabel = label ? (sub === 'refName' ? label : `${label} (${sub === 'id' ? 'ID' : sub})`) : undefined;
          out.push({ path: `${path}.${sub}`, label: subLabel, type: typeOf(s), custom, ...(options ? { options } : {}) });
        }
        continue;
      }
      const options = Array.isArray(p.enum) ? p.enum.map(String) : undefined;
      out.push({ path, label, type: typeOf(p), custom, ...(options ? { options } : {}) });
    }
  };
  walk(obj(root.properties) ?? {}, '', 0);
  return out;
}
