import { describe, expect, it } from 'vitest';
import { summarizeLarge } from './summarize';

describe('journal summaries', () => {
  it('keeps small values as they are and turns long lists into a count and samples', () => {
    const small = { orders: [{ id: 1 }, { id: 2 }], count: 2 };
    expect(summarizeLarge(small, 10)).toEqual({ value: small, summarized: false });
    expect(summarizeLarge(small, 10).value).toBe(small);

    const orders = Array.from({ length: 1000 }, (_, i) => ({ id: i }));
    const big = summarizeLarge({ input: { orders }, count: 1000 }, 100);
    expect(big.summarized).toBe(true);
    expect(big.value).toEqual({ input: { orders: { $summary: 'list', count: 1000, sample: [{ id: 0 }, { id: 1 }, { id: 2 }] } }, count: 1000 });
  });
});
