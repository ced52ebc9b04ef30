import type { BlockChange, BlockHighlight, EdgeChange, FieldChange, RulesDiff, WorkflowDiff } from './diff-schema';
import { toPointer, type DocPathSegment } from './json-pointer';
import { ABSENT, deepEqual, isIdArray, prop, restrict, sameSequence, type IdElement } from './json-value';
import { diffTree, type RawChange } from './tree-diff';
import type { Block, Edge, WorkflowDoc } from './workflow';
import { fieldOf, workflowPolicy } from './workflow-paths';

// Structural diff of two workflow documents (any two versions, or a user-specific version against its ancestor),
// keyed by stable ids so a renamed or moved block is one change, not a removal plus an addition.

export function toFieldChange(raw: RawChange): FieldChange {
  const change: FieldChange = { pointer: toPointer(raw.path), path: raw.path, field: fieldOf(raw.path), op: raw.op };
  if (raw.old !== ABSENT) change.old = raw.old;
  if (raw.new !== ABSENT) change.new = raw.new;
  return change;
}

export function diffWorkflows(a: WorkflowDoc, b: WorkflowDoc): WorkflowDiff {
  const blocksA = new Map(a.blocks.map((x) => [x.id, x]));
  const blocksB = new Map(b.blocks.map((x) => [x.id, x]));
  const added = b.blocks.filter((x) => !blocksA.has(x.id));
  const removed = a.blocks.filter((x) => !blocksB.has(x.id));
  const changed: BlockChange[] = [];
  for (const block of b.blocks) {
    const old = blocksA.get(block.id);
    const change = old ? diffBlock(old, block) : null;
    if (change) changed.push(change);
  }
  const edges = diffEdges(a.edges, b.edges);
  const other: FieldChange[] = [];
  for (const key of Object.keys({ ...a, ...b })) {
    if (key === 'name' || key === 'notes' || key === 'blocks' || key === 'edges') continue;
    other.push(...diffTree([key], prop(a, key), prop(b, key), workflowPolicy).map(toFieldChange));
  }

  const highlights: BlockHighlight[] = [
    ...added.map((x): BlockHighlight => ({ blockId: x.id, status: 'added' })),
    ...changed.map((c): BlockHighlight => ({ blockId: c.id, status: onlyMoved(c) ? 'moved' : 'changed' })),
    ...removed.map((x): BlockHighlight => ({ blockId: x.id, status: 'removed' })),
  ];
  const rules = changed.map((c) => c.rules).filter((r): r is RulesDiff => r !== null);
  const summary = {
    nameChanged: a.name !== b.name,
    notesChanged: a.notes !== b.notes,
    blocksAdded: added.length,
    blocksRemoved: removed.length,
    blocksChanged: changed.length,
    blocksMoved: changed.filter((c) => c.moved !== null).length,
    blocksRenamed: changed.filter((c) => c.renamed !== null).length,
    configFieldsChanged: changed.reduce((n, c) => n + c.config.length, 0),
    edgesAdded: edges.added.length,
    edgesRemoved: edges.removed.length,
    edgesChanged: edges.changed.length,
    rulesAdded: rules.reduce((n, r) => n + r.added.length, 0),
    rulesRemoved: rules.reduce((n, r) => n + r.removed.length, 0),
    rulesChanged: rules.reduce((n, r) => n + r.changed.length, 0),
    rulesReordered: rules.filter((r) => r.reordered !== null).length,
  };
  const identical =
    !summary.nameChanged &&
    !summary.notesChanged &&
    highlights.length === 0 &&
    edges.added.length + edges.removed.length + edges.changed.length === 0 &&
    other.length === 0;
  return {
    name: a.name === b.name ? null : { old: a.name, new: b.name },
    notes: a.notes === b.notes ? null : { old: a.notes, new: b.notes },
    blocks: { added, removed, changed },
    edges,
    other,
    summary: { identical, ...summary },
    changedBlockIds: highlights.map((h) => h.blockId),
    highlights,
  };
}

