import { PatchbayError } from '../errors/patchbay-error';
import type { Repos } from '../installations/repos';
import { canonicalJson } from './canonical';
import type { BundleContent } from './content';
import type { MappingDoc } from '../model/mapping-doc';
import type { WorkflowDoc } from '../model/workflow';
import { scrubDoc, withoutSecrets } from './scrub';

// What importing a bundle would do, item by item, against what this data folder holds. Ids decide
// identity: an item whose id is absent is added; one that is present is unchanged, updated (drafts,
// user-specific versions and integration details take a new revision) or conflicting (releases
// never change, and an item must keep its place: same integration, installation, ancestor).
// Pure reading; nothing is written.

export type PlanKind = 'integration' | 'workflow' | 'mapping' | 'release' | 'installation' | 'custom' | 'customMapping';
export type PlanAction = 'add' | 'update' | 'unchanged' | 'conflict';

export interface PlanItem {
  readonly kind: PlanKind;
  readonly id: string;
  /** What a person calls it: "Order Sync v2", "Acme Corp › Fetch Historical Orders". */
  readonly name: string;
  readonly action: PlanAction;
  readonly reason?: string;
}

async function tryGet<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof PatchbayError && e.code === 'not_found') return undefined;
    throw e;
  }
}

async function anyExists<T>(items: readonly T[], read: (item: T) => Promise<unknown>): Promise<boolean> {
  for (const item of items) if (await tryGet(() => read(item))) return true;
  return false;
}

const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/**
 * `secrets`: the stored connection secrets. A local document is compared in the form it would be
 * exported in (secrets blanked), so a bundle made from it counts as unchanged, not as a conflict.
 */
