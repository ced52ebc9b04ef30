import { connectionKindSchema, type ConnectionFieldSpec, type ConnectionKind } from '../api/methods/connections';
import type { ConnectorDefinition } from './connector';
import { httpConnector } from './http/connector';
import { netsuiteConnector } from './netsuite/connector';
import { yourAppConnector } from './your-app/connector';

/**
 * Every connector kind, keyed by the one kind enum (`connectionKindSchema` in engine/api): adding
 * a kind to the enum does not compile until its folder is listed here.
 */
export const connectors: Readonly<Record<ConnectionKind, ConnectorDefinition>> = {
  netsuite: netsuiteConnector,
  your_app: yourAppConnector,
  http: httpConnector,
};

export function connectorFor(kind: ConnectionKind): ConnectorDefinition {
  return connectors[kind];
}

/** What `connections.kinds` serves: each kind with its label and fields, in the enum's order. */
export function connectorKinds(): { kind: ConnectionKind; label: string; fields: ConnectionFieldSpec[] }[] {
  return connectionKindSchema.options.map((kind) => ({ kind, label: connectors[kind].label, fields: [...connectors[kind].fields] }));
}
