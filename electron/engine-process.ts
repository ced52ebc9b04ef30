// The engine's own process (Electron utilityProcess): isolated-vm cannot run in a renderer, and
// a busy run must never freeze the window. Main forwards calls here over the parent port.
import { createEngine } from '../engine/host/engine';

interface CallMessage {
  readonly type: 'call';
  readonly id: number;
  readonly method: string;
  readonly args: unknown;
}

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const dataDir = process.env.PATCHBAY_DATA_DIR;
if (!parentPort || !dataDir) throw new Error('engine-process runs inside Electron with PATCHBAY_DATA_DIR set');

const engine = createEngine({ dataDir, scheduler: true });
engine.subscribe((event) => parentPort.postMessage({ type: 'event', event }));
parentPort.on('message', ({ data }) => {
  const msg = data as CallMessage;
  if (msg?.type !== 'call') return;
  void engine.dispatch(msg.method, msg.args).then((result) => parentPort.postMessage({ type: 'result', id: msg.id, result }));
});
process.on('SIGTERM', () => {
  void engine.close().then(() => process.exit(0));
});
