import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeCommand } from './code';
import { main } from './main';
import type { CliIo } from './command';

const dir = mkdtempSync(join(tmpdir(), 'patchbay-code-cli-'));
writeFileSync(join(dir, 'order.ts'), 'interface PO { tranId: string; lines: { qty: number }[] }\nexport function run(po: PO) {\n  console.log("po", po.tranId);\n  return { id: po.tranId, qty: po.lines.reduce((s, l) => s + l.qty, 0) };\n}\n');
writeFileSync(join(dir, 'input.json'), JSON.stringify({ tranId: 'PO-1', lines: [{ qty: 2 }, { qty: 5 }] }));
writeFileSync(join(dir, 'bad.js'), 'export function run(x) {\n  return x.nope.deeper;\n}\n');
writeFileSync(join(dir, 'spin.js'), 'export function run() { for (;;) {} }\n');

async function cli(argv: string[]): Promise<{ exit: number; out: unknown; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dir, env: {} };
  // Through main, as bin/patchbay does, once the command is registered there.
  const registered = (await main(['help'], { ...io, stdout: (t) => void (out += t) })) === 0 && out.includes('patchbay code');
  out = '';
  const exit = registered ? await main(['code', ...argv], io) : await codeCommand.run(argv, io).catch(() => 1);
  return { exit, out: out ? (JSON.parse(out) as unknown) : null, err };
}

describe('patchbay code', () => {
  it('runs a TypeScript file on a JSON input and prints ok, output and console', async () => {
    const r = await cli(['run', '--file', 'order.ts', '--input', 'input.json']);
    expect(r.exit).toBe(0);
    expect(r.out).toEqual({ ok: true, output: { id: 'PO-1', qty: 7 }, console: [{ level: 'log', text: 'po PO-1' }], error: null });
  });

  it('exits non-zero with the error code and the user’s line', async () => {
    const r = await cli(['run', '--file', 'bad.js', '--input', 'input.json']);
    expect(r.exit).toBe(1);
    expect(r.out).toMatchObject({ ok: false, error: { code: 'code_runtime_error', line: 2 } });
  });

  it('applies --timeout-ms and refuses limits out of range', async () => {
    const r = await cli(['run', '--file', 'spin.js', '--timeout-ms', '200']);
    expect(r.out).toMatchObject({ ok: false, error: { code: 'code_timeout' } });
    await expect(codeCommand.run(['run', '--file', 'spin.js', '--memory-mb', '4096'], { stdout: () => undefined, stderr: () => undefined, cwd: dir, env: {} })).rejects.toThrow(
      /--memory-mb must be between/,
    );
  });

  it('checks a file without running it', async () => {
    writeFileSync(join(dir, 'syntax.ts'), 'export function run() {\n  return {;\n}\n');
    const r = await cli(['check', '--file', 'syntax.ts']);
    expect(r.exit).toBe(1);
    expect(r.out).toMatchObject({ ok: false, error: { code: 'code_syntax_error', line: 2 } });
  });
});
