import { describe, expect, it } from 'vitest';
import { buildQuery, canonicalAccountId, netSuiteBaseUrl, signRequest } from './signing';

// Oracle's documented REST example (reference §1a, O:section_1534941088).
const oracle = {
  accountId: '123456',
  consumerKey: 'ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4',
  consumerSecret: 'd26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9e8b5',
  tokenId: '2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc',
  tokenSecret: 'c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295',
};

describe('TBA signing', () => {
  it('reproduces the reference test vector', () => {
    const { signature, authorization } = signRequest(
      oracle,
      'GET',
      'https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40',
      { nonce: 'fjaLirsIcCGVZWzBX0pg', timestamp: 1508242306 },
    );
    expect(signature).toBe('B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY=');
    expect(authorization).toContain('realm="123456"');
    expect(authorization).toContain('oauth_signature="B5OIWznZ2YP0OB7VrJrGkYsTh%2B8H%2B5T9Hag%2Bo92q0zY%3D"');
    expect(authorization).toContain('oauth_signature_method="HMAC-SHA256"');
  });

  it('signs query parameters: the same path with a different query gets a different signature', () => {
    const base = 'https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/purchaseOrder';
    const fixed = { nonce: 'abcdefghijklmnopqrst', timestamp: 1700000000 };
    const a = signRequest(oracle, 'GET', `${base}${buildQuery({ limit: 1000, offset: 0 })}`, fixed).signature;
    const b = signRequest(oracle, 'GET', `${base}${buildQuery({ limit: 1000, offset: 1000 })}`, fixed).signature;
    const c = signRequest(oracle, 'GET', base, fixed).signature;
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('uppercases the realm and derives the host from the account id', () => {
    const { authorization } = signRequest({ ...oracle, accountId: '1234567_sb1' }, 'GET', 'https://x.test/a');
    expect(authorization).toContain('realm="1234567_SB1"');
    expect(canonicalAccountId('1234567-sb1')).toBe('1234567_SB1');
    expect(netSuiteBaseUrl('1234567_SB1')).toBe('https://1234567-sb1.suitetalk.api.netsuite.com');
  });

  it('encodes queries per RFC 3986 (spaces as %20, quotes escaped)', () => {
    expect(buildQuery({ q: 'lastModifiedDate ON_OR_AFTER "3/1/2025"', limit: 5 })).toBe(
      '?q=lastModifiedDate%20ON_OR_AFTER%20%223%2F1%2F2025%22&limit=5',
    );
  });
});
