import type { GoldenSetBody } from '../../api/methods/golden';
import { gatherValues } from '../../mapping/read';
import { mapsFields } from '../../model/block-catalog';
import type { WorkflowDoc } from '../../model/workflow';
import { blockCatalog } from '../../runtime/blocks/registry';
import { parsePath, splitAtWildcards } from '../../shared/path';
import { readPath } from './records';

// Whether golden records still fit a version. A reader block that is gone is caught by id; a field
// renamed is caught here: a version whose Map Fields reads a source path that none of the golden
// records has, and that the version they were kept from did not read, cannot be judged by them
// (the record was fetched before anyone asked for that field), so it is "cannot compare".

export interface MappedSource {
  readonly blockName: string;
  readonly ruleId: string;
  readonly path: string;
}

/** Source paths of every Map Fields rule in a bound document. */
export function mappedSources(doc: WorkflowDoc): MappedSource[] {
  const out: MappedSource[] = [];
  for (const b of doc.blocks) {
    if (!mapsFields(blockCatalog, b) || !Array.isArray(b.config.rules)) continue;
    for (const rule of b.config.rules as unknown[]) {
      if (typeof rule !== 'object' || rule === null) continue;
      const r = rule as { id?: unknown; source?: unknown; sources?: unknown };
      const paths = [r.source, ...(Array.isArray(r.sources) ? r.sources : [])].filter((p): p is string => typeof p === 'string' && p !== '');
      for (const path of paths) out.push({ blockName: b.name || b.id, ruleId: typeof r.id === 'string' ? r.id : '', path });
    }
  }
  return out;
}

function present(record: unknown, path: string): boolean {
  try {
    return gatherValues(record, splitAtWildcards(parsePath(path, true)), 0).some((v) => v !== undefined);
  } catch {
    // An unparsable path is the mapping's own validation issue, not a shape mismatch.
    return true;
  }
}

/** Why the golden records cannot judge this version's mapping, or null. */
export function renamedFieldReason(body: GoldenSetBody, doc: WorkflowDoc): string | null {
  const known = new Set(body.knownSources ?? []);
  const records = body.records.flatMap((r) => {
    const list = readPath(r.inputs[body.sourceBlockId], body.recordsPath);
    return Array.isArray(list) ? list : [];
  });
  if (records.length === 0) return null;
  for (const s of mappedSources(doc)) {
    if (known.has(s.path) || records.some((rec) => present(rec, s.path))) continue;
    return `"${s.blockName}" now reads "${s.path}" (rule ${s.ruleId}), which none of the golden records has (a renamed field?); keep new golden records from a run of this version.`;
  }
  return null;
}