export async function planImport(repos: Repos, content: BundleContent, secrets: readonly string[] = []): Promise<PlanItem[]> {
  const sameDoc = (local: WorkflowDoc, bundled: WorkflowDoc): boolean => same(withoutSecrets(scrubDoc(local, '', [], secrets), secrets), bundled);
  const sameMapping = (local: MappingDoc, bundled: MappingDoc): boolean => same(withoutSecrets(local, secrets), bundled);
  const integrationNames = new Map(content.integrations.map((i) => [i.id, i.name]));
  const customerNames = new Map(content.installations.map((i) => [i.id, i.customerName]));
  const workflowNames = new Map(content.workflows.map((w) => [w.id, w.name]));
  const items: PlanItem[] = [];
  const item = (kind: PlanKind, id: string, name: string, action: PlanAction, reason?: string): void => {
    items.push(reason === undefined ? { kind, id, name, action } : { kind, id, name, action, reason });
  };

  for (const i of content.integrations) {
    const here = await tryGet(() => repos.integrations.get(i.id));
    const unchanged = here && here.name === i.name && here.description === i.description && same(here.requiredConnections, i.requiredConnections);
    item('integration', i.id, i.name, !here ? 'add' : unchanged ? 'unchanged' : 'update');
  }
  for (const w of content.workflows) {
    const name = w.integrationId ? `${integrationNames.get(w.integrationId) ?? ''} › ${w.name} (draft)` : w.name;
    const here = await tryGet(() => repos.workflows.get(w.id));
    if (!here) item('workflow', w.id, name, 'add');
    else if (await repos.integrations.integrationOfWorkflow(w.id) !== w.integrationId) item('workflow', w.id, name, 'conflict', 'A workflow with this id belongs elsewhere here (another integration, or none).');
    else item('workflow', w.id, name, here.name === w.name && sameDoc(here.doc, { ...w.doc, name: w.name }) ? 'unchanged' : 'update');
  }
  for (const m of content.mappings) {
    const name = `${integrationNames.get(m.integrationId) ?? ''} › ${m.name} (draft)`;
    const here = await tryGet(() => repos.mappings.get(m.id));
    const namesake = await repos.mappings.findByName(m.integrationId, m.name);
    if (!here) item('mapping', m.id, name, namesake ? 'conflict' : 'add', namesake ? 'The integration here has another mapping of this name.' : undefined);
    else if (here.integrationId !== m.integrationId || here.name !== m.name) item('mapping', m.id, name, 'conflict', 'A mapping with this id belongs to another integration here, or is named differently.');
    else item('mapping', m.id, name, sameMapping(here.doc, m.doc) ? 'unchanged' : 'update');
  }
  for (const r of content.releases) {
    const name = `${integrationNames.get(r.integrationId) ?? ''} v${r.version}`;
    const versions = content.versions.filter((v) => v.releaseId === r.id);
    const frozen = content.releasedMappings.filter((m) => m.releaseId === r.id);
    const here = await tryGet(() => repos.integrations.getRelease(r.id));
    if (here) {
      const mappingsHere = new Map((await repos.mappings.releasedIn(r.id)).map((m) => [m.id, m]));
      const versionsHere = await Promise.all(versions.map((v) => tryGet(() => repos.integrations.getVersion(v.id))));
      const identical = here.integrationId === r.integrationId && here.version === r.version && here.versions.length === versions.length
        && versions.every((v, n) => {
          const mine = versionsHere[n];
          return mine?.releaseId === r.id && mine.workflowId === v.workflowId && mine.name === v.name && sameDoc(mine.doc, v.doc);
        })
        && mappingsHere.size === frozen.length
        && frozen.every((m) => {
          const mine = mappingsHere.get(m.id);
          return mine?.mappingId === m.mappingId && mine.name === m.name && sameMapping(mine.doc, m.doc);
        });
      item('release', r.id, name, identical ? 'unchanged' : 'conflict', identical ? undefined : 'This release exists here with other content, and releases never change.');
    } else if (await tryGet(() => repos.integrations.get(r.integrationId)) && (await repos.integrations.releases(r.integrationId)).some((x) => x.version === r.version)) {
      item('release', r.id, name, 'conflict', `v${r.version} was released separately here with other content.`);
    } else if (await anyExists(versions, (v) => repos.integrations.getVersion(v.id)) || await anyExists(frozen, (m) => repos.mappings.getReleased(m.id))) {
      item('release', r.id, name, 'conflict', 'A workflow or mapping version of this release exists here in another release.');
    } else {
      item('release', r.id, name, 'add');
    }
  }
  for (const i of content.installations) {
    const here = await tryGet(() => repos.installations.get(i.id));
    if (!here) item('installation', i.id, i.customerName, 'add');
    // A live installation keeps its own pin and settings: the bundle only brings what it lacks.
    else item('installation', i.id, i.customerName, here.integrationId === i.integrationId ? 'unchanged' : 'conflict', here.integrationId === i.integrationId ? undefined : 'An installation with this id belongs to another integration here.');
  }
  for (const c of content.custom) {
    const name = `${customerNames.get(c.installationId) ?? ''} › ${workflowNames.get(c.workflowId) ?? c.doc.name}`;
    const here = await tryGet(() => repos.userVersions.get(c.id));
    if (here) {
      if (here.installationId !== c.installationId || here.workflowId !== c.workflowId) item('custom', c.id, name, 'conflict', 'A user-specific version with this id belongs to another installation or workflow here.');
      else if (here.ancestorVersionId !== c.ancestorVersionId) item('custom', c.id, name, 'conflict', 'It is based on another release here (rebased on one side only); rebase both to the same release, then export again.');
      else item('custom', c.id, name, sameDoc(here.doc, c.doc) ? 'unchanged' : 'update');
    } else if (await repos.userVersions.find(c.installationId, c.workflowId)) {
      item('custom', c.id, name, 'conflict', 'This customer already has another user-specific version of this workflow here.');
    } else {
      item('custom', c.id, name, 'add');
    }
  }
  const mappingNames = new Map([...content.releasedMappings, ...content.mappings].map((m) => ['mappingId' in m ? m.mappingId : m.id, m.name]));
  for (const m of content.customMappings) {
    const name = `${customerNames.get(m.installationId) ?? ''} › ${mappingNames.get(m.mappingId) ?? m.doc.name}`;
    const here = await tryGet(() => repos.installationMappings.get(m.id));
    if (here) {
      if (here.installationId !== m.installationId || here.mappingId !== m.mappingId) item('customMapping', m.id, name, 'conflict', "A customer's mapping with this id belongs to another installation or mapping here.");
      else if (here.ancestorId !== m.ancestorId) item('customMapping', m.id, name, 'conflict', 'It is based on another release here (rebased on one side only); rebase both to the same release, then export again.');
      else item('customMapping', m.id, name, sameMapping(here.doc, m.doc) ? 'unchanged' : 'update');
    } else if (await repos.installationMappings.find(m.installationId, m.mappingId)) {
      item('customMapping', m.id, name, 'conflict', 'This customer already has another version of this mapping here.');
    } else {
      item('customMapping', m.id, name, 'add');
    }
  }
  return items;
}
