import { afterAll, beforeAll } from 'vitest';
import { demoAccountSpec, startNetSuiteSimulator, type NetSuiteSimulator } from '../simulators/netsuite';
import { startYourAppSimulator, type YourAppSimulator } from '../simulators/your-app';
import type { BackfillTargets } from './backfill';

export interface BackfillSimulators {
  readonly account: BackfillTargets['account'];
  /** The NetSuite simulator holding the account (started before the suite's tests). */
  readonly ns: NetSuiteSimulator;
  /** Your App, told to ignore Idempotency-Key so every delivery counts. */
  readonly app: YourAppSimulator;
  /** Where a backfill reads and writes (for saveBackfillConnections and the backfill child). */
  targets(): BackfillTargets;
}

/**
 * For a suite that backfills `orders` purchase orders: a NetSuite account and a Your App that
 * counts every delivery (duplicates included), started before its tests and closed after.
 * `now`: the simulators' clock (a test that needs NetSuite's modification times apart moves it).
 */
export function useBackfillSimulators(orders: number, opts: { readonly now?: () => number } = {}): BackfillSimulators {
  const account = demoAccountSpec({ orders });
  let ns: NetSuiteSimulator | null = null;
  let app: YourAppSimulator | null = null;
  beforeAll(async () => {
    ns = await startNetSuiteSimulator({ accounts: [account], now: opts.now });
    app = await startYourAppSimulator({ ignoreIdempotencyKey: true, now: opts.now });
  });
  afterAll(async () => {
    await ns?.close();
    await app?.close();
  });
  const started = <T>(sim: T | null): T => {
    if (!sim) throw new Error('the simulators start in beforeAll; use them inside tests');
    return sim;
  };
  return {
    account,
    get ns() { return started(ns); },
    get app() { return started(app); },
    targets() {
      const y = started(app);
      return { account, netsuiteUrl: started(ns).url, yourAppUrl: y.url, yourAppKey: y.apiKey };
    },
  };
}
