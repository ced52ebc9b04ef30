import type { WorkflowDoc } from '../model/workflow';
import { getBlockDefinition } from '../runtime/blocks/registry';
import { stateScope, type StateRepo } from '../storage/state-repo';

/**
 * A live backfill of one of the installation's workflows begins at `at`: every other workflow that
 * polls with a watermark (the listener) and has not polled yet starts from `at`, so its first poll
 * after the backfill brings only what changed since, instead of every order again. Which blocks
 * keep a watermark, and in what shape, is theirs to say (`watermarkSeed`).
 */
export async function seedWatermarks(state: StateRepo, installationId: string, others: Iterable<{ readonly workflowId: string; readonly doc: WorkflowDoc }>, at: string): Promise<void> {
  for (const { workflowId, doc } of others) {
    const scope = stateScope(installationId, workflowId);
    if (!scope) continue;
    let current: Record<string, unknown> | null = null;
    const seeded: Record<string, unknown> = {};
    for (const block of doc.blocks) {
      const seed = getBlockDefinition(block.kind)?.watermarkSeed;
      if (!seed) continue;
      current ??= await state.read(scope);
      Object.assign(seeded, seed(block.config, block.id, current, at));
    }
    if (Object.keys(seeded).length > 0) await state.write(scope, seeded);
  }
}
