import { describe, expect, it } from 'vitest';
import { mappingRulesSchema } from '../mapping/rules';
import { blockCatalog } from '../runtime/blocks/registry';
import { bindMappings } from './bind-mappings';
import { workflowDocSchema } from './workflow';

const doc = workflowDocSchema.parse({
  name: 'Orders',
  blocks: [
    { id: 'trigger', kind: 'trigger', config: { type: 'manual' } },
    { id: 'shared', kind: 'map_fields', name: 'Map to Your App', config: { input: '{{ trigger.input }}', mapping: 'PO → order' } },
    { id: 'inline', kind: 'map_fields', config: { input: '{{ trigger.input }}', rules: [{ id: 'a', target: 'x', source: 'y' }] } },
  ],
});
const rules = mappingRulesSchema.parse([{ id: 'po_id_1', target: 'external_order_id', source: 'tranId' }]);

describe('binding shared mappings into a run', () => {
  it('puts the named mapping\'s rules into the block and leaves inline rules alone', () => {
    const { doc: bound, issues } = bindMappings(doc, new Map([['PO → order', rules]]), blockCatalog);
    expect(issues).toEqual([]);
    expect(bound.blocks[1]?.config).toMatchObject({ mapping: 'PO → order', rules });
    expect(bound.blocks[2]).toBe(doc.blocks[2]);
    // The stored mapping is never shared with the run's copy.
    expect(bound.blocks[1]?.config.rules).not.toBe(rules);
  });

  it('reports a name the set lacks on its block, naming what exists', () => {
    const { issues } = bindMappings(doc, new Map([['Invoices', rules]]), blockCatalog);
    expect(issues).toEqual([expect.objectContaining({ severity: 'error', blockId: 'shared', code: 'mapping_not_found', path: 'mapping' })]);
    expect(issues[0]?.message).toBe('"Map to Your App" uses the mapping "PO → order", which does not exist; choose one of: "Invoices".');
  });
});
