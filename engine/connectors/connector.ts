import type { ConnectionFieldSpec, ConnectionKind } from '../api/methods/connections';

// One connector kind: the fields its connection form asks for, how a request carries its
// credentials, and its Test connection. Each kind lives in its own folder and is listed in
// ./registry.ts, which `connections.kinds` serves to the UI.

/** A connection's values with secrets decrypted, as the engine uses them. */
export type ConnectionValues = Readonly<Record<string, string | number>>;

/** What a connection adds to an HTTP request: its base URL (for relative URLs) and credential headers. */
export interface RequestAuth {
  readonly baseUrl: string | null;
  readonly headers: Readonly<Record<string, string>>;
}

/** A write a JSON API Call made (or may have made) through a connection, path relative to its base URL. */
export interface WriteMade {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

/** How to find a write again: a GET relative to the base URL, and what in its answer is the written record. */
export interface WriteLookup {
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** The record the write left, or null when the answer shows it never happened. */
  found(body: unknown): unknown;
}

export interface ConnectorDefinition {
  readonly kind: ConnectionKind;
  /** Shown in pickers and the connections page. */
  readonly label: string;
  readonly fields: readonly ConnectionFieldSpec[];
  /** Base URL and credential headers for a JSON API Call, or null when this kind is not called over plain HTTP. */
  requestAuth(values: ConnectionValues): RequestAuth | null;
  /** One cheap authenticated call; resolves to the message shown on success, throws a PatchbayError otherwise. */
  test(values: ConnectionValues, signal?: AbortSignal): Promise<string>;
  /**
   * For APIs that can find a write by the caller's own reference (vendor APIs commonly offer
   * lookup by external id): how to ask whether `write` already happened, or null when this write
   * cannot be looked up. A resumed run asks before sending an order it may have sent already.
   */
  findWrite?(write: WriteMade): WriteLookup | null;
}

/** A value as text ('' when absent). */
export function text(values: ConnectionValues, key: string): string {
  const v = values[key];
  return v === undefined || v === null ? '' : String(v);
}
