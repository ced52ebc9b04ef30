import { z } from 'zod';
import type { EngineEvent } from '../../api/events';
import { migrations } from '../../storage/migrations';
import { PATCHBAY_VERSION } from '../version';

// What goes through Redis between `patchbay server` and `patchbay worker`: "execute run <id>"
// jobs on one BullMQ queue, and three pub/sub channels (events up, cancel and secret changes
// down). Everything read from Redis is checked with zod.

export const RUNS_QUEUE = 'patchbay-runs';

export const channels = {
  /** Worker → server: batches of EngineEvents, published after the journal rows they report. */
  events: 'patchbay:events',
  /** Server → workers: a run id to cancel. */
  cancel: 'patchbay:cancel',
  /** Server → workers: a connection changed, redact secrets anew. */
  secrets: 'patchbay:secrets',
} as const;

/**
 * BullMQ's part of retrying a run (ARCHITECTURE.md, "Retries: which rule owns what"): a job whose
 * worker could not see its run to an end (its run thread died and the crash rule let it resume,
 * it lost the job's lock, it could not start a thread) is tried again after 1, 2, 4, … s, at most
 * this many times in all; a job whose worker process died is handed to another at most this many
 * times. Then BullMQ gives the job up and the server ends its run `failed` with
 * `run_retries_exhausted`. A worker's orderly quit and a database outage cost no attempt: the run
 * did nothing wrong. A poison run (the same point crashing its process or thread twice) ends sooner,
 * with `run_crashed_engine` (runtime/crash-rule.ts).
 */
export const RUN_ATTEMPTS = 10;
export const RUN_BACKOFF = { type: 'exponential', delay: 1000 } as const;

/** The database schema this build migrates to: a job needs a worker that knows it. */
export const SCHEMA_VERSION = migrations.length;

export const runJobSchema = z.strictObject({
  runId: z.string().min(1),
  resumed: z.boolean(),
  /** The Patchbay and schema versions of the server that enqueued the run. */
  patchbayVersion: z.string().regex(/^\d+\.\d+\.\d+/),
  schemaVersion: z.number().int().positive(),
  /** When it was enqueued (ms since epoch): queue latency is measured from here. */
  enqueuedAt: z.number(),
});
export type RunJobData = z.infer<typeof runJobSchema>;

export function runJobData(runId: string, resumed: boolean): RunJobData {
  return { runId, resumed, patchbayVersion: PATCHBAY_VERSION, schemaVersion: SCHEMA_VERSION, enqueuedAt: Date.now() };
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).slice(0, 3).map(Number);
  const pb = b.split(/[.+-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** Why this worker cannot run a job (null: it can): it is older than the server that enqueued it. */
export function refusal(job: RunJobData, own = { patchbayVersion: PATCHBAY_VERSION, schemaVersion: SCHEMA_VERSION }): string | null {
  if (compareVersions(job.patchbayVersion, own.patchbayVersion) > 0 || job.schemaVersion > own.schemaVersion) {
    return `Run ${job.runId} needs Patchbay ${job.patchbayVersion} (database schema ${job.schemaVersion}); this worker is Patchbay ${own.patchbayVersion} (schema ${own.schemaVersion}). Upgrade this worker; the run waits for one that can run it.`;
  }
  return null;
}

/** What a run a worker refused says while it waits (`worker_too_old`): which worker it needs. */
export function waitingForNewerWorker(job: RunJobData, own = { patchbayVersion: PATCHBAY_VERSION, schemaVersion: SCHEMA_VERSION }): { code: string; message: string; details: Record<string, unknown> } {
  return {
    code: 'worker_too_old',
    message: `Waiting for a worker of Patchbay ≥ ${job.patchbayVersion} (database schema ≥ ${job.schemaVersion}): the worker that took it is Patchbay ${own.patchbayVersion} (schema ${own.schemaVersion}). Upgrade the workers; the run starts as soon as one can run it.`,
    details: { needsPatchbay: job.patchbayVersion, needsSchema: job.schemaVersion, workerPatchbay: own.patchbayVersion, workerSchema: own.schemaVersion },
  };
}

const eventSchema = z.custom<EngineEvent>((v) => typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string');
export const eventBatchSchema = z.array(eventSchema);
