// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EngineCallError, toEngineCallError } from './errors';
import { createHttpTransport } from './http';
import { takeSessionToken } from './token';

afterEach(() => vi.unstubAllGlobals());

describe('client transports', () => {
  it('keeps the bridge token for the tab and strips it from the address bar', () => {
    window.history.replaceState(null, '', '/?token=s3cret#/w/abc');
    expect(takeSessionToken()).toBe('s3cret');
    expect(window.location.search).toBe('');
    expect(window.location.hash).toBe('#/w/abc');
    // A reload has no token in the address any more, and still works.
    expect(takeSessionToken()).toBe('s3cret');
  });

  it('calls the bridge with the bearer token and turns error bodies into coded errors', async () => {
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) =>
      new Response(JSON.stringify({ code: 'rev_conflict', message: 'changed elsewhere', details: { rev: 4 } }), { status: 409 }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const t = createHttpTransport('tok');
    const err = await t.call('workflows.get', { id: 'w1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineCallError);
    expect(err).toMatchObject({ code: 'rev_conflict', message: 'changed elsewhere', details: { rev: 4 } });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/call/workflows.get');
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer tok');
    expect(init?.body).toBe('{"id":"w1"}');
  });

  it('reports data too deep to send as json_too_deep, as the engine would, without calling it', async () => {
    const fetchMock = vi.fn(async () => new Response('null'));
    vi.stubGlobal('fetch', fetchMock);
    const deep = JSON.parse(`${'['.repeat(20_000)}${']'.repeat(20_000)}`) as unknown;
    const err = await createHttpTransport('tok').call('code.typings', { sample: deep }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'json_too_deep' });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('reports an unreachable engine as network_error, not as a crash', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const err = await createHttpTransport('tok').call('workflows.list', {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'network_error' });
    expect((err as Error).message).toMatch(/could not be reached/);
  });

  it('recovers the code from errors the Electron bridge flattened to a message', () => {
    expect(toEngineCallError(Object.assign(new Error('gone'), { code: 'not_found' }))).toMatchObject({ code: 'not_found', message: 'gone' });
    const flattened = new Error(`Error invoking remote method 'x': Error: ${JSON.stringify({ code: 'rev_conflict', message: 'stale' })}`);
    expect(toEngineCallError(flattened)).toMatchObject({ code: 'rev_conflict', message: 'stale' });
    expect(toEngineCallError('boom')).toMatchObject({ code: 'internal', message: 'boom' });
  });
});
