import { PatchbayError } from '../errors/patchbay-error';
import type { BundleContent } from './content';

// A bundle is self-contained: every id an entry refers to (its integration, release, installation,
// ancestor version) is in the same bundle, and no id is used twice. Export guarantees this by
// pulling in what a chosen item depends on; import refuses a bundle that breaks it.

export function checkReferences(content: BundleContent, pathOf: (entity: object) => string): void {
  const fail = (entity: object, message: string): never => {
    const entry = pathOf(entity);
    throw new PatchbayError('bundle_invalid', `"${entry}" ${message}`, { entry });
  };
  const ids = new Set<string>();
  const all: readonly { id: string }[] = [
    ...content.integrations, ...content.workflows, ...content.releases, ...content.versions, ...content.mappings, ...content.releasedMappings,
    ...content.customMappings, ...content.installations, ...content.custom,
  ];
  for (const entity of all) {
    if (ids.has(entity.id)) fail(entity, `reuses the id "${entity.id}" of another entry; export the bundle again.`);
    ids.add(entity.id);
  }
  const integrations = new Set(content.integrations.map((i) => i.id));
  const releases = new Map(content.releases.map((r) => [r.id, r]));
  const versions = new Map(content.versions.map((v) => [v.id, v]));
  const installations = new Map(content.installations.map((i) => [i.id, i]));
  const releaseNumbers = new Set<string>();
  for (const w of content.workflows) if (w.integrationId !== null && !integrations.has(w.integrationId)) fail(w, 'belongs to an integration the bundle does not contain.');
  for (const m of content.mappings) if (!integrations.has(m.integrationId)) fail(m, 'belongs to an integration the bundle does not contain.');
  for (const r of content.releases) {
    if (!integrations.has(r.integrationId)) fail(r, 'belongs to an integration the bundle does not contain.');
    const key = `${r.integrationId} v${r.version}`;
    if (releaseNumbers.has(key)) fail(r, `repeats release v${r.version} of its integration.`);
    releaseNumbers.add(key);
  }
  for (const v of content.versions) if (!releases.has(v.releaseId)) fail(v, 'belongs to a release the bundle does not contain.');
  const releasedMappings = new Map(content.releasedMappings.map((m) => [m.id, m]));
  for (const m of content.releasedMappings) if (!releases.has(m.releaseId)) fail(m, 'belongs to a release the bundle does not contain.');
  for (const m of content.customMappings) {
    if (!installations.has(m.installationId)) fail(m, 'belongs to an installation the bundle does not contain.');
    if (releasedMappings.get(m.ancestorId)?.mappingId !== m.mappingId) fail(m, 'is based on a released mapping the bundle does not contain.');
  }
  for (const i of content.installations) {
    if (!integrations.has(i.integrationId)) fail(i, 'belongs to an integration the bundle does not contain.');
    if (i.releaseId !== null && releases.get(i.releaseId)?.integrationId !== i.integrationId) fail(i, 'is pinned to a release of its integration the bundle does not contain.');
  }
  for (const c of content.custom) {
    const installation = installations.get(c.installationId);
    if (!installation) fail(c, 'belongs to an installation the bundle does not contain.');
    const ancestor = versions.get(c.ancestorVersionId);
    if (!ancestor || ancestor.workflowId !== c.workflowId) fail(c, 'is based on a released version the bundle does not contain.');
    else if (releases.get(ancestor.releaseId)?.integrationId !== installation?.integrationId) fail(c, "is based on another integration's release.");
  }
}
