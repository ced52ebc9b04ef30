import { exportBundle } from '../../bundle/export';
import { importContent, previewImport } from '../../bundle/import';
import { openBundleBytes } from '../../bundle/open';
import { slugify } from '../../bundle/layout';
import type { Handlers } from './types';

const fromBase64 = (base64: string): Uint8Array => new Uint8Array(Buffer.from(base64, 'base64'));

export const bundleHandlers: Handlers<'bundles.choices' | 'bundles.export' | 'bundles.preview' | 'bundles.import'> = {
  'bundles.choices': (ctx) => {
    const { repos } = ctx;
    const integrations = repos.integrations.list().map((integration) => ({
      id: integration.id,
      name: integration.name,
      releases: repos.integrations.releases(integration.id).map((r) => ({ id: r.id, version: r.version, notes: r.notes, createdAt: r.createdAt })),
      customers: repos.installations.list(integration.id).map((installation) => ({
        installationId: installation.id,
        customerName: installation.customerName,
        workflows: repos.userVersions.listForInstallation(installation.id).map((userVersion) => repos.integrations.getVersion(userVersion.ancestorVersionId).name).sort(),
        mappings: repos.installationMappings.listForInstallation(installation.id).map((m) => m.doc.name).sort(),
      })).filter((c) => c.workflows.length + c.mappings.length > 0),
    }));
    const workflows = repos.workflows.list().filter((w) => repos.integrations.integrationOfWorkflow(w.id) === null).map((w) => ({ id: w.id, name: w.name }));
    return { integrations, workflows };
  },
  'bundles.export': (ctx, { workflowIds, integrationIds, releaseIds, userVersionIds, installationIds }) => {
    const result = exportBundle(ctx.repos, { workflowIds, integrationIds, releaseIds, userVersionIds, installationIds, secrets: ctx.secrets.secretValues() });
    const names = integrationIds.map((id) => ctx.repos.integrations.get(id).name);
    const stem = names.length === 1 ? slugify(names[0] as string) : 'patchbay-bundle';
    return {
      fileName: `${stem}-${new Date().toISOString().slice(0, 10)}.patchbay`,
      base64: Buffer.from(result.bytes).toString('base64'),
      bytes: result.bytes.length,
      counts: result.counts,
      scrubbed: [...result.scrubbed],
    };
  },
  'bundles.preview': (ctx, { base64, asCopy }) => {
    const bundle = openBundleBytes(fromBase64(base64));
    return { formatVersion: bundle.formatVersion, exportedAt: bundle.content.exportedAt, items: previewImport(ctx.repos, bundle.content, asCopy, ctx.secrets.secretValues()) };
  },
  'bundles.import': (ctx, { base64, asCopy }) => {
    const outcome = importContent(ctx.db, ctx.repos, openBundleBytes(fromBase64(base64)).content, asCopy, ctx.secrets.secretValues());
    return { items: [...outcome.plan], workflows: outcome.workflows, integrations: outcome.integrations };
  },
};
