import { describe, expect, it } from 'vitest';
import { blockCatalogEntrySchema } from '../../api/methods/blocks';
import type { WorkflowDocInput } from '../../model/workflow';
import { withEngine } from '../../testing/temp-engine';

describe('blocks.catalog', () => {
  it('serves every block kind the engine runs, with the ports and defaults the canvas draws', async () => {
    await withEngine(async (engine) => {
      const catalog = await engine.call('blocks.catalog', {});
      for (const entry of catalog) expect(blockCatalogEntrySchema.safeParse(entry).success).toBe(true);
      const byKind = new Map(catalog.map((e) => [e.kind, e]));
      // A Stop keeps its "out" port, so the template's Stop → fetch connection can be drawn.
      expect(byKind.get('stop')?.ports).toEqual(['out']);
      expect(byKind.get('stop')?.traits).toEqual({ trigger: false, container: false, terminal: true, mapsFields: false });
      expect(byKind.get('for_each')?.traits.container).toBe(true);
      expect(byKind.get('trigger')).toMatchObject({ unique: true, traits: { trigger: true } });
      expect(byKind.get('netsuite_fetch_orders')?.defaultConfig).toHaveProperty('keepWatermark', false);
      expect(byKind.get('delay')?.form.map((f) => f.key)).toEqual(['ms']);
      expect(catalog.some((e) => 'execute' in e)).toBe(false);
      expect(byKind.get('for_each')?.configSchema).toMatchObject({ type: 'object', properties: { concurrency: expect.anything() } });
      expect(byKind.get('map_fields')?.rawConfigKeys).toContain('rules');
    });
  });

  it('runs a For Each at the concurrency its templated setting resolves to', async () => {
    await withEngine(async (engine) => {
      let running = 0;
      let most = 0;
      const off = engine.subscribe((event) => {
        if (event.type === 'step.started' && event.step.blockId === 'wait') most = Math.max(most, ++running);
        if (event.type === 'step.finished' && event.step.blockId === 'wait') running -= 1;
      });
      const doc: WorkflowDocInput = {
        name: 'Loop',
        blocks: [
          { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
          { id: 'loop', kind: 'for_each', config: { items: '{{ trigger.input.items }}', concurrency: '{{ trigger.input.n }}' } },
          { id: 'wait', kind: 'delay', config: { ms: 30 } },
        ],
        edges: [{ id: 'e1', from: 'trigger', to: 'loop', port: 'out' }, { id: 'e2', from: 'loop', to: 'wait', port: 'each' }],
      };
      const run = await engine.call('runs.start', { doc, input: { items: [1, 2, 3, 4, 5, 6], n: 3 }, wait: true });
      off();
      expect(run.status).toBe('succeeded');
      expect(most).toBe(3);
    });
  });

  it('keeps a block of a kind it does not know, config and all, and names it in validation', async () => {
    await withEngine(async (engine) => {
      const doc = {
        name: 'From a newer bundle',
        blocks: [
          { id: 'trigger', kind: 'trigger', name: 'Trigger', config: { type: 'manual' }, position: { x: 0, y: 0 } },
          { id: 'future', kind: 'salesforce_sync', name: 'Sync accounts', config: { object: 'Account', batch: 200 }, position: { x: 300, y: 0 } },
        ],
        edges: [{ id: 'e1', from: 'trigger', port: 'out' as const, to: 'future' }],
      };
      const created = await engine.call('workflows.create', { name: doc.name, doc });
      const saved = await engine.call('workflows.save', { id: created.id, baseRev: created.rev, doc: { ...created.doc, notes: 'edited' } });
      expect(saved.doc.blocks.find((b) => b.id === 'future')).toMatchObject({ kind: 'salesforce_sync', config: { object: 'Account', batch: 200 } });
      const { issues } = await engine.call('workflows.validate', { doc: saved.doc });
      expect(issues).toContainEqual(expect.objectContaining({ blockId: 'future', code: 'unknown_block_kind', message: expect.stringContaining('"salesforce_sync"') }));
    });
  });
});
