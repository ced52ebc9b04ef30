import { z } from 'zod';
import { defineBlock } from '../types';

export const stopBlock = defineBlock({
  kind: 'stop',
  pure: true,
  title: 'Stop Workflow',
  category: 'flow',
  icon: '■',
  idPrefix: 'stop',
  traits: { terminal: true },
  form: [
    { key: 'reason', label: 'Reason', type: 'textarea', hint: 'Shown as the run\'s stop reason, e.g. “Waiting for the field mapping to be agreed”.' },
  ],
  description: 'Ends the run with status "stopped" and a reason, e.g. until a person agrees the mapping.',
  configSchema: z.object({ reason: z.string().max(2000).default('Stopped by the workflow') }),
  // An "out" port so the blocks after a Stop stay connected and validated while it holds the run.
  ports: ['out'],
  defaultConfig: { reason: 'Waiting for the field mapping to be agreed with the customer' },
  async execute(config) {
    return { output: { reason: config.reason }, stop: { reason: config.reason } };
  },
});
