import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ServiceRegistry } from '../../services';
import { mapFieldsBlock } from './map-fields';
import type { BlockContext } from '../types';

const orders = JSON.parse(readFileSync(new URL('../../../../resources/samples/seed-purchase-orders.json', import.meta.url), 'utf8')) as Record<string, unknown>[];

function context(logs: string[] = []): BlockContext {
  return {
    runId: 'run-1',
    blockId: 'map',
    iteration: null,
    mode: 'test',
    signal: new AbortController().signal,
    installation: null,
    services: new ServiceRegistry(),
    idempotencyKey: 'run-1:map',
    log: (_level, message) => logs.push(message),
    setVariable: () => undefined,
  };
}

const rules = [
  { id: 'no', target: 'external_order_id', source: 'tranId' },
  { id: 'qty', target: 'lineItems[*].quantity', source: 'item.items[*].quantity', transforms: [{ name: 'integer' }] },
  { id: 'first', target: 'first_name', source: 'entity.refName', transforms: [{ name: 'splitName', args: ['first'] }] },
];

const parse = (config: unknown) => mapFieldsBlock.configSchema.parse(config);

describe('Map Fields block', () => {
  it('accepts its raw config with an input template and checks the rules statically', () => {
    expect(mapFieldsBlock.rawConfigKeys).toEqual(['rules', 'mapping']);
    expect(() => parse({ input: '{{ steps.fetch.output.items }}', rules })).not.toThrow();
    // A block naming a shared mapping carries no rules of its own until a run binds them.
    expect(parse({ input: '{{ steps.fetch.output.items }}', mapping: 'PO → order' })).toMatchObject({ mapping: 'PO → order', rules: [] });
    const bad = mapFieldsBlock.configSchema.safeParse({ input: '{{ x }}', rules: [...rules, { id: 'b', target: 'x', source: 'a[*' }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['rules', 3]);
    expect(bad.error?.issues[0]?.message).toContain('rule "b"');
  });

  it('maps a list of records and reports errors per record', async () => {
    const broken = structuredClone(orders);
    ((broken[1]?.item as { items: Record<string, unknown>[] }).items[0] as Record<string, unknown>).quantity = 'many';
    const logs: string[] = [];
    const out = await mapFieldsBlock.execute(parse({ input: broken, rules, onError: 'fail_record' }), context(logs));
    const result = out.output as { records: Record<string, unknown>[]; errors: { recordIndex: number; code: string }[]; failed: number[] };
    expect(result.records).toHaveLength(orders.length - 1);
    expect(result.failed).toEqual([1]);
    expect(result.errors).toMatchObject([{ recordIndex: 1, code: 'mapping_not_a_number' }]);
    expect(logs[0]).toContain('1 mapping error');

    const lenient = await mapFieldsBlock.execute(parse({ input: broken, rules, onError: 'null_field' }), context());
    const kept = lenient.output as { records: { lineItems: { quantity: unknown }[] }[] };
    expect(kept.records).toHaveLength(orders.length);
    expect(kept.records[1]?.lineItems[0]?.quantity).toBeNull();
  });

  it('maps one record to { record, errors } and fails the step when the record fails', async () => {
    const one = await mapFieldsBlock.execute(parse({ input: orders[0], rules }), context());
    expect(one.output).toMatchObject({ record: { external_order_id: orders[0]?.tranId }, errors: [] });
    const bad = { ...orders[0], item: { items: [{ quantity: 1.5 }] } };
    await expect(mapFieldsBlock.execute(parse({ input: bad, rules }), context())).rejects.toMatchObject({ code: 'mapping_record_failed' });
  });

  it('says what to do when the input is missing or not records', async () => {
    await expect(mapFieldsBlock.execute(parse({ input: '', rules }), context())).rejects.toMatchObject({ code: 'mapping_bad_input' });
    await expect(mapFieldsBlock.execute(parse({ input: 42, rules }), context())).rejects.toMatchObject({ code: 'mapping_bad_input' });
  });
  it('leaves a malformed record out and names it by its NetSuite id', async () => {
    const logs: string[] = [];
    const config = parse({ input: [{ id: '1041', n: '1' }, { id: '1042', n: 'twelve' }], rules: [{ id: 'n', target: 'n', source: 'n', transforms: [{ name: 'integer' }] }] });
    const { output } = (await mapFieldsBlock.execute(config, context(logs))) as { output: { records: unknown[]; failed: number[] } };
    expect(output.records).toEqual([{ n: 1 }]);
    expect(output.failed).toEqual([1]);
    expect(logs.join('\n')).toMatch(/record\(s\) 1042/);
  });
});
