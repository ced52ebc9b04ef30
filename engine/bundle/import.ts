import { PatchbayError } from '../errors/patchbay-error';
import type { Kysely } from 'kysely';
import { inTransaction, type Repos } from '../installations/repos';
import type { Tables } from '../storage/tables';
import type { BundleContent } from './content';
import { withNewIds } from './copy';
import { planImport, type PlanItem } from './plan';

export interface ImportOutcome {
  readonly plan: readonly PlanItem[];
  readonly integrations: { id: string; name: string; releases: number }[];
  readonly workflows: { id: string; name: string }[];
}

/** The plan without writing anything (`--dry-run`, the app's preview). */
export function previewImport(repos: Repos, content: BundleContent, asCopy: boolean, secrets: readonly string[] = []): Promise<PlanItem[]> {
  return planImport(repos, asCopy ? withNewIds(content) : content, secrets);
}

/** Imports everything or nothing: one transaction, refused as a whole if anything conflicts. */
export function importContent(database: Kysely<Tables>, repos: Repos, original: BundleContent, asCopy: boolean, secrets: readonly string[] = []): Promise<ImportOutcome> {
  const content = asCopy ? withNewIds(original) : original;
  return inTransaction(database, repos, async (repos): Promise<ImportOutcome> => {
    const plan = await planImport(repos, content, secrets);
    const conflicts = plan.filter((p) => p.action === 'conflict');
    if (conflicts.length > 0) {
      throw new PatchbayError('bundle_conflict', `Nothing was imported: ${conflicts.length} item(s) conflict with what is here (${conflicts.map((c) => `${c.name}: ${c.reason ?? ''}`).join(' ')}) Import it as a copy to keep both.`, { conflicts });
    }
    const action = new Map(plan.map((p) => [`${p.kind}:${p.id}`, p.action]));
    const is = (kind: string, id: string, a: string): boolean => action.get(`${kind}:${id}`) === a;

    for (const i of content.integrations) {
      if (is('integration', i.id, 'add')) await repos.integrations.create(i.name, i.description, i.requiredConnections, i.id);
      if (is('integration', i.id, 'update')) await repos.integrations.updateDetails(i.id, i);
    }
    for (const w of content.workflows) {
      const doc = { ...w.doc, name: w.name };
      if (is('workflow', w.id, 'add')) {
        await repos.workflows.create(doc, w.id);
        if (w.integrationId !== null) await repos.integrations.attachWorkflow(w.integrationId, w.id);
      }
      if (is('workflow', w.id, 'update')) await repos.workflows.save(w.id, (await repos.workflows.get(w.id)).rev, doc);
    }
    for (const m of content.mappings) {
      if (is('mapping', m.id, 'add')) await repos.mappings.create(m.integrationId, m.name, m.doc.rules, m.doc.notes, m.id);
      if (is('mapping', m.id, 'update')) await repos.mappings.save(m.id, (await repos.mappings.get(m.id)).rev, m.doc.rules, m.doc.notes);
    }
    for (const r of [...content.releases].sort((a, b) => a.version - b.version)) {
      if (!is('release', r.id, 'add')) continue;
      await repos.integrations.importRelease(r.integrationId, { ...r, versions: content.versions.filter((v) => v.releaseId === r.id) });
      for (const m of content.releasedMappings.filter((x) => x.releaseId === r.id)) await repos.mappings.importReleased(r.id, m.mappingId, m.doc, m.id);
    }
    for (const i of content.installations) {
      if (!is('installation', i.id, 'add')) continue;
      // Connections and settings never travel: the installation arrives waiting to be connected.
      await repos.installations.create(i.integrationId, i.customerName, i.externalId, {}, i.id);
      if (i.releaseId !== null) await repos.installations.update(i.id, { releaseId: i.releaseId });
    }
    for (const c of content.custom) {
      if (is('custom', c.id, 'add')) await repos.userVersions.create(c.installationId, c.workflowId, c.ancestorVersionId, c.doc, c.id);
      if (is('custom', c.id, 'update')) await repos.userVersions.save(c.id, (await repos.userVersions.get(c.id)).rev, c.doc);
    }
    for (const m of content.customMappings) {
      if (is('customMapping', m.id, 'add')) await repos.installationMappings.create(m.installationId, m.mappingId, m.ancestorId, m.doc, m.id);
      if (is('customMapping', m.id, 'update')) await repos.installationMappings.save(m.id, (await repos.installationMappings.get(m.id)).rev, m.doc);
    }
    return {
      plan,
      integrations: content.integrations.map((i) => ({ id: i.id, name: i.name, releases: content.releases.filter((r) => r.integrationId === i.id).length })),
      workflows: content.workflows.filter((w) => w.integrationId === null).map((w) => ({ id: w.id, name: w.name })),
    };
  });
}
