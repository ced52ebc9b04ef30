import { z } from 'zod';
import { defineBlock } from '../types';

export const setVariableBlock = defineBlock({
  kind: 'set_variable',
  pure: true,
  title: 'Set Variable',
  category: 'data',
  icon: '=',
  idPrefix: 'set',
  form: [
    { key: 'name', label: 'Variable name', type: 'text', placeholder: 'lastOrderId', hint: 'Read later as {{ vars.<name> }}; when kept, in the next runs as {{ state.<name> }}.' },
    { key: 'value', label: 'Value', type: 'template', placeholder: '{{ steps.call.output.body.id }}' },
    { key: 'persist', label: 'Keep for the next runs (a watermark)', type: 'boolean', hint: 'Kept values are saved only when the run succeeds; test syncs never save them.' },
  ],
  description: 'Stores a value as {{ vars.<name> }} for later blocks, or keeps it for the next runs as {{ state.<name> }}.',
  configSchema: z.object({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name is letters, digits and _'),
    value: z.unknown(),
    /** Also keep it for the next runs of this installation's workflow, as {{ state.<name> }}
     * (saved only when the run succeeds; test syncs never save). */
    persist: z.boolean().default(false),
  }),
  ports: ['out'],
  defaultConfig: { name: 'value', value: '', persist: false },
  async execute(config, ctx) {
    ctx.setVariable(config.name, config.value);
    if (config.persist) ctx.state?.set(config.name, config.value);
    return { output: { name: config.name, value: config.value, persisted: config.persist } };
  },
  replay(output, ctx) {
    const o = output as { name?: unknown; value?: unknown; persisted?: unknown } | null;
    if (!o || typeof o.name !== 'string') return;
    ctx.setVariable(o.name, o.value);
    if (o.persisted === true) ctx.state?.set(o.name, o.value);
  },
});
