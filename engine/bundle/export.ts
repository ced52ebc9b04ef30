import { strToU8, zipSync, type Zippable } from 'fflate';
import { PatchbayError } from '../api/errors';
import { installationMappingSet } from '../installations/mapping-sets';
import type { Repos } from '../installations/repos';
import { inlineMappings } from '../model/bind-mappings';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type BundledCustom, type BundledIntegration, type BundledWorkflow, type Manifest } from './format';
import { scrubDoc, scrubMapping, type ScrubbedField } from './scrub';

export interface ExportRequest {
  readonly workflowIds: readonly string[];
  readonly integrationIds: readonly string[];
  readonly forkIds: readonly string[];
  readonly exportedBy?: string;
  /** Stored connection secrets: any copy of one inside a document is removed. */
  readonly secrets?: readonly string[];
}

export interface ExportResult {
  readonly bytes: Uint8Array;
  readonly counts: { readonly workflows: number; readonly integrations: number; readonly custom: number };
  readonly scrubbed: readonly ScrubbedField[];
}

const json = (v: unknown): Uint8Array => strToU8(JSON.stringify(v, null, 2));

/** Builds a bundle (zip) of the chosen workflows, integrations with their releases, and forks. */
export function exportBundle(repos: Repos, req: ExportRequest): ExportResult {
  if (req.workflowIds.length + req.integrationIds.length + req.forkIds.length === 0) {
    throw new PatchbayError('bad_request', 'Choose at least one workflow, integration or user-specific version to export.');
  }
  const scrubbed: ScrubbedField[] = [];
  const files: Zippable = {};
  for (const id of req.workflowIds) {
    const wf = repos.workflows.get(id);
    const entry: BundledWorkflow = { id: wf.id, name: wf.name, doc: scrubDoc(wf.doc, wf.name, scrubbed, req.secrets) };
    files[`workflows/${wf.id}.json`] = json(entry);
  }
  for (const id of req.integrationIds) {
    const integration = repos.integrations.get(id);
    const entry: BundledIntegration = {
      id: integration.id,
      name: integration.name,
      description: integration.description,
      requiredConnections: integration.requiredConnections,
      workflows: integration.workflows.map((w) => {
        const wf = repos.workflows.get(w.id);
        return { id: wf.id, name: wf.name, doc: scrubDoc(wf.doc, wf.name, scrubbed, req.secrets) };
      }),
      mappings: repos.mappings.list(id).map((m) => scrubMapping(m.doc, `mapping ${m.name}`, scrubbed, req.secrets)),
      releases: repos.integrations.releases(id).reverse().map((r) => ({
        version: r.version,
        notes: r.notes,
        createdAt: r.createdAt,
        versions: r.versions.map((v) => {
          const version = repos.integrations.getVersion(v.id);
          return { workflowId: version.workflowId, name: version.name, doc: scrubDoc(version.doc, `${version.name} v${r.version}`, scrubbed, req.secrets) };
        }),
        mappings: repos.mappings.releasedIn(r.id).map((m) => scrubMapping(m.doc, `mapping ${m.name} v${r.version}`, scrubbed, req.secrets)),
      })),
    };
    files[`integrations/${integration.id}.json`] = json(entry);
  }
  for (const id of req.forkIds) {
    const fork = repos.forks.get(id);
    const installation = repos.installations.get(fork.installationId);
    const ancestor = repos.integrations.getVersion(fork.ancestorVersionId);
    const entry: BundledCustom = {
      id: fork.id,
      customerName: installation.customerName,
      integrationName: repos.integrations.get(installation.integrationId).name,
      workflowName: ancestor.name,
      ancestorVersion: ancestor.version,
      // Imported on its own (no installation), so it carries the customer's mapping as inline rules.
      doc: scrubDoc(inlineMappings(fork.doc, installationMappingSet(repos, installation)), `${ancestor.name} (${installation.customerName})`, scrubbed, req.secrets),
    };
    files[`custom/${fork.id}.json`] = json(entry);
  }
  const manifest: Manifest = { format: BUNDLE_FORMAT, formatVersion: BUNDLE_FORMAT_VERSION, exportedAt: new Date().toISOString(), ...(req.exportedBy ? { exportedBy: req.exportedBy } : {}) };
  files['manifest.json'] = json(manifest);
  return {
    bytes: zipSync(files, { level: 6 }),
    counts: { workflows: req.workflowIds.length, integrations: req.integrationIds.length, custom: req.forkIds.length },
    scrubbed,
  };
}
