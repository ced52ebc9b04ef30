import { Queue, QueueEvents } from 'bullmq';
import { RUNS_QUEUE } from '../engine/host/queue/job';
import { bullConnection } from '../engine/host/queue/redis';

// What the workers bench reads from the run queue itself. Queue latency is BullMQ's own pair of
// timestamps on a job: `timestamp` (added by the server) to `processedOn` (a worker moved it to
// active), read when the job becomes active, since finished jobs are removed. Completion is the
// job's `completed` event, when the time it arrives here.

export interface QueueWatch {
  /** Enqueue → taken by a worker, in ms, per job id (its first take; a retry does not count again). */
  readonly latencies: ReadonlyMap<string, number>;
  /** performance.now() when each job's completion was seen. */
  readonly completed: ReadonlyMap<string, number>;
  /** Jobs BullMQ gave up, with the reason. */
  readonly failed: ReadonlyMap<string, string>;
  /** Waits for the reads in flight, then disconnects (once, however often it is called). */
  close(): Promise<void>;
}

export async function watchQueue(redisUrl: string): Promise<QueueWatch> {
  const connection = bullConnection({ url: redisUrl });
  const queue = new Queue(RUNS_QUEUE, { connection });
  const events = new QueueEvents(RUNS_QUEUE, { connection });
  const latencies = new Map<string, number>();
  const completed = new Map<string, number>();
  const failed = new Map<string, string>();
  const reads: Promise<unknown>[] = [];
  events.on('active', ({ jobId }) => {
    if (latencies.has(jobId)) return;
    reads.push(queue.getJob(jobId).then((job) => {
      if (job?.processedOn !== undefined && !latencies.has(jobId)) latencies.set(jobId, job.processedOn - job.timestamp);
    }));
  });
  events.on('completed', ({ jobId }) => void completed.set(jobId, performance.now()));
  events.on('failed', ({ jobId, failedReason }) => void failed.set(jobId, failedReason));
  await events.waitUntilReady();
  let closing: Promise<void> | null = null;
  return {
    latencies, completed, failed,
    close: () => (closing ??= (async () => {
      await Promise.allSettled(reads);
      await events.close();
      await queue.close();
    })()),
  };
}

/** Empties the run queue (a previous configuration's jobs must not reach this one's workers). */
export async function emptyQueue(redisUrl: string): Promise<void> {
  const queue = new Queue(RUNS_QUEUE, { connection: bullConnection({ url: redisUrl }) });
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
  }
}
