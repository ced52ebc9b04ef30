import { z } from 'zod';
import { PatchbayError } from '../../../errors/patchbay-error';
import { isTemplate } from '../../../shared/is-template';
import { defineBlock } from '../types';

/**
 * For Each: its output is the list to iterate; the run loop runs the `each` body per element
 * (bounded concurrency) and then continues from `done` with the collected results.
 */
export const forEachBlock = defineBlock({
  kind: 'for_each',
  pure: true,
  title: 'For Each',
  category: 'flow',
  icon: '↻',
  idPrefix: 'loop',
  traits: { container: true },
  form: [
    { key: 'items', label: 'Items', type: 'template', placeholder: '{{ steps.fetch.output.body.items }}', hint: 'An array. Blocks on the "each" path read the element as {{ item }} and its position as {{ index }}.' },
    { key: 'concurrency', label: 'Concurrency', type: 'number', min: 1, max: 20 },
  ],
  description: 'Runs the blocks on its "each" output once per element, then continues from "done".',
  configSchema: z.object({
    items: z.unknown(),
    /** A number, or a template (e.g. `{{ installation.config.concurrency }}`) that resolves to one. */
    concurrency: z.union([z.string().refine(isTemplate), z.coerce.number().int().min(1).max(20)]).default(1),
  }),
  ports: ['each', 'done'],
  defaultConfig: { items: '', concurrency: 1 },
  async execute(config) {
    if (!Array.isArray(config.items)) {
      throw new PatchbayError('not_a_list', `For Each needs a list; "items" resolved to ${config.items === undefined ? 'nothing' : typeof config.items}. Point it at an array, e.g. {{ steps.fetch.output.body.items }}.`);
    }
    // Concurrency is read here, after templates are resolved, so `{{ installation.config.n }}` works.
    if (typeof config.concurrency !== 'number') {
      throw new PatchbayError('invalid_config', `For Each concurrency must be a number from 1 to 20; "${config.concurrency}" did not resolve to one.`);
    }
    return { output: config.items, iterate: { concurrency: config.concurrency } };
  },
});
