import { describe, expect, it } from 'vitest';
import { workflowDocSchema, type WorkflowDoc } from '../model/workflow';
import { orderSyncTemplate } from '../templates/order-sync';
import { stopBlockName } from './triggers';

function templateBackfill(): WorkflowDoc {
  const input = orderSyncTemplate.workflows().find((w) => w.name === 'Fetch Historical Orders');
  if (!input) throw new Error('the template has no backfill');
  return workflowDocSchema.parse(input);
}

describe('what holds a backfill back', () => {
  it('is the Stop block with blocks wired after it, as in the template', () => {
    expect(stopBlockName(templateBackfill())).toBe('Wait for the mapping');
  });

  it('is nothing once that Stop is removed, even if another Stop ends a branch', () => {
    const held = templateBackfill();
    const last = held.blocks.find((b) => !held.edges.some((e) => e.from === b.id) && b.id !== 'hold');
    const hold = held.blocks.find((b) => b.id === 'hold');
    if (!last || !hold) throw new Error('the backfill has no hold or no last block');
    const doc: WorkflowDoc = {
      ...held,
      blocks: [...held.blocks.filter((b) => b.id !== 'hold'), { ...hold, id: 'done', name: 'Done' }],
      edges: [
        ...held.edges.filter((e) => e.from !== 'hold' && e.to !== 'hold'),
        { id: 'e_trigger_fetch', from: 'trigger', to: 'fetch_orders', port: 'out' },
        { id: 'e_last_done', from: last.id, to: 'done', port: 'out' },
      ],
    };
    expect(stopBlockName(doc)).toBeNull();
  });
});
