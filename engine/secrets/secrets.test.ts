import { mkdtemp, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretBox } from './envelope';
import { fileKeyProvider, staticKeyProvider } from './key-provider';
import { redactSecrets } from './redact';
import { secretForms } from './secret-forms';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('envelope encryption', () => {
  it('round-trips, never contains the plaintext, and differs on every call', async () => {
    const box = await SecretBox.open(staticKeyProvider(Buffer.alloc(32, 7)));
    const a = box.encrypt('PLANTED-token-secret', 'connection:c1:tokenSecret');
    const b = box.encrypt('PLANTED-token-secret', 'connection:c1:tokenSecret');
    expect(a).not.toBe(b);
    expect(a).not.toContain('PLANTED');
    expect(Buffer.from(a.slice(4), 'base64').toString('latin1')).not.toContain('PLANTED');
    expect(box.decrypt(a, 'connection:c1:tokenSecret')).toBe('PLANTED-token-secret');
  });

  it('refuses a ciphertext moved to another field, tampered with, or opened with another key', async () => {
    const box = await SecretBox.open(staticKeyProvider(Buffer.alloc(32, 7)));
    const sealed = box.encrypt('s3cr3t-value', 'connection:c1:tokenSecret');
    expect(() => box.decrypt(sealed, 'connection:c2:tokenSecret')).toThrow(expect.objectContaining({ code: 'secret_unreadable' }));
    const raw = Buffer.from(sealed.slice(4), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => box.decrypt(`pb1:${raw.toString('base64')}`, 'connection:c1:tokenSecret')).toThrow();
    const other = await SecretBox.open(staticKeyProvider(Buffer.alloc(32, 8)));
    expect(() => other.decrypt(sealed, 'connection:c1:tokenSecret')).toThrow(expect.objectContaining({ code: 'secret_unreadable' }));
  });
});

describe('key file provider', () => {
  it('creates a 0600 key once and reads the same key back', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pb-key-'));
    const path = join(dir, 'keys', 'master.key');
    const k1 = await fileKeyProvider(path).loadKey();
    const k2 = await fileKeyProvider(path).loadKey();
    expect(Buffer.from(k1).equals(Buffer.from(k2))).toBe(true);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await readFile(path, 'utf8')).trim()).toHaveLength(44);
  });

  it('refuses a key file other users can read', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pb-key-'));
    const path = join(dir, 'master.key');
    await writeFile(path, Buffer.alloc(32, 1).toString('base64'));
    await chmod(path, 0o644);
    await expect(fileKeyProvider(path).loadKey()).rejects.toMatchObject({ code: 'insecure_key_file' });
  });
});

describe('redactSecrets', () => {
  it('scrubs secrets anywhere, including percent-encoded, and credential-named keys', () => {
    const secret = 'PLANTED+secret/value';
    const input = {
      message: `failed with ${secret}`,
      url: `https://x.test/?k=${encodeURIComponent(secret)}`,
      nested: [{ headers: { Authorization: 'OAuth abc', Accept: 'json' } }],
      tokenSecret: 'whatever',
      count: 3,
    };
    const out = redactSecrets(input, [secret]);
    expect(JSON.stringify(out)).not.toContain('PLANTED');
    expect(out).toEqual({
      message: 'failed with [redacted]',
      url: 'https://x.test/?k=[redacted]',
      nested: [{ headers: { Authorization: '[redacted]', Accept: 'json' } }],
      tokenSecret: '[redacted]',
      count: 3,
    });
    expect(input.message).toContain('PLANTED');
  });
});

describe('redactSecrets finds a secret echoed back transformed', () => {
  const secret = 'tbaS3cret/Value+42!';
  const forms: ReadonlyArray<readonly [string, string]> = [
    ['base64', Buffer.from(secret).toString('base64')],
    ['base64 inside a Basic header', `Basic ${Buffer.from(`account:${secret}`).toString('base64')}`],
    ['base64url inside a longer text', Buffer.from(`xy${secret}tail`).toString('base64url')],
    ['URL-encoded', `token=${encodeURIComponent(secret)}`],
    ['form-encoded', new URLSearchParams({ token: secret }).toString()],
    ['reversed', [...secret].reverse().join('')],
    ['spaced', [...secret].join(' ')],
    ['hex', Buffer.from(secret).toString('hex')],
    ['upper-cased', secret.toUpperCase()],
  ];

  it.each(forms)('%s', (_name, echoed) => {
    const out = redactSecrets({ body: { echo: `server says ${echoed} ok` } }, [secret], { byKeyName: false });
    const text = out.body.echo;
    expect(text).toMatch(/^server says .*\[redacted\].* ok$/);
    for (const form of secretForms(secret)) expect(text).not.toContain(form);
    // What is left of a base64 text around the marker decodes to at most two bytes of the secret.
    const pieces = text.slice('server says '.length, -' ok'.length).replace(/^(Basic |token=)/, '').split('[redacted]');
    const leaked = pieces.map((p) => Buffer.from(p, 'base64').toString('latin1')).join('');
    expect(leaked).not.toMatch(/S3cret|Value/);
  });

  it('leaves ordinary text alone', () => {
    const body = { note: 'Order 42 shipped by UPS', items: ['abc', 'tbaS3', 'Value'] };
    expect(redactSecrets(body, [secret], { byKeyName: false })).toEqual(body);
  });
});
