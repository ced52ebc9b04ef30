import { z } from 'zod';
import { defineBlock } from '../types';

export const logBlock = defineBlock({
  kind: 'log',
  pure: true,
  title: 'Log',
  category: 'data',
  icon: '✎',
  idPrefix: 'log',
  form: [
    { key: 'level', label: 'Level', type: 'select', options: [{ value: 'info', label: 'info' }, { value: 'warn', label: 'warn' }, { value: 'error', label: 'error' }] },
    { key: 'message', label: 'Message', type: 'textarea', placeholder: 'Fetched {{ steps.call.output.body.count }} orders' },
  ],
  description: 'Writes a message (with values from earlier steps) into the run journal.',
  configSchema: z.object({
    level: z.enum(['info', 'warn', 'error']).default('info'),
    message: z.unknown().default(''),
  }),
  ports: ['out'],
  defaultConfig: { level: 'info', message: '' },
  async execute(config, ctx) {
    ctx.log(config.level, typeof config.message === 'string' ? config.message : JSON.stringify(config.message));
    return { output: { level: config.level, message: config.message } };
  },
});
