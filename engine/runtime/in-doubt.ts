import { withRecovery } from '../shared/step-recovery';
import type { StartedItem } from '../storage/loop-items-repo';
import type { AnyBlockDefinition, BlockContext, BlockOutcome } from './blocks/types';
import type { JournalWriter } from './journal';
import type { OpenStep } from './step-record';

// Exactly once without the receiver's help (issue 15): intent before effect, and reconciliation
// of what an interruption left in doubt. Kept apart from the run loop and the journal's batching.

/** One For Each item as its body's steps see it. */
export interface ItemMark {
  /** Set when a block that may have effects ran in it (the item is then checkpointed). */
  any: boolean;
  /** The loop item's checkpoint key. */
  readonly item: StartedItem;
  /** Its `started` commit, once its first effecting step asked for it. */
  started: Promise<void> | null;
  /** Started before an interruption and never finished: its effects may or may not have happened. */
  readonly inDoubt: boolean;
}

/**
 * Before a step with effects outside the run sends anything, its item's start is durable: the
 * first such step of an item waits for the `started` commit (shared with the items starting
 * alongside it); later ones find it done.
 */
export function intentBeforeEffect(journal: Pick<JournalWriter, 'itemStarted'>, mark: ItemMark): Promise<void> {
  mark.started ??= journal.itemStarted(mark.item);
  return mark.started;
}

/**
 * Runs an effecting step of an item in doubt. A block that can ask its destination does so: found
 * → its answer is the step's output, marked reconciled, and nothing is sent; not found → sent as
 * usual. A block that cannot ask sends again (same idempotency key) and says so; its attempt
 * counts the send begun before the interruption.
 */
export async function executeInDoubt(def: AnyBlockDefinition, config: unknown, ctx: BlockContext, open: OpenStep): Promise<BlockOutcome> {
  const answer = def.reconcile ? await def.reconcile(config, ctx) : 'unknown';
  if (answer !== 'unknown' && answer.found) return { output: withRecovery(answer.output, 'reconciled') };
  const outcome = await def.execute(config, ctx);
  if (answer !== 'unknown' || 'iterate' in outcome) return outcome;
  open.record.attempt = 2;
  return { ...outcome, output: withRecovery(outcome.output, 'sent_again') };
}
