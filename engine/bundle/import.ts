import { strFromU8, unzipSync } from 'fflate';
import type { z } from 'zod';
import { PatchbayError } from '../api/errors';
import type { Repos } from '../installations/repos';
import { migrateWorkflowDoc } from '../model/migrate';
import type { Db } from '../storage/db';
import {
  BUNDLE_FORMAT_VERSION, BUNDLE_LIMITS, bundledCustomSchema, bundledIntegrationSchema, bundledWorkflowSchema, ENTRY_NAME, manifestSchema,
} from './format';

export interface ImportSummary {
  workflows: { id: string; name: string }[];
  integrations: { id: string; name: string; releases: number }[];
}

function invalid(message: string, details?: unknown): PatchbayError {
  return new PatchbayError('bundle_invalid', message, details);
}

/** Unzips within the limits; any name outside the fixed shapes refuses the whole bundle. */
function readEntries(bytes: Uint8Array): Map<string, unknown> {
  if (bytes.length > BUNDLE_LIMITS.compressedBytes) {
    throw new PatchbayError('bundle_too_large', `Bundles are limited to ${BUNDLE_LIMITS.compressedBytes / 1024 / 1024} MB.`);
  }
  let total = 0;
  let count = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        count += 1;
        // A stored entry is copied by its real size whatever it declares, and many directory
        // entries may point at the same bytes: count the larger of the two sizes, and refuse a
        // stored entry whose sizes disagree.
        total += Math.max(file.size, file.originalSize);
        if (file.compression === 0 && file.size !== file.originalSize) throw invalid(`"${file.name}" declares a size it does not have; the bundle was altered.`, { entry: file.name });
        if (count > BUNDLE_LIMITS.entries || total > BUNDLE_LIMITS.uncompressedBytes) throw new PatchbayError('bundle_too_large', 'The bundle unpacks to more than Patchbay accepts.');
        if (file.name.endsWith('/')) return false;
        if (!ENTRY_NAME.test(file.name)) throw invalid(`The bundle contains an unexpected file "${file.name}"; it was not made by Patchbay or was altered.`, { entry: file.name });
        return true;
      },
    });
  } catch (e) {
    if (e instanceof PatchbayError) throw e;
    throw invalid('This file is not a Patchbay bundle (it is not a readable zip).');
  }
  const entries = new Map<string, unknown>();
  for (const [name, data] of Object.entries(files)) {
    try {
      entries.set(name, JSON.parse(strFromU8(data)) as unknown);
    } catch {
      throw invalid(`"${name}" in the bundle is not valid JSON.`, { entry: name });
    }
  }
  return entries;
}

function parseEntry<S extends z.ZodType>(schema: S, name: string, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(`"${name}" does not match the bundle format: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`, { entry: name });
  return r.data;
}

function docOf(name: string, raw: unknown) {
  try {
    return migrateWorkflowDoc(raw);
  } catch (e) {
    throw invalid(`The workflow in "${name}" is not valid: ${(e as Error).message}`, { entry: name, details: (e as PatchbayError).details });
  }
}

/** Imports everything or nothing: one transaction, new ids, every document checked first. */
export function importBundle(db: Db, repos: Repos, bytes: Uint8Array): ImportSummary {
  const entries = readEntries(bytes);
  const manifest = parseEntry(manifestSchema, 'manifest.json', entries.get('manifest.json'));
  if (manifest.formatVersion > BUNDLE_FORMAT_VERSION) throw invalid(`This bundle was made by a newer Patchbay (format ${manifest.formatVersion}); update Patchbay to import it.`);
  const names = [...entries.keys()].sort();
  const workflows = names.filter((n) => n.startsWith('workflows/')).map((n) => {
    const w = parseEntry(bundledWorkflowSchema, n, entries.get(n));
    return { name: w.name, doc: docOf(n, w.doc) };
  });
  const custom = names.filter((n) => n.startsWith('custom/')).map((n) => {
    const c = parseEntry(bundledCustomSchema, n, entries.get(n));
    return { name: `${c.workflowName} (${c.customerName}, custom from v${c.ancestorVersion})`, doc: docOf(n, c.doc) };
  });
  const integrations = names.filter((n) => n.startsWith('integrations/')).map((n) => {
    const i = parseEntry(bundledIntegrationSchema, n, entries.get(n));
    return {
      ...i,
      workflows: i.workflows.map((w) => ({ ...w, doc: docOf(n, w.doc) })),
      releases: i.releases.map((r) => ({ ...r, versions: r.versions.map((v) => ({ ...v, doc: docOf(n, v.doc) })) })),
    };
  });

  return db.transaction((): ImportSummary => {
    const createdWorkflows = [...workflows, ...custom].map((w) => {
      const created = repos.workflows.create({ ...w.doc, name: w.name });
      return { id: created.id, name: created.name };
    });
    const createdIntegrations = integrations.map((i) => {
      const integration = repos.integrations.create(i.name, i.description, i.requiredConnections);
      const newIds = new Map<string, string>();
      for (const w of i.workflows) {
        const created = repos.workflows.create({ ...w.doc, name: w.name });
        repos.integrations.attachWorkflow(integration.id, created.id);
        newIds.set(w.id, created.id);
      }
      // Shared mappings get new ids like everything else; releases point at them by the new id.
      const mappingIds = new Map<string, string>();
      for (const m of i.mappings) mappingIds.set(m.id, repos.mappings.importDraft(integration.id, m).id);
      for (const r of [...i.releases].sort((a, b) => a.version - b.version)) {
        const releaseId = repos.integrations.importRelease(integration.id, {
          ...r,
          versions: r.versions.map((v) => {
            const workflowId = newIds.get(v.workflowId);
            if (!workflowId) throw invalid(`Release v${r.version} of "${i.name}" refers to a workflow the bundle does not contain.`);
            return { ...v, workflowId };
          }),
        });
        for (const m of r.mappings) {
          const mappingId = mappingIds.get(m.id);
          if (!mappingId) throw invalid(`Release v${r.version} of "${i.name}" refers to a mapping the bundle does not contain ("${m.name}").`);
          repos.mappings.importReleased(releaseId, mappingId, m);
        }
      }
      return { id: integration.id, name: integration.name, releases: i.releases.length };
    });
    return { workflows: createdWorkflows, integrations: createdIntegrations };
  })();
}
