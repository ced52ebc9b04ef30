import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PATCHBAY_VERSION } from './version';

describe('PATCHBAY_VERSION', () => {
  it('is the version in package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(PATCHBAY_VERSION).toBe(pkg.version);
  });
});
