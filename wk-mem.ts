import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { demoAccountSpec, startNetSuiteSimulator } from './engine/simulators/netsuite';
import { startYourAppSimulator } from './engine/simulators/your-app';
const orders = Number(process.argv[2] ?? 5000);
const account = demoAccountSpec({ orders });
const ns = await startNetSuiteSimulator({ accounts: [account] });
for (const workers of (process.argv[3] ?? '0,1').split(',')) {
  const app = await startYourAppSimulator();
  const proc = spawn(process.execPath, ['--no-node-snapshot', '--import', 'tsx', 'bench/backfill-worker.ts', 'engine'], {
    env: { ...process.env, BACKFILL_RUN_WORKERS: workers, BACKFILL_TARGETS: JSON.stringify({ account, netsuiteUrl: ns.url, yourAppUrl: app.url, yourAppKey: app.apiKey }) }, stdio: ['ignore', 'pipe', 'inherit'] });
  for await (const line of createInterface({ input: proc.stdout })) {
    const m = JSON.parse(line);
    if (m.done) console.log('workers', workers, 'orders/s', Math.round(orders / (m.ms / 1000)), 'peak RSS MB', Math.round(m.peakRssMb));
  }
  await app.close();
}
await ns.close();
