import { Zip, ZipPassThrough, strToU8, zipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseArgs } from '../../testing/cli-database';
import { testDatabase, type TestEngineDatabase } from '../../testing/temp-engine';
import { createEngine } from '../engine';
import type { CliIo } from './command';
import { main } from './main';

// The bundle commands as a team uses them with git: export, unpack, edit, pack, inspect, import.
// Every refusal names the file and leaves the data folder untouched. On PostgreSQL each data
// folder has a database of its own, given to the commands with --database.

let dir = '';
let bundle = '';
let source: DataFolder;

interface DataFolder {
  readonly path: string;
  readonly db: TestEngineDatabase;
  /** What a command gets to work on this folder: --data-dir, and --database on PostgreSQL. */
  readonly args: string[];
}

const databases: TestEngineDatabase[] = [];

async function dataFolder(name: string): Promise<DataFolder> {
  const db = await testDatabase();
  databases.push(db);
  const path = p(name);
  return { path, db, args: ['--data-dir', path, ...databaseArgs(db)] };
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string; json: () => Record<string, unknown> }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, cwd: dir, env: {} };
  const code = await main(argv, io);
  return { code, out, err, json: () => JSON.parse(out || err) as Record<string, unknown> };
}

const p = (name: string): string => join(dir, name);
const WB = 'integrations/order-sync/releases/v1/workflows/write-back.json';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'patchbay-bundle-cli-'));
  source = await dataFolder('source-data');
  const engine = await createEngine({ dataDir: source.path, ...source.db.option, resume: false });
  try {
    const integration = await engine.call('integrations.create', { name: 'Order Sync', requiredConnections: [{ key: 'your_app', kind: 'your_app', label: 'Your App' }] });
    await engine.call('integrations.addWorkflow', {
      id: integration.id,
      name: 'Write Back',
      doc: { name: 'Write Back', blocks: [{ id: 'trigger', kind: 'trigger', config: { type: 'manual' } }, { id: 'log', kind: 'log', config: { message: 'hello' } }], edges: [{ id: 'e', from: 'trigger', to: 'log', port: 'out' }] },
    });
    await engine.call('integrations.release', { id: integration.id, notes: 'v1' });
  } finally {
    await engine.close();
  }
  bundle = p('order-sync.patchbay');
  const listed = await cli('bundle', 'export', ...source.args, '--integrations', (await listIntegrations(source))[0] as string, '--out', bundle);
  expect(listed.code).toBe(0);
});
afterAll(async () => {
  await Promise.all(databases.map((db) => db.drop()));
  rmSync(dir, { recursive: true, force: true });
});

async function listIntegrations(folder: DataFolder): Promise<string[]> {
  const engine = await createEngine({ dataDir: folder.path, ...folder.db.option, resume: false });
  try {
    return (await engine.call('integrations.list', {})).map((i) => i.id);
  } finally {
    await engine.close();
  }
}

/** A fresh unpacked copy of the bundle to spoil. */
async function folder(name: string): Promise<string> {
  expect((await cli('bundle', 'unpack', bundle, name)).code).toBe(0);
  return p(name);
}

/** Refused with `code`, naming `entry`, and nothing written to a fresh data folder. */
async function expectRefused(target: string, code: string, entry: string) {
  const inspected = await cli('bundle', 'inspect', target);
  expect(inspected.code).toBe(1);
  expect(inspected.json()).toMatchObject({ valid: false, error: { code, details: { entry } } });
  expect((inspected.json().error as { message: string }).message).toContain(entry);
  const data = await dataFolder(`data-${Math.random().toString(36).slice(2)}`);
  const imported = await cli('bundle', 'import', target, ...data.args);
  expect(imported.code).toBe(1);
  expect(imported.json()).toMatchObject({ code });
  // Listed whether or not the refusal made the folder: a PostgreSQL database needs none to be written.
  expect(await listIntegrations(data)).toEqual([]);
}

