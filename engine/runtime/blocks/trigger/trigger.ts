import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { defineBlock } from '../types';

export const triggerConfigSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('manual') }),
  z.object({ type: z.literal('install') }),
  /** Runs once when the installation moves to a newer release (never on the first install). */
  z.object({ type: z.literal('upgrade') }),
  z
    .object({
      type: z.literal('schedule'),
      intervalSeconds: z.number().int().min(10).optional(),
      cron: z
        .string()
        .min(1)
        .refine((c) => {
          try {
            CronExpressionParser.parse(c);
            return true;
          } catch {
            return false;
          }
        }, 'not a cron expression; write five fields, e.g. "*/15 * * * *" for every 15 minutes')
        .optional(),
    })
    .refine((t) => t.intervalSeconds !== undefined || t.cron !== undefined, { message: 'a schedule needs an interval or a cron expression', path: ['intervalSeconds'] }),
  z.object({ type: z.literal('webhook'), path: z.string().optional() }),
]);

/** The run's input enters here; the run loop passes it as the trigger's output. */
export const triggerBlock = defineBlock({
  kind: 'trigger',
  pure: true,
  title: 'Trigger',
  category: 'trigger',
  icon: '▶',
  idPrefix: 'trigger',
  unique: true, traits: { trigger: true },
  description: 'Starts the workflow: manually with an input, on install, on upgrade, on a schedule, or by webhook.',
  configSchema: triggerConfigSchema,
  ports: ['out'],
  defaultConfig: { type: 'manual' },
  async execute() {
    // The run loop fills the trigger's output from the run's input; nothing to do here.
    return { output: null };
  },
});
