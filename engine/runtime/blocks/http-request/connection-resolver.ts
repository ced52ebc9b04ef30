import type { ConnectionKind } from '../../../api/methods/connections';
import type { ConnectionValues } from '../../../connectors/connector';
import { serviceKey } from '../../services';

/** A saved connection with its secrets, as a block that calls out needs it. */
export interface ResolvableConnection {
  readonly name: string;
  readonly kind: ConnectionKind;
  readonly values: ConnectionValues;
}

/** What blocks read credentials from; the engine provides its connection store. */
export interface ConnectionResolver {
  resolve(id: string): Promise<ResolvableConnection>;
}

/** Blocks that call systems other than NetSuite (e.g. a JSON API Call with a connection) read credentials here. */
export const connectionStoreKey = serviceKey<ConnectionResolver>('connections.store');
