import { parentPort, workerData } from 'node:worker_threads';
import { toErrorPayload } from '../../errors/patchbay-error';
import type { EngineEvent } from '../../api/events';
import { EventBus } from '../../runtime/event-bus';
import { SecretBox } from '../../secrets/envelope';
import { openDatabaseSpec } from '../../storage/database-spec';
import { OutageNotice } from '../../storage/database-watch';
import { coreServices, localExecutor } from '../run-services-setup';
import { toWorkerSchema, workerDataSchema, type FromWorker, type ToWorker } from './messages';

// A run worker: its own database connection, services and run loop (the LocalExecutor every
// host uses), executing the runs the host's thread hands it by id. Events go back in batches,
// one per turn of this thread's event loop, after the journal is written, so the host can serve
// `runs.steps` from the database plus the steps still running.

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('run workers are started by the engine (engine/host/run-workers/pool.ts)');
  const data = workerDataSchema.parse(workerData);
  const post = (message: FromWorker): void => port.postMessage(message);
  // A PostgreSQL that goes away pauses this thread's runs where they are (their queries wait for
  // it); the host tells the operator, once for all its threads.
  const waitForServer = new OutageNotice((line, state) => post({ type: 'outage', state, line }));
  const opened = await openDatabaseSpec(data.database, { waitForServer });
  const box = await SecretBox.open({ description: "the engine's master key", loadKey: async () => data.key });
  const core = coreServices(opened.database, box);
  await core.secrets.refresh();
  const events = new EventBus();
  const executor = localExecutor(opened.database, core, events, data.limits, opened.retryWhileUnavailable);

  let batch: EngineEvent[] = [];
  let scheduled = false;
  /** The last batch sent: batches leave in order, each after the journal rows of its events are written. */
  let sending: Promise<void> = Promise.resolve();
  const sendEvents = (): Promise<void> => {
    scheduled = false;
    if (batch.length === 0) return sending;
    const events = batch;
    batch = [];
    sending = sending.then(() => executor.flushJournal()).catch(() => undefined).then(() => post({ type: 'events', events }));
    return sending;
  };
  events.subscribe((e) => {
    batch.push(e);
    if (!scheduled) {
      scheduled = true;
      setImmediate(() => void sendEvents());
    }
  });

  // Messages are handled in order, each after the previous one's secrets refresh: a run the host
  // starts after saving a connection finds that connection's secrets already redacted here.
  let handled: Promise<void> = Promise.resolve();
  port.on('message', (raw: unknown) => {
    const msg = toWorkerSchema.parse(raw);
    handled = handled.then(() => handle(msg));
  });
  const handle = async (msg: ToWorker): Promise<void> => {
    switch (msg.type) {
      case 'execute':
        // Not awaited: the message after it (a cancel) must find the run.
        void executor.execute({ runId: msg.runId, resumed: msg.resumed }).then(async (run) => {
          await sendEvents();
          post({ type: 'settled', runId: msg.runId, run });
        }, async (e: unknown) => {
          await sendEvents();
          post({ type: 'rejected', runId: msg.runId, error: toErrorPayload(e) });
        });
        return;
      case 'cancel':
        executor.cancel(msg.runId);
        return;
      case 'interrupt':
        executor.interrupt(msg.runId);
        return;
      case 'secrets-changed':
        // A failed read keeps the secrets known so far; the next change reads them again.
        await core.secrets.refresh().catch(() => undefined);
        return;
      case 'shutdown':
        void executor.shutdown().then(async () => {
          await sendEvents();
          core.sandbox.dispose();
          await opened.close();
          post({ type: 'closed' });
        });
        return;
    }
  };
  post({ type: 'ready' });
}

// A failure to start reaches the host as the worker's 'error' event: the runs handed to it fail
// with what went wrong (run_worker_failed).
await main();
