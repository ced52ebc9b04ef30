import { randomUUID } from 'node:crypto';
import type { BundleContent } from './content';

/**
 * The same content under fresh ids (references followed), for "import as a copy": nothing in it
 * can meet anything already here, so every item is added.
 */
export function withNewIds(content: BundleContent, newId: () => string = randomUUID): BundleContent {
  const ids = new Map<string, string>();
  const map = (id: string): string => {
    let next = ids.get(id);
    if (next === undefined) {
      next = newId();
      ids.set(id, next);
    }
    return next;
  };
  const mapNullable = (id: string | null): string | null => (id === null ? null : map(id));
  return {
    ...content,
    integrations: content.integrations.map((i) => ({ ...i, id: map(i.id) })),
    workflows: content.workflows.map((w) => ({ ...w, id: map(w.id), integrationId: mapNullable(w.integrationId) })),
    releases: content.releases.map((r) => ({ ...r, id: map(r.id), integrationId: map(r.integrationId) })),
    versions: content.versions.map((v) => ({ ...v, id: map(v.id), releaseId: map(v.releaseId), workflowId: map(v.workflowId) })),
    // A mapping document carries its mapping's id: it moves with the mapping.
    mappings: content.mappings.map((m) => ({ ...m, id: map(m.id), integrationId: map(m.integrationId), doc: { ...m.doc, id: map(m.id) } })),
    releasedMappings: content.releasedMappings.map((m) => ({ ...m, id: map(m.id), releaseId: map(m.releaseId), mappingId: map(m.mappingId), doc: { ...m.doc, id: map(m.mappingId) } })),
    customMappings: content.customMappings.map((m) => ({
      ...m, id: map(m.id), installationId: map(m.installationId), mappingId: map(m.mappingId), ancestorId: map(m.ancestorId), doc: { ...m.doc, id: map(m.mappingId) },
    })),
    installations: content.installations.map((i) => ({ ...i, id: map(i.id), integrationId: map(i.integrationId), releaseId: mapNullable(i.releaseId) })),
    custom: content.custom.map((c) => ({ ...c, id: map(c.id), installationId: map(c.installationId), workflowId: map(c.workflowId), ancestorVersionId: map(c.ancestorVersionId) })),
  };
}
