import { createInterface } from 'node:readline';
import { z } from 'zod';
import { demoAccountSpec, startNetSuiteSimulator, type AccountSpec } from '../engine/simulators/netsuite';
import { startYourAppSimulator, type YourAppSimulator } from '../engine/simulators/your-app';

// The workers bench's stand-ins for the customers' systems, in a process of their own so their
// CPU is neither the bench driver's nor hidden in it (bench/workers.ts reports it apart): one
// NetSuite simulator serving every installation's account, and one Your App per installation.
// `SIMULATORS={"orders":N,"installations":K}`. Prints one JSON line with the addresses and
// credentials; then answers each "stats" line on stdin with the orders each Your App received,
// and closes everything when stdin ends.

const options = z.object({ orders: z.number().int().positive(), installations: z.number().int().positive() }).parse(JSON.parse(process.env.SIMULATORS ?? '{}'));

export interface SimulatorTargets {
  readonly netsuiteUrl: string;
  readonly accounts: readonly Required<AccountSpec>[];
  readonly apps: readonly { readonly url: string; readonly apiKey: string }[];
}

export interface SimulatorStats {
  /** Orders created in each installation's Your App. */
  readonly created: readonly number[];
  /** Orders each Your App received more than once. */
  readonly updated: readonly number[];
}

const say = (v: unknown): void => void process.stdout.write(`${JSON.stringify(v)}\n`);

async function main(): Promise<void> {
  const { orders, installations } = options;
  const per = Math.floor(orders / installations);
  const accounts = Array.from({ length: installations }, (_, i) => demoAccountSpec({ accountId: `${1000 + i}_SB1`, orders: per + (i < orders % installations ? 1 : 0), seed: 42 + i }));
  const ns = await startNetSuiteSimulator({ accounts });
  const apps: YourAppSimulator[] = [];
  for (let i = 0; i < installations; i++) apps.push(await startYourAppSimulator());
  const targets: SimulatorTargets = { netsuiteUrl: ns.url, accounts, apps: apps.map((a) => ({ url: a.url, apiKey: a.apiKey })) };
  say(targets);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() !== 'stats') continue;
    const stats: SimulatorStats = { created: apps.map((a) => a.stats().ordersCreated), updated: apps.map((a) => a.stats().ordersUpdated) };
    say(stats);
  }
  await ns.close();
  for (const a of apps) await a.close();
}

void main().catch((e: unknown) => {
  process.stderr.write(`workers bench simulators: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
