import { describe, expect, it } from 'vitest';
import { run } from './code';

// A smoke test of the suite's shape (figures from a quick run mean nothing, so none are asserted).
describe('code bench', () => {
  it('reports the baseline, every transport, the goal ratio and the time breakdown', async () => {
    const results = await run({ json: true, quick: true });
    expect(results[0]).toMatchObject({ name: expect.stringMatching(/plain JS/), unit: 'records/s', ratio: null });
    expect(results.filter((r) => r.unit === 'records/s').length).toBeGreaterThanOrEqual(10);
    expect(results.every((r) => Number.isFinite(r.value) && r.value >= 0)).toBe(true);
    expect(results.find((r) => r.name.startsWith('goal:'))?.value).toBeGreaterThan(0);
    expect(results.filter((r) => r.unit === 'µs/record').length).toBeGreaterThanOrEqual(9);
  }, 120_000);
});
