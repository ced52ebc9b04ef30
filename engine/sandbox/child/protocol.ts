import { z } from 'zod';
import { codeErrorCodes } from '../errors';

// What crosses between the engine and a sandbox process (child/main.ts). Both ends parse what
// they receive: the child trusts no caller, and the engine trusts nothing that ran user code.
// User data crosses only as JSON text (payloads in, outputs out), never as live values.

const errorCodeSchema = z.enum(Object.keys(codeErrorCodes) as [keyof typeof codeErrorCodes, ...Array<keyof typeof codeErrorCodes>]);

export const codeErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  line: z.number().nullable(),
  column: z.number().nullable(),
});

const transpiledSchema = z.object({
  script: z.string(),
  map: z.array(z.array(z.tuple([z.number(), z.number(), z.number()]))),
});

/** Engine → sandbox process. */
export const toChildSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('start'),
    id: z.number(),
    op: z.enum(['load', 'run', 'batch']),
    code: transpiledSchema,
    limits: z.object({ timeoutMs: z.number(), memoryMb: z.number() }),
    ctxJson: z.string(),
    maxOutputChars: z.number(),
    /** Whether the engine wants the source of `run` before it sends any input (projection). */
    wantsSource: z.boolean(),
    /**
     * The source of `run` the engine projected `first` for (it saw this script before). If the
     * module's `run` turns out different, `first` is dropped and the child reports the source.
     */
    assumedSource: z.string().nullable().optional(),
    /** The first payload, sent along when the engine could make it before the module loaded. */
    first: z.object({ text: z.string(), index: z.number() }).optional(),
  }),
  /** The next payload the child asked for, or `text: null` when there are no more. */
  z.object({ t: z.literal('chunk'), id: z.number(), text: z.string().nullable(), index: z.number() }),
  /** The input could not become JSON: the run ends with code_invalid_input. */
  z.object({ t: z.literal('bad-input'), id: z.number(), message: z.string() }),
  z.object({ t: z.literal('cancel'), id: z.number() }),
]);
export type ToChild = z.infer<typeof toChildSchema>;

/** Sandbox process → engine. */
export const fromChildSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('ready'), rss: z.number() }),
  /** Memory of the whole process, sent while a run is in progress (maxRss: its peak so far). */
  z.object({ t: z.literal('rss'), rss: z.number(), maxRss: z.number() }),
  z.object({ t: z.literal('source'), id: z.number(), source: z.string().nullable() }),
  z.object({ t: z.literal('pull'), id: z.number() }),
  z.object({ t: z.literal('out'), id: z.number(), text: z.string() }),
  z.object({
    t: z.literal('done'),
    id: z.number(),
    error: codeErrorSchema.nullable(),
    console: z.array(z.object({ level: z.enum(['log', 'info', 'warn', 'error', 'debug']), text: z.string() })),
    setupMs: z.number(),
    runMs: z.number(),
    rss: z.number(),
    maxRss: z.number(),
    /** V8 gave up on an isolate: its thread stays parked, so the process must be replaced. */
    lost: z.boolean(),
  }),
]);
export type FromChild = z.infer<typeof fromChildSchema>;
export type DoneMessage = Extract<FromChild, { t: 'done' }>;
