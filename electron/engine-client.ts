import type { UtilityProcess } from 'electron';
import type { DispatchResult } from '../engine/host/dispatch';
import type { EngineEvent } from '../engine/api/events';

/** Main's side of the engine process: numbered calls, one pending promise each, plus events. */
export class EngineProcessClient {
  private nextId = 1;
  private readonly pending = new Map<number, (r: DispatchResult) => void>();

  constructor(
    private readonly child: UtilityProcess,
    onEvent: (event: EngineEvent) => void,
  ) {
    child.on('message', (msg: { type: string; id?: number; result?: DispatchResult; event?: EngineEvent }) => {
      if (msg.type === 'result' && msg.id !== undefined && msg.result) {
        this.pending.get(msg.id)?.(msg.result);
        this.pending.delete(msg.id);
      } else if (msg.type === 'event' && msg.event) {
        onEvent(msg.event);
      }
    });
    child.on('exit', () => {
      for (const resolve of this.pending.values()) resolve({ ok: false, error: { code: 'internal', message: 'The engine process stopped; restart Patchbay.' } });
      this.pending.clear();
    });
  }

  call(method: string, args: unknown): Promise<DispatchResult> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.postMessage({ type: 'call', id, method, args });
    });
  }
}
