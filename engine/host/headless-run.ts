import { z } from 'zod';
import { PatchbayError } from '../errors/patchbay-error';
import { connectionKindSchema } from '../api/methods/connections';
import type { RunMode, RunRecord } from '../api/records';
import type { BundleContent } from '../bundle/content';
import { importContent } from '../bundle/import';
import type { Engine } from './engine';

// `patchbay run --bundle`: a bundled workflow run outside the app (CI, a server, a cron job). The
// bundle is imported into the engine's data folder (usually a throwaway one), credentials come from
// an installation config file or from environment variables it names, and the workflow runs as the
// customer's installation would run it: their user-specific version if the bundle has one.

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name');
const fieldValue = z.union([z.string(), z.number(), z.null(), z.strictObject({ env: envName })]);

export const installationConfigSchema = z.strictObject({
  /** Picks the bundled installation of that customer (and its user-specific versions), if any. */
  customerName: z.string().min(1).max(200).optional(),
  /** Per required-connection key: the kind and field values; `{ "env": "NAME" }` reads a variable. */
  connections: z.record(z.string().min(1), z.strictObject({ kind: connectionKindSchema, values: z.record(z.string(), fieldValue) })).default({}),
  config: z.record(z.string(), z.unknown()).default({}),
});
export type InstallationConfig = z.infer<typeof installationConfigSchema>;

const HEADLESS_CUSTOMER = 'Headless run';

export interface HeadlessRunOptions {
  readonly workflow: string;
  readonly config: InstallationConfig;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly input: unknown;
  readonly mode: RunMode;
  readonly testLimit?: number | undefined;
}

function resolveValues(key: string, values: InstallationConfig['connections'][string]['values'], env: HeadlessRunOptions['env']) {
  return Object.fromEntries(Object.entries(values).map(([field, v]) => {
    if (v === null || typeof v !== 'object') return [field, v];
    const value = env[v.env];
    if (value === undefined || value === '') {
      throw new PatchbayError('connection_missing', `Connection "${key}" reads ${field} from the environment variable ${v.env}, which is not set; set it and run again.`, { key, field, env: v.env });
    }
    return [field, value];
  }));
}

function findWorkflow(content: BundleContent, name: string): BundleContent['workflows'][number] {
  const wanted = name.trim().toLowerCase();
  const matches = content.workflows.filter((w) => w.name.trim().toLowerCase() === wanted);
  const names = content.workflows.map((w) => w.name).sort();
  if (matches.length === 0) throw new PatchbayError('not_found', `The bundle has no workflow named "${name}". Its workflows: ${names.join(', ')}.`, { workflows: names });
  if (matches.length > 1) throw new PatchbayError('bad_request', `Several workflows in the bundle are named "${name}"; give the bundle one integration at a time.`);
  return matches[0] as BundleContent['workflows'][number];
}

/** The customer's bundled installation, or a new one pinned to the bundle's latest release. */
async function installationFor(engine: Engine, content: BundleContent, integrationId: string, customerName: string | undefined): Promise<string> {
  const bundled = content.installations.find((i) => i.integrationId === integrationId && (customerName === undefined || i.customerName === customerName));
  if (bundled && (customerName !== undefined || content.installations.filter((i) => i.integrationId === integrationId).length === 1)) return bundled.id;
  const { repos } = engine.context;
  // A given data folder keeps its installations: the same customer is reused run after run.
  const existing = (await repos.installations.list(integrationId)).find((i) => i.customerName === (customerName ?? HEADLESS_CUSTOMER) && i.status !== 'uninstalled');
  if (existing?.releaseId) return existing.id;
  const latest = content.releases.filter((r) => r.integrationId === integrationId).sort((a, b) => b.version - a.version)[0];
  const integration = content.integrations.find((i) => i.id === integrationId);
  if (!latest) throw new PatchbayError('no_release', `The bundle holds no release of "${integration?.name ?? integrationId}"; release it in Patchbay and export again.`);
  const row = await repos.installations.create(integrationId, customerName ?? HEADLESS_CUSTOMER, null, {});
  // Pinned without "on install" runs: only the workflow asked for runs.
  await repos.installations.update(row.id, { releaseId: latest.id, status: 'installed', enabled: true });
  return row.id;
}

export async function runFromBundle(engine: Engine, content: BundleContent, opts: HeadlessRunOptions): Promise<RunRecord> {
  const workflow = findWorkflow(content, opts.workflow);
  await importContent(engine.context.database, engine.context.repos, content, false, engine.context.secrets.secretValues());
  const common = { input: opts.input, mode: opts.mode, wait: true, ...(opts.testLimit !== undefined ? { testLimit: opts.testLimit } : {}) };
  if (workflow.integrationId === null) {
    // A lone workflow names its connections by id: each configured key becomes a connection id.
    for (const [key, c] of Object.entries(opts.config.connections)) {
      await engine.call('connections.save', { id: key, name: key, kind: c.kind, values: resolveValues(key, c.values, opts.env) });
    }
    return engine.call('runs.start', { workflowId: workflow.id, ...common });
  }
  const installationId = await installationFor(engine, content, workflow.integrationId, opts.config.customerName);
  const integration = await engine.call('integrations.get', { id: workflow.integrationId });
  const missing = integration.requiredConnections.filter((r) => !opts.config.connections[r.key]);
  if (missing.length > 0) {
    throw new PatchbayError('connection_missing', `"${integration.name}" needs ${missing.map((m) => `"${m.key}" (${m.kind})`).join(', ')}; add them under "connections" in the installation config file.`, { keys: missing.map((m) => m.key) });
  }
  for (const [key, c] of Object.entries(opts.config.connections)) {
    const saved = await engine.call('connections.save', { name: `${key} (headless)`, kind: c.kind, installationId, values: resolveValues(key, c.values, opts.env) });
    await engine.call('installations.setConnection', { id: installationId, key, connectionId: saved.id });
  }
  if (Object.keys(opts.config.config).length > 0) await engine.call('installations.setConfig', { id: installationId, config: opts.config.config });
  return engine.call('installations.runWorkflow', { id: installationId, workflowId: workflow.id, ...common });
}
