import type { ErrorPayload } from '../../../engine/api';

/** A failed engine call, carrying the contract's stable `code` so the UI can branch on it. */
export class EngineCallError extends Error {
  readonly code: string;
  readonly details: unknown;
  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = 'EngineCallError';
    this.code = payload.code;
    this.details = payload.details;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function payloadFrom(v: unknown): ErrorPayload | null {
  if (isRecord(v) && typeof v.code === 'string' && typeof v.message === 'string') {
    return { code: v.code, message: v.message, details: v.details };
  }
  return null;
}

/**
 * Turns whatever a transport rejected with into an EngineCallError. Electron's ipcRenderer.invoke
 * rewrites thrown errors into "Error invoking remote method 'x': Error: <message>", so a JSON
 * payload embedded in that message is recovered too.
 */
export function toEngineCallError(e: unknown): EngineCallError {
  if (e instanceof EngineCallError) return e;
  const direct = payloadFrom(e);
  if (direct) return new EngineCallError(direct);
  const message = e instanceof Error ? e.message : String(e);
  const brace = message.indexOf('{');
  if (brace >= 0) {
    try {
      const parsed = payloadFrom(JSON.parse(message.slice(brace)));
      if (parsed) return new EngineCallError(parsed);
    } catch {
      // not JSON: fall through to a plain internal error
    }
  }
  return new EngineCallError({ code: 'internal', message });
}

export function errorCode(e: unknown): string {
  return toEngineCallError(e).code;
}

export function errorMessage(e: unknown): string {
  return toEngineCallError(e).message;
}
