import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp-engine';
import { mappingRulesSchema } from '../mapping/rules';
import { openDatabase } from './db';
import { IntegrationsRepo } from './integrations-repo';
import { MappingsRepo } from './mappings-repo';
import { WorkflowsRepo } from './workflows-repo';

describe('shared mappings in SQLite', () => {
  it('freezes the draft with each release; released mappings cannot be changed or deleted', () => {
    const dir = tempDir();
    const db = openDatabase(join(dir.path, 'p.db'));
    try {
      const integrations = new IntegrationsRepo(db);
      const mappings = new MappingsRepo(db);
      const integration = integrations.create('Order Sync', '', []);
      const wf = new WorkflowsRepo(db).create({ schemaVersion: 1, name: 'Backfill', blocks: [], edges: [], notes: '' });
      integrations.attachWorkflow(integration.id, wf.id);
      const draft = mappings.create(integration.id, 'PO → order', mappingRulesSchema.parse([{ id: 'a1', target: 'external_order_id', source: 'tranId' }]), '');
      const v1 = integrations.release(integration.id, 'v1');
      mappings.save(draft.id, draft.rev, mappingRulesSchema.parse([{ id: 'a1', target: 'external_order_id', source: 'id' }]));
      const v2 = integrations.release(integration.id, 'v2');

      const [r1] = mappings.releasedIn(v1.id);
      const [r2] = mappings.releasedIn(v2.id);
      expect(r1).toMatchObject({ version: 1, mappingId: draft.id, name: 'PO → order', doc: { id: draft.id, rules: [{ source: 'tranId' }] } });
      expect(r2).toMatchObject({ version: 2, doc: { rules: [{ source: 'id' }] } });
      expect(() => db.prepare(`UPDATE released_mappings SET doc = '{}' WHERE id = ?`).run(r1?.id)).toThrow(/released_immutable/);
      expect(() => db.prepare(`DELETE FROM released_mappings WHERE id = ?`).run(r1?.id)).toThrow(/released_immutable/);
      expect(() => mappings.create(integration.id, 'PO → order', [], '')).toThrow(/already has a mapping named/);
    } finally {
      db.close();
      dir.remove();
    }
  });
});
