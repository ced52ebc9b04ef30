import { exportBundle } from '../../bundle/export';
import { importBundle } from '../../bundle/import';
import type { Handlers } from './types';

export const bundleHandlers: Handlers<'bundles.export' | 'bundles.import'> = {
  'bundles.export': (ctx, { workflowIds, integrationIds, forkIds }) => {
    const result = exportBundle(ctx.repos, { workflowIds, integrationIds, forkIds, secrets: ctx.secrets.secretValues() });
    const stamp = new Date().toISOString().slice(0, 10);
    return {
      fileName: `patchbay-bundle-${stamp}.patchbay`,
      base64: Buffer.from(result.bytes).toString('base64'),
      bytes: result.bytes.length,
      counts: result.counts,
      scrubbed: [...result.scrubbed],
    };
  },
  'bundles.import': (ctx, { base64 }) => importBundle(ctx.db, ctx.repos, new Uint8Array(Buffer.from(base64, 'base64'))),
};
