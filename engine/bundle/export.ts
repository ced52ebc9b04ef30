import { PatchbayError } from '../errors/patchbay-error';
import { draftMappingSet } from '../installations/mapping-sets';
import type { Repos } from '../installations/repos';
import { inlineMappings } from '../model/bind-mappings';
import { blockCatalog } from '../runtime/blocks/registry';
import type { BundleContent } from './content';
import { scrubDoc, scrubMapping, withoutSecrets, type ScrubbedField } from './scrub';
import { contentToFiles } from './write';
import { writeZip } from './zip';

export interface ExportRequest {
  readonly workflowIds: readonly string[];
  readonly integrationIds: readonly string[];
  /** Only these releases (plus what chosen user-specific versions need); all releases when absent. */
  readonly releaseIds?: readonly string[] | undefined;
  readonly userVersionIds: readonly string[];
  /** Customers whose every user-specific version (workflows and mappings) goes in. */
  readonly installationIds?: readonly string[] | undefined;
  readonly exportedBy?: string | undefined;
  /** Stored connection secrets: any copy of one inside the bundle is removed. */
  readonly secrets?: readonly string[];
  /** The manifest's timestamp, the one field two exports of the same content differ in. */
  readonly exportedAt?: string;
}

export interface ExportResult {
  readonly bytes: Uint8Array;
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly counts: { readonly workflows: number; readonly integrations: number; readonly releases: number; readonly custom: number };
  readonly scrubbed: readonly ScrubbedField[];
}

