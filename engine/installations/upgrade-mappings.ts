import type { UpgradeMapping } from '../api/methods/lifecycle';
import { deepEqual } from '../model/json-value';
import type { MappingDoc } from '../model/mapping-doc';
import { planMapping } from '../mapping/plan';
import { mergeMappings, resolveMappingConflicts } from '../model/mapping-merge';
import type { Resolutions } from '../model/merge-schema';
import type { Repos } from './repos';

// The shared mappings' part of an upgrade: a customer's own version of a mapping is rebased onto
// the new release's rule by rule, like a user-specific workflow; a mapping the customer did not
// customise simply follows the pin.

export interface PlannedMapping extends UpgradeMapping {
  /** The customer's version to rewrite (with its rev and new document), or null. */
  readonly custom: { readonly id: string; readonly rev: number; readonly ancestorId: string; readonly after: MappingDoc } | null;
  readonly targetId: string;
  /** Why the merged rules could not run together; an upgrade with any is refused. */
  readonly problems: readonly string[];
}

/** Resolutions for a mapping travel in the upgrade's resolutions under this key. */
export const mappingResolutionKey = (mappingId: string): string => `mapping:${mappingId}`;

const same = (a: MappingDoc, b: MappingDoc): boolean => a.name === b.name && deepEqual(a.rules, b.rules);

/** What would stop the merged rules from compiling (e.g. both sides added a rule for one target). */
const problemsOf = (doc: MappingDoc): string[] => planMapping(doc.rules).issues.map((i) => i.message);

export async function planMappings(repos: Repos, installationId: string, fromReleaseId: string, toReleaseId: string, resolutions: Readonly<Record<string, Resolutions>>): Promise<PlannedMapping[]> {
  const customs = await repos.installationMappings.listForInstallation(installationId);
  return Promise.all((await repos.mappings.releasedIn(toReleaseId)).map(async (target): Promise<PlannedMapping> => {
    const base = { mappingId: target.mappingId, name: target.name, targetId: target.id, conflicts: 0, problems: [] as string[] };
    const custom = customs.find((c) => c.mappingId === target.mappingId);
    if (!custom) {
      const current = await repos.mappings.releasedFor(fromReleaseId, target.mappingId);
      const plan = !current ? 'added' : same(current.doc, target.doc) ? 'unchanged' : 'fast_forward';
      const message = plan === 'fast_forward' ? 'The base mapping changed: every workflow that names it uses the new rules.' : plan === 'added' ? 'New in this release.' : 'Unchanged in this release.';
      return { ...base, plan, customised: false, message, custom: null };
    }
    const ancestor = await repos.mappings.getReleased(custom.ancestorId);
    const keep = { id: custom.id, rev: custom.rev, ancestorId: custom.ancestorId };
    if (ancestor.id === target.id || same(ancestor.doc, target.doc)) {
      return { ...base, plan: 'unchanged', customised: true, message: 'Unchanged in this release; the customer keeps their rules.', custom: { ...keep, after: custom.doc } };
    }
    const merge = mergeMappings({ ancestor: ancestor.doc, release: target.doc, customer: custom.doc });
    const decided = resolutions[mappingResolutionKey(target.mappingId)];
    const after = merge.conflicts.length === 0 ? merge.merged : decided ? resolveMappingConflicts(merge, decided) : merge.merged;
    // A merge without conflicts can still leave rules that cannot run together: the upgrade must
    // not apply it, or every workflow naming this mapping would fail from then on.
    const problems = merge.conflicts.length === 0 || decided ? problemsOf(after) : [];
    if (problems.length > 0) {
      return {
        ...base, plan: 'rebase_conflicts', customised: true, conflicts: problems.length, problems,
        message: `The merged rules would not run (${problems[0]}). Rebase this mapping on the installation page and fix the rule, then upgrade.`,
        custom: { ...keep, after },
      };
    }
    if (merge.conflicts.length === 0) {
      return { ...base, plan: 'rebase_clean', customised: true, message: "The customer's rules are rebased: base changes merge with theirs without conflicts.", custom: { ...keep, after: merge.merged } };
    }
    const n = merge.conflicts.length;
    return {
      ...base, plan: 'rebase_conflicts', customised: true, conflicts: n,
      message: `${n} rule conflict${n === 1 ? '' : 's'}: ${decided ? 'decided.' : 'decide each one in the mapping’s Rebase.'}`,
      custom: { ...keep, after },
    };
  }));
}

/** Writes the customers' rebased mappings; call inside the upgrade's transaction. */
export async function applyMappings(repos: Repos, planned: readonly PlannedMapping[]): Promise<void> {
  for (const p of planned) {
    if (p.custom && p.custom.ancestorId !== p.targetId) await repos.installationMappings.save(p.custom.id, p.custom.rev, p.custom.after, p.targetId);
  }
}

export function publicMapping(p: PlannedMapping): UpgradeMapping {
  return { mappingId: p.mappingId, name: p.name, plan: p.plan, customised: p.customised, conflicts: p.conflicts, message: p.message };
}
