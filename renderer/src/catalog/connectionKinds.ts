import type { MethodResult } from '../../../engine/api';
import type { ConnectionKind } from '../../../engine/api/methods/connections';

// The connector kinds as the engine serves them (`connections.kinds`), loaded once before the app
// renders, so pickers, labels and forms never keep their own list of kinds.

export type ConnectionKindSpec = MethodResult<'connections.kinds'>[number];

let kinds: readonly ConnectionKindSpec[] = [];

/** Installs the kinds loaded from the engine; called once at start-up (and by tests). */
export function setConnectionKinds(list: readonly ConnectionKindSpec[]): void {
  kinds = list;
}

export function connectionKinds(): readonly ConnectionKindSpec[] {
  return kinds;
}

export function isConnectionKind(kind: string): kind is ConnectionKind {
  return kinds.some((k) => k.kind === kind);
}

/** The engine's label for a kind, or the kind itself for one this engine does not know. */
export function kindLabel(kind: string): string {
  return kinds.find((k) => k.kind === kind)?.label ?? kind;
}
