import { afterAll, describe, expect, it } from 'vitest';
import { isPatchbayError } from '../../../errors/patchbay-error';
import { validateWorkflow } from '../../../model/validate';
import { emptyWorkflow } from '../../../model/workflow';
import { createSandbox } from '../../../sandbox/sandbox';
import { sandboxServiceKey } from './sandbox-service';
import { ServiceRegistry } from '../../services';
import { customCodeBlock, customCodeConfigSchema } from './custom-code';
import { triggerBlock } from '../trigger/trigger';
import type { BlockContext } from '../types';

const sandbox = createSandbox();
afterAll(() => sandbox.dispose());

function blockContext(logs: Array<[string, string]> = []): BlockContext {
  const services = new ServiceRegistry();
  services.provide(sandboxServiceKey, sandbox);
  return {
    runId: 'run_1',
    blockId: 'transform',
    iteration: null,
    mode: 'test',
    signal: new AbortController().signal,
    installation: { id: 'inst_1', customerName: 'Acme', config: { apiToken: 'secret-token' }, connections: {} },
    services,
    idempotencyKey: 'run_1:transform:-',
    log: (level, message) => logs.push([level, message]),
    setVariable: () => undefined,
  };
}

function config(raw: Record<string, unknown>) {
  return customCodeConfigSchema.parse({ ...customCodeBlock.defaultConfig, ...raw });
}

describe('custom_code block', () => {
  it('runs the default code as an identity and journals console lines in its output', async () => {
    const logs: Array<[string, string]> = [];
    const idle = await customCodeBlock.execute(config({ input: { a: 1 } }), blockContext(logs));
    expect(idle).toEqual({ output: { result: { a: 1 }, console: [] } });
    const out = await customCodeBlock.execute(
      config({ input: { po: 'PO-7' }, code: 'export function run(i: { po: string }, ctx) { console.warn("mapping", i.po); return { id: i.po, customer: ctx.installation.customerName }; }' }),
      blockContext(logs),
    );
    expect(out).toEqual({ output: { result: { id: 'PO-7', customer: 'Acme' }, console: [{ level: 'warn', text: 'mapping PO-7' }] } });
    expect(logs).toEqual([['warn', 'mapping PO-7']]);
  });

  it('never shows installation config (where secrets may live) to user code', async () => {
    const out = await customCodeBlock.execute(config({ code: 'export const run = (_i, ctx) => JSON.stringify(ctx);' }), blockContext());
    const text = JSON.stringify(out.output);
    expect(text).toContain('Acme');
    expect(text).not.toContain('secret-token');
  });

  it('fails the step with the sandbox code, the user line and the console in details', async () => {
    const failing = config({ code: 'export function run() {\n  console.log("about to fail");\n  throw new Error("no vendor");\n}' });
    const error = await customCodeBlock.execute(failing, blockContext()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isPatchbayError(error)).toBe(true);
    if (!isPatchbayError(error)) return;
    expect(error.code).toBe('code_runtime_error');
    expect(error.message).toBe('Error: no vendor (line 3, column 9)');
    expect(error.details).toEqual({ line: 3, column: 9, console: [{ level: 'log', text: 'about to fail' }] });
  });

  it('runs batch mode over an array input', async () => {
    const out = await customCodeBlock.execute(config({ input: [1, 2, 3], batch: true, code: 'export const run = (n: number, _c: unknown, i: number) => n * 100 + i;' }), blockContext());
    expect(out).toEqual({ output: { result: [100, 201, 302], console: [] } });
  });

  it('refuses a syntax error and out-of-range limits when the workflow is validated', () => {
    const doc = emptyWorkflow('Order transform');
    doc.blocks.push({ id: 'code', kind: 'custom_code', name: 'Code', config: { ...customCodeBlock.defaultConfig, code: 'export function run( {', timeoutMs: 999_999 }, position: { x: 0, y: 0 } });
    doc.edges.push({ id: 'e1', from: 'trigger', to: 'code', port: 'out' });
    const catalog = (kind: string) => (kind === 'custom_code' ? customCodeBlock : kind === 'trigger' ? triggerBlock : undefined);
    const result = validateWorkflow(doc, catalog);
    const codeIssues = result.issues.filter((i) => i.blockId === 'code').map((i) => i.message);
    expect(codeIssues.some((m) => /timeoutMs/.test(m))).toBe(true);
    expect(codeIssues.some((m) => /code_syntax_error at line 1/.test(m))).toBe(true);
    const fixed = emptyWorkflow('Order transform');
    fixed.blocks.push({ id: 'code', kind: 'custom_code', name: 'Code', config: { ...customCodeBlock.defaultConfig }, position: { x: 0, y: 0 } });
    fixed.edges.push({ id: 'e1', from: 'trigger', to: 'code', port: 'out' });
    expect(validateWorkflow(fixed, catalog).issues).toEqual([]);
  });
});
