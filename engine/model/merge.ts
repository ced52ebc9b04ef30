import { PatchbayError } from '../errors/patchbay-error';
import { toFieldChange } from './diff';
import { formatPath, getAt, setAt, toPointer } from './json-pointer';
import { ABSENT, cloneJson, interleave, isIdArray, restrict, type JsonObject } from './json-value';
import { reconcileEdges, type MergeSides } from './merge-edges';
import type { ConflictValue, MergeConflict, MergeResult, Resolution, Resolutions } from './merge-schema';
import { emptyLog, merge3, type RawConflict } from './merge-tree';
import { workflowDocSchema, type Edge, type WorkflowDoc } from './workflow';
import { blockIdOf, edgeIdOf, ruleIdOf, workflowPolicy } from './workflow-paths';

// Rebase of a user-specific version (the customer's version) onto a newer release: a three-way merge keyed by
// stable ids against the release the customer's version was made from (the ancestor). Nothing here writes; the
// caller shows the conflicts, collects resolutions and stores resolveConflicts' document.

export function mergeWorkflows(sides: MergeSides): MergeResult {
  const { ancestor, release, customer } = sides;
  const log = emptyLog();
  const raw = merge3([], ancestor, release, customer, workflowPolicy, log);
  // The tree merge shares subtrees with its inputs; the result must be safe to edit.
  const merged = workflowDocSchema.parse(cloneJson(raw));
  reconcileEdges(merged, sides, log);
  return {
    merged,
    conflicts: log.conflicts.map(toConflict),
    applied: log.applied.map(toFieldChange),
    kept: log.kept.map(toFieldChange),
    agreed: log.agreed.map(toFieldChange),
  };
}

function slot(v: unknown): ConflictValue {
  return v === ABSENT ? { present: false } : { present: true, value: v };
}

export function toConflict(c: RawConflict): MergeConflict {
  const pointer = toPointer(c.path);
  const conflict: MergeConflict = {
    id: c.kind === 'order' ? `order:${pointer}` : pointer,
    kind: c.kind,
    pointer,
    path: c.path,
    label: formatPath(c.path),
    blockId: blockIdOf(c.path),
    ruleId: ruleIdOf(c.path),
    edgeId: edgeIdOf(c.path),
    ancestor: slot(c.ancestor),
    release: slot(c.release),
    customer: slot(c.customer),
  };
  if (c.reason !== undefined) conflict.reason = c.reason;
  if (c.heldEdges !== undefined) conflict.heldEdges = c.heldEdges;
  if (c.insertAfter !== undefined) conflict.insertAfter = c.insertAfter;
  return conflict;
}

/** The final document: every conflict decided ('customer', 'release' or an edited value). Refuses with
 * `unresolved_conflicts` while any conflict is undecided. */
export function resolveConflicts(result: MergeResult, resolutions: Resolutions): WorkflowDoc {
  const known = new Set(result.conflicts.map((c) => c.id));
  const unknown = Object.keys(resolutions).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new PatchbayError('bad_request', `No conflict has the id ${unknown.map((id) => `"${id}"`).join(', ')}; merge again and use the listed conflict ids.`, { unknown });
  }
  const open = result.conflicts.filter((c) => resolutions[c.id] === undefined);
  if (open.length > 0) {
    throw new PatchbayError(
      'unresolved_conflicts',
      `${open.length} conflict(s) still need a decision (keep the customer's version, take the new release, or edit): ${open.map((c) => c.label).join(', ')}.`,
      { unresolved: open.map((c) => c.id) },
    );
  }
  const doc: JsonObject = cloneJson(result.merged);
  const held: Edge[] = [];
  for (const conflict of result.conflicts) {
    const choice = resolutions[conflict.id];
    if (choice !== undefined) held.push(...applyResolution(doc, conflict, choice));
  }
  // Last, so the release's wiring wins over an edge decision that pointed into a block now gone.
  for (const edge of held) setAt(doc, ['edges', { id: edge.id }], cloneJson(edge));
  const parsed = workflowDocSchema.safeParse(doc);
  if (!parsed.success) {
    throw new PatchbayError('invalid_workflow', 'An edited conflict value does not fit the workflow; correct it and resolve again.', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  return dropDanglingEdges(parsed.data);
}

/** Applies one decision; returns the held release edges that come with it. */
export function applyResolution(doc: JsonObject, conflict: MergeConflict, choice: Resolution): Edge[] {
  const chosen: ConflictValue = choice === 'customer' ? conflict.customer : choice === 'release' ? conflict.release : { present: true, value: choice.value };
  if (conflict.kind === 'order') {
    const list = getAt(doc, conflict.path);
    const order = chosen.value;
    if (!isIdArray(list) || !Array.isArray(order) || !order.every((x): x is string => typeof x === 'string')) {
      throw new PatchbayError('bad_request', `Resolve "${conflict.label}" with a list of ids in the order you want.`, { conflict: conflict.id });
    }
    const current = list.map((e) => e.id);
    const wanted = interleave(restrict(order, new Set(current)), current);
    const byId = new Map(list.map((e) => [e.id, e]));
    list.splice(0, list.length, ...wanted.flatMap((id) => byId.get(id) ?? []));
    return [];
  }
  setAt(doc, conflict.path, chosen.present ? cloneJson(chosen.value) : ABSENT, conflict.insertAfter ? { after: conflict.insertAfter } : {});
  // Held release edges come with the release's side of a block conflict: the edges into a block the customer's version
  // deleted (also when the user keeps an edited block), or the release's wiring of edges that led to a
  // block the release deleted.
  return choice !== 'customer' && chosen.present === conflict.release.present ? (conflict.heldEdges ?? []) : [];
}

function dropDanglingEdges(doc: WorkflowDoc): WorkflowDoc {
  const ids = new Set(doc.blocks.map((b) => b.id));
  const ok = (e: Edge): boolean => ids.has(e.from) && ids.has(e.to);
  return doc.edges.every(ok) ? doc : { ...doc, edges: doc.edges.filter(ok) };
}
