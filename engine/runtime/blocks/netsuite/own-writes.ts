import type { NetSuiteClient } from '../../../connectors/netsuite/client';
import type { PurchaseOrder } from '../../../connectors/netsuite/types';
import { serviceKey } from '../../services';
import type { BlockContext } from '../types';

// Echo suppression. When a workflow writes to a NetSuite record (the tracking number PATCHed
// onto a purchase order), NetSuite moves the record's lastModifiedDate, so the installation's
// poller would see it as changed and deliver it to Your App again: an echo of our own write.
// Per installation we remember two times of the record: its lastModifiedDate right after our
// write, and its last modification before our write(s) that was not ours (the "basis"). A poller
// skips the record only if it is still at our write's time AND it had already seen the basis
// (modified before its overlap window, or delivered inside it); otherwise someone else changed
// it, before our write or after its read-back, and it is delivered. Remembering only the time after our write took a change made between
// the last poll and our write for ours, and it never reached Your App.
//
// What modification times cannot tell: a change by someone else between our write and the
// read-back of its time (one SuiteQL request later) leaves the record at THEIR time, which we
// then remember as ours; and a change within the same second as ours (SuiteQL's precision; the
// same minute when the poller reads by the record API). Neither NetSuite's write answer (204, no
// body) nor any version field says who made a modification; only NetSuite's system notes do
// (SuiteQL `systemnote`: who changed which field when), which the simulator does not model.

/** Which record we wrote: per installation and connection (one NetSuite account each). */
export interface WrittenRecord {
  readonly installationId: string;
  readonly connectionId: string;
  readonly recordType: string;
  readonly id: string;
}

/** What the installation remembers of its latest write to a record (ISO times, to the second). */
export interface OwnWrite {
  /** The record's lastModifiedDate right after our write. */
  readonly lastModifiedDate: string;
  /** Its last modification before our write(s) not made by us; null when our write created it. */
  readonly basis: string | null;
}

/** The installation's memory of its own writes; async so it ports to the async stores unchanged. */
export interface OwnWrites {
  remember(record: WrittenRecord, write: OwnWrite): Promise<void>;
  /** For each id written by this installation through this connection, its latest write. */
  recall(installationId: string, connectionId: string, recordType: string, ids: readonly string[]): Promise<ReadonlyMap<string, OwnWrite>>;
}

export const ownWritesKey = serviceKey<OwnWrites>('netsuite.ownWrites');

/** The workflow-state table's two calls, as `StateRepo` has them. */
export interface ScopedState {
  readMany(scopes: readonly string[]): Promise<ReadonlyMap<string, Record<string, unknown>>>;
  write(scope: string, values: Readonly<Record<string, unknown>>): Promise<void>;
}

// One workflow-state scope per written record (its primary key starts with the scope, so recalling
// a page of orders is one indexed query, and a write rewrites one row). The scope cannot be
// mistaken for a workflow's (`<installationId>:<workflowId>`, workflow ids being UUIDs).
const scopeOf = (installationId: string, connectionId: string, recordType: string, id: string): string =>
  `${installationId}:netsuite.ownWrite:${connectionId}:${recordType}:${id}`;

export function ownWritesInState(state: ScopedState): OwnWrites {
  return {
    async remember(r, write) {
      await state.write(scopeOf(r.installationId, r.connectionId, r.recordType, r.id), { lastModifiedDate: write.lastModifiedDate, basis: write.basis });
    },
    async recall(installationId, connectionId, recordType, ids) {
      const found = new Map<string, OwnWrite>();
      const stored = await state.readMany(ids.map((id) => scopeOf(installationId, connectionId, recordType, id)));
      for (const id of ids) {
        const { lastModifiedDate, basis } = stored.get(scopeOf(installationId, connectionId, recordType, id)) ?? {};
        // A memory without a basis (kept before it was recorded) suppresses nothing: delivering
        // an order once more is better than losing someone's change.
        if (typeof lastModifiedDate === 'string' && (typeof basis === 'string' || basis === null)) found.set(id, { lastModifiedDate, basis });
      }
      return found;
    },
  };
}

type Precision = 'second' | 'minute';