function onlyMoved(c: BlockChange): boolean {
  return c.renamed === null && c.kindChanged === null && c.config.length === 0 && c.rules === null;
}

/** A config's mapping rules as an id-keyed list ([] when absent), or null when malformed. */
function rulesOf(block: Block): IdElement[] | null {
  const rules = block.config.rules ?? [];
  return isIdArray(rules) ? rules : null;
}

function diffBlock(a: Block, b: Block): BlockChange | null {
  const base: DocPathSegment[] = ['blocks', { id: b.id }];
  // Mapping rules (Map Fields) diff by rule id; malformed rules stay plain config changes.
  const rulesA = rulesOf(a);
  const rulesB = rulesOf(b);
  const byRule = rulesA !== null && rulesB !== null;
  const configChanges = diffTree([...base, 'config'], a.config, b.config, workflowPolicy)
    .filter((c) => !(byRule && c.path[3] === 'rules'))
    .map(toFieldChange);
  const rules = byRule ? diffRules([...base, 'config', 'rules'], rulesA, rulesB) : null;
  const change: BlockChange = {
    id: b.id,
    kind: b.kind,
    name: b.name,
    renamed: a.name === b.name ? null : { old: a.name, new: b.name },
    moved: deepEqual(a.position, b.position) ? null : { old: a.position, new: b.position },
    kindChanged: a.kind === b.kind ? null : { old: a.kind, new: b.kind },
    config: configChanges,
    rules,
  };
  const same = change.renamed === null && change.moved === null && change.kindChanged === null && configChanges.length === 0 && rules === null;
  return same ? null : change;
}

function targetOf(rule: IdElement): string | null {
  return typeof rule.target === 'string' ? rule.target : null;
}

export function diffRules(path: DocPathSegment[], a: IdElement[], b: IdElement[]): RulesDiff | null {
  const mapA = new Map(a.map((r) => [r.id, r]));
  const mapB = new Map(b.map((r) => [r.id, r]));
  const idsA = a.map((r) => r.id);
  const idsB = b.map((r) => r.id);
  const changed: RulesDiff['changed'] = [];
  for (const rule of b) {
    const old = mapA.get(rule.id);
    if (!old) continue;
    const fields = diffTree([...path, { id: rule.id }], old, rule, workflowPolicy).map(toFieldChange);
    if (fields.length > 0) changed.push({ id: rule.id, target: targetOf(rule) ?? targetOf(old), fields });
  }
  const reordered = sameSequence(restrict(idsA, new Set(idsB)), restrict(idsB, new Set(idsA))) ? null : { old: idsA, new: idsB };
  const diff: RulesDiff = {
    added: b.filter((r) => !mapA.has(r.id)).map((rule) => ({ id: rule.id, target: targetOf(rule), rule })),
    removed: a.filter((r) => !mapB.has(r.id)).map((rule) => ({ id: rule.id, target: targetOf(rule), rule })),
    changed,
    reordered,
  };
  return diff.added.length + diff.removed.length + changed.length === 0 && reordered === null ? null : diff;
}

function diffEdges(a: readonly Edge[], b: readonly Edge[]): WorkflowDiff['edges'] {
  const mapA = new Map(a.map((e) => [e.id, e]));
  const mapB = new Map(b.map((e) => [e.id, e]));
  const changed: EdgeChange[] = [];
  for (const edge of b) {
    const old = mapA.get(edge.id);
    if (!old || deepEqual(old, edge)) continue;
    const fields = diffTree(['edges', { id: edge.id }], old, edge, workflowPolicy).map(toFieldChange);
    changed.push({ id: edge.id, old, new: edge, fields });
  }
  return {
    added: b.filter((e) => !mapA.has(e.id)),
    removed: a.filter((e) => !mapB.has(e.id)),
    changed,
  };
}