describe('patchbay bundle', () => {
  it('round-trips file → folder → file byte for byte, and inspects either', async () => {
    const unpacked = await folder('round-trip');
    expect(readFileSync(join(unpacked, WB), 'utf8')).toMatch(/^\{\n {2}"doc": \{\n/);
    expect(readFileSync(join(unpacked, '.gitattributes'), 'utf8')).toContain('* -text');
    expect((await cli('bundle', 'pack', unpacked, '--out', 'again.patchbay')).code).toBe(0);
    expect(readFileSync(p('again.patchbay')).equals(readFileSync(bundle))).toBe(true);
    const inspected = (await cli('bundle', 'inspect', unpacked)).json();
    expect(inspected).toMatchObject({ valid: true, summary: { integrations: [{ name: 'Order Sync', workflows: ['Write Back'], releases: [1] }] } });
    expect((inspected.manifest as { entries: { path: string; sha256: string }[] }).entries.map((e) => e.path)).toContain(WB);
  });

  it('imports a folder, previews a re-import as unchanged, and imports as a copy with new ids', async () => {
    const unpacked = await folder('importable');
    const data = await dataFolder('import-data');
    const first = await cli('bundle', 'import', unpacked, ...data.args);
    expect(first.code).toBe(0);
    expect(first.json()).toMatchObject({ added: expect.arrayContaining([expect.objectContaining({ kind: 'release', name: 'Order Sync v1' })]), updated: [] });
    const dry = (await cli('bundle', 'import', bundle, '--dry-run', ...data.args)).json();
    expect(dry).toMatchObject({ dryRun: true, added: [], updated: [], conflicting: [] });
    expect((dry.unchanged as { name: string }[]).map((i) => i.name)).toEqual(['Order Sync', 'Order Sync › Write Back (draft)', 'Order Sync v1']);
    expect((await cli('bundle', 'import', bundle, '--as-copy', ...data.args)).code).toBe(0);
    expect(await listIntegrations(data)).toHaveLength(2);
  });

  it('packs a hand-edited folder only with --rehash, and a re-import then shows the update', async () => {
    const unpacked = await folder('edited');
    const draft = join(unpacked, 'integrations/order-sync/workflows/write-back.json');
    writeFileSync(draft, readFileSync(draft, 'utf8').replace('"hello"', '"hello, reviewers"'));
    expect((await cli('bundle', 'pack', unpacked, '--out', 'edited.patchbay')).json()).toMatchObject({ code: 'bundle_checksum_mismatch', details: { entry: 'integrations/order-sync/workflows/write-back.json' } });
    // A new base workflow added by hand, in the layout's place for it.
    writeFileSync(join(unpacked, 'integrations/order-sync/workflows/audit.json'), JSON.stringify({
      id: 'wf-audit', integrationId: JSON.parse(readFileSync(draft, 'utf8')).integrationId, name: 'Audit',
      doc: { name: 'Audit', blocks: [{ id: 'trigger', kind: 'trigger', config: { type: 'manual' } }], edges: [] },
    }));
    expect((await cli('bundle', 'pack', unpacked, '--out', 'edited.patchbay', '--rehash')).code).toBe(0);
    expect((await cli('bundle', 'inspect', unpacked)).json()).toMatchObject({ valid: true, summary: { integrations: [{ workflows: ['Audit', 'Write Back'] }] } });
    const data = await dataFolder('rehash-data');
    await cli('bundle', 'import', bundle, ...data.args);
    const dry = (await cli('bundle', 'import', 'edited.patchbay', '--dry-run', ...data.args)).json();
    expect(dry.updated).toEqual([expect.objectContaining({ kind: 'workflow', name: 'Order Sync › Write Back (draft)' })]);
    expect(dry.added).toEqual([expect.objectContaining({ kind: 'workflow', name: 'Order Sync › Audit (draft)' })]);
  });

  it('refuses an extra, a missing or an edited file, naming it', async () => {
    const extra = await folder('extra');
    writeFileSync(join(extra, 'integrations/order-sync/workflows/sneaky.json'), '{}\n');
    await expectRefused(extra, 'bundle_extra_file', 'integrations/order-sync/workflows/sneaky.json');
    const missing = await folder('missing');
    rmSync(join(missing, WB));
    await expectRefused(missing, 'bundle_missing_file', WB);
    const edited = await folder('tampered');
    writeFileSync(join(edited, WB), readFileSync(join(edited, WB), 'utf8').replace('"hello"', '"hullo"'));
    await expectRefused(edited, 'bundle_checksum_mismatch', WB);
  });

  it('refuses a newer manifest, non-canonical JSON, hostile nesting and a BOM (with a message free of invisible characters)', async () => {
    const newer = await folder('newer');
    const manifest = join(newer, 'manifest.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"formatVersion": 2', '"formatVersion": 3'));
    await expectRefused(newer, 'bundle_newer_format', 'manifest.json');

    // Re-listed with matching hashes, so only the form is wrong.
    const reformat = async (name: string, edit: (text: string) => string) => {
      const f = await folder(name);
      writeFileSync(join(f, WB), edit(readFileSync(join(f, WB), 'utf8')));
      const { sha256 } = await import('../../bundle/write');
      const m = JSON.parse(readFileSync(join(f, 'manifest.json'), 'utf8')) as { entries: { path: string; size: number; sha256: string }[] };
      const bytes = readFileSync(join(f, WB));
      m.entries = m.entries.map((e) => (e.path === WB ? { ...e, size: bytes.length, sha256: sha256(bytes) } : e));
      const { canonicalJson } = await import('../../bundle/canonical');
      writeFileSync(join(f, 'manifest.json'), canonicalJson(m));
      return f;
    };
    await expectRefused(await reformat('compact', (t) => JSON.stringify(JSON.parse(t))), 'bundle_not_canonical', WB);
    const deep = await reformat('deep', (t) => t.replace('"hello"', `${'['.repeat(5000)}${']'.repeat(5000)}`));
    await expectRefused(deep, 'bundle_invalid', WB);
    expect(((await cli('bundle', 'inspect', deep)).json().error as { message: string }).message).toContain('deeper than 64 levels');
    const bom = await reformat('bom', (t) => `\uFEFF${t}`);
    await expectRefused(bom, 'bundle_not_canonical', WB);
    const message = ((await cli('bundle', 'inspect', bom)).json().error as { message: string }).message;
    expect(message).toContain('byte order mark');
    expect(message).toMatch(/^[\x20-\x7E]+$/);
  });

  it('refuses an empty file and a zip holding one name twice, writing nothing', async () => {
    writeFileSync(p('empty.patchbay'), '');
    const empty = await cli('bundle', 'import', 'empty.patchbay', ...(await dataFolder('empty-data')).args);
    expect(empty.json()).toMatchObject({ code: 'bundle_empty', message: expect.stringContaining('empty') });
    expect(empty.err).not.toContain('Too small');

    const chunks: Uint8Array[] = [];
    const zip = new Zip((err, data) => {
      if (err) throw err;
      chunks.push(data);
    });
    for (const [name, text] of [['manifest.json', '{}'], [WB, '{"a":1}'], [WB, '{"a":2}']] as const) {
      const file = new ZipPassThrough(name);
      zip.add(file);
      file.push(strToU8(text), true);
    }
    zip.end();
    writeFileSync(p('dup.patchbay'), Buffer.concat(chunks));
    await expectRefused('dup.patchbay', 'bundle_duplicate_entry', WB);
  });

  it('migrates a format 1 bundle (with shared mappings) on import and on unpack', async () => {
    const manifest = strToU8(JSON.stringify({ format: 'patchbay-bundle', formatVersion: 1, exportedAt: '2025-01-01T00:00:00.000Z' }));
    const doc = { name: 'Old', blocks: [{ id: 'trigger', kind: 'trigger', config: { type: 'manual' } }], edges: [] };
    const mapping = { id: 'map-1', name: 'PO to order', rules: [{ id: 'r1', target: 'order_id', source: 'tranId', transforms: [] }], notes: '' };
    const integration = {
      id: 'int-1', name: 'Legacy Sync', workflows: [{ id: 'wf-1', name: 'Old', doc }], mappings: [mapping],
      releases: [{ version: 1, notes: '', createdAt: '2025-01-01T00:00:00.000Z', versions: [{ workflowId: 'wf-1', name: 'Old', doc }], mappings: [mapping] }],
    };
    writeFileSync(p('v1.patchbay'), zipSync({ 'manifest.json': manifest, 'integrations/int-1.json': strToU8(JSON.stringify(integration, null, 2)) }));
    expect((await cli('bundle', 'inspect', 'v1.patchbay')).json()).toMatchObject({ valid: true, summary: { formatVersion: 1, integrations: [{ name: 'Legacy Sync', releases: [1] }] } });
    const imported = await cli('bundle', 'import', 'v1.patchbay', ...(await dataFolder('v1-data')).args);
    expect(imported.json()).toMatchObject({ integrations: [{ id: 'int-1', name: 'Legacy Sync', releases: 1 }] });
    expect((await cli('bundle', 'unpack', 'v1.patchbay', 'v1-folder')).code).toBe(0);
    expect(readFileSync(p('v1-folder/integrations/legacy-sync/releases/v1/workflows/old.json'), 'utf8')).toContain('"name": "Old"');
    expect((await cli('bundle', 'inspect', 'v1-folder')).json()).toMatchObject({ valid: true, summary: { formatVersion: 2, integrations: [{ mappings: ['PO to order'] }] } });
    expect(readFileSync(p('v1-folder/integrations/legacy-sync/releases/v1/mappings/po-to-order.json'), 'utf8')).toContain('"target": "order_id"');
  });
});
