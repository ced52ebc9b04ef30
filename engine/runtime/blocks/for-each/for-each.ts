import { z } from 'zod';
import { PatchbayError } from '../../../api/errors';
import { defineBlock } from '../types';

/**
 * For Each: its output is the list to iterate; the run loop runs the `each` body per element
 * (bounded concurrency) and then continues from `done` with the collected results.
 */
export const forEachBlock = defineBlock({
  kind: 'for_each',
  title: 'For Each',
  category: 'flow',
  description: 'Runs the blocks on its "each" output once per element, then continues from "done".',
  configSchema: z.object({
    items: z.unknown(),
    concurrency: z.coerce.number().int().min(1).max(20).default(1),
  }),
  ports: ['each', 'done'],
  defaultConfig: { items: '', concurrency: 1 },
  async execute(config) {
    if (!Array.isArray(config.items)) {
      throw new PatchbayError('not_a_list', `For Each needs a list; "items" resolved to ${config.items === undefined ? 'nothing' : typeof config.items}. Point it at an array, e.g. {{ steps.fetch.output.body.items }}.`);
    }
    return { output: config.items };
  },
});
