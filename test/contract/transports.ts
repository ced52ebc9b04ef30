import type { EngineClient, MethodArgs, MethodName, MethodResult } from '../../engine/api/contract';
import { PatchbayError } from '../../engine/errors/patchbay-error';
import type { EngineEvent, EngineEventListener } from '../../engine/api/events';
import { startBridge } from '../../engine/host/bridge';
import { createEngine } from '../../engine/host/engine';
import { tempDir, testDatabase } from '../../engine/testing/temp-engine';

export interface Transport {
  readonly name: string;
  readonly client: EngineClient;
  close(): Promise<void>;
}

export async function inProcess(): Promise<Transport> {
  const dir = tempDir();
  const db = await testDatabase();
  const engine = await createEngine({ dataDir: dir.path, ...db.option });
  return {
    name: 'in-process',
    client: { call: (m, a) => engine.call(m, a), subscribe: (l) => engine.subscribe(l) },
    close: async () => {
      await engine.close();
      await db.drop();
      dir.remove();
    },
  };
}

/** The bridge's wire protocol, spoken as the browser does: POST /api/call/<method>, SSE events. */
export async function overHttp(): Promise<Transport> {
  const dir = tempDir();
  const db = await testDatabase();
  const bridge = await startBridge({ dataDir: dir.path, ...db.option });
  const base = `http://127.0.0.1:${bridge.port}`;
  const controllers = new Set<AbortController>();
  const client: EngineClient = {
    async call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
      const res = await fetch(`${base}/api/call/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
      const body = (await res.json()) as unknown;
      if (!res.ok) {
        const e = body as { code: string; message: string; details?: unknown };
        throw new PatchbayError(e.code, e.message, e.details);
      }
      return body as MethodResult<M>;
    },
    subscribe(listener: EngineEventListener) {
      const controller = new AbortController();
      controllers.add(controller);
      void (async () => {
        const res = await fetch(`${base}/api/events?token=${bridge.token}`, { signal: controller.signal });
        const reader = res.body?.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        while (reader) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            for (const line of frame.split('\n')) if (line.startsWith('data: ')) listener(JSON.parse(line.slice(6)) as EngineEvent);
          }
        }
      })().catch(() => undefined);
      return () => controller.abort();
    },
  };
  return {
    name: 'http',
    client,
    close: async () => {
      for (const c of controllers) c.abort();
      await bridge.close();
      await db.drop();
      dir.remove();
    },
  };
}
