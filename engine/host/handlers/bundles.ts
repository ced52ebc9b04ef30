import { exportBundle } from '../../bundle/export';
import { importContent, previewImport } from '../../bundle/import';
import { openBundleBytes } from '../../bundle/open';
import { slugify } from '../../bundle/layout';
import type { Handlers } from './types';

const fromBase64 = (base64: string): Uint8Array => new Uint8Array(Buffer.from(base64, 'base64'));

export const bundleHandlers: Handlers<'bundles.choices' | 'bundles.export' | 'bundles.preview' | 'bundles.import'> = {
  'bundles.choices': async (ctx) => {
    const { repos } = ctx;
    const all = <T, R>(items: readonly T[], read: (item: T) => Promise<R>): Promise<R[]> => Promise.all(items.map(read));
    const integrations = await all(await repos.integrations.list(), async (integration) => ({
      id: integration.id,
      name: integration.name,
      releases: (await repos.integrations.releases(integration.id)).map((r) => ({ id: r.id, version: r.version, notes: r.notes, createdAt: r.createdAt })),
      customers: (await all(await repos.installations.list(integration.id), async (installation) => ({
        installationId: installation.id,
        customerName: installation.customerName,
        workflows: (await all(await repos.userVersions.listForInstallation(installation.id), async (userVersion) => (await repos.integrations.getVersion(userVersion.ancestorVersionId)).name)).sort(),
        mappings: (await repos.installationMappings.listForInstallation(installation.id)).map((m) => m.doc.name).sort(),
      }))).filter((c) => c.workflows.length + c.mappings.length > 0),
    }));
    const standalone = await all(await repos.workflows.list(), async (w) => ((await repos.integrations.integrationOfWorkflow(w.id)) === null ? [{ id: w.id, name: w.name }] : []));
    const workflows = standalone.flat();
    return { integrations, workflows };
  },
  'bundles.export': async (ctx, { workflowIds, integrationIds, releaseIds, userVersionIds, installationIds }) => {
    const result = await exportBundle(ctx.repos, { workflowIds, integrationIds, releaseIds, userVersionIds, installationIds, secrets: ctx.secrets.secretValues() });
    const names = await Promise.all(integrationIds.map(async (id) => (await ctx.repos.integrations.get(id)).name));
    const stem = names.length === 1 ? slugify(names[0] as string) : 'patchbay-bundle';
    return {
      fileName: `${stem}-${new Date().toISOString().slice(0, 10)}.patchbay`,
      base64: Buffer.from(result.bytes).toString('base64'),
      bytes: result.bytes.length,
      counts: result.counts,
      scrubbed: [...result.scrubbed],
    };
  },
  'bundles.preview': async (ctx, { base64, asCopy }) => {
    const bundle = openBundleBytes(fromBase64(base64));
    return { formatVersion: bundle.formatVersion, exportedAt: bundle.content.exportedAt, items: await previewImport(ctx.repos, bundle.content, asCopy, ctx.secrets.secretValues()) };
  },
  'bundles.import': async (ctx, { base64, asCopy }) => {
    const outcome = await importContent(ctx.database, ctx.repos, openBundleBytes(fromBase64(base64)).content, asCopy, ctx.secrets.secretValues());
    return { items: [...outcome.plan], workflows: outcome.workflows, integrations: outcome.integrations };
  },
};
