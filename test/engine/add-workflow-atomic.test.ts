import { describe, expect, it, vi } from 'vitest';
import { IntegrationsRepo } from '../../engine/storage/integrations-repo';
import { withEngine } from '../../engine/testing/temp-engine';

describe('integrations.addWorkflow', () => {
  it('leaves no workflow behind when it cannot be attached to the integration', async () => {
    await withEngine(async (engine) => {
      const integration = await engine.call('integrations.create', { name: 'Orders', description: '', requiredConnections: [] });
      const before = await engine.call('workflows.list', {});
      // The attach fails after the workflow row was written (as a concurrent delete or a lost
      // database connection would make it).
      const attach = vi.spyOn(IntegrationsRepo.prototype, 'attachWorkflow').mockRejectedValueOnce(new Error('attach failed'));
      try {
        await expect(engine.call('integrations.addWorkflow', { id: integration.id, name: 'Sync Invoices' })).rejects.toThrow();
      } finally {
        attach.mockRestore();
      }
      expect(await engine.call('workflows.list', {})).toEqual(before);
      const added = await engine.call('integrations.addWorkflow', { id: integration.id, name: 'Sync Invoices' });
      expect((await engine.call('workflows.list', {})).map((w) => w.id)).toEqual([...before.map((w) => w.id), added.id]);
    });
  });
});
