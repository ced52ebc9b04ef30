import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { withEngine } from '../testing/temp-engine';

// Hostile zips (format 1 manifests: its reader still runs for old bundles): path tricks, garbage,
// bad documents, zip bombs and overlapping entries are refused before anything is written; and
// stored secrets pasted anywhere into a block never leave in a bundle.

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
/** Every file of an exported bundle as text (the zip itself is compressed, so search inside). */
const unpacked = (base64: string): string => Object.values(unzipSync(new Uint8Array(Buffer.from(base64, 'base64')))).map((f) => strFromU8(f)).join('\n');

describe('bundle zips', () => {
  it('refuses path tricks, garbage and bad documents, writing nothing', async () => {
    await withEngine(async (engine) => {
      const manifest = strToU8(JSON.stringify({ format: 'patchbay-bundle', formatVersion: 1, exportedAt: 'now' }));
      const good = strToU8(JSON.stringify({ id: 'a', name: 'A', doc: { name: 'A', blocks: [], edges: [] } }));
      const traversal = zipSync({ 'manifest.json': manifest, 'workflows/a.json': good, '../../etc/passwd': strToU8('x') });
      await expect(engine.call('bundles.import', { base64: b64(traversal) })).rejects.toMatchObject({ code: 'bundle_invalid' });
      await expect(engine.call('bundles.import', { base64: b64(strToU8('not a zip at all')) })).rejects.toMatchObject({ code: 'bundle_invalid' });
      const badDoc = zipSync({ 'manifest.json': manifest, 'workflows/a.json': good, 'workflows/b.json': strToU8(JSON.stringify({ id: 'b', name: 'B', doc: { name: '', blocks: 'no' } })) });
      await expect(engine.call('bundles.import', { base64: b64(badDoc) })).rejects.toMatchObject({ code: 'bundle_invalid', message: expect.stringContaining('workflows/b.json') });
      const newer = zipSync({ 'manifest.json': strToU8(JSON.stringify({ format: 'patchbay-bundle', formatVersion: 99, exportedAt: 'x' })) });
      await expect(engine.call('bundles.import', { base64: b64(newer) })).rejects.toMatchObject({ message: expect.stringContaining('newer Patchbay') });
      expect(await engine.call('workflows.list', {})).toEqual([]);
    });
  });

  it('refuses a zip bomb by its declared size', async () => {
    await withEngine(async (engine) => {
      const big = new Uint8Array(60 * 1024 * 1024);
      const bomb = zipSync({ 'manifest.json': strToU8('{}'), 'workflows/x.json': big }, { level: 9 });
      await expect(engine.call('bundles.import', { base64: b64(bomb) })).rejects.toMatchObject({ code: 'bundle_too_large' });
    });
  });

  it('refuses many directory entries pointing at the same stored bytes before unpacking them all', async () => {
    await withEngine(async (engine) => {
      const data = Buffer.from(JSON.stringify({ id: 'a', name: 'A', doc: 'x'.repeat(4_000_000) }));
      const first = Buffer.from('workflows/w0.json');
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt32LE(data.length, 18);
      local.writeUInt32LE(data.length, 22);
      local.writeUInt16LE(first.length, 26);
      const head = Buffer.concat([local, first, data]);
      const entries = Array.from({ length: 200 }, (_, i) => {
        const name = Buffer.from(`workflows/w${i}.json`);
        const cd = Buffer.alloc(46);
        cd.writeUInt32LE(0x02014b50, 0);
        cd.writeUInt16LE(20, 4);
        cd.writeUInt16LE(20, 6);
        cd.writeUInt32LE(data.length, 20);
        cd.writeUInt32LE(data.length, 24);
        cd.writeUInt16LE(name.length, 28);
        return Buffer.concat([cd, name]);
      });
      const directory = Buffer.concat(entries);
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(entries.length, 8);
      end.writeUInt16LE(entries.length, 10);
      end.writeUInt32LE(directory.length, 12);
      end.writeUInt32LE(head.length, 16);
      const zip = Buffer.concat([head, directory, end]);
      await expect(engine.call('bundles.import', { base64: zip.toString('base64') })).rejects.toMatchObject({ code: 'bundle_too_large' });
    });
  });

  it('removes copies of stored connection secrets wherever they appear in a document', async () => {
    await withEngine(async (engine) => {
      await engine.call('connections.save', { name: 'Vendor', kind: 'your_app', values: { baseUrl: 'http://127.0.0.1:1', apiKey: 'STOREDsecret998877' } });
      const wf = await engine.call('workflows.create', {
        name: 'Leaky',
        doc: {
          name: 'Leaky',
          blocks: [
            { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
            { id: 'call', kind: 'http_request', config: { url: 'https://api.example.com/x?key=STOREDsecret998877', headers: { 'X-Auth': 'STOREDsecret998877' } } },
            { id: 'code', kind: 'custom_code', config: { code: 'const KEY = "STOREDsecret998877";\nexport function run(i) { return i; }', language: 'js' } },
          ],
          edges: [],
        },
      });
      const result = await engine.call('bundles.export', { workflowIds: [wf.id] });
      expect(unpacked(result.base64)).toContain('api.example.com');
      expect(unpacked(result.base64)).not.toContain('STOREDsecret998877');
      expect(result.scrubbed.map((s) => s.path).sort()).toEqual(['config.code', 'config.headers.X-Auth', 'config.url']);
    });
  });
});
