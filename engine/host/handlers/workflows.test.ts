import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../api/events';
import { withEngine } from '../../testing/temp-engine';

describe('workflow.saved', () => {
  it('is announced by every change that writes a workflow revision', async () => {
    await withEngine(async (engine) => {
      const seen: string[] = [];
      const off = engine.subscribe((e: EngineEvent) => {
        if (e.type === 'workflow.saved') seen.push(`${e.workflowId}@${e.rev}`);
      });
      const created = await engine.call('workflows.create', { name: 'Orders' });
      const saved = await engine.call('workflows.save', { id: created.id, baseRev: created.rev, doc: { ...created.doc, notes: 'x' } });
      const renamed = await engine.call('workflows.rename', { id: created.id, name: 'Orders v2' });
      const copy = await engine.call('workflows.duplicate', { id: created.id });
      off();
      expect(seen).toEqual([`${created.id}@${created.rev}`, `${created.id}@${saved.rev}`, `${created.id}@${renamed.rev}`, `${copy.id}@${copy.rev}`]);
    });
  });
});
