import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readControl } from './control';

// The desktop app drives `patchbay serve --control stdin`: the key on the first line, quit on EOF.
describe('serve control over stdin', () => {
  it('takes the master key from the first line and asks to stop when stdin ends', async () => {
    const input = new PassThrough();
    const key = Buffer.alloc(32, 7).toString('base64');
    const control = readControl(input);
    input.write(`${JSON.stringify({ masterKey: key })}\n`);
    const c = await control;
    expect(Buffer.from(await (c.keyProvider?.loadKey() ?? Promise.resolve(new Uint8Array()))).toString('base64')).toBe(key);
    let stopped = false;
    void c.stopRequested.then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    input.end();
    await c.stopRequested;
  });

  it('without a keychain key the engine keeps its own key file', async () => {
    const input = new PassThrough();
    const control = readControl(input);
    input.write('{"masterKey":null}\n');
    expect((await control).keyProvider).toBeUndefined();
  });

  it('refuses a malformed control line, and a stdin closed before it', async () => {
    const bad = new PassThrough();
    const refused = readControl(bad);
    bad.write('{"masterKey": 42}\n');
    await expect(refused).rejects.toMatchObject({ code: 'invalid_key' });
    const closed = new PassThrough();
    const early = readControl(closed);
    closed.end();
    await expect(early).rejects.toMatchObject({ code: 'bad_request' });
  });
});
