import { z } from 'zod';
import type { EngineEvent } from '../../api/events';
import { errorPayloadSchema, runRecordSchema } from '../../api/records';
import { databaseSpecSchema } from '../../storage/database-spec';

// What crosses between the host's thread and a run worker (structured clone, checked with zod on
// arrival). Events are checked only for their shape: they are the worker's own EngineEvents, and
// a backfill sends hundreds of thousands; the host re-emits them on its EventBus unchanged.

export const workerDataSchema = z.strictObject({
  /** The database the host uses; the worker opens its own connection to it. */
  database: databaseSpecSchema,
  /** The secrets master key, so the worker decrypts connections itself. Never logged. */
  key: z.custom<Uint8Array>((v) => v instanceof Uint8Array && v.length === 32, "a 32-byte key"),
  limits: z.strictObject({ maxSteps: z.number().int().positive(), maxLoopNesting: z.number().int().positive(), fullJournalItems: z.number().int().nonnegative() }).partial(),
});
export type RunWorkerData = z.infer<typeof workerDataSchema>;

export const toWorkerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('execute'), runId: z.string().min(1), resumed: z.boolean() }),
  z.strictObject({ type: z.literal('cancel'), runId: z.string().min(1) }),
  /** Stop a run as a quit would (left `queued`): its queue job is no longer this process's. */
  z.strictObject({ type: z.literal('interrupt'), runId: z.string().min(1) }),
  /** A connection was saved or deleted: the worker's secret redaction reads them again. */
  z.strictObject({ type: z.literal('secrets-changed') }),
  /** A quit: interrupt runs (they resume on the next start), close the database, say `closed`. */
  z.strictObject({ type: z.literal('shutdown') }),
]);
export type ToWorker = z.infer<typeof toWorkerSchema>;

const eventSchema = z.custom<EngineEvent>((v) => typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string');

export const fromWorkerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  /** In emission order; every step they report finished is already in the journal. */
  z.strictObject({ type: z.literal('events'), events: z.array(eventSchema) }),
  z.strictObject({ type: z.literal('settled'), runId: z.string(), run: runRecordSchema }),
  z.strictObject({ type: z.literal('rejected'), runId: z.string(), error: errorPayloadSchema }),
  z.strictObject({ type: z.literal('closed') }),
  /** The database went away (`begin`: the thread's runs wait for it) or answers again (`end`). */
  z.strictObject({ type: z.literal('outage'), state: z.enum(['begin', 'end']), line: z.string() }),
]);
export type FromWorker = z.infer<typeof fromWorkerSchema>;
