import { describe, expect, it } from 'vitest';
import { regressionReportSchema } from '../../api/methods/golden';
import { createEngine } from '../engine';
import { databaseArgs } from '../../testing/cli-database';
import { tempDir, testDatabase, type TestEngineDatabase } from '../../testing/temp-engine';
import type { CliIo } from './command';
import { main } from './main';

// `patchbay regress` gates a release in CI: it opens the data folder without the Demo sandbox
// (the replay needs no network), prints the report and exits non-zero when the output changed.
// On PostgreSQL it is given the database with --database, as a server's CI would.

async function cli(dataDir: string, db: TestEngineDatabase, ...argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dataDir, env: {} };
  const code = await main(['regress', ...argv, '--data-dir', dataDir, ...databaseArgs(db)], io);
  return { code, out, err };
}

describe('patchbay regress', () => {
  it('prints the output diff as JSON; exit 0 when unchanged, 2 when the draft changes a mapped field', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    try {
      const engine = await createEngine({ dataDir: dir.path, ...db.option, demoSandbox: true, resume: false });
      const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
      await engine.call('integrations.release', { id: integration.id, notes: 'v1' });
      const inst = await engine.call('installations.create', { integrationId: integration.id, customerName: 'Acme Corp' });
      await engine.call('installations.setConnection', { id: inst.id, key: 'netsuite', connectionId: 'demo-netsuite' });
      await engine.call('installations.setConnection', { id: inst.id, key: 'your_app', connectionId: 'demo-your-app' });
      await engine.call('installations.install', { id: inst.id, wait: true });
      // The listener has no Stop block: a test sync of it fetches orders straight away.
      const listener = (await engine.call('installations.get', { id: inst.id })).workflows.find((w) => w.name === 'Listen for New and Updated Orders');
      const run = await engine.call('installations.runWorkflow', { id: inst.id, workflowId: listener?.workflowId as string, mode: 'test', testLimit: 3, wait: true });
      await engine.call('golden.keep', { runId: run.id });
      const [mapping] = await engine.call('mappings.list', { integrationId: integration.id });
      if (!mapping) throw new Error('no mapping');
      await engine.call('mappings.save', {
        id: mapping.id, baseRev: mapping.rev,
        rules: mapping.doc.rules.map((r) => (r.id === 'line_cost' ? { ...r, transforms: [{ name: 'string', args: [] }] } : r)),
      });
      await engine.close();

      const same = await cli(dir.path, db, '--installation', inst.id, '--version', 'release:1');
      expect(same.err).toBe('');
      expect(same.code).toBe(0);
      expect(regressionReportSchema.parse(JSON.parse(same.out)).status).toBe('unchanged');

      const draft = await cli(dir.path, db, '--installation', inst.id, '--version', 'draft');
      expect(draft.code).toBe(2);
      const report = regressionReportSchema.parse(JSON.parse(draft.out));
      const change = report.sets[0]?.records[0]?.changes.find((c) => c.step === 'map_orders');
      expect(change?.path).toBe('records[0].lineItems[0].unit_cost');
      expect(typeof change?.before).toBe('number');
      expect(change?.after).toBe(String(change?.before));

      const bad = await cli(dir.path, db, '--installation', inst.id, '--version', 'v2');
      expect(bad.code).toBe(1);
      expect(JSON.parse(bad.err).code).toBe('bad_request');
    } finally {
      await db.drop();
      dir.remove();
    }
  });
});
