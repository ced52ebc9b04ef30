import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine';
import { databaseEnv } from '../../testing/cli-database';
import { tempDir, testDatabase, type TestEngineDatabase } from '../../testing/temp-engine';
import type { CliIo } from './command';
import { installationsCommand } from './installations';

// The lifecycle from the CLI: JSON for programs on stdout; refusals carry the contract's codes.
// On PostgreSQL the command finds the database in PATCHBAY_DATABASE_URL, as on a server.

async function run(dataDir: string, db: TestEngineDatabase, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dataDir, env: databaseEnv(db) };
  const code = await installationsCommand.run([...argv, '--data-dir', dataDir], io);
  return { code, out, err };
}

describe('patchbay installations', () => {
  it('previews and activates, pauses, and upgrades an installation, then finds and shows it with its activity', async () => {
    const dir = tempDir();
    const db = await testDatabase();
    try {
      const engine = await createEngine({ dataDir: dir.path, ...db.option });
      const integration = await engine.call('integrations.create', { name: 'Poller' });
      await engine.call('integrations.addWorkflow', { id: integration.id, name: 'Listen', doc: { name: 'Listen', blocks: [{ id: 'trigger', kind: 'trigger', config: { type: 'schedule', intervalSeconds: 60 } }], edges: [] } });
      await engine.call('integrations.release', { id: integration.id });
      const inst = await engine.call('installations.create', { integrationId: integration.id, customerName: 'Acme' });
      await engine.call('installations.install', { id: inst.id });
      // A second release with its own notes (the same drafts and notes again would be a double-click: one release).
      await engine.call('integrations.release', { id: integration.id, notes: 'v2' });
      await engine.close();

      const preview = await run(dir.path, db, 'activate', inst.id, '--preview');
      expect(preview.code).toBe(0);
      expect(JSON.parse(preview.out)).toMatchObject({ lifecycle: 'configuring', ready: true, schedules: [{ name: 'Listen', every: 'every minute' }] });
      expect(JSON.parse((await run(dir.path, db, 'activate', inst.id)).out)).toMatchObject({ installation: { lifecycle: 'active' } });
      expect(JSON.parse((await run(dir.path, db, 'pause', inst.id)).out)).toMatchObject({ lifecycle: 'paused' });
      expect(JSON.parse((await run(dir.path, db, 'upgrade', inst.id, '--preview')).out)).toMatchObject({ fromVersion: 1, toVersion: 2, workflows: [{ name: 'Listen', plan: 'unchanged' }] });
      expect(JSON.parse((await run(dir.path, db, 'upgrade', inst.id)).out)).toMatchObject({ installation: { version: 2, lifecycle: 'paused' }, runs: [] });
      // main.ts prints a refusal as { code, message } on stderr with exit code 1.
      await expect(run(dir.path, db, 'pause', inst.id)).rejects.toMatchObject({ code: 'not_active' });

      // Found by a part of the customer's name in any case; shown with its activity, newest first.
      expect(JSON.parse((await run(dir.path, db, 'list', '--search', 'acm')).out)).toEqual([expect.objectContaining({ id: inst.id, customerName: 'Acme' })]);
      expect(JSON.parse((await run(dir.path, db, 'list', '--search', 'globex')).out)).toEqual([]);
      const shown = JSON.parse((await run(dir.path, db, 'show', inst.id)).out) as { version: number; activity: { id: number; action: string; at: string }[] };
      expect(shown.version).toBe(2);
      expect(shown.activity.map((a) => a.action).at(-1)).toBe('created');
      expect(shown.activity.map((a) => a.id)).toEqual([...shown.activity.map((a) => a.id)].sort((x, y) => y - x));
      expect(shown.activity.every((a) => typeof a.id === 'number' && !Number.isNaN(Date.parse(a.at)))).toBe(true);
    } finally {
      await db.drop();
      dir.remove();
    }
  });
});
