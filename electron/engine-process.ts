// The engine's own process (Electron utilityProcess): isolated-vm cannot run in a renderer, and
// a busy run must never freeze the window. Main forwards calls here over the parent port.
// The first message carries the secrets master key that main unwrapped with safeStorage.
import { createEngine, type Engine } from '../engine/host/engine';
import { staticKeyProvider } from '../engine/secrets/key-provider';

type Message =
  | { readonly type: 'init'; readonly keyBase64: string | null }
  | { readonly type: 'call'; readonly id: number; readonly method: string; readonly args: unknown };

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const dataDir = process.env.PATCHBAY_DATA_DIR;
if (!parentPort || !dataDir) throw new Error('engine-process runs inside Electron with PATCHBAY_DATA_DIR set');
const port = parentPort;

let engine: Promise<Engine> | null = null;

async function start(keyBase64: string | null): Promise<Engine> {
  const keyProvider = keyBase64 ? staticKeyProvider(new Uint8Array(Buffer.from(keyBase64, 'base64')), 'Electron safeStorage') : undefined;
  const e = await createEngine({ dataDir: dataDir as string, keyProvider, scheduler: true, demoSandbox: true });
  e.subscribe((event) => port.postMessage({ type: 'event', event }));
  return e;
}

port.on('message', ({ data }) => {
  const msg = data as Message;
  if (msg?.type === 'init' && !engine) {
    engine = start(msg.keyBase64);
    engine.catch((e: unknown) => port.postMessage({ type: 'fatal', message: e instanceof Error ? e.message : String(e) }));
  } else if (msg?.type === 'call') {
    const ready = engine ?? Promise.reject(new Error('engine not initialised'));
    void ready
      .then((e) => e.dispatch(msg.method, msg.args))
      .catch((e: unknown) => ({ ok: false as const, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } }))
      .then((result) => port.postMessage({ type: 'result', id: msg.id, result }));
  }
});

process.on('SIGTERM', () => {
  void (engine ?? Promise.resolve(null)).then((e) => e?.close()).then(() => process.exit(0));
});
