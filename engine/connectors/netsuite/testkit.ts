import { isPatchbayError, type PatchbayError } from '../../errors/patchbay-error';
import { startNetSuiteSimulator, type NetSuiteSimulator, type NetSuiteSimulatorOptions } from '../../simulators/netsuite';
import { NetSuiteClient } from './client';
import type { NetSuiteClientOptions, RequestEvent } from './types';

// Test helper: a simulator with one account plus a client for it (fast retries, request log).

let counter = 0;

export interface Harness {
  readonly sim: NetSuiteSimulator;
  readonly client: NetSuiteClient;
  readonly requests: RequestEvent[];
  readonly creds: { accountId: string; consumerKey: string; consumerSecret: string; tokenId: string; tokenSecret: string; baseUrl: string };
  close(): Promise<void>;
}

export async function harness(
  orders: number,
  simOpts: Omit<NetSuiteSimulatorOptions, 'accounts'> = {},
  clientOpts: NetSuiteClientOptions = {},
  profile: 'seed' | 'legacy' = 'seed',
): Promise<Harness> {
  // A fresh account id per harness, so limiter registries never share state across tests.
  const accountId = `${9_100_000 + counter++}_SB1`;
  const keys = { accountId, consumerKey: `ck-${accountId}`, consumerSecret: `PLANTED-consumer-secret-${accountId}`, tokenId: `tk-${accountId}`, tokenSecret: `PLANTED-token-secret-${accountId}` };
  const sim = await startNetSuiteSimulator({ ...simOpts, accounts: [{ ...keys, orders, seed: 5, profile }] });
  const requests: RequestEvent[] = [];
  const creds = { ...keys, baseUrl: sim.url };
  const client = new NetSuiteClient(creds, { baseDelayMs: 5, maxDelayMs: 50, onRequest: (e) => requests.push(e), ...clientOpts });
  return { sim, client, requests, creds, close: () => sim.close() };
}

/** The coded error a call fails with (a test fails if it succeeds or throws something uncoded). */
export async function failure(p: Promise<unknown>): Promise<PatchbayError> {
  try {
    await p;
  } catch (e) {
    if (isPatchbayError(e)) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}
