import { validateWorkflow } from '../model/validate';
import type { WorkflowDoc } from '../model/workflow';
import { blockCatalog } from '../runtime/blocks/registry';

// A rebase that takes the new release's side of a block the customer's version removed (a
// `removed_and_changed` conflict decided "release") puts the block back as the release has it,
// but not the edges the customer's version removed with it: nothing leads to it, so it never runs.
// Which edges it should have is the user's call (the template's Stop block held the backfill back,
// and the customer wired around it), so the rebase is kept and this says what came back stranded.

function unreachable(doc: WorkflowDoc): Map<string, string> {
  const names = new Map(doc.blocks.map((b) => [b.id, b.name || b.id]));
  return new Map(validateWorkflow(doc, blockCatalog).issues
    .filter((i) => i.code === 'unreachable' && i.blockId !== null)
    .map((i) => [i.blockId as string, names.get(i.blockId as string) ?? (i.blockId as string)]));
}

/** Names of the blocks nothing leads to in `after` that something led to (or that were absent) in `before`. */
export function strandedBlocks(before: WorkflowDoc, after: WorkflowDoc): string[] {
  const already = unreachable(before);
  return [...unreachable(after)].filter(([id]) => !already.has(id)).map(([, name]) => name);
}
