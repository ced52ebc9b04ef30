import { describe, expect, it } from 'vitest';
import { run } from './journal';

// A smoke test of the suite's shape (figures from a quick run mean nothing, so none are asserted).
describe('journal bench', () => {
  it('reports the per-item floor and the journal with a ratio', async () => {
    const results = await run({ json: true, quick: true });
    expect(results.map((r) => r.unit)).toEqual(['items/cpu-s', 'items/cpu-s']);
    expect(results[0]?.ratio).toBeNull();
    expect(results[1]?.ratio).toBeGreaterThan(0);
  });
});
