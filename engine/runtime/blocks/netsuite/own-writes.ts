import type { NetSuiteClient } from '../../../connectors/netsuite/client';
import type { PurchaseOrder } from '../../../connectors/netsuite/types';
import { serviceKey } from '../../services';
import type { BlockContext } from '../types';

// Echo suppression. When a workflow writes to a NetSuite record (the tracking number PATCHed
// onto a purchase order), NetSuite moves the record's lastModifiedDate, so the installation's
// poller would see it as changed and deliver it to Your App again: an echo of our own write.
// What integration tools do: remember, per installation, the lastModifiedDate the record had
// right after our write; a poller skips a record still at that time (nothing happened since but
// our write), and delivers it as soon as anyone else changes it again (its time moves on).

/** Which record we wrote: per installation and connection (one NetSuite account each). */
export interface WrittenRecord {
  readonly installationId: string;
  readonly connectionId: string;
  readonly recordType: string;
  readonly id: string;
}

/** The installation's memory of its own writes; async so it ports to the async stores unchanged. */
export interface OwnWrites {
  /** The record's lastModifiedDate (ISO, to the second) right after our latest write to it. */
  remember(record: WrittenRecord, lastModifiedDate: string): Promise<void>;
  /** For each id written by this installation through this connection, that time. */
  recall(installationId: string, connectionId: string, recordType: string, ids: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

export const ownWritesKey = serviceKey<OwnWrites>('netsuite.ownWrites');

/** The workflow-state table's two calls, as `StateRepo` has them. */
export interface ScopedState {
  read(scope: string): Promise<Record<string, unknown>>;
  write(scope: string, values: Readonly<Record<string, unknown>>): Promise<void>;
}

// One workflow-state scope per written record (its primary key starts with the scope, so recalling
// a page of orders is one indexed lookup each, and a write rewrites one row). The scope cannot be
// mistaken for a workflow's (`<installationId>:<workflowId>`, workflow ids being UUIDs).
const scopeOf = (installationId: string, connectionId: string, recordType: string, id: string): string =>
  `${installationId}:netsuite.ownWrite:${connectionId}:${recordType}:${id}`;
const KEY = 'lastModifiedDate';

export function ownWritesInState(state: ScopedState): OwnWrites {
  return {
    async remember(r, lastModifiedDate) {
      await state.write(scopeOf(r.installationId, r.connectionId, r.recordType, r.id), { [KEY]: lastModifiedDate });
    },
    async recall(installationId, connectionId, recordType, ids) {
      const found = new Map<string, string>();
      for (const id of ids) {
        const at = (await state.read(scopeOf(installationId, connectionId, recordType, id)))[KEY];
        if (typeof at === 'string') found.set(id, at);
      }
      return found;
    },
  };
}

/**
 * Whether `order` is still exactly as our write left it. SuiteQL reads times to the second; the
 * record API shows them to the minute, so there a change by someone else within the same minute
 * as our write cannot be told apart from it (and is taken for ours).
 */
export function isOwnEcho(order: PurchaseOrder, written: string | undefined, precision: 'second' | 'minute'): boolean {
  if (written === undefined || typeof order.lastModifiedDate !== 'string') return false;
  const seen = Date.parse(order.lastModifiedDate);
  const ours = Date.parse(written);
  if (Number.isNaN(seen) || Number.isNaN(ours)) return false;
  const unit = precision === 'minute' ? 60_000 : 1000;
  return Math.floor(seen / unit) === Math.floor(ours / unit);
}

/**
 * After a live write to purchase order `id`: reads the time NetSuite gave it and remembers it for
 * the installation's pollers. Someone else changing the order between our write and this read
 * would be taken for ours; the window is one request. A failed read only loses the suppression
 * (the order may be delivered once more), never the write, so it is logged, not thrown.
 */
export async function rememberOwnWrite(ctx: BlockContext, client: NetSuiteClient, connectionId: string, id: string): Promise<string | null> {
  const own = ctx.services.tryGet(ownWritesKey);
  const installationId = ctx.installation?.id;
  if (!own || !installationId) return null;
  try {
    const at = await client.transactionLastModified(id, ctx.signal);
    if (at !== null) await own.remember({ installationId, connectionId, recordType: 'purchaseOrder', id }, at);
    return at;
  } catch (e) {
    ctx.log('warn', `Written, but its new modification time could not be read back, so the listener may deliver purchase order ${id} once more: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}
