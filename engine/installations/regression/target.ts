import { PatchbayError } from '../../errors/patchbay-error';
import { bindMappings } from '../../model/bind-mappings';
import type { MappingDoc, MappingSet } from '../../model/mapping-doc';
import { mergeMappings } from '../../model/mapping-merge';
import { mergeWorkflows } from '../../model/merge';
import type { WorkflowDoc } from '../../model/workflow';
import { validateWorkflow } from '../../model/validate';
import { blockCatalog } from '../../runtime/blocks/registry';
import type { InstallationRow } from '../../storage/installations-repo';
import { installationMappingSet } from '../mapping-sets';
import type { Repos } from '../repos';
import type { InstallationService } from '../service';

// Which document an installation would run for a workflow under a version choice: `current` (what
// it runs now), `draft` (the base drafts) or `release:N`. The customer's user-specific versions of
// the workflow and of shared mappings are merged onto that version exactly as a rebase would, so the
// replay shows what this customer would get after upgrading.

export type VersionChoice = { readonly kind: 'current' } | { readonly kind: 'draft' } | { readonly kind: 'release'; readonly version: number };

export interface Target {
  /** Bound: named mappings inlined, ready to replay. */
  readonly doc: WorkflowDoc;
  /** Merge conflicts left in the workflow or its mappings (the merge's default sides were replayed). */
  readonly conflicts: number;
}

export function parseVersionChoice(text: string): VersionChoice {
  if (text === 'current' || text === 'draft') return { kind: text };
  const m = /^release:(\d+)$/.exec(text);
  if (m) return { kind: 'release', version: Number(m[1]) };
  throw new PatchbayError('golden_bad_version', `"${text}" is not a version to compare; use current, draft or release:N.`, { version: text });
}

export function versionLabel(choice: VersionChoice): string {
  return choice.kind === 'release' ? `release:${choice.version}` : choice.kind;
}

/** The latest release of the installation's integration, as a choice. */
export async function latestChoice(repos: Repos, row: InstallationRow): Promise<VersionChoice> {
  const latest = await repos.integrations.latestRelease(row.integrationId);
  if (!latest) throw new PatchbayError('no_release', 'The integration has no release to compare with; compare with the draft instead.');
  return { kind: 'release', version: latest.version };
}

export async function resolveTarget(repos: Repos, installations: InstallationService, row: InstallationRow, workflowId: string, choice: VersionChoice): Promise<Target> {
  if (choice.kind === 'current') return bind((await installations.effectiveVersion(row, workflowId)).doc, await installationMappingSet(repos, row), 0);
  const userVersion = await repos.userVersions.find(row.id, workflowId);
  let baseDoc: WorkflowDoc;
  let mappings: Map<string, { mappingId: string; doc: MappingDoc }>;
  if (choice.kind === 'draft') {
    baseDoc = (await repos.workflows.get(workflowId)).doc;
    mappings = new Map((await repos.mappings.list(row.integrationId)).map((m) => [m.id, { mappingId: m.id, doc: m.doc }]));
  } else {
    const release = (await repos.integrations.releases(row.integrationId)).find((r) => r.version === choice.version);
    if (!release) throw new PatchbayError('not_found', `The integration has no release v${choice.version}.`, { version: choice.version });
    const version = await repos.integrations.versionIn(release.id, workflowId);
    if (!version) throw new PatchbayError('not_found', `Release v${choice.version} no longer contains this workflow.`, { workflowId });
    baseDoc = version.doc;
    mappings = new Map((await repos.mappings.releasedIn(release.id)).map((m) => [m.mappingId, { mappingId: m.mappingId, doc: m.doc }]));
  }
  let conflicts = 0;
  let doc = baseDoc;
  if (userVersion) {
    const merged = mergeWorkflows({ ancestor: (await repos.integrations.getVersion(userVersion.ancestorVersionId)).doc, release: baseDoc, customer: userVersion.doc });
    conflicts += merged.conflicts.length;
    doc = merged.merged;
  }
  const set = new Map<string, MappingDoc['rules']>([...mappings.values()].map((m) => [m.doc.name, m.doc.rules]));
  for (const custom of await repos.installationMappings.listForInstallation(row.id)) {
    const target = mappings.get(custom.mappingId);
    const ancestor = await repos.mappings.getReleased(custom.ancestorId);
    if (!target) {
      set.set(custom.doc.name, custom.doc.rules);
      continue;
    }
    const merged = mergeMappings({ ancestor: ancestor.doc, release: target.doc, customer: custom.doc });
    conflicts += merged.conflicts.length;
    set.set(merged.merged.name, merged.merged.rules);
  }
  return bind(doc, set, conflicts);
}

function bind(doc: WorkflowDoc, set: MappingSet, conflicts: number): Target {
  const bound = bindMappings(doc, set, blockCatalog);
  const validation = validateWorkflow(bound.doc, blockCatalog);
  const issues = [...bound.issues, ...validation.issues.filter((i) => i.severity === 'error')];
  if (issues.length > 0 || !validation.doc) {
    throw new PatchbayError('invalid_workflow', `This version would not run: ${issues.map((i) => i.message).join('; ')}`, { issues });
  }
  return { doc: validation.doc, conflicts };
}
