import { describe, expect, it } from 'vitest';
import { run } from './workers';

// A smoke test of the suite's shape (figures from a quick run mean nothing, so none are asserted).
describe('workers bench', () => {
  it('reports orders/s with the scaling ratio against 1 worker, queue latency p50/p95, commits per order, where the CPU went and what it predicts, for 1, 2 and 4 workers', async () => {
    const results = await run({ json: true, quick: true, args: ['--orders', '60', '--installations', '2'] });
    const cores = results[4]?.unit ?? '';
    expect(cores).toMatch(/^% of \d+ cores$/);
    expect(results.map((r) => r.unit)).toEqual(Array.from({ length: 3 }, () => ['orders/s', 'ms', 'ms', 'commits', cores, 'orders/s', 'orders/s', 'orders/s']).flat());
    expect(results[0]?.ratio).toBeNull();
    // The production runner as deployed: the figures are PostgreSQL's unless --database sqlite asks otherwise.
    expect(results[0]?.name).toContain('on PostgreSQL');
    expect(results[8]?.ratio).toBeGreaterThan(0);
    expect(results[3]?.value).toBeGreaterThan(0);
    // Where the cores went, by process: the server and the workers are processes of their own.
    expect(results[4]?.name).toMatch(/workers \d+%, server \d+%, PostgreSQL \d+%, Redis \d+%, simulators \d+%, bench \d+%, other processes \d+%/);
    expect(results[5]?.name).toContain('predicted on 4 cores');
    expect(results[6]?.name).toContain('predicted on 16 cores');
    expect(results[7]?.name).toContain("PostgreSQL's cap");
  }, 240_000);
});
