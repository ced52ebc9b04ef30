import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { PatchbayError } from '../../errors/patchbay-error';
import { demoAccountSpec, startNetSuiteSimulator, type FaultKind } from '../../simulators/netsuite';
import { startYourAppSimulator } from '../../simulators/your-app';
import { intFlag, parseArgs, stringFlag } from './args';
import type { CliCommand, CliIo } from './command';
import { readJsonFile } from './io';

// `patchbay simulator netsuite|your-app`: the demo sandbox account and the sample vendor API on
// 127.0.0.1, until Ctrl+C. The first stdout line is JSON with the URL and, for the demo account,
// the credentials to paste into a connection (simulated credentials, printed on purpose).

const USAGE =
  'patchbay simulator netsuite [--port N] [--accounts FILE] [--m2m-public-key PEM_FILE] [--latency-ms N] [--jitter-ms N] [--concurrency N] [--fault-rate 429=0.1,500=0.02]\n' +
  '  patchbay simulator your-app [--port N] [--api-key KEY] [--ship-after-ms N] [--ignore-idempotency-key]';

const accountsSchema = z
  .array(
    z.object({
      accountId: z.string().regex(/^[0-9A-Za-z]+(_SB\d+)?$/i, 'an account id such as 1234567 or 1234567_SB1'),
      consumerKey: z.string().min(1),
      consumerSecret: z.string().min(1),
      tokenId: z.string().min(1),
      tokenSecret: z.string().min(1),
      orders: z.number().int().min(0).max(500_000).default(250),
      seed: z.number().int().default(42),
      profile: z.enum(['seed', 'legacy']).default('seed'),
      /** OAuth 2.0 M2M: the integration's client id and certificate mappings (public key or X.509 PEM text). */
      oauth2: z
        .object({
          clientId: z.string().min(1),
          certificates: z.array(z.object({ id: z.string().min(1), publicKey: z.string().includes('-----BEGIN'), notAfter: z.iso.datetime().optional() })).min(1),
        })
        .optional()
        .transform((o) => o && { clientId: o.clientId, certificates: o.certificates.map((c) => ({ id: c.id, publicKey: c.publicKey, notAfterMs: c.notAfter ? Date.parse(c.notAfter) : undefined })) }),
    }),
  )
  .min(1, 'the accounts file lists at least one account');

function nonNegative(value: number | undefined, flag: string): number | undefined {
  if (value !== undefined && value < 0) throw new PatchbayError('bad_request', `--${flag} must be 0 or more.`);
  return value;
}

/**
 * `--m2m-public-key pub.pem` maps that key (or X.509 certificate) to the demo account for OAuth
 * 2.0 client credentials: client id `patchbay-demo-client`, certificate id `demo-cert-1`.
 */
function demoM2m(io: CliIo, file: string | undefined): { clientId: string; certificates: Array<{ id: string; publicKey: string }> } | null {
  if (file === undefined) return null;
  let pem: string;
  try {
    pem = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch {
    throw new PatchbayError('not_found', `Cannot read the public key file "${file}".`, { path: file });
  }
  if (!/-----BEGIN (PUBLIC KEY|CERTIFICATE)-----/.test(pem)) {
    throw new PatchbayError('bad_request', `--m2m-public-key takes a PEM public key or certificate (e.g. from "openssl pkey -in key.pem -pubout"), never the private key.`);
  }
  return { clientId: 'patchbay-demo-client', certificates: [{ id: 'demo-cert-1', publicKey: pem }] };
}

/** `429=0.1,500=0.02` → { '429': 0.1, '500': 0.02 }. */
export function parseFaultRates(text: string | undefined): Partial<Record<FaultKind, number>> | undefined {
  if (text === undefined) return undefined;
  const out: Partial<Record<FaultKind, number>> = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(429|500|503)=(0(\.\d+)?|1(\.0+)?)$/.exec(part);
    if (!m) throw new PatchbayError('bad_request', `--fault-rate entries look like 429=0.1 (status 429, 500 or 503, probability 0..1); got "${part}".`);
    out[m[1] as FaultKind] = Number(m[2]);
  }
  const total = Object.values(out).reduce((s, v) => s + v, 0);
  if (total > 1) throw new PatchbayError('bad_request', '--fault-rate probabilities add up to more than 1.');
  return out;
}

async function startFromArgs(argv: readonly string[], io: CliIo): Promise<{ close(): Promise<void> }> {
  const [which, ...rest] = argv;
  const args = parseArgs(rest, ['ignore-idempotency-key']);
  const port = intFlag(args, 'port') ?? 0;
  if (which === 'netsuite') {
    const file = stringFlag(args, 'accounts');
    const parsed = file === undefined ? undefined : accountsSchema.safeParse(readJsonFile(io, file, 'accounts'));
    if (parsed && !parsed.success) {
      throw new PatchbayError('bad_request', `The accounts file is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    const sim = await startNetSuiteSimulator({
      port,
      accounts: parsed?.data ?? [demoAccountSpec({ oauth2: demoM2m(io, stringFlag(args, 'm2m-public-key')) })],
      latencyMs: nonNegative(intFlag(args, 'latency-ms'), 'latency-ms'),
      jitterMs: nonNegative(intFlag(args, 'jitter-ms'), 'jitter-ms'),
      concurrency: intFlag(args, 'concurrency'),
      faults: parseFaultRates(stringFlag(args, 'fault-rate')),
      log: (line) => io.stderr(`${line}\n`),
    });
    const accounts = sim.accounts.map((a) => ({ ...a, baseUrl: sim.url }));
    io.stdout(`${JSON.stringify({ service: 'netsuite', url: sim.url, port: sim.port, accounts })}\n`);
    io.stderr(`NetSuite simulator on ${sim.url} (${accounts.length} account(s)${file ? '' : ', demo credentials above'}). Press Ctrl+C to stop.\n`);
    return sim;
  }
  if (which === 'your-app') {
    const app = await startYourAppSimulator({ port, apiKey: stringFlag(args, 'api-key'), shipAfterMs: nonNegative(intFlag(args, 'ship-after-ms'), 'ship-after-ms'), ignoreIdempotencyKey: args.flags['ignore-idempotency-key'] === true });
    io.stdout(`${JSON.stringify({ service: 'your-app', url: app.url, port: app.port, apiKey: app.apiKey })}\n`);
    io.stderr(`Your App simulator on ${app.url}. Press Ctrl+C to stop.\n`);
    return app;
  }
  throw new PatchbayError('bad_request', `Unknown simulator "${which ?? ''}". Usage: ${USAGE}`);
}

/** Starts the simulator and resolves once `stop` fires (tests pass their own signal). */
export async function runSimulator(argv: readonly string[], io: CliIo, stop: AbortSignal): Promise<number> {
  const server = await startFromArgs(argv, io);
  await new Promise<void>((done) => {
    if (stop.aborted) done();
    else stop.addEventListener('abort', () => done(), { once: true });
  });
  await server.close();
  return 0;
}

export const simulatorCommand: CliCommand = {
  name: 'simulator',
  summary: 'Run the NetSuite sandbox simulator or the sample "Your App" API on 127.0.0.1',
  usage: USAGE,
  run(argv, io) {
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return runSimulator(argv, io, controller.signal).finally(() => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    });
  },
};
