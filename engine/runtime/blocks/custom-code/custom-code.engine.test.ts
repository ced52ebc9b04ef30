import { describe, expect, it } from 'vitest';
import { withEngine } from '../../../testing/temp-engine';
import type { WorkflowDocInput } from '../../../model/workflow';

// The Custom Code block inside a real engine: its output and console are journaled with the
// step, a failing program fails the run with the sandbox's code, and the engine keeps working.
function workflow(code: string, extra: Record<string, unknown> = {}): WorkflowDocInput {
  return {
    name: 'Code in a run',
    blocks: [
      { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
      { id: 'transform', kind: 'custom_code', config: { code, language: 'ts', input: '{{ trigger.input.orders }}', ...extra } },
    ],
    edges: [{ id: 'e1', from: 'trigger', to: 'transform', port: 'out' }],
  };
}

const orders = [
  { tranId: 'PO1', lines: [{ qty: 2 }, { qty: 3 }] },
  { tranId: 'PO2', lines: [{ qty: 1 }] },
];

describe('custom_code in the run loop', () => {
  it('journals result and console, fails with the sandbox code, and runs again afterwards', async () => {
    await withEngine(async (engine) => {
      const ok = await engine.call('runs.start', {
        doc: workflow('export function run(o: { tranId: string; lines: { qty: number }[] }) {\n  console.log("po", o.tranId);\n  return { id: o.tranId, qty: o.lines.reduce((s, l) => s + l.qty, 0) };\n}', { batch: true }),
        input: { orders },
        wait: true,
      });
      expect(ok.status).toBe('succeeded');
      const steps = await engine.call('runs.steps', { runId: ok.id });
      expect(steps.find((s) => s.blockId === 'transform')?.output).toEqual({
        result: [
          { id: 'PO1', qty: 5 },
          { id: 'PO2', qty: 1 },
        ],
        console: [
          { level: 'log', text: 'po PO1' },
          { level: 'log', text: 'po PO2' },
        ],
      });

      const spin = await engine.call('runs.start', { doc: workflow('export function run() { for (;;) {} }', { timeoutMs: 200 }), input: { orders }, wait: true });
      expect(spin.status).toBe('failed');
      const failed = (await engine.call('runs.steps', { runId: spin.id })).find((s) => s.blockId === 'transform');
      expect(failed?.error?.code).toBe('code_timeout');

      const again = await engine.call('runs.start', { doc: workflow('export const run = (o: unknown[]) => o.length;'), input: { orders }, wait: true });
      expect(again.status).toBe('succeeded');
      expect((await engine.call('runs.steps', { runId: again.id })).find((s) => s.blockId === 'transform')?.output).toEqual({ result: 2, console: [] });
    });
  });
});
