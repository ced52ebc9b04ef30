import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowDiffSchema } from '../../model/diff-schema';
import { blockOf, orderSyncWorkflow } from '../../testing/version-fixtures';
import { diffCommand } from './diff';
import type { CliIo } from './command';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'patchbay-diff-'));
  const base = orderSyncWorkflow();
  const userVersion = orderSyncWorkflow();
  userVersion.blocks = userVersion.blocks.filter((b) => b.id !== 'stop');
  userVersion.edges = userVersion.edges.filter((e) => e.to !== 'stop');
  blockOf(userVersion, 'fetch').config.body = { status: 'open' };
  await writeFile(join(dir, 'base.json'), JSON.stringify(base));
  // A stored version record: the document sits under `doc`.
  await writeFile(join(dir, 'userVersion.json'), JSON.stringify({ id: 'v2', rev: 3, doc: userVersion }));
  await writeFile(join(dir, 'broken.json'), '{ "blocks": ');
  await writeFile(join(dir, 'not-a-workflow.json'), JSON.stringify({ blocks: 'none' }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dir, env: {} };
  const code = await diffCommand.run(argv, io);
  return { code, out, err };
}

describe('patchbay diff', () => {
  it('prints the structural diff of two files as JSON', async () => {
    const { code, out, err } = await run('base.json', 'userVersion.json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const diff = workflowDiffSchema.parse(JSON.parse(out));
    expect(diff.blocks.removed.map((b) => b.id)).toEqual(['stop']);
    expect(diff.edges.removed.map((e) => e.id)).toEqual(['e3']);
    expect(diff.blocks.changed[0]?.config).toMatchObject([{ field: 'config.body', op: 'added', new: { status: 'open' } }]);
    expect(diff.changedBlockIds).toEqual(['fetch', 'stop']);
  });

  it('answers bad arguments, missing files, broken JSON and non-workflows with error codes on stderr', async () => {
    const cases: [string[], number, string][] = [
      [['base.json'], 2, 'bad_request'],
      [['base.json', 'missing.json'], 1, 'not_found'],
      [['base.json', 'broken.json'], 1, 'bad_request'],
      [['base.json', 'not-a-workflow.json'], 1, 'invalid_workflow'],
    ];
    for (const [argv, exit, codeName] of cases) {
      const { code, out, err } = await run(...argv);
      expect([code, out]).toEqual([exit, '']);
      expect(JSON.parse(err)).toMatchObject({ code: codeName });
    }
  });
});
