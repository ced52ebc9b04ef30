import { describe, expect, it } from 'vitest';
import { parseLooseJson, toLooseJson } from './format';
import { hrefs, readManagerRoute } from './routes';

describe('installation routes and config values', () => {
  it('reads the pages it owns and leaves the workflow routes to the app', () => {
    expect(readManagerRoute(hrefs.installation('in st/1'))).toEqual({ page: 'installation', id: 'in st/1' });
    expect(readManagerRoute(hrefs.userVersion('f1'))).toEqual({ page: 'userVersion', id: 'f1' });
    expect(readManagerRoute('#/integrations')).toEqual({ page: 'integrations' });
    expect(readManagerRoute('#/w/abc')).toBeNull();
    expect(readManagerRoute('#/')).toBeNull();
  });

  it('keeps config values as typed: JSON when it is JSON, text otherwise, and round-trips both', () => {
    expect(parseLooseJson('42')).toBe(42);
    expect(parseLooseJson('{"a":1}')).toEqual({ a: 1 });
    expect(parseLooseJson('eu-west')).toBe('eu-west');
    for (const v of ['42', 'true', 'eu-west', 7, { a: [1] }, '']) expect(parseLooseJson(toLooseJson(v))).toEqual(v);
  });
});
