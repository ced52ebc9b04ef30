import type { MappingDoc, MappingSet } from '../model/mapping-doc';
import { mappingNameOf } from '../model/bind-mappings';
import { mapsFields } from '../model/block-catalog';
import type { WorkflowDoc } from '../model/workflow';
import { blockCatalog } from '../runtime/blocks/registry';
import type { InstallationRow } from '../storage/installations-repo';
import type { Repos } from './repos';

// Which rules each mapping name means for a run: in the base editor the integration's drafts; in an
// installation the customer's own version where there is one, else the pinned release's.

export async function draftMappingSet(repos: Repos, integrationId: string | null): Promise<MappingSet> {
  if (integrationId === null) return new Map();
  return new Map((await repos.mappings.list(integrationId)).map((m) => [m.name, m.doc.rules]));
}

export async function installationMappingSet(repos: Repos, row: InstallationRow): Promise<MappingSet> {
  const set = new Map<string, MappingDoc['rules']>();
  if (row.releaseId) for (const m of await repos.mappings.releasedIn(row.releaseId)) set.set(m.name, m.doc.rules);
  // The customer's version wins, also for a mapping a newer pin no longer has under that name.
  for (const custom of await repos.installationMappings.listForInstallation(row.id)) set.set(custom.doc.name, custom.doc.rules);
  return set;
}

/** Names of the shared mappings a workflow's Map Fields blocks use. */
export function mappingNamesUsed(doc: WorkflowDoc): Set<string> {
  const names = new Set<string>();
  for (const b of doc.blocks) {
    const name = mapsFields(blockCatalog, b) ? mappingNameOf(b.config) : null;
    if (name !== null) names.add(name);
  }
  return names;
}
