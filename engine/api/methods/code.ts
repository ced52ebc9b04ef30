import { z } from 'zod';
import { CODE_LIMITS } from '../../shared/code-limits';
import { method } from '../method';

export const codeLanguageSchema = z.enum(['js', 'ts']);

/** `line`/`column` are 1-based positions in the code as written, for the editor's marker. */
export const codeErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
});

export const consoleLineSchema = z.object({
  level: z.enum(['log', 'info', 'warn', 'error', 'debug']),
  text: z.string(),
});

export const codeRunTimingsSchema = z.object({
  transpileMs: z.number(),
  setupMs: z.number(),
  encodeMs: z.number(),
  runMs: z.number(),
  decodeMs: z.number(),
  totalMs: z.number(),
});

const codeText = z.string().max(CODE_LIMITS.maxCodeBytes * 4, 'the code is larger than 1 MB');

export const codeRunArgsSchema = z.object({
  code: codeText,
  language: codeLanguageSchema.default('ts'),
  input: z.unknown().optional(),
  timeoutMs: z.number().int().min(CODE_LIMITS.minTimeoutMs).max(CODE_LIMITS.maxTimeoutMs).optional(),
  memoryMb: z.number().int().min(CODE_LIMITS.minMemoryMb).max(CODE_LIMITS.maxMemoryMb).optional(),
  /** Call run(record, ctx, index) per element of an array input. */
  batch: z.boolean().optional(),
});

export const codeRunResultSchema = z.object({
  ok: z.boolean(),
  output: z.unknown(),
  console: z.array(consoleLineSchema),
  error: codeErrorSchema.nullable(),
  timings: codeRunTimingsSchema,
});

export const codeMethods = {
  /** The inspector's "Run with sample": runs the code once in the sandbox, never journaled. */
  'code.run': method(codeRunArgsSchema, codeRunResultSchema, 'admin'),
  /** Transpiles and loads the code without calling run: syntax and export errors for the editor. */
  /** Editor declarations (`type Input`, `input`, `ctx`) derived from a sample input; no sample gives `any`. */
  'code.typings': method(
    z.object({ sample: z.unknown().optional(), batch: z.boolean().default(false) }),
    z.object({ declarations: z.string() }),
    'viewer',
  ),
  'code.check': method(z.object({ code: codeText, language: codeLanguageSchema.default('ts') }), z.object({ error: codeErrorSchema.nullable() }), 'viewer'),
} as const;

export type CodeRunArgs = z.input<typeof codeRunArgsSchema>;
export type CodeRunResult = z.output<typeof codeRunResultSchema>;
export type CodeErrorPayload = z.output<typeof codeErrorSchema>;
