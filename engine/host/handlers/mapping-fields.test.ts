import { describe, expect, it } from 'vitest';
import { demoConnectionIds } from '../../connections/demo-sandbox';
import { withEngine } from '../../testing/temp-engine';

// The visual mapper's field sources, over the contract, against the Demo sandbox simulators.

describe('mapping field sources', () => {
  it('lists the account fields with their labels, fetches sample orders and reads Your App\'s OpenAPI', () => withEngine(async (engine) => {
    const { fields } = await engine.call('mapping.sourceFields', { connectionId: demoConnectionIds.netsuite });
    const byPath = new Map(fields.map((f) => [f.path, f]));
    expect(byPath.get('tranId')?.label).toBe('PO #');
    expect(byPath.get('entity.refName')?.label).toBe('Vendor');
    expect(byPath.get('item.items[*].rate')).toMatchObject({ label: 'Rate', type: 'number' });
    const custom = fields.filter((f) => f.custom);
    expect(custom.length).toBeGreaterThan(0);
    expect(custom.every((f) => f.label && !f.label.startsWith('cust'))).toBe(true);

    const { records } = await engine.call('mapping.sampleRecords', { connectionId: demoConnectionIds.netsuite, limit: 3 });
    expect(records).toHaveLength(3);
    expect(records[0]).toHaveProperty('tranId');

    const target = await engine.call('mapping.targetFields', { connectionId: demoConnectionIds.yourApp });
    expect(target.fields.find((f) => f.path === 'external_order_id')).toMatchObject({ required: true, type: 'string', label: 'Order ID' });
    expect(target.fields.find((f) => f.path === 'lineItems[*].sku')).toMatchObject({ required: true });
    expect(target.fields.find((f) => f.path === 'vendor.email')?.required).toBeUndefined();
  }, { demoSandbox: true }));

  it('says plainly when a schema is not JSON or not a schema', () => withEngine(async (engine) => {
    await expect(engine.call('mapping.targetFields', { document: '{not json' })).rejects.toMatchObject({ code: 'mapping_schema_invalid', message: 'The schema is not valid JSON.' });
    await expect(engine.call('mapping.targetFields', { document: '[1,2]' })).rejects.toMatchObject({ code: 'mapping_schema_invalid' });
    const ok = await engine.call('mapping.targetFields', { document: JSON.stringify({ type: 'object', required: ['a'], properties: { a: { type: 'integer' }, b: { type: 'array', items: { type: 'object', properties: { c: { type: 'string' } } } } } }) });
    expect(ok.fields).toEqual([{ path: 'a', type: 'integer', required: true }, { path: 'b[*].c', type: 'string' }]);
  }));
});
