import { describe, expect, it } from 'vitest';
import { run } from './workers';

// A smoke test of the suite's shape (figures from a quick run mean nothing, so none are asserted).
describe('workers bench', () => {
  it('reports orders/s with the scaling ratio against 1 worker, queue latency p50/p95 and commits per order for 1, 2 and 4 workers', async () => {
    const results = await run({ json: true, quick: true, args: ['--orders', '60', '--installations', '2'] });
    expect(results.map((r) => r.unit)).toEqual(Array.from({ length: 3 }, () => ['orders/s', 'ms', 'ms', 'commits']).flat());
    expect(results[0]?.ratio).toBeNull();
    // The production runner as deployed: the figures are PostgreSQL's unless --database sqlite asks otherwise.
    expect(results[0]?.name).toContain('on PostgreSQL');
    expect(results[4]?.ratio).toBeGreaterThan(0);
    expect(results[3]?.value).toBeGreaterThan(0);
  }, 180_000);
});
