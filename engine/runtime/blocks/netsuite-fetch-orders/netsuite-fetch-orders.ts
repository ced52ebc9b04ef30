import { z } from 'zod';
import { isPatchbayError, PatchbayError } from '../../../errors/patchbay-error';
import { latestModified } from '../../../connectors/netsuite/client';
import type { PurchaseOrder } from '../../../connectors/netsuite/types';
import { connectionIdSchema, netsuiteClient } from '../netsuite/netsuite-shared';
import { withoutOwnEchoes } from './own-echoes';
import { dropDelivered, isSeed, nextWatermarkState, readWatermarkState, seedState, type WatermarkState } from './netsuite-watermark';
import { defineBlock, type BlockContext, type StreamPage, type StreamResume } from '../types';

const configSchema = z.object({
  connectionId: connectionIdSchema,
  /** SuiteQL reads 1,000 orders in ~11 requests; the record API needs one request per order. */
  strategy: z.enum(['suiteql', 'record']).default('suiteql'),
  /** ISO date-time; empty means "from the stored watermark" (when kept) or every order. */
  modifiedSince: z.string().trim().optional().transform((v) => (v === '' ? undefined : v)),
  /** Keep a watermark for this installation's workflow and fetch only what changed since the last successful run. */
  keepWatermark: z.boolean().default(false),
  /** Re-read this many minutes before the watermark (clock and time-zone slack); re-read orders that did not change are dropped. */
  overlapMinutes: z.coerce.number().int().min(0).max(10_080).default(0),
  pageSize: z.coerce.number().int().min(1).max(1000).default(1000),
  /** Stop after this many orders. Test syncs also apply the run's record limit. */
  limit: z.coerce.number().int().min(1).optional(),
  /**
   * Run the blocks after this one once per page (memory stays flat however many orders the account
   * holds); off: read every order first and hand them on as one list.
   */
  streamPages: z.boolean().default(true),
});

export interface FetchOrdersOutput {
  readonly orders: readonly PurchaseOrder[];
  readonly count: number;
  /** The latest lastModifiedDate delivered (or the starting watermark when nothing changed). */
  readonly watermark: string | null;
  /** Orders re-read inside the overlap window that had already been delivered. */
  readonly skippedAlreadyDelivered: number;
  /** Orders whose only change since is this installation's own write (a tracking number written back). */
  readonly skippedOwnWrites: number;
  readonly strategy: 'suiteql' | 'record';
}

interface SavedPage {
  readonly cursor: string | null;
  readonly orders: readonly PurchaseOrder[];
}

function isSavedPage(v: unknown): v is SavedPage {
  return typeof v === 'object' && v !== null && Array.isArray((v as SavedPage).orders);
}

const keyOf = (blockId: string): string => `netsuite.fetchOrders.${blockId}`;
const stateKey = (ctx: BlockContext): string => keyOf(ctx.blockId);

function minus(iso: string | undefined | null, minutes: number): string | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms - minutes * 60_000).toISOString();
}

function effectiveLimit(configured: number | undefined, ctx: BlockContext): number | undefined {
  const test = ctx.mode === 'test' && typeof ctx.testRecordLimit === 'number' ? ctx.testRecordLimit : undefined;
  if (configured === undefined) return test;
  return test === undefined ? configured : Math.min(configured, test);
}

