import { z } from 'zod';
import { defineBlock } from './types';

export const setVariableBlock = defineBlock({
  kind: 'set_variable',
  title: 'Set Variable',
  category: 'data',
  description: 'Stores a value as {{ vars.<name> }} for later blocks.',
  configSchema: z.object({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name is letters, digits and _'),
    value: z.unknown(),
  }),
  ports: ['out'],
  defaultConfig: { name: 'value', value: '' },
  async execute(config, ctx) {
    ctx.setVariable(config.name, config.value);
    return { output: { name: config.name, value: config.value } };
  },
});
