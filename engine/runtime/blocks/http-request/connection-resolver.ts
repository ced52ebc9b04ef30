import { serviceKey } from '../runtime/services';
import type { ConnectionStore } from './store';

/** Blocks that call systems other than NetSuite (e.g. a JSON API Call with a connection) read credentials here. */
export const connectionStoreKey = serviceKey<ConnectionStore>('connections.store');
