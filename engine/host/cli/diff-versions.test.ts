import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowDiffSchema } from '../../model/diff-schema';
import { databaseArgs, databaseEnv } from '../../testing/cli-database';
import { tempDir, testDatabase, type TestEngineDatabase } from '../../testing/temp-engine';
import { createEngine } from '../engine';
import { diffCommand } from './diff-versions';
import type { CliIo } from './command';

// `patchbay diff version:<id> userVersion:<id> --data-dir D` reads both from that data folder, as
// the README says every data-folder command does; on PostgreSQL, from the database it is given.

const data = tempDir('patchbay-diff-data-');
let db: TestEngineDatabase;
let versionId = '';
let userVersionId = '';

beforeAll(async () => {
  db = await testDatabase();
  const engine = await createEngine({ dataDir: data.path, ...db.option, demoSandbox: true });
  try {
    const integration = await engine.call('integrations.createFromTemplate', { templateId: 'netsuite-order-sync' });
    await engine.call('integrations.release', { id: integration.id, notes: 'v1' });
    const inst = await engine.call('installations.create', { integrationId: integration.id, customerName: 'Acme' });
    await engine.call('installations.setConnection', { id: inst.id, key: 'netsuite', connectionId: 'demo-netsuite' });
    await engine.call('installations.setConnection', { id: inst.id, key: 'your_app', connectionId: 'demo-your-app' });
    const installed = await engine.call('installations.install', { id: inst.id, wait: true });
    const backfill = installed.installation.workflows.find((w) => w.name === 'Fetch Historical Orders');
    if (!backfill) throw new Error('no backfill workflow');
    const userVersion = await engine.call('userVersions.create', { installationId: inst.id, workflowId: backfill.workflowId });
    const doc = { ...userVersion.doc, blocks: userVersion.doc.blocks.filter((b) => b.id !== 'hold'), edges: userVersion.doc.edges.filter((e) => e.from !== 'hold' && e.to !== 'hold') };
    await engine.call('userVersions.save', { id: userVersion.id, baseRev: userVersion.rev, doc });
    versionId = userVersion.ancestorVersionId;
    userVersionId = userVersion.id;
  } finally {
    await engine.close();
  }
});
afterAll(async () => {
  await db.drop();
  data.remove();
});

async function run(env: Record<string, string>, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  // No PATCHBAY_DATA_DIR: only the flag can point at the folder.
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: data.path, env };
  const code = await diffCommand.run(argv, io);
  return { code, out, err };
}

describe('patchbay diff on versions in a data folder', () => {
  it('takes --data-dir (before or after the ids, relative or absolute) and diffs a release against a user-specific version', async () => {
    // On PostgreSQL the database comes as the flag, or in PATCHBAY_DATABASE_URL.
    for (const [env, argv] of [
      [{}, [`version:${versionId}`, `userVersion:${userVersionId}`, '--data-dir', data.path, ...databaseArgs(db)]],
      [databaseEnv(db), ['--data-dir=.', `version:${versionId}`, `userVersion:${userVersionId}`]],
    ] as const) {
      const { code, out, err } = await run(env, ...argv);
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(workflowDiffSchema.parse(JSON.parse(out)).blocks.removed.map((b) => b.id)).toEqual(['hold']);
    }
  });

  it('answers an unknown flag or a --data-dir without a folder with the version usage', async () => {
    for (const argv of [[`version:${versionId}`, `userVersion:${userVersionId}`, '--data-folder', data.path], [`version:${versionId}`, `userVersion:${userVersionId}`, '--data-dir']]) {
      const { code, out, err } = await run(databaseEnv(db), ...argv);
      expect([code, out]).toEqual([2, '']);
      expect(JSON.parse(err)).toMatchObject({ code: 'bad_request', message: expect.stringContaining('version:<id> | userVersion:<id>') });
    }
  });
});
