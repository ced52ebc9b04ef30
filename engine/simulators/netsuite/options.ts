import { randomBytes } from 'node:crypto';
import type { AuthFailure } from './auth';
import type { M2mFailure } from './oauth2';
import type { AccountSpec, SimAccount } from './model';

// The simulator's options, fault descriptions, statistics and the demo account.

export type FaultKind = '429' | '500' | '503';

export interface InjectedFault {
  readonly status?: 429 | 500 | 502 | 503 | undefined;
  /** Answer with an HTML page (a proxy or maintenance page) instead of JSON. */
  readonly html?: boolean | undefined;
  /** Send the real answer cut off halfway. */
  readonly truncate?: boolean | undefined;
  /** Wait this long before answering (timeouts). */
  readonly delayMs?: number | undefined;
  readonly retryAfterSeconds?: number | undefined;
}

export interface NetSuiteSimulatorOptions {
  readonly port?: number | undefined;
  readonly host?: string | undefined;
  /** Without accounts, one demo account with fresh random credentials is created. */
  readonly accounts?: readonly AccountSpec[] | undefined;
  readonly latencyMs?: number | undefined;
  readonly jitterMs?: number | undefined;
  /** Requests in flight per account before NetSuite answers 429 (the base limit is 5). */
  readonly concurrency?: number | undefined;
  /** Probability per request of an injected failure, e.g. { '429': 0.1, '500': 0.02 }. */
  readonly faults?: Partial<Record<FaultKind, number>> | undefined;
  readonly faultSeed?: number | undefined;
  readonly retryAfterSeconds?: number | undefined;
  readonly suiteqlRowCap?: number | undefined;
  readonly now?: (() => number) | undefined;
  /** The "login audit trail" and other diagnostics; never receives secrets. */
  readonly log?: ((line: string) => void) | undefined;
}

export interface AccountStats {
  requests: number;
  inFlight: number;
  maxInFlight: number;
}

export interface SimulatorStats {
  requests: number;
  byKind: Record<string, number>;
  rejected429: number;
  faultsInjected: number;
  authFailures: number;
  authReasons: Partial<Record<AuthFailure | M2mFailure, number>>;
  inFlight: number;
  maxInFlight: number;
  accounts: Record<string, AccountStats>;
}

export interface NetSuiteSimulator {
  readonly url: string;
  readonly port: number;
  readonly accounts: readonly Required<AccountSpec>[];
  stats(): SimulatorStats;
  resetStats(): void;
  /** Faults applied, in order, to the next requests that pass the concurrency gate and auth. */
  injectFaults(...faults: InjectedFault[]): void;
  /** Every OAuth 2.0 access token issued so far stops working (clients must fetch a new one). */
  revokeAccessTokens(): void;
  account(accountId: string): SimAccount;
  close(): Promise<void>;
}

export function demoAccountSpec(overrides: Partial<AccountSpec> = {}): Required<AccountSpec> {
  const hex = (): string => randomBytes(32).toString('hex');
  return {
    accountId: '1234567_SB1',
    consumerKey: hex(),
    consumerSecret: hex(),
    tokenId: hex(),
    tokenSecret: hex(),
    orders: 250,
    seed: 42,
    profile: 'seed',
    ...overrides,
  } as Required<AccountSpec>;
}

export const emptyStats = (): SimulatorStats => ({
  requests: 0,
  byKind: {},
  rejected429: 0,
  faultsInjected: 0,
  authFailures: 0,
  authReasons: {},
  inFlight: 0,
  maxInFlight: 0,
  accounts: {},
});

