import type { BundleContent } from './content';

// Where each entity lives in a bundle: readable names (slugs of what a person sees) so a pull
// request reads "integrations/order-sync/releases/v2/workflows/fetch-historical-orders.json".
// Names are derived only from content, so the same content always gets the same paths.

export function slugify(name: string): string {
  const slug = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  return slug || 'untitled';
}

/** One slug per id; names that collide within a folder all carry a short id so none depends on order. */
function uniqueSlugs(items: readonly { id: string; name: string }[]): Map<string, string> {
  const bySlug = new Map<string, string[]>();
  for (const item of items) bySlug.set(slugify(item.name), [...(bySlug.get(slugify(item.name)) ?? []), item.id]);
  const out = new Map<string, string>();
  for (const [slug, ids] of bySlug) {
    for (const id of ids) out.set(id, ids.length === 1 ? slug : `${slug}-${slugify(id).slice(0, 18)}`);
  }
  return out;
}

/** The path of every entity, keyed by the entity object itself. */
export function layoutPaths(content: BundleContent): Map<object, string> {
  const paths = new Map<object, string>();
  const integrationDirs = uniqueSlugs(content.integrations);
  const workflowNames = new Map<string, string>();
  for (const v of content.versions) workflowNames.set(v.workflowId, v.name);
  for (const w of content.workflows) workflowNames.set(w.id, w.name);
  const mappingNames = new Map<string, string>();
  for (const m of [...content.releasedMappings, ...content.mappings]) mappingNames.set('mappingId' in m ? m.mappingId : m.id, m.name);

  const standalone = content.workflows.filter((w) => w.integrationId === null);
  const standaloneSlugs = uniqueSlugs(standalone);
  for (const w of standalone) paths.set(w, `workflows/${standaloneSlugs.get(w.id)}.json`);

  for (const integration of content.integrations) {
    const dir = `integrations/${integrationDirs.get(integration.id)}`;
    paths.set(integration, `${dir}/integration.json`);
    const drafts = content.workflows.filter((w) => w.integrationId === integration.id);
    const draftSlugs = uniqueSlugs(drafts);
    for (const w of drafts) paths.set(w, `${dir}/workflows/${draftSlugs.get(w.id)}.json`);
    for (const release of content.releases.filter((r) => r.integrationId === integration.id)) {
      paths.set(release, `${dir}/releases/v${release.version}/release.json`);
      const versions = content.versions.filter((v) => v.releaseId === release.id);
      const slugs = uniqueSlugs(versions);
      for (const v of versions) paths.set(v, `${dir}/releases/v${release.version}/workflows/${slugs.get(v.id)}.json`);
      const frozen = content.releasedMappings.filter((m) => m.releaseId === release.id);
      const frozenSlugs = uniqueSlugs(frozen);
      for (const m of frozen) paths.set(m, `${dir}/releases/v${release.version}/mappings/${frozenSlugs.get(m.id)}.json`);
    }
    const mappings = content.mappings.filter((m) => m.integrationId === integration.id);
    const mappingSlugs = uniqueSlugs(mappings);
    for (const m of mappings) paths.set(m, `${dir}/mappings/${mappingSlugs.get(m.id)}.json`);
    const installations = content.installations.filter((i) => i.integrationId === integration.id);
    const customerSlugs = uniqueSlugs(installations.map((i) => ({ id: i.id, name: i.customerName })));
    for (const installation of installations) {
      const home = `${dir}/installations/${customerSlugs.get(installation.id)}`;
      paths.set(installation, `${home}/installation.json`);
      const userVersions = content.custom.filter((c) => c.installationId === installation.id);
      const userVersionSlugs = uniqueSlugs(userVersions.map((c) => ({ id: c.id, name: workflowNames.get(c.workflowId) ?? c.doc.name })));
      for (const c of userVersions) paths.set(c, `${home}/workflows/${userVersionSlugs.get(c.id)}.json`);
      const theirs = content.customMappings.filter((m) => m.installationId === installation.id);
      const theirSlugs = uniqueSlugs(theirs.map((m) => ({ id: m.id, name: mappingNames.get(m.mappingId) ?? m.mappingId })));
      for (const m of theirs) paths.set(m, `${home}/mappings/${theirSlugs.get(m.id)}.json`);
    }
  }
  return paths;
}