/** NetSuite › Fetch Purchase Orders: every order, or those modified since a watermark, normalised. */
export const netsuiteFetchOrdersBlock = defineBlock({
  kind: 'netsuite_fetch_orders',
  title: 'Fetch Purchase Orders',
  category: 'netsuite',
  icon: 'NS',
  idPrefix: 'fetch_orders',
  description: 'Reads NetSuite purchase orders (all, or modified since a watermark) by SuiteQL or the record API, in the record-API shape.',
  configSchema,
  ports: ['out'],
  defaultConfig: { connectionId: '', strategy: 'suiteql', modifiedSince: '', keepWatermark: false, overlapMinutes: 0, pageSize: 1000, streamPages: true },
  readsExternal: () => true,
  watermarkSeed(config, blockId, current, at) {
    const since = typeof config.modifiedSince === 'string' ? config.modifiedSince.trim() : '';
    if (config.keepWatermark !== true || since !== '') return null;
    const key = keyOf(blockId);
    // A seed left by an earlier backfill (one held at its Stop block) moves to this one's start;
    // a watermark of the block's own polls stays.
    if (current[key] !== undefined && !isSeed(current[key])) return null;
    return { [key]: seedState(at) };
  },
  stream(config, ctx, resume) {
    return config.streamPages ? fetchPages(config, ctx, resume) : null;
  },
  async execute(config, ctx) {
    const client = await netsuiteClient(ctx, config.connectionId);
    const stored = config.keepWatermark && ctx.state ? readWatermarkState(ctx.state.get(stateKey(ctx))) : { watermark: null, recent: {} };
    const since = config.modifiedSince ?? stored.watermark ?? undefined;
    // Pages fetched before a crash come back from the step's checkpoints; paging resumes after them.
    const saved = ((await ctx.checkpoints?.load()) ?? []).filter(isSavedPage);
    const fetched: PurchaseOrder[] = saved.flatMap((p) => p.orders);
    const cursor = saved.at(-1)?.cursor ?? null;
    if (saved.length > 0) ctx.log('info', `resuming after ${saved.length} saved page(s) (${fetched.length} order(s))`, { cursor });
    const limit = effectiveLimit(config.limit, ctx);
    let pages = saved.length;
    if (limit === undefined || fetched.length < limit) {
      try {
        await fetchPages();
      } catch (e) {
        // The pages read are checkpointed; a failed run keeps them for its re-run from this step.
        if (!isPatchbayError(e) || fetched.length === 0) throw e;
        throw new PatchbayError(e.code, `${e.message} The ${fetched.length} order(s) read before it are kept: re-run from the failed step to continue after them.`, e.details);
      }
    }
    async function fetchPages(): Promise<void> {
      for await (const page of client.purchaseOrderPages({
        strategy: config.strategy,
        modifiedSince: minus(since, config.overlapMinutes),
        pageSize: config.pageSize,
        limit: limit === undefined ? undefined : limit - fetched.length,
        cursor,
        signal: ctx.signal,
      })) {
        fetched.push(...page.orders);
        pages++;
        await ctx.checkpoints?.append({ cursor: page.cursor, orders: page.orders } satisfies SavedPage);
        ctx.log('debug', `page ${pages}: ${page.orders.length} order(s)`, { cursor: page.cursor });
      }
    }
    const fresh = dropDelivered(fetched, stored);
    const { theirs: orders, ours } = await withoutOwnEchoes(fresh, ctx, { connectionId: config.connectionId, strategy: config.strategy, since, overlapMinutes: config.overlapMinutes, recent: stored.recent });
    if (config.keepWatermark && ctx.state) {
      // The runner commits this only when the run succeeds, and never for test syncs. Our own
      // echoes move it too: they were seen, and need not be read again.
      ctx.state.set(stateKey(ctx), nextWatermarkState({ ...stored, watermark: stored.watermark ?? since ?? null }, fresh, config.overlapMinutes));
    }
    const output: FetchOrdersOutput = {
      orders,
      count: orders.length,
      watermark: latestModified(orders, since ?? null),
      skippedAlreadyDelivered: fetched.length - fresh.length,
      skippedOwnWrites: ours,
      strategy: config.strategy,
    };
    return { output };
  },
});

/** A page that fails after others were handed on says that those are kept (delivered pages are checkpointed). */
async function* withKeptNote<T>(pages: AsyncIterable<T>, handedOn: () => number): AsyncGenerator<T> {
  try {
    yield* pages;
  } catch (e) {
    if (!isPatchbayError(e) || handedOn() === 0) throw e;
    throw new PatchbayError(e.code, `${e.message} The pages delivered before it (${handedOn()} order(s)) are kept: re-run from the failed step to continue after them.`, e.details);
  }
}

