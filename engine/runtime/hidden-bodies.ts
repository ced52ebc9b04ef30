import { serviceKey, type ServiceRegistry } from './services';

// A connection can be set to keep its response bodies out of the step journal and the events the
// run panel shows (issue 14: a server may echo credentials back in forms redaction cannot know).
// Only what is recorded changes: the blocks after the step still get the whole response.

export const HIDDEN_BODY = '[hidden: this connection is set to hide response bodies]';

/** Which connections hide their bodies; the engine provides its connection store. */
export interface ResponseBodyPolicy {
  hidingResponseBodies(): Promise<ReadonlySet<string>>;
}
export const responseBodyPolicyKey = serviceKey<ResponseBodyPolicy>('connections.responseBodyPolicy');

/** The connection a block's resolved config uses, if any. */
function connectionOf(config: unknown): string | null {
  if (typeof config !== 'object' || config === null) return null;
  const id = (config as { connectionId?: unknown }).connectionId;
  return typeof id === 'string' && id !== '' ? id : null;
}

/**
 * True when the step's config uses a connection that hides its response bodies. Plain `false`,
 * not a promise, for a step without a connection (most of them): an await per step is a tight
 * loop's cost.
 */
export function hidesBodies(services: ServiceRegistry, config: unknown): Promise<boolean> | false {
  const id = connectionOf(config);
  if (id === null) return false;
  const policy = services.tryGet(responseBodyPolicyKey);
  return policy ? policy.hidingResponseBodies().then((hiding) => hiding.has(id)) : false;
}

/** An HTTP step keeps its status and headers; any other step's output is the remote data itself. */
export function hideBody(output: unknown): unknown {
  if (output === null || output === undefined) return output;
  if (typeof output === 'object' && !Array.isArray(output) && 'body' in output) return { ...output, body: HIDDEN_BODY };
  return HIDDEN_BODY;
}

/** A failed request's error may carry the body it got back. */
export function hideErrorBody<E extends { details?: unknown }>(error: E): E {
  const d = error.details;
  if (typeof d === 'object' && d !== null && !Array.isArray(d) && 'body' in d) return { ...error, details: { ...d, body: HIDDEN_BODY } };
  return error;
}

/** A journaled output without its body cannot stand in for the step when a run resumes. */
export function bodyWasHidden(output: unknown): boolean {
  return output === HIDDEN_BODY || (typeof output === 'object' && output !== null && (output as { body?: unknown }).body === HIDDEN_BODY);
}
