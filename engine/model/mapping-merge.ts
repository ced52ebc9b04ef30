import { z } from 'zod';
import { PatchbayError } from '../errors/patchbay-error';
import { fieldChangeSchema, rulesDiffSchema } from './diff-schema';
import { diffRules, toFieldChange } from './diff';
import { formatPath, type DocPath } from './json-pointer';
import { cloneJson, isIdArray, type IdElement, type JsonObject } from './json-value';
import { mappingDocSchema, type MappingDoc } from './mapping-doc';
import { applyResolution, toConflict } from './merge';
import { mergeConflictSchema, type MergeConflict, type Resolutions } from './merge-schema';
import { emptyLog, merge3 } from './merge-tree';
import type { TreePolicy } from './tree-diff';

// Diff and rebase of a shared mapping, rule by rule and keyed by rule id, with the same tree merge
// as workflows: a customer's user-specific mapping is rebased onto the mapping of a newer release
// release; changes on one side apply, the same field of the same rule changed on both is a conflict.

/** Rule order matters (later rules fill the same elements); a rule's fields merge one by one. */
const mappingPolicy: TreePolicy = {
  atomic: (p) => p.length === 4 && p[0] === 'rules' && p[2] === 'transforms',
  ordered: () => true,
};

const fromTo = z.object({ old: z.string(), new: z.string() });

export const mappingDiffSchema = z.object({
  identical: z.boolean(),
  name: fromTo.nullable(),
  notes: fromTo.nullable(),
  rules: rulesDiffSchema.nullable(),
});

export const mappingMergeResultSchema = z.object({
  merged: mappingDocSchema,
  conflicts: z.array(mergeConflictSchema),
  applied: z.array(fieldChangeSchema),
  kept: z.array(fieldChangeSchema),
  agreed: z.array(fieldChangeSchema),
});

export type MappingDiff = z.infer<typeof mappingDiffSchema>;
export type MappingMergeResult = z.infer<typeof mappingMergeResultSchema>;

function ruleIdIn(path: DocPath): string | null {
  const seg = path[1];
  return path[0] === 'rules' && seg !== undefined && typeof seg !== 'string' ? seg.id : null;
}

/** Rules of two versions of a mapping: added, removed, changed field by field, reordered. */
export function diffMappings(a: MappingDoc, b: MappingDoc): MappingDiff {
  const rules = diffRules(['rules'], rulesOf(a), rulesOf(b));
  const name = a.name === b.name ? null : { old: a.name, new: b.name };
  const notes = a.notes === b.notes ? null : { old: a.notes, new: b.notes };
  return { identical: rules === null && name === null && notes === null, name, notes, rules };
}

function rulesOf(doc: MappingDoc): IdElement[] {
  const rules = cloneJson(doc.rules) as unknown;
  if (!isIdArray(rules)) throw new PatchbayError('mapping_invalid_rules', `Two rules of "${doc.name}" share an id; give each rule its own id.`);
  return rules;
}

function body(doc: MappingDoc): JsonObject {
  return { name: doc.name, notes: doc.notes, rules: rulesOf(doc) };
}

/** Three-way merge: `customer` (the customer's mapping) rebased from `ancestor` onto `release`. */
export function mergeMappings(sides: { ancestor: MappingDoc; release: MappingDoc; customer: MappingDoc }): MappingMergeResult {
  const log = emptyLog();
  const raw = merge3([], body(sides.ancestor), body(sides.release), body(sides.customer), mappingPolicy, log);
  const merged = mappingDocSchema.parse({ ...cloneJson(raw as JsonObject), id: sides.customer.id });
  const withRule = (c: MergeConflict): MergeConflict => ({ ...c, ruleId: ruleIdIn(c.path), label: labelOf(c.path) });
  return {
    merged,
    conflicts: log.conflicts.map(toConflict).map(withRule),
    applied: log.applied.map(toFieldChange),
    kept: log.kept.map(toFieldChange),
    agreed: log.agreed.map(toFieldChange),
  };
}

function labelOf(path: DocPath): string {
  const id = ruleIdIn(path);
  return id === null ? formatPath(path) : `rule ${id}${path.length > 2 ? ` · ${formatPath(path.slice(2))}` : ''}`;
}

/** The final mapping once every conflict is decided ('customer', 'release' or an edited value). */
export function resolveMappingConflicts(result: MappingMergeResult, resolutions: Resolutions): MappingDoc {
  const known = new Set(result.conflicts.map((c) => c.id));
  const unknown = Object.keys(resolutions).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new PatchbayError('bad_request', `No conflict has the id ${unknown.map((id) => `"${id}"`).join(', ')}; preview the rebase again and use the listed conflict ids.`, { unknown });
  }
  const open = result.conflicts.filter((c) => resolutions[c.id] === undefined);
  if (open.length > 0) {
    throw new PatchbayError('unresolved_conflicts', `${open.length} mapping conflict(s) still need a decision (keep the customer's version, take the new release, or edit): ${open.map((c) => c.label).join(', ')}.`, {
      unresolved: open.map((c) => c.id),
    });
  }
  const doc = cloneJson(result.merged) as unknown as JsonObject;
  for (const conflict of result.conflicts) {
    const choice = resolutions[conflict.id];
    if (choice !== undefined) applyResolution(doc, conflict, choice);
  }
  const parsed = mappingDocSchema.safeParse(doc);
  if (!parsed.success) {
    throw new PatchbayError('mapping_invalid_rules', 'An edited conflict value does not fit the mapping; correct it and resolve again.', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  return parsed.data;
}
