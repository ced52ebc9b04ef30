import type { Kysely } from 'kysely';
import type { Tables } from './tables';

/**
 * Per-step checkpoints, appended page by page while a block runs (e.g. a paged NetSuite fetch).
 * Each append is its own small write, so a crash loses at most the page in flight; a resumed run
 * reads them back and continues. They are dropped when the run ends, except when it failed: a
 * re-run from the failed step takes them over and continues after the last saved page.
 */
export class CheckpointsRepo {
  /** Next seq per (run, block, iteration): appends need no MAX(seq) scan of what is already there. */
  private readonly nextSeq = new Map<string, number>();

  constructor(private readonly db: Kysely<Tables>) {}

  async append(runId: string, blockId: string, iterationPath: string | null, value: unknown): Promise<void> {
    const it = iterationPath ?? '-';
    const key = `${runId}\u0000${blockId}\u0000${it}`;
    let seq = this.nextSeq.get(key);
    if (seq === undefined) {
      const row = await this.db.selectFrom('step_checkpoints').select((eb) => eb.fn.max('seq').as('seq'))
        .where('run_id', '=', runId).where('block_id', '=', blockId).where('iteration', '=', it).executeTakeFirst();
      // Another append of the same block may have claimed a number while this one read.
      seq = this.nextSeq.get(key) ?? (row?.seq ?? -1) + 1;
    }
    this.nextSeq.set(key, seq + 1);
    await this.db.insertInto('step_checkpoints').values({ run_id: runId, block_id: blockId, iteration: it, seq, value: JSON.stringify(value) }).execute();
  }

  async load(runId: string, blockId: string, iterationPath: string | null): Promise<unknown[]> {
    const rows = await this.db.selectFrom('step_checkpoints').select('value')
      .where('run_id', '=', runId).where('block_id', '=', blockId).where('iteration', '=', iterationPath ?? '-').orderBy('seq').execute();
    return rows.map((r) => JSON.parse(r.value) as unknown);
  }

  /** Hands a failed run's pages to its re-run from the failed step. */
  async move(fromRunId: string, toRunId: string): Promise<void> {
    await this.db.updateTable('step_checkpoints').set({ run_id: toRunId }).where('run_id', '=', fromRunId).execute();
  }

  async count(runId: string): Promise<number> {
    const row = await this.db.selectFrom('step_checkpoints').select((eb) => eb.fn.countAll().as('n')).where('run_id', '=', runId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async clear(runId: string): Promise<void> {
    for (const key of this.nextSeq.keys()) if (key.startsWith(`${runId}\u0000`)) this.nextSeq.delete(key);
    await this.db.deleteFrom('step_checkpoints').where('run_id', '=', runId).execute();
  }
}
