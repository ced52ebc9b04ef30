import type { PurchaseOrder } from '../../../connectors/netsuite/types';

// Poll watermarks with an overlap window: each poll re-reads from (watermark − overlap) because
// NetSuite's modification times are not guaranteed to arrive in order (and their time zone is
// unconfirmed), then drops orders already delivered at the same modification time. Only orders
// inside the overlap window are remembered, so the state stays small.

export interface WatermarkState {
  readonly watermark: string | null;
  /** id → lastModifiedDate of orders delivered inside the overlap window. */
  readonly recent: Readonly<Record<string, string>>;
  /**
   * A run cancelled (or failed) part-way through its window: pages are read in id order, so the
   * watermark cannot move yet; the next run reads the same window from `cursor` on, and moves the
   * watermark to `next` plus what it delivers.
   */
  readonly partial?: { readonly since: string | null; readonly cursor: string | null; readonly next: WatermarkState } | undefined;
}

/**
 * Where a poll starts when a backfill began at `at`: everything changed before it is the
 * backfill's to deliver. The overlap window still applies on the first poll (clock slack between
 * this machine and NetSuite). Marked as a seed until the block's first poll keeps its own.
 */
export function seedState(at: string): WatermarkState & { readonly seededByBackfill: true } {
  return { watermark: at, recent: {}, seededByBackfill: true };
}

export function isSeed(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { seededByBackfill?: unknown }).seededByBackfill === true;
}

export function readWatermarkState(value: unknown): WatermarkState {
  if (typeof value !== 'object' || value === null) return { watermark: null, recent: {} };
  const v = value as { watermark?: unknown; recent?: unknown };
  const recent: Record<string, string> = {};
  if (typeof v.recent === 'object' && v.recent !== null) {
    for (const [id, at] of Object.entries(v.recent)) if (typeof at === 'string') recent[id] = at;
  }
  const p = (value as { partial?: { since?: unknown; cursor?: unknown; next?: unknown } }).partial;
  const partial = typeof p === 'object' && p !== null
    ? { since: typeof p.since === 'string' ? p.since : null, cursor: typeof p.cursor === 'string' ? p.cursor : null, next: readWatermarkState(p.next) }
    : undefined;
  return { watermark: typeof v.watermark === 'string' ? v.watermark : null, recent, ...(partial ? { partial } : {}) };
}

const modified = (o: PurchaseOrder): string => (typeof o.lastModifiedDate === 'string' ? o.lastModifiedDate : '');

/** Orders not yet delivered (a re-read order counts again only if it changed since). */
export function dropDelivered(orders: readonly PurchaseOrder[], state: WatermarkState): PurchaseOrder[] {
  return orders.filter((o) => state.recent[o.id] !== modified(o));
}

export function nextWatermarkState(state: WatermarkState, delivered: readonly PurchaseOrder[], overlapMinutes: number): WatermarkState {
  let watermark = state.watermark;
  for (const o of delivered) {
    const m = modified(o);
    if (m && (watermark === null || Date.parse(m) > Date.parse(watermark))) watermark = m;
  }
  if (watermark === null) return { watermark, recent: {} };
  const floor = Date.parse(watermark) - overlapMinutes * 60_000;
  const recent: Record<string, string> = {};
  for (const [id, at] of Object.entries(state.recent)) if (Date.parse(at) >= floor) recent[id] = at;
  for (const o of delivered) if (Date.parse(modified(o)) >= floor) recent[o.id] = modified(o);
  return { watermark, recent };
}
