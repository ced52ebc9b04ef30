import type { Readable } from 'node:stream';
import { z } from 'zod';
import { PatchbayError } from '../../errors/patchbay-error';
import { staticKeyProvider, type KeyProvider } from '../../secrets/key-provider';

// `patchbay serve --control stdin`: how the desktop app drives the engine it starts. The first
// line on stdin is a JSON object carrying the secrets master key (from Electron safeStorage), so
// the key never appears in argv, the environment or a file; the end of stdin means "quit": the
// engine drains its runs and closes SQLite. A parent that dies closes the pipe too, so an
// orphaned engine never lingers.
const ControlHello = z.object({ masterKey: z.string().min(1).nullable() }).strict();

export interface ServeControl {
  readonly keyProvider: KeyProvider | undefined;
  /** Resolves when the controlling process asks the engine to stop (or goes away). */
  readonly stopRequested: Promise<void>;
}

export function readControl(input: Readable): Promise<ServeControl> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let helloSeen = false;
    let signalStop: () => void = () => undefined;
    const stopRequested = new Promise<void>((done) => (signalStop = done));
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      if (helloSeen) return;
      buffer += chunk;
      const cut = buffer.indexOf('\n');
      if (cut < 0) return;
      helloSeen = true;
      const line = buffer.slice(0, cut);
      buffer = '';
      try {
        const hello = ControlHello.parse(JSON.parse(line));
        const key = hello.masterKey === null ? undefined : new Uint8Array(Buffer.from(hello.masterKey, 'base64'));
        resolve({ keyProvider: key ? staticKeyProvider(key, 'Electron safeStorage') : undefined, stopRequested });
      } catch (e) {
        reject(new PatchbayError('invalid_key', `The control line on stdin is not valid: ${e instanceof Error ? e.message : String(e)}`));
      }
    });
    input.on('end', () => {
      if (!helloSeen) reject(new PatchbayError('bad_request', 'stdin closed before the control line arrived.'));
      signalStop();
    });
    input.on('error', () => signalStop());
  });
}
