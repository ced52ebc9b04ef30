import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../testing/test-database';
import { mappingRulesSchema } from '../mapping/rules';
import { IntegrationsRepo } from './integrations-repo';
import { MappingsRepo } from './mappings-repo';
import { WorkflowsRepo } from './workflows-repo';

describe('shared mappings in storage', () => {
  it('freezes the draft with each release; released mappings cannot be changed or deleted', async () => {
    const t = await openTestDatabase();
    try {
      const k = t.database;
      const integrations = new IntegrationsRepo(k);
      const mappings = new MappingsRepo(k);
      const integration = await integrations.create('Order Sync', '', []);
      const wf = await new WorkflowsRepo(k).create({ schemaVersion: 1, name: 'Backfill', blocks: [], edges: [], notes: '' });
      await integrations.attachWorkflow(integration.id, wf.id);
      const draft = await mappings.create(integration.id, 'PO → order', mappingRulesSchema.parse([{ id: 'a1', target: 'external_order_id', source: 'tranId' }]), '');
      const v1 = await integrations.release(integration.id, 'v1');
      await mappings.save(draft.id, draft.rev, mappingRulesSchema.parse([{ id: 'a1', target: 'external_order_id', source: 'id' }]));
      const v2 = await integrations.release(integration.id, 'v2');
      // A second editor still on the first revision is refused, not silently overwritten.
      await expect(mappings.save(draft.id, draft.rev, [])).rejects.toMatchObject({ code: 'rev_conflict' });

      const [r1] = await mappings.releasedIn(v1.id);
      const [r2] = await mappings.releasedIn(v2.id);
      expect(r1).toMatchObject({ version: 1, mappingId: draft.id, name: 'PO → order', doc: { id: draft.id, rules: [{ source: 'tranId' }] } });
      expect(r2).toMatchObject({ version: 2, doc: { rules: [{ source: 'id' }] } });
      // The database itself refuses, whatever code writes to it.
      await expect(k.updateTable('released_mappings').set({ doc: '{}' }).where('id', '=', r1?.id ?? '').execute()).rejects.toThrow(/released_immutable/);
      await expect(k.deleteFrom('released_mappings').where('id', '=', r1?.id ?? '').execute()).rejects.toThrow(/released_immutable/);
      expect((await mappings.releasedIn(v1.id))[0]).toEqual(r1);
      await expect(mappings.create(integration.id, 'PO → order', [], '')).rejects.toThrow(/already has a mapping named/);

      // Released again with nothing changed (a double-click): the same release; a mapping changed since: a new one.
      expect(await integrations.release(integration.id, 'v2')).toEqual(v2);
      await mappings.save(draft.id, draft.rev + 1, mappingRulesSchema.parse([{ id: 'a1', target: 'external_order_id', source: 'otherRefNum' }]));
      expect(await integrations.release(integration.id, 'v2')).toMatchObject({ version: 3 });
    } finally {
      await t.close();
    }
  });
});
