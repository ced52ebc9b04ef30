import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withEngine } from '../../../testing/temp-engine';

// Map Fields inside a real run: the engine resolves the input template, journals the step, and
// workflow validation shows a broken rule before anything runs.

const orders = JSON.parse(readFileSync(new URL('../../../../resources/samples/seed-purchase-orders.json', import.meta.url), 'utf8')) as Record<string, unknown>[];
const rules = [
  { id: 'no', target: 'external_order_id', source: 'tranId' },
  { id: 'qty', target: 'lineItems[*].quantity', source: 'item.items[*].quantity', transforms: [{ name: 'integer' }] },
];

describe('Map Fields in a run', () => {
  it('maps the trigger input, journals input and output, and shows a bad rule before running', async () => {
    await withEngine(async (engine) => {
      const doc = {
        name: 'Map orders',
        blocks: [
          { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
          { id: 'map', kind: 'map_fields', config: { input: '{{ trigger.input.orders }}', rules, onError: 'null_field' } },
        ],
        edges: [{ id: 'e1', from: 'trigger', to: 'map', port: 'out' as const }],
      };
      const run = await engine.call('runs.start', { doc, input: { orders }, wait: true });
      expect(run.status).toBe('succeeded');
      const steps = await engine.call('runs.steps', { runId: run.id });
      const step = steps.find((s) => s.blockId === 'map');
      expect(step?.output).toMatchObject({ records: orders.map((o) => ({ external_order_id: o.tranId })), errors: [] });

      const broken = { ...doc, blocks: [doc.blocks[0], { id: 'map', kind: 'map_fields', config: { input: '{{ trigger.input.orders }}', rules: [{ id: 'x', target: 'a', source: 'b', transforms: 'explode' }] } }] };
      const check = await engine.call('workflows.validate', { doc: broken });
      expect(check.ok).toBe(false);
      expect(JSON.stringify(check.issues)).toContain('explode');
    });
  });
});
