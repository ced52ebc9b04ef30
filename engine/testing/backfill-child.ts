import { createEngine } from '../host/engine';
import { backfillDoc, saveBackfillConnections, type BackfillTargets } from './backfill';

// An engine process for the crash tests: `start` saves the connections and starts the backfill;
// any later start resumes what a SIGKILL interrupted. Prints {"runId"} and exits when idle.
// Usage: node --no-node-snapshot --import tsx backfill-child.ts <dataDir> [start]   (targets JSON via env BACKFILL_TARGETS;
// env BACKFILL_DATABASE, a postgres:// URL, puts the engine on PostgreSQL instead of the data dir's SQLite file)

async function main(): Promise<void> {
  const [dataDir, action] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: backfill-child <dataDir> [start]');
  // Runs execute in a worker thread, as in `patchbay serve`: a SIGKILL takes the worker down too.
  const database = process.env.BACKFILL_DATABASE;
  const engine = await createEngine({ dataDir, runWorkers: 1, ...(database ? { database } : {}) });
  if (action === 'start') {
    const targets = JSON.parse(process.env.BACKFILL_TARGETS ?? '{}') as BackfillTargets;
    await saveBackfillConnections(engine.context.connections, targets);
    await engine.context.secrets.refresh();
    const pageSize = Number(process.env.BACKFILL_PAGE_SIZE ?? '0') || undefined;
    const run = await engine.call('runs.start', { doc: backfillDoc({ pageSize, concurrency: 4 }) });
    process.stdout.write(`${JSON.stringify({ runId: run.id })}\n`);
  }
  await engine.idle();
  await engine.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
