import { describe, expect, it } from 'vitest';
import { blockCatalog } from './blocks/registry';
import { validateWorkflow } from '../model/validate';

const trigger = { id: 'trigger', kind: 'trigger', config: { type: 'manual' } };

function codes(doc: unknown): { blockId: string | null; code: string }[] {
  return validateWorkflow(doc, blockCatalog).issues.map((i) => ({ blockId: i.blockId, code: i.code }));
}

describe('validateWorkflow', () => {
  it('accepts a valid workflow', () => {
    const doc = { name: 'ok', blocks: [trigger, { id: 'log', kind: 'log', config: { message: '{{ trigger.input.x }}' } }], edges: [{ id: 'e', from: 'trigger', to: 'log' }] };
    expect(validateWorkflow(doc, blockCatalog).ok).toBe(true);
  });

  it('lists every problem by block id', () => {
    const doc = {
      name: 'bad',
      blocks: [
        { id: 'a', kind: 'log', config: { message: '{{ steps.ghost.output }}' } },
        { id: 'b', kind: 'teleport', config: {} },
        { id: 'c', kind: 'http_request', config: { url: '' } },
        { id: 'd', kind: 'log', config: { message: '{{ item.sku }}' } },
      ],
      edges: [{ id: 'e1', from: 'a', to: 'nowhere' }],
    };
    expect(codes(doc)).toEqual(expect.arrayContaining([
      { blockId: null, code: 'missing_trigger' },
      { blockId: 'a', code: 'unknown_reference' },
      { blockId: 'b', code: 'unknown_block_kind' },
      { blockId: 'c', code: 'invalid_config' },
      { blockId: 'd', code: 'reference_outside_loop' },
      { blockId: 'a', code: 'dangling_edge' },
    ]));
  });

  it('finds cycles outside For Each', () => {
    const doc = {
      name: 'cycle',
      blocks: [trigger, { id: 'a', kind: 'log', config: { message: 'a' } }, { id: 'b', kind: 'log', config: { message: 'b' } }],
      edges: [{ id: 'e1', from: 'trigger', to: 'a' }, { id: 'e2', from: 'a', to: 'b' }, { id: 'e3', from: 'b', to: 'a' }],
    };
    expect(codes(doc)).toContainEqual({ blockId: null, code: 'cycle' });
  });

  it('allows {{ item }} inside a For Each body and refuses a wrong port', () => {
    const doc = {
      name: 'loop',
      blocks: [trigger, { id: 'loop', kind: 'for_each', config: { items: '{{ trigger.input.list }}' } }, { id: 'each', kind: 'log', config: { message: '{{ item }}' } }],
      edges: [{ id: 'e1', from: 'trigger', to: 'loop' }, { id: 'e2', from: 'loop', port: 'each', to: 'each' }, { id: 'e3', from: 'each', port: 'true', to: 'loop' }],
    };
    const found = codes(doc);
    expect(found).not.toContainEqual({ blockId: 'each', code: 'reference_outside_loop' });
    expect(found).toContainEqual({ blockId: 'each', code: 'bad_port' });
  });

  it('reports schema errors with the block id', () => {
    const r = validateWorkflow({ name: 'x', blocks: [{ id: 'has space', kind: 'log' }] }, blockCatalog);
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.code).toBe('schema');
    expect(r.issues[0]?.path).toBe('blocks.0.id');
  });

  it('refuses a schedule with a malformed cron or with neither interval nor cron', () => {
    const withTrigger = (config: Record<string, unknown>) => ({ name: 's', blocks: [{ id: 'trigger', kind: 'trigger', config }], edges: [] });
    expect(codes(withTrigger({ type: 'schedule', cron: 'every 5 minutes' }))).toContainEqual({ blockId: 'trigger', code: 'invalid_config' });
    expect(codes(withTrigger({ type: 'schedule' }))).toContainEqual({ blockId: 'trigger', code: 'invalid_config' });
    expect(validateWorkflow(withTrigger({ type: 'schedule', cron: '*/15 * * * *' }), blockCatalog).ok).toBe(true);
  });

  it('warns about a block nothing leads to, without refusing the run', () => {
    const doc = { name: 'stray', blocks: [trigger, { id: 'stray', kind: 'log', config: { message: 'x' } }], edges: [] };
    const r = validateWorkflow(doc, blockCatalog);
    expect(r.ok).toBe(true);
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'warning', blockId: 'stray', code: 'unreachable' })]);
  });
});