/** What a delivered page saves: where to continue reading, and the watermark it moved to. */
interface PageCheckpoint {
  readonly cursor: string | null;
  readonly watermark: WatermarkState | null;
}

/** The streaming form: one page at a time; the watermark moves once the whole window is delivered. */
async function* fetchPages(config: z.infer<typeof configSchema>, ctx: BlockContext, resume: StreamResume | null): AsyncGenerator<StreamPage> {
  const client = await netsuiteClient(ctx, config.connectionId);
  const stored = config.keepWatermark && ctx.state ? readWatermarkState(ctx.state.get(stateKey(ctx))) : { watermark: null, recent: {} };
  // An earlier run stopped part-way through its window: continue that window after its last page.
  const partial = config.modifiedSince === undefined ? stored.partial : undefined;
  const since = config.modifiedSince ?? partial?.since ?? stored.watermark ?? undefined;
  const saved = resume?.checkpoint as PageCheckpoint | undefined;
  const base: WatermarkState = { watermark: stored.watermark, recent: stored.recent };
  let moved: WatermarkState = saved?.watermark ? readWatermarkState(saved.watermark) : partial ? partial.next : { ...base, watermark: stored.watermark ?? since ?? null };
  const cursor = saved?.cursor ?? partial?.cursor ?? null;
  if (partial && !saved) ctx.log('info', 'continuing the window an earlier run stopped part-way through', { since: partial.since, cursor: partial.cursor });
  const limit = effectiveLimit(config.limit, ctx);
  const read = resume?.records ?? 0;
  if (limit !== undefined && read >= limit) return;
  if (resume) ctx.log('info', `resuming after ${resume.pages} delivered page(s) (${read} order(s))`, { cursor });
  let pages = 0;
  let handedOn = read;
  const source = client.purchaseOrderPages({
    strategy: config.strategy,
    modifiedSince: minus(since, config.overlapMinutes),
    pageSize: config.pageSize,
    limit: limit === undefined ? undefined : limit - read,
    cursor,
    signal: ctx.signal,
  });
  for await (const page of withKeptNote(source, () => handedOn)) {
    pages++;
    handedOn += page.orders.length;
    const fresh = dropDelivered(page.orders, stored);
    const { theirs: orders, ours } = await withoutOwnEchoes(fresh, ctx, { connectionId: config.connectionId, strategy: config.strategy, since, overlapMinutes: config.overlapMinutes, recent: stored.recent });
    // Our own echoes move the watermark too: they were seen, and need not be read again.
    const next = config.keepWatermark ? nextWatermarkState(moved, fresh, config.overlapMinutes) : null;
    const output: FetchOrdersOutput = {
      orders, count: orders.length, watermark: latestModified(orders, since ?? null),
      skippedAlreadyDelivered: page.orders.length - fresh.length, skippedOwnWrites: ours, strategy: config.strategy,
    };
    yield {
      output, records: page.orders.length, remaining: page.remaining ?? null,
      checkpoint: { cursor: page.cursor, watermark: next } satisfies PageCheckpoint,
      delivered: () => {
        if (!next) return;
        moved = next;
        // Kept even if the run is cancelled or fails later: these orders were delivered, so the
        // next run continues after this page (pages come in id order, so the watermark waits).
        ctx.state?.set(stateKey(ctx), { ...base, partial: { since: since ?? null, cursor: page.cursor, next } } satisfies WatermarkState, { keepIfRunFails: true });
      },
    };
  }
  if (pages === 0 && !resume) {
    // Nothing changed: the blocks after it still run once and see `count: 0` (a poll's "Anything new?").
    const empty: FetchOrdersOutput = { orders: [], count: 0, watermark: since ?? null, skippedAlreadyDelivered: 0, skippedOwnWrites: 0, strategy: config.strategy };
    yield { output: empty, records: 0, remaining: 0, checkpoint: { cursor: null, watermark: config.keepWatermark ? moved : null } satisfies PageCheckpoint };
  }
  // The whole window was read and delivered: the watermark moves (committed if the run succeeds).
  if (config.keepWatermark) ctx.state?.set(stateKey(ctx), moved);
}
