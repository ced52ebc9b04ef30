import type { StepRecord } from '../api/records';
import type { FinishedItem, LoopItemsRepo } from '../storage/loop-items-repo';
import type { RunsRepo } from '../storage/runs-repo';

/** A finished step plus its position in the run and the output port it took (for resume). */
export type JournalEntry = StepRecord & {
  seq: number;
  port: string | null;
  /** Its input or output was journaled as a summary: a resumed run runs it again rather than reuse it. */
  summarized?: boolean;
};

/** Rows per transaction: bounds how long one flush holds the event loop. */
const MAX_BATCH = 500;

/**
 * Group commit for the step journal: finished steps (and For Each items whose body finished) are
 * queued and written in one transaction per event-loop turn, or every 500 rows. An item's
 * checkpoint rides in the same transaction as its steps, so a crash never leaves an item marked
 * done without its journal. `flush()` is called before a run's status changes, so a finished run
 * always has all its steps on disk.
 */
export class JournalWriter {
  private queue: JournalEntry[] = [];
  private items: FinishedItem[] = [];
  private scheduled = false;

  constructor(
    private readonly runs: RunsRepo,
    private readonly loopItems: LoopItemsRepo | null,
    /** Returns the current redaction (secrets change as connections are saved), or null. */
    private readonly redaction: (() => ((value: unknown) => unknown) | null) | null,
  ) {}

  append(entry: JournalEntry): void {
    this.queue.push(entry);
    this.schedule();
  }

  /**
   * A For Each item that may have had effects outside the run (a delivered order) finished: it is
   * committed with the item's steps at once, so a crash right after never sends it again. (Items
   * of pure blocks are not recorded at all: redoing them is harmless and a transaction per item
   * would halve a tight loop's speed.)
   */
  itemFinished(item: FinishedItem): void {
    this.items.push(item);
    this.flush();
  }

  private schedule(): void {
    if (this.queue.length >= MAX_BATCH) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.queue.length === 0 && this.items.length === 0) return;
    const batch = this.queue;
    const items = this.items;
    this.queue = [];
    this.items = [];
    const redact = this.redaction?.() ?? null;
    const rows = redact
      ? batch.map((s) => ({ ...s, input: redact(s.input), output: redact(s.output), error: s.error ? (redact(s.error) as typeof s.error) : null }))
      : batch;
    this.runs.transaction(() => {
      this.runs.appendSteps(rows);
      if (items.length > 0) this.loopItems?.insertMany(redact ? items.map((i) => ({ ...i, result: redact(i.result) })) : items);
    });
  }
}