/** Gathers the chosen items and everything they depend on, so the bundle stands on its own. */
export async function collectContent(repos: Repos, req: ExportRequest, scrubbed: ScrubbedField[]): Promise<BundleContent> {
  if (req.workflowIds.length + req.integrationIds.length + req.userVersionIds.length + (req.releaseIds?.length ?? 0) + (req.installationIds?.length ?? 0) === 0) {
    throw new PatchbayError('bad_request', 'Choose at least one workflow, integration, release or user-specific version to export.');
  }
  const secrets = req.secrets ?? [];
  const all = <T, R>(items: readonly T[], read: (item: T) => Promise<R>): Promise<R[]> => Promise.all(items.map(read));
  const wholeCustomers = await all(req.installationIds ?? [], (id) => repos.installations.get(id));
  const userVersions = [...new Map([
    ...await all(req.userVersionIds, (id) => repos.userVersions.get(id)),
    ...(await all(wholeCustomers, (i) => repos.userVersions.listForInstallation(i.id))).flat(),
  ].map((f) => [f.id, f])).values()];
  const installations = [...new Map([...wholeCustomers, ...await all(userVersions, (f) => repos.installations.get(f.installationId))].map((i) => [i.id, i])).values()];
  // A customer's mappings apply to every workflow that names them, so they travel with the customer.
  const customMappings = (await all(installations, (i) => repos.installationMappings.listForInstallation(i.id))).flat();
  const chosenReleases = await all(req.releaseIds ?? [], (id) => repos.integrations.getRelease(id));
  const integrationIds = new Set([...req.integrationIds, ...chosenReleases.map((r) => r.integrationId), ...installations.map((i) => i.integrationId)]);
  const neededReleases = new Set([
    ...chosenReleases.map((r) => r.id),
    ...(await all(userVersions, (f) => repos.integrations.getVersion(f.ancestorVersionId))).map((v) => v.releaseId),
    ...installations.flatMap((i) => (i.releaseId ? [i.releaseId] : [])),
    ...(await all(customMappings, (m) => repos.mappings.getReleased(m.ancestorId))).map((m) => m.releaseId),
  ]);
  const customerOf = new Map(installations.map((i) => [i.id, i.customerName]));

  const content = {
    exportedAt: req.exportedAt ?? new Date().toISOString(),
    exportedBy: req.exportedBy,
    integrations: [] as BundleContent['integrations'][number][],
    workflows: [] as BundleContent['workflows'][number][],
    releases: [] as BundleContent['releases'][number][],
    versions: [] as BundleContent['versions'][number][],
    mappings: [] as BundleContent['mappings'][number][],
    releasedMappings: [] as BundleContent['releasedMappings'][number][],
    customMappings: customMappings.map((m) => ({
      id: m.id, installationId: m.installationId, mappingId: m.mappingId, ancestorId: m.ancestorId,
      doc: scrubMapping(m.doc, `mapping ${m.doc.name} (${customerOf.get(m.installationId) ?? ''})`, scrubbed, secrets),
    })),
    installations: installations.map((i) => withoutSecrets({ id: i.id, integrationId: i.integrationId, customerName: i.customerName, externalId: i.externalId, releaseId: i.releaseId }, secrets)),
    custom: userVersions.map((f) => ({ id: f.id, installationId: f.installationId, workflowId: f.workflowId, ancestorVersionId: f.ancestorVersionId, doc: scrubDoc(f.doc, `${f.doc.name} (${customerOf.get(f.installationId) ?? ''})`, scrubbed, secrets) })),
  };
  for (const integrationId of integrationIds) {
    const integration = await repos.integrations.get(integrationId);
    content.integrations.push(withoutSecrets({ id: integration.id, name: integration.name, description: integration.description, requiredConnections: integration.requiredConnections }, secrets));
    for (const w of integration.workflows) {
      const wf = await repos.workflows.get(w.id);
      content.workflows.push({ id: wf.id, integrationId: integration.id, name: wf.name, doc: scrubDoc(wf.doc, wf.name, scrubbed, secrets) });
    }
    for (const m of await repos.mappings.list(integrationId)) {
      content.mappings.push({ id: m.id, integrationId, name: m.name, doc: scrubMapping(m.doc, `mapping ${m.name}`, scrubbed, secrets) });
    }
    const everyRelease = req.releaseIds === undefined;
    for (const release of await repos.integrations.releases(integrationId)) {
      if (!everyRelease && !neededReleases.has(release.id)) continue;
      content.releases.push(withoutSecrets({ id: release.id, integrationId, version: release.version, notes: release.notes, createdAt: release.createdAt }, secrets));
      for (const v of release.versions) {
        const version = await repos.integrations.getVersion(v.id);
        content.versions.push({ id: version.id, releaseId: release.id, workflowId: version.workflowId, name: version.name, doc: scrubDoc(version.doc, `${version.name} v${release.version}`, scrubbed, secrets) });
      }
      for (const m of await repos.mappings.releasedIn(release.id)) {
        content.releasedMappings.push({ id: m.id, releaseId: release.id, mappingId: m.mappingId, name: m.name, doc: scrubMapping(m.doc, `mapping ${m.name} v${release.version}`, scrubbed, secrets) });
      }
    }
  }
  for (const id of new Set(req.workflowIds)) {
    const integrationId = await repos.integrations.integrationOfWorkflow(id);
    if (integrationId !== null && integrationIds.has(integrationId)) continue;
    const wf = await repos.workflows.get(id);
    // Travelling without its integration, a base workflow takes the shared mappings it names along as inline rules.
    const doc = integrationId === null ? wf.doc : inlineMappings(wf.doc, await draftMappingSet(repos, integrationId), blockCatalog);
    content.workflows.push({ id: wf.id, integrationId: null, name: wf.name, doc: scrubDoc(doc, wf.name, scrubbed, secrets) });
  }
  // Block configs were scrubbed and reported above; this last pass catches a stored secret
  // anywhere else (a workflow's notes, a block's name, a release note).
  return withoutSecrets(content, secrets);
}

/** Builds the bundle zip: canonical files, a manifest of their hashes, deterministic bytes. */
export async function exportBundle(repos: Repos, req: ExportRequest): Promise<ExportResult> {
  const scrubbed: ScrubbedField[] = [];
  const content = await collectContent(repos, req, scrubbed);
  const files = contentToFiles(content);
  return {
    bytes: writeZip(files),
    files,
    counts: {
      workflows: content.workflows.filter((w) => w.integrationId === null).length,
      integrations: content.integrations.length,
      releases: content.releases.length,
      custom: content.custom.length,
    },
    scrubbed,
  };
}
