import { describe, expect, it } from 'vitest';
import { run } from './runloop';

// A smoke test of the suite's shape (figures from a quick run mean nothing, so none are asserted).
describe('runloop bench', () => {
  it('reports the baseline and the run loop with a ratio', async () => {
    const results = await run({ json: true, quick: true });
    expect(results.map((r) => r.unit)).toEqual(['rows/cpu-s', 'steps/cpu-s']);
    expect(results[0]?.ratio).toBeNull();
    expect(results[1]?.ratio).toBeGreaterThan(0);
  });
});
