import { z } from 'zod';
import { PatchbayError } from '../errors/patchbay-error';
import { requiredConnectionSchema } from '../api/methods/integrations';
import { mappingDocSchema } from '../model/mapping-doc';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './canonical';
import { docOf, emptyContent, type BundleContent } from './content';
import { MANIFEST } from './format';
import type { BundleFiles } from './zip';

// Format 1 (before canonical files): a zip of `workflows/<id>.json`, `integrations/<id>.json` (an
// integration with its drafts and releases in one file) and `custom/<id>.json`, without checksums.
// It is migrated to the current content on read. Releases had no ids then; they get ids derived
// from the integration's id and the version number, so importing the same old bundle twice finds
// the same releases. A user-specific version carried no installation, so, as format 1 importers
// did, it arrives as a workflow of its own named after the customer (its mapping inline).

const ENTRY_NAME = /^(manifest\.json|(workflows|integrations|custom)\/[A-Za-z0-9_-]{1,80}\.json)$/;

const workflow = z.object({ id: z.string().min(1), name: z.string().min(1), doc: z.unknown() });
const integration = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().default(''),
  requiredConnections: z.array(requiredConnectionSchema).default([]),
  workflows: z.array(workflow),
  /** Shared mappings, in format 1 bundles made after mappings became entities. */
  mappings: z.array(mappingDocSchema).default([]),
  releases: z.array(z.object({
    version: z.number().int().min(1),
    notes: z.string().default(''),
    createdAt: z.string(),
    versions: z.array(z.object({ workflowId: z.string().min(1), name: z.string().min(1), doc: z.unknown() })),
    mappings: z.array(mappingDocSchema).default([]),
  })),
});
const custom = z.object({ id: z.string().min(1), customerName: z.string(), workflowName: z.string(), ancestorVersion: z.number().int(), doc: z.unknown() });

function parse<S extends z.ZodType>(schema: S, entry: string, bytes: Uint8Array): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, '')) as unknown;
  } catch {
    throw new PatchbayError('bundle_invalid', `"${entry}" in the bundle is not valid JSON.`, { entry });
  }
  if (jsonDepthExceeds(raw, MAX_JSON_DEPTH)) throw new PatchbayError('bundle_invalid', `"${entry}" nests deeper than ${MAX_JSON_DEPTH} levels.`, { entry });
  const r = schema.safeParse(raw);
  if (!r.success) throw new PatchbayError('bundle_invalid', `"${entry}" does not match the bundle format: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`, { entry });
  return r.data;
}

export function readLegacyV1(files: BundleFiles): BundleContent {
  const head = parse(z.object({ exportedAt: z.string().default(''), exportedBy: z.string().optional() }), MANIFEST, files.get(MANIFEST) as Uint8Array);
  const out = emptyContent(head.exportedAt);
  const names = [...files.keys()].sort();
  for (const name of names) {
    if (!ENTRY_NAME.test(name)) throw new PatchbayError('bundle_invalid', `The bundle contains an unexpected file "${name}"; it was not made by Patchbay or was altered.`, { entry: name });
  }
  const content = {
    ...out, exportedBy: head.exportedBy, integrations: [...out.integrations], workflows: [...out.workflows], releases: [...out.releases], versions: [...out.versions],
    mappings: [...out.mappings], releasedMappings: [...out.releasedMappings],
  };
  for (const name of names.filter((n) => n.startsWith('workflows/'))) {
    const w = parse(workflow, name, files.get(name) as Uint8Array);
    content.workflows.push({ id: w.id, integrationId: null, name: w.name, doc: docOf(name, w.doc) });
  }
  for (const name of names.filter((n) => n.startsWith('custom/'))) {
    const c = parse(custom, name, files.get(name) as Uint8Array);
    content.workflows.push({ id: c.id, integrationId: null, name: `${c.workflowName} (${c.customerName}, custom from v${c.ancestorVersion})`, doc: docOf(name, c.doc) });
  }
  for (const name of names.filter((n) => n.startsWith('integrations/'))) {
    const i = parse(integration, name, files.get(name) as Uint8Array);
    content.integrations.push({ id: i.id, name: i.name, description: i.description, requiredConnections: i.requiredConnections });
    for (const w of i.workflows) content.workflows.push({ id: w.id, integrationId: i.id, name: w.name, doc: docOf(name, w.doc) });
    for (const m of i.mappings) content.mappings.push({ id: m.id, integrationId: i.id, name: m.name, doc: m });
    for (const r of i.releases) {
      const releaseId = `${i.id}-v${r.version}`;
      content.releases.push({ id: releaseId, integrationId: i.id, version: r.version, notes: r.notes, createdAt: r.createdAt });
      for (const v of r.versions) {
        if (!i.workflows.some((w) => w.id === v.workflowId)) {
          throw new PatchbayError('bundle_invalid', `Release v${r.version} in "${name}" refers to a workflow the bundle does not contain.`, { entry: name });
        }
        content.versions.push({ id: `${releaseId}-${v.workflowId}`, releaseId, workflowId: v.workflowId, name: v.name, doc: docOf(name, v.doc) });
      }
      for (const m of r.mappings) {
        if (!i.mappings.some((d) => d.id === m.id)) throw new PatchbayError('bundle_invalid', `Release v${r.version} in "${name}" refers to a mapping the bundle does not contain ("${m.name}").`, { entry: name });
        content.releasedMappings.push({ id: `${releaseId}-m-${m.id}`, releaseId, mappingId: m.id, name: m.name, doc: m });
      }
    }
  }
  return content;
}
