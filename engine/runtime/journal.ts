import type { StepRecord } from '../api/records';
import type { Redactor } from '../secrets/redact';
import type { EncodedItem, FinishedItem, LoopItemsRepo, StartedItem } from '../storage/loop-items-repo';
import { encodeStep, payloadJson, type EncodedStep, type RunsRepo } from '../storage/runs-repo';
import type { RetryWhileUnavailable } from '../storage/waiting-pool';

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
 * Replaces, in a batch already encoded, every payload that holds a secret by the encoding of its
 * redacted copy. The batch's text is searched once; rows are looked at one by one (and copied)
 * only when a secret occurs somewhere in it, which in a long loop is almost never.
 */
function redactBatch(redact: Redactor, steps: EncodedStep[], entries: readonly JournalEntry[], items: EncodedItem[], finished: readonly FinishedItem[]): void {
  const texts: string[] = [];
  for (const s of steps) texts.push(s.input ?? '', s.output ?? '', s.error ?? '');
  for (const i of items) texts.push(i.result ?? '');
  if (!redact.foundIn(texts.join('\n'))) return;
  const clean = (text: string | null, value: unknown): string | null => (text !== null && redact.foundIn(text) ? payloadJson(redact(value)) : text);
  steps.forEach((s, i) => {
    const e = entries[i] as JournalEntry;
    steps[i] = { ...s, input: clean(s.input, e.input), output: clean(s.output, e.output), error: clean(s.error, e.error) };
  });
  items.forEach((item, i) => {
    items[i] = { ...item, result: clean(item.result, (finished[i] as FinishedItem).result) };
  });
}

/** A write waiting for its turn; `awaited` once a flush hands it to a caller, who then hears of its failure. */
interface PendingWrite {
  readonly done: Promise<void>;
  awaited: boolean;
}

/**
 * Group commit for the step journal: finished steps (and For Each items whose body finished) are
 * queued and written in one transaction per event-loop turn, or every 500 rows. An item's
 * checkpoint rides in the same transaction as its steps, so a crash never leaves an item marked
 * done without its journal. Writes happen one after another, each taking everything queued when
 * it starts (so steps land in order, and items finishing together share a commit). `flush()`
 * settles once everything appended before it is on disk; it is awaited before a run's status
 * changes, so a finished run always has all its steps.
 */
export class JournalWriter {
  private queue: JournalEntry[] = [];
  private items: FinishedItem[] = [];
  private started: StartedItem[] = [];
  private scheduled = false;
  /** The last write, queued after the one before it. */
  private writing: Promise<void> = Promise.resolve();
  /** A write queued that has not started yet. */
  private next: PendingWrite | null = null;
  /** A write nobody awaited (the per-turn one) failed: the next flush says so. */
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly runs: RunsRepo,
    private readonly loopItems: LoopItemsRepo | null,
    /** Returns the current redaction (secrets change as connections are saved), or null. */
    private readonly redaction: (() => Redactor | null) | null,
    /**
     * Repeats a batch's transaction lost with the database once it answers again (a run thread
     * on PostgreSQL), so a restart of the server neither fails the run nor loses the batch:
     * nothing of a lost transaction committed. Absent: the failure is the run's.
     */
    private readonly retryWhileUnavailable: RetryWhileUnavailable | null = null,
  ) {}

  append(entry: JournalEntry): void {
    this.queue.push(entry);
    this.schedule();
  }

  /**
   * A For Each item that may have had effects outside the run (a delivered order) finished: it is
   * committed with the item's steps at once (the loop awaits it before its next item), so a crash
   * right after never sends it again. (Items of pure blocks are not recorded at all: redoing them
   * is harmless and a transaction per item would halve a tight loop's speed.)
   */
  itemFinished(item: FinishedItem): Promise<void> {
    this.items.push(item);
    return this.flush();
  }

  /**
   * Intent before effect: a For Each item is about to send something outside the run (its first
   * write). Settles once its `started` row is committed; items starting together (a loop's
   * workers, all in one turn) share that commit. A crash after it leaves the item in doubt, which a
   * resumed run reconciles with the destination instead of sending again blindly.
   */
  itemStarted(item: StartedItem): Promise<void> {
    this.started.push(item);
    return this.flush();
  }

  private schedule(): void {
    if (this.queue.length >= MAX_BATCH) this.background();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.background());
    }
  }

  private background(): void {
    const write = this.enqueue();
    write.done.catch((error: unknown) => {
      if (!write.awaited) this.failure ??= { error };
    });
  }

  /** Whether rows wait to be written. */
  queued(): boolean {
    return this.queue.length > 0 || this.items.length > 0 || this.started.length > 0;
  }

  /** Writes what is queued; settles when everything appended so far is on disk (rejects if it could not be). */
  flush(): Promise<void> {
    this.scheduled = false;
    const failed = this.failure;
    if (failed) {
      this.failure = null;
      return Promise.reject(failed.error);
    }
    const write = this.enqueue();
    write.awaited = true;
    return write.done;
  }

  /**
   * The write that will take what is queued now: the one already waiting for its turn, if any
   * (it takes everything queued when it starts, so a flush must settle with it, not with an
   * empty write after it), or a new one after the last.
   */
  private enqueue(): PendingWrite {
    this.scheduled = false;
    if (this.next) return this.next;
    const write: PendingWrite = {
      done: this.writing.catch(() => undefined).then(() => {
        this.next = null;
        return this.write();
      }),
      awaited: false,
    };
    this.next = write;
    this.writing = write.done;
    return write;
  }

  private async write(): Promise<void> {
    if (this.queue.length === 0 && this.items.length === 0 && this.started.length === 0) return;
    const batch = this.queue;
    const finished = this.items;
    const started = this.started;
    this.queue = [];
    this.items = [];
    this.started = [];
    // Encoded once: the same text is searched for secrets and written.
    const steps = batch.map(encodeStep);
    const items = finished.map((i): EncodedItem => ({ runId: i.runId, blockId: i.blockId, path: i.path, index: i.index, result: payloadJson(i.result) }));
    const redact = this.redaction?.() ?? null;
    if (redact) redactBatch(redact, steps, batch, items, finished);
    const loopItems = this.loopItems;
    const itemQueries = loopItems ? [...(started.length > 0 ? loopItems.startedQueries(started) : []), ...(items.length > 0 ? loopItems.insertQueries(items) : [])] : [];
    // The whole batch in one transaction, repeated whole if PostgreSQL went away mid-commit.
    const commit = (): Promise<void> => this.runs.writeJournal(steps, itemQueries);
    await (this.retryWhileUnavailable ? this.retryWhileUnavailable(commit) : commit());
  }
}
