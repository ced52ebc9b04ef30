import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { defineBlock } from '../types';

export const delayBlock = defineBlock({
  kind: 'delay',
  // Waiting has no effect outside the run: redone after a crash, cut short by Cancel.
  pure: true,
  title: 'Delay',
  category: 'flow',
  icon: '◷',
  idPrefix: 'delay',
  form: [{ key: 'ms', label: 'Wait (milliseconds)', type: 'number', min: 0 }],
  description: 'Waits before the next block (at most one hour).',
  configSchema: z.object({ ms: z.coerce.number().int().min(0).max(3_600_000) }),
  ports: ['out'],
  defaultConfig: { ms: 1000 },
  async execute(config, ctx) {
    await sleep(config.ms, undefined, { signal: ctx.signal });
    return { output: { waitedMs: config.ms } };
  },
});
