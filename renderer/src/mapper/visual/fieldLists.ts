import type { MethodResult } from '../../../../engine/api';
import type { MappingRule } from '../rules';
import { samplePaths, type TargetField } from '../sample';
import type { FieldInfo } from './fieldTree';
import { sourcesOf } from './ruleEdits';

// The fields each tree shows: what the account and the schema say, what the samples hold, and
// anything a rule already names (so a rule is never drawn to a field that is not in the tree).

type SourceMeta = MethodResult<'mapping.sourceFields'>['fields'][number];

export function sourceFieldList(meta: readonly SourceMeta[], records: readonly unknown[], rules: readonly MappingRule[]): FieldInfo[] {
  const byPath = new Map<string, FieldInfo>();
  for (const r of records.slice(0, 5)) {
    for (const p of samplePaths(r, 5000)) if (!byPath.has(p)) byPath.set(p, { path: p, sampled: true });
  }
  for (const m of meta) byPath.set(m.path, { ...m, sampled: byPath.has(m.path) });
  for (const rule of rules) for (const s of sourcesOf(rule)) if (s && !byPath.has(s)) byPath.set(s, { path: s });
  return [...byPath.values()];
}

export function targetFieldList(schema: readonly TargetField[], typed: readonly TargetField[], rules: readonly MappingRule[]): FieldInfo[] {
  const byPath = new Map<string, FieldInfo>();
  for (const t of [...schema, ...typed]) byPath.set(t.path, { ...byPath.get(t.path), ...t });
  for (const r of rules) if (r.target && !byPath.has(r.target)) byPath.set(r.target, { path: r.target });
  return [...byPath.values()];
}

const TARGET_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'date', 'object', 'array', 'any']);

/** A tree field as the preview's target list wants it (types the engine does not know are left out). */
export function toTargetField(f: FieldInfo): TargetField {
  return {
    path: f.path,
    ...(f.label ? { label: f.label } : {}),
    ...(f.required ? { required: true } : {}),
    ...(f.type && TARGET_TYPES.has(f.type) ? { type: f.type as NonNullable<TargetField['type']> } : {}),
  };
}
