import { describe, expect, it } from 'vitest';
import { applyMapping, type ManyOutput } from '../../../mapping/apply';
import { compileMappingCached } from '../../../mapping/compiled';
import { mapInSlices } from './map-in-slices';

describe('mapping a long list in slices', () => {
  it('gives the same records, errors and positions as mapping it in one go', async () => {
    const compiled = compileMappingCached([{ id: 'n', target: 'n', source: 'n', transforms: [{ name: 'integer' }] }]);
    const input = Array.from({ length: 650 }, (_, i) => ({ n: i === 301 || i === 640 ? 'not a number' : String(i) }));
    const sliced = (await mapInSlices(compiled, input, 'fail_record')) as ManyOutput;
    const whole = (await applyMapping(compiled, input, 'fail_record')) as ManyOutput;
    expect(sliced.failed).toEqual([301, 640]);
    expect(sliced.errors.map((e) => e.recordIndex)).toEqual([301, 640]);
    expect(sliced).toEqual(whole);
  });
});