/** A time (ISO, or milliseconds) as a count of seconds or minutes; NaN when it is not a time. */
function tick(at: string | number, precision: Precision): number {
  return Math.floor((typeof at === 'number' ? at : Date.parse(at)) / (precision === 'minute' ? 60_000 : 1000));
}

/** What a poller has seen: everything modified before its watermark, and the orders it remembers inside its overlap window. */
export interface PollerView {
  readonly since: string;
  readonly overlapMinutes: number;
  /** id → lastModifiedDate of the orders it delivered (or skipped as ours) inside that window. */
  readonly recent: Readonly<Record<string, string>>;
}

/** Whether the poller already saw order `id` as it was at `basis` (null: nothing before our write). */
function sawBasis(id: string, basis: string | null, poller: PollerView, precision: Precision): boolean {
  if (basis === null) return true;
  const at = tick(basis, precision);
  if (Number.isNaN(at)) return false;
  // Before the overlap window the poller takes everything as read; inside it, it knows what it delivered.
  if (at < tick(Date.parse(poller.since) - poller.overlapMinutes * 60_000, precision)) return true;
  const seen = poller.recent[id];
  return seen !== undefined && tick(seen, precision) === at;
}

/**
 * Whether `order`, read by `poller`, changed only by our write: it is still at the time our write
 * left it, and the poller had already seen it as it was before our write. SuiteQL reads times to
 * the second; the record API shows them to the minute, so there a change by someone else within
 * the same minute as our write cannot be told apart from it (and is taken for ours).
 */
export function isOwnEcho(order: PurchaseOrder, written: OwnWrite | undefined, poller: PollerView, precision: Precision): boolean {
  if (written === undefined || typeof order.lastModifiedDate !== 'string') return false;
  const seen = tick(order.lastModifiedDate, precision);
  if (Number.isNaN(seen) || seen !== tick(written.lastModifiedDate, precision)) return false;
  return sawBasis(order.id, written.basis, poller, precision);
}

/** The record's modification time just before a live write: a time, null (no such record yet), or unknown (could not be read). */
export type BeforeWrite = { readonly at: string | null } | 'unknown';

/**
 * Before a live write to a purchase order (by internal or external id): reads its modification
 * time, so the write's memory can say what the record was before it. Only when the installation
 * keeps own writes; a failed read is logged and leaves the write unremembered (the listener then
 * delivers the order once more rather than risk hiding someone's change).
 */
export async function readBeforeWrite(ctx: BlockContext, client: NetSuiteClient, ref: string | { readonly externalId: string }): Promise<BeforeWrite> {
  if (!ctx.services.tryGet(ownWritesKey) || !ctx.installation?.id) return 'unknown';
  try {
    return { at: await client.transactionLastModified(ref, ctx.signal) };
  } catch (e) {
    ctx.log('warn', `The purchase order's modification time could not be read before writing, so the listener may deliver it once more: ${e instanceof Error ? e.message : String(e)}`);
    return 'unknown';
  }
}

/**
 * After a live write to purchase order `id`: reads the time NetSuite gave it and remembers it for
 * the installation's pollers, with the last modification before it that was not ours: the time
 * read before the write, or, when that was our own previous write (two write-backs between
 * polls), that write's basis. A failed read only loses the suppression (the order may be
 * delivered once more), never the write, so it is logged, not thrown.
 */
export async function rememberOwnWrite(ctx: BlockContext, client: NetSuiteClient, connectionId: string, id: string, before: BeforeWrite): Promise<string | null> {
  const own = ctx.services.tryGet(ownWritesKey);
  const installationId = ctx.installation?.id;
  if (!own || !installationId) return null;
  try {
    const at = await client.transactionLastModified(id, ctx.signal);
    if (at === null || before === 'unknown') return at;
    const record = { installationId, connectionId, recordType: 'purchaseOrder', id };
    const previous = (await own.recall(installationId, connectionId, 'purchaseOrder', [id])).get(id);
    const ourPrevious = before.at !== null && previous !== undefined && tick(previous.lastModifiedDate, 'second') === tick(before.at, 'second');
    await own.remember(record, { lastModifiedDate: at, basis: ourPrevious ? previous.basis : before.at });
    return at;
  } catch (e) {
    ctx.log('warn', `Written, but its new modification time could not be read back, so the listener may deliver purchase order ${id} once more: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}
