import { createHash } from 'node:crypto';

// A write's Idempotency-Key names what is delivered, not the run that delivers it: the same
// record sent again (a re-run after a cancel or failure, a resumed run, a backfill continued
// from its watermark on another page) carries the same key, so a receiver that de-duplicates by
// key does not create it twice; a record that changed (an update the listener delivers) is sent
// with different content and so gets a new key.

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  // fromEntries defines own properties, so a "__proto__" key stays data and never a prototype.
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
}

/**
 * `scope` is the installation and workflow (see RunState.keyScope); `item` is the For Each element
 * being delivered (two records with the same payload stay two deliveries); `sent` is the step's
 * resolved config, which is everything the block sends (credentials come from the connection).
 */
export function idempotencyKeyFor(scope: string, blockId: string, item: unknown, sent: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(sortKeys([scope, blockId, item ?? null, sent ?? null]))).digest('hex');
  return `${blockId}:${digest.slice(0, 40)}`;
}
