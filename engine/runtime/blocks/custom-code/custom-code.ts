import { z } from 'zod';
import { PatchbayError } from '../../../errors/patchbay-error';
import { describeCodeError } from '../../../sandbox/errors';
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_MS, MAX_MEMORY_MB, MAX_TIMEOUT_MS, MIN_MEMORY_MB, MIN_TIMEOUT_MS } from '../../../sandbox/limits';
import { sandboxServiceKey } from './sandbox-service';
import { checkSyntax } from '../../../sandbox/transpile';
import type { ConsoleLevel } from '../../../sandbox/types';
import { DEFAULT_TS_CODE } from '../../../shared/code-templates';
import { defineBlock } from '../types';


export const customCodeConfigSchema = z
  .object({
    code: z.string(),
    language: z.enum(['js', 'ts']).default('ts'),
    /** A template, usually `{{ steps.<previous>.output }}`; resolved before the run. */
    input: z.unknown().default(null),
    timeoutMs: z.coerce.number().int().min(MIN_TIMEOUT_MS).max(MAX_TIMEOUT_MS).default(DEFAULT_TIMEOUT_MS),
    memoryMb: z.coerce.number().int().min(MIN_MEMORY_MB).max(MAX_MEMORY_MB).default(DEFAULT_MEMORY_MB),
    /** Call run(record, ctx, index) per element of an array input; the output is the list of results. */
    batch: z.boolean().default(false),
  })
  // Syntax errors and oversized code show up when the workflow is validated, before any run.
  .superRefine((config, issues) => {
    const error = checkSyntax(config.code, config.language);
    if (error) issues.addIssue({ code: 'custom', path: ['code'], message: describeCodeError(error) });
  });

export type CustomCodeConfig = z.output<typeof customCodeConfigSchema>;

const journalLevel: Record<ConsoleLevel, 'debug' | 'info' | 'warn' | 'error'> = {
  log: 'info',
  info: 'info',
  debug: 'debug',
  warn: 'warn',
  error: 'error',
};

/**
 * Custom Code: the user's `run(input, ctx)` in the engine's isolated-vm sandbox. The output is
 * `{ result, console }` so console lines are journaled with the step; on failure they travel in
 * the error's details with the code's line and column.
 */
export const customCodeBlock = defineBlock({
  kind: 'custom_code',
  title: 'Custom Code',
  category: 'code',
  icon: '{}',
  idPrefix: 'code',
  description: 'Runs a JavaScript or TypeScript function run(input, ctx) in a sandbox with time and memory limits.',
  configSchema: customCodeConfigSchema,
  ports: ['out'],
  rawConfigKeys: ['code'],
  defaultConfig: {
    code: DEFAULT_TS_CODE,
    language: 'ts',
    input: '{{ trigger.input }}',
    timeoutMs: DEFAULT_TIMEOUT_MS,
    memoryMb: DEFAULT_MEMORY_MB,
    batch: false,
  },
  async execute(config, ctx) {
    const sandbox = ctx.services.get(sandboxServiceKey);
    const result = await sandbox.run({
      code: config.code,
      language: config.language,
      input: config.input,
      timeoutMs: config.timeoutMs,
      memoryMb: config.memoryMb,
      batch: config.batch,
      signal: ctx.signal,
      info: {
        runId: ctx.runId,
        blockId: ctx.blockId,
        iteration: ctx.iteration,
        mode: ctx.mode,
        installation: ctx.installation ? { id: ctx.installation.id, customerName: ctx.installation.customerName } : null,
      },
    });
    for (const line of result.console) ctx.log(journalLevel[line.level], line.text);
    if (!result.ok) {
      const { code, message, line, column } = result.error;
      const where = line === null ? '' : ` (line ${line}${column === null ? '' : `, column ${column}`})`;
      throw new PatchbayError(code, `${message}${where}`, { line, column, console: result.console });
    }
    return { output: { result: result.output, console: result.console } };
  },
});
