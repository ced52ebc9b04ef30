import { describe, expect, it } from 'vitest';
import { run } from './backfill';

// A smoke test of the suite's shape (figures from a quick run mean nothing, so none are asserted).
describe('backfill bench', () => {
  it('reports both pipelines, peak RSS (and its growth from a fifth of the orders) and the API latency, with ratios against the hand-written one, and the API latency while a run computes one long step', async () => {
    const results = await run({ json: true, quick: true, args: ['--orders', '120'] });
    expect(results.map((r) => r.unit)).toEqual(['orders/s', 'orders/s', 'MB', 'MB', 'MB', 'MB', 'ms', 'ms', 'ms', 'ms', 'ms', 'ms']);
    expect(results[0]?.ratio).toBeNull();
    expect(results[1]?.ratio).toBeGreaterThan(0);
    expect(results[5]?.ratio).toBeGreaterThan(0);
  }, 120_000);
});
