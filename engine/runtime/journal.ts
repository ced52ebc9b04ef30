import type { StepRecord } from '../api/records';
import type { RunsRepo } from '../storage/runs-repo';

/** A finished step plus its position in the run and the output port it took (for resume). */
export type JournalEntry = StepRecord & { seq: number; port: string | null };

/**
 * Group commit for the step journal: finished steps are queued and written in one transaction
 * per event-loop turn (or every 500 steps), which keeps a 10,000-iteration loop from paying one
 * SQLite transaction per step. `flush()` is called before a run's status changes, so a finished
 * run always has all its steps on disk.
 */
export class JournalWriter {
  private queue: JournalEntry[] = [];
  private scheduled = false;

  constructor(
    private readonly runs: RunsRepo,
    /** Returns the current redaction (secrets change as connections are saved), or null. */
    private readonly redaction: (() => ((value: unknown) => unknown) | null) | null,
  ) {}

  append(entry: JournalEntry): void {
    this.queue.push(entry);
    if (this.queue.length >= 500) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    const redact = this.redaction?.() ?? null;
    this.runs.appendSteps(
      redact
        ? batch.map((s) => ({ ...s, input: redact(s.input), output: redact(s.output), error: s.error ? (redact(s.error) as typeof s.error) : null }))
        : batch,
    );
  }
}
