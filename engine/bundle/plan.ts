import { PatchbayError } from '../api/errors';
import type { Repos } from '../installations/repos';
import { canonicalJson } from './canonical';
import type { BundleContent } from './content';
import type { WorkflowDoc } from '../model/workflow';
import { scrubDoc, withoutSecrets } from './scrub';

// What importing a bundle would do, item by item, against what this data folder holds. Ids decide
// identity: an item whose id is absent is added; one that is present is unchanged, updated (drafts,
// user-specific versions and integration details take a new revision) or conflicting (releases
// never change, and an item must keep its place: same integration, installation, ancestor).
// Pure reading; nothing is written.

export type PlanKind = 'integration' | 'workflow' | 'release' | 'installation' | 'custom';
export type PlanAction = 'add' | 'update' | 'unchanged' | 'conflict';

export interface PlanItem {
  readonly kind: PlanKind;
  readonly id: string;
  /** What a person calls it: "Order Sync v2", "Acme Corp › Fetch Historical Orders". */
  readonly name: string;
  readonly action: PlanAction;
  readonly reason?: string;
}

function tryGet<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    if (e instanceof PatchbayError && e.code === 'not_found') return undefined;
    throw e;
  }
}

const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/**
 * `secrets`: the stored connection secrets. A local document is compared in the form it would be
 * exported in (secrets blanked), so a bundle made from it counts as unchanged, not as a conflict.
 */
export function planImport(repos: Repos, content: BundleContent, secrets: readonly string[] = []): PlanItem[] {
  const sameDoc = (local: WorkflowDoc, bundled: WorkflowDoc): boolean => same(withoutSecrets(scrubDoc(local, '', [], secrets), secrets), bundled);
  if (content.mappings.length + content.releasedMappings.length + content.customMappings.length > 0) {
    throw new PatchbayError('bundle_unsupported', 'This bundle carries shared mappings, which this Patchbay cannot import yet; update Patchbay.', { entry: 'mappings' });
  }
  const integrationNames = new Map(content.integrations.map((i) => [i.id, i.name]));
  const customerNames = new Map(content.installations.map((i) => [i.id, i.customerName]));
  const workflowNames = new Map(content.workflows.map((w) => [w.id, w.name]));
  const items: PlanItem[] = [];
  const item = (kind: PlanKind, id: string, name: string, action: PlanAction, reason?: string): void => {
    items.push(reason === undefined ? { kind, id, name, action } : { kind, id, name, action, reason });
  };

  for (const i of content.integrations) {
    const here = tryGet(() => repos.integrations.get(i.id));
    const unchanged = here && here.name === i.name && here.description === i.description && same(here.requiredConnections, i.requiredConnections);
    item('integration', i.id, i.name, !here ? 'add' : unchanged ? 'unchanged' : 'update');
  }
  for (const w of content.workflows) {
    const name = w.integrationId ? `${integrationNames.get(w.integrationId) ?? ''} › ${w.name} (draft)` : w.name;
    const here = tryGet(() => repos.workflows.get(w.id));
    if (!here) item('workflow', w.id, name, 'add');
    else if (repos.integrations.integrationOfWorkflow(w.id) !== w.integrationId) item('workflow', w.id, name, 'conflict', 'A workflow with this id belongs elsewhere here (another integration, or none).');
    else item('workflow', w.id, name, here.name === w.name && sameDoc(here.doc, w.doc) ? 'unchanged' : 'update');
  }
  for (const r of content.releases) {
    const name = `${integrationNames.get(r.integrationId) ?? ''} v${r.version}`;
    const versions = content.versions.filter((v) => v.releaseId === r.id);
    const here = tryGet(() => repos.integrations.getRelease(r.id));
    if (here) {
      const identical = here.integrationId === r.integrationId && here.version === r.version && here.versions.length === versions.length
        && versions.every((v) => {
          const mine = tryGet(() => repos.integrations.getVersion(v.id));
          return mine?.releaseId === r.id && mine.workflowId === v.workflowId && mine.name === v.name && sameDoc(mine.doc, v.doc);
        });
      item('release', r.id, name, identical ? 'unchanged' : 'conflict', identical ? undefined : 'This release exists here with other content, and releases never change.');
    } else if (tryGet(() => repos.integrations.get(r.integrationId)) && repos.integrations.releases(r.integrationId).some((x) => x.version === r.version)) {
      item('release', r.id, name, 'conflict', `v${r.version} was released separately here with other content.`);
    } else if (versions.some((v) => tryGet(() => repos.integrations.getVersion(v.id)))) {
      item('release', r.id, name, 'conflict', 'A workflow version of this release exists here in another release.');
    } else {
      item('release', r.id, name, 'add');
    }
  }
  for (const i of content.installations) {
    const here = tryGet(() => repos.installations.get(i.id));
    if (!here) item('installation', i.id, i.customerName, 'add');
    // A live installation keeps its own pin and settings: the bundle only brings what it lacks.
    else item('installation', i.id, i.customerName, here.integrationId === i.integrationId ? 'unchanged' : 'conflict', here.integrationId === i.integrationId ? undefined : 'An installation with this id belongs to another integration here.');
  }
  for (const c of content.custom) {
    const name = `${customerNames.get(c.installationId) ?? ''} › ${workflowNames.get(c.workflowId) ?? c.doc.name}`;
    const here = tryGet(() => repos.forks.get(c.id));
    if (here) {
      if (here.installationId !== c.installationId || here.workflowId !== c.workflowId) item('custom', c.id, name, 'conflict', 'A user-specific version with this id belongs to another installation or workflow here.');
      else if (here.ancestorVersionId !== c.ancestorVersionId) item('custom', c.id, name, 'conflict', 'It is based on another release here (rebased on one side only); rebase both to the same release, then export again.');
      else item('custom', c.id, name, sameDoc(here.doc, c.doc) ? 'unchanged' : 'update');
    } else if (repos.forks.find(c.installationId, c.workflowId)) {
      item('custom', c.id, name, 'conflict', 'This customer already has another user-specific version of this workflow here.');
    } else {
      item('custom', c.id, name, 'add');
    }
  }
  return items;
}
