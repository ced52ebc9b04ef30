import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, jsonDepthExceeds, parseJson } from '../../engine/api/safe-json';
import { startBridge, type Bridge } from '../../engine/host/bridge';
import { codeCommand } from '../../engine/host/cli/code';
import type { CliCommand, CliIo } from '../../engine/host/cli/command';
import { printError } from '../../engine/host/cli/io';
import { mapCommand } from '../../engine/host/cli/map';
import { mappingCommand } from '../../engine/host/cli/mapping';
import { runCommand } from '../../engine/host/cli/run';
import { tempDir, testDatabase, type TestEngineDatabase } from '../../engine/testing/temp-engine';

// JSON nested 5,000 levels deep once ended in 500 `internal` "Maximum call stack size exceeded"
// (issue 14). Wherever JSON enters, it is now refused with `json_too_deep`, a 400 on the bridge.
const DEEP = `${'['.repeat(5000)}${']'.repeat(5000)}`;
const deepObject = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

describe('the shared depth-limited parse', () => {
  it('accepts data at the limit and refuses one level more, without recursion', () => {
    expect(parseJson(deepObject(MAX_JSON_DEPTH), 'x')).toBeTypeOf('object');
    expect(() => parseJson(deepObject(MAX_JSON_DEPTH + 1), 'The sample')).toThrow(
      expect.objectContaining({ code: 'json_too_deep', message: expect.stringMatching(/^The sample is nested more than 256 levels deep/) }),
    );
    expect(jsonDepthExceeds(JSON.parse(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`))).toBe(true);
    expect(jsonDepthExceeds([{ a: [1, 2, { b: null }] }, 'text'])).toBe(false);
  });
});

describe('deep JSON through the bridge', () => {
  let bridge: Bridge;
  let db: TestEngineDatabase;
  const dir = tempDir();
  beforeAll(async () => {
    db = await testDatabase();
    bridge = await startBridge({ dataDir: dir.path, ...db.option });
  });
  afterAll(async () => {
    await bridge.close();
    await db.drop();
    dir.remove();
  });

  const post = async (method: string, body: string): Promise<{ status: number; body: { code?: string; message?: string } }> => {
    const res = await fetch(`http://127.0.0.1:${bridge.port}/api/call/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json' },
      body,
    });
    return { status: res.status, body: (await res.json()) as { code?: string; message?: string } };
  };

  it.each([
    ['code.run input', 'code.run', `{"code":"export function run(i) { return 1; }","language":"js","input":${DEEP}}`],
    ['a workflow document', 'workflows.create', `{"name":"Deep","doc":{"name":"Deep","blocks":[],"edges":[],"notes":${DEEP}}}`],
    ['sample records for typings', 'code.typings', `{"sample":${DEEP}}`],
    ['sample records for a mapping preview', 'mapping.preview', `{"rules":[],"sample":[${DEEP}]}`],
  ])('refuses %s with 400 json_too_deep', async (_name, method, body) => {
    const r = await post(method, body);
    expect(r).toMatchObject({ status: 400, body: { code: 'json_too_deep', message: expect.stringMatching(/request body is nested more than 256 levels deep/) } });
  });

  it('refuses a bundle whose entry is nested too deep, importing nothing', async () => {
    const zip = zipSync({ 'manifest.json': strToU8(deepObject(5000)) });
    const r = await post('bundles.import', JSON.stringify({ base64: Buffer.from(zip).toString('base64') }));
    // Bundles keep their own stricter limit (64, engine/bundle/canonical.ts) with the bundle's code, not a stack overflow.
    expect(r).toMatchObject({ status: 422, body: { code: 'bundle_invalid' } });
    expect((await post('integrations.list', '{}')).body).toEqual([]);
    expect((await post('workflows.list', '{}')).body).toEqual([]);
  });

  it('refuses a spreadsheet whose default cell holds deep JSON', async () => {
    const csv = `target,source,transform,default\nx,a,,"${deepObject(5000).replace(/"/g, '""')}"\n`;
    const r = await post('mapping.import', JSON.stringify({ fileName: 'sheet.csv', content: Buffer.from(csv).toString('base64') }));
    expect(r).toMatchObject({ status: 400, body: { code: 'json_too_deep', message: expect.stringMatching(/default cell of row 2/) } });
  });
});

describe('deep JSON through the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-deep-json-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  // What main() does: a thrown error becomes one JSON line on stderr and exit code 1.
  async function cli(command: CliCommand, argv: string[]): Promise<{ exit: number; error: { code?: string; message?: string } }> {
    let stderr = '';
    const io: CliIo = { stdout: () => undefined, stderr: (t) => void (stderr += t), cwd: dir, env: { PATCHBAY_DATA_DIR: join(dir, 'data') } };
    let exit: number;
    try {
      exit = await command.run(argv, io);
    } catch (e) {
      exit = printError(io, e);
    }
    return { exit, error: stderr ? (JSON.parse(stderr) as { code?: string }) : {} };
  }

  it.each([
    ['code run --input FILE', () => [codeCommand, ['run', '--file', file('code.js', 'export function run() { return 1; }'), '--input', file('input.json', DEEP)]] as const],
    ['run --input JSON', () => [runCommand, [file('wf.json', '{"name":"x","blocks":[],"edges":[]}'), '--input', DEEP, '--data-dir', join(dir, 'data')]] as const],
    ['map --input records', () => [mapCommand, ['--mapping', file('rules.json', '[]'), '--input', file('records.json', `[${DEEP}]`)]] as const],
    ['mapping suggest --sample', () => [mappingCommand, ['suggest', '--mapping', file('rules2.json', '[]'), '--sample', file('sample.json', `[${DEEP}]`), '--targets', file('t.json', '["x"]')]] as const],
    ['a mapping rules file', () => [mapCommand, ['--mapping', file('deep-rules.json', DEEP), '--input', file('one.json', '[{}]')]] as const],
  ])('refuses %s with json_too_deep', async (_name, make) => {
    const [command, argv] = make();
    const r = await cli(command, [...argv]);
    expect(r).toMatchObject({ exit: 1, error: { code: 'json_too_deep', message: expect.stringMatching(/nested more than 256 levels deep/) } });
  });
});
