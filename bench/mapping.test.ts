import { describe, expect, it } from 'vitest';
import { purchaseOrders } from '../engine/mapping/fixtures/purchase-orders';
import { checkEquivalent, run } from './mapping';

describe('mapping bench', () => {
  it('maps the same orders to the same JSON three ways', async () => {
    await expect(checkEquivalent(purchaseOrders(300, 99))).resolves.toBeUndefined();
  });

  it('reports records/s for the baseline, the compiled mapping and JSONata (quick mode)', async () => {
    const results = await run({ json: true, quick: true });
    expect(results.map((r) => r.name)).toEqual([
      'hand-written JS (baseline), 5,000 orders',
      'Patchbay compiled mapping, 5,000 orders',
      'JSONata, 5,000 orders',
      'goal: compiled mapping / hand-written (>= 0.5)',
    ]);
    for (const r of results.slice(0, 3)) {
      expect(r.unit).toBe('records/s');
      expect(r.value).toBeGreaterThan(0);
    }
    expect(results[0]?.ratio).toBeNull();
    expect(results[1]?.ratio).toBeGreaterThan(0);
  }, 120_000);
});
