import type { EngineEvent, EngineEventListener, MethodArgs, MethodName, MethodResult } from '../../../engine/api';
import { EngineCallError } from './errors';
import type { Transport } from './types';
import { MAX_JSON_DEPTH } from '../../../engine/shared/json-depth';

/**
 * Browser mode: `POST /api/call/<method>` with the bearer token, and one shared Server-Sent
 * Events stream for engine events, opened when the first listener subscribes. Without a token
 * (Patchbay as a server) the browser's session cookie authenticates both;
 * `onAuthRequired` hears when the bridge says the session ended.
 */
export function createHttpTransport(token: string | null, baseUrl = '', options: { onAuthRequired?: () => void } = {}): Transport {
  const listeners = new Set<EngineEventListener>();
  let source: EventSource | null = null;

  function openStream(): void {
    if (source) return;
    source = new EventSource(token === null ? `${baseUrl}/api/events` : `${baseUrl}/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (msg: MessageEvent<string>) => {
      let event: EngineEvent;
      try {
        event = JSON.parse(msg.data) as EngineEvent;
      } catch {
        return; // keep-alive comments or malformed lines carry nothing for the UI
      }
      for (const l of [...listeners]) l(event);
    };
  }

  return {
    async call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
      let request: string;
      try {
        request = JSON.stringify(args ?? {});
      } catch (e) {
        // Data pasted thousands of levels deep overflows JSON.stringify's recursion; the engine
        // would refuse it anyway (json_too_deep), so the user gets the same code and advice.
        if (!(e instanceof RangeError)) throw e;
        throw new EngineCallError({ code: 'json_too_deep', message: `The data is nested too deeply to send to the engine (at most ${MAX_JSON_DEPTH} levels); flatten it.` });
      }
      let res: Response;
      try {
        res = await fetch(`${baseUrl}/api/call/${method}`, {
          method: 'POST',
          headers: token === null ? { 'content-type': 'application/json' } : { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: request,
        });
      } catch (e) {
        throw new EngineCallError({
          code: 'network_error',
          message: `The Patchbay engine could not be reached (${e instanceof Error ? e.message : String(e)}). Is it still running?`,
        });
      }
      const text = await res.text();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        throw new EngineCallError({ code: 'internal', message: `The engine answered ${res.status} with a body that is not JSON.` });
      }
      if (!res.ok) {
        const p = (body ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
        if (p.code === 'auth_required') options.onAuthRequired?.();
        throw new EngineCallError({
          code: typeof p.code === 'string' ? p.code : res.status === 401 ? 'unauthorized' : 'internal',
          message: typeof p.message === 'string' ? p.message : `The engine answered HTTP ${res.status}.`,
          details: p.details,
        });
      }
      return body as MethodResult<M>;
    },
    subscribe(listener) {
      listeners.add(listener);
      openStream();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}
