import type { PurchaseOrder } from '../../../connectors/netsuite/types';
import { isOwnEcho, ownWritesKey } from '../netsuite/own-writes';
import type { BlockContext } from '../types';

/**
 * Splits orders read as "changed since" into those someone else changed and those whose only
 * change since this poller last saw them is this installation's own write (see
 * netsuite/own-writes.ts). A read of every order (no `since`: a backfill) delivers them all,
 * whoever wrote them last.
 */
export async function withoutOwnEchoes(
  orders: readonly PurchaseOrder[],
  ctx: BlockContext,
  opts: {
    readonly connectionId: string;
    readonly strategy: 'suiteql' | 'record';
    readonly since: string | undefined;
    readonly overlapMinutes: number;
    /** The poller's orders delivered inside its overlap window (see netsuite-watermark.ts). */
    readonly recent: Readonly<Record<string, string>>;
  },
): Promise<{ readonly theirs: readonly PurchaseOrder[]; readonly ours: number }> {
  const own = ctx.services.tryGet(ownWritesKey);
  const installationId = ctx.installation?.id;
  if (!own || !installationId || opts.since === undefined || orders.length === 0) return { theirs: orders, ours: 0 };
  const written = await own.recall(installationId, opts.connectionId, 'purchaseOrder', orders.map((o) => o.id));
  if (written.size === 0) return { theirs: orders, ours: 0 };
  const precision = opts.strategy === 'record' ? 'minute' : 'second';
  const poller = { since: opts.since, overlapMinutes: opts.overlapMinutes, recent: opts.recent };
  const theirs = orders.filter((o) => !isOwnEcho(o, written.get(o.id), poller, precision));
  return { theirs, ours: orders.length - theirs.length };
}
