import { describe, expect, it } from 'vitest';
import { acceptToFilters } from './desktop';

describe('native dialog filters from an accept list', () => {
  it('offers the same file types the browser picker would', () => {
    expect(acceptToFilters('.patchbay, .zip')).toEqual([{ name: '.patchbay, .zip', extensions: ['patchbay', 'zip'] }]);
    expect(acceptToFilters('text/csv')).toEqual([]);
  });
});
