import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PatchbayError } from '../../errors/patchbay-error';
import type { BundlePlanItem } from '../../api/methods/bundles';
import { parseArgs, stringFlag } from './args';
import { bundleBytesAt, inspect, pack, unpack } from './bundle-files';
import type { CliCommand } from './command';
import { printJson } from './io';
import { withCliEngine } from './with-engine';

const list = (v: string | undefined): string[] => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);

const USAGE = [
  'patchbay bundle export [--integrations ID,..] [--releases ID,..] [--customers INSTALLATION_ID,..] [--custom USER_VERSION_ID,..] [--workflows ID,..] --out FILE [--data-dir D] [--database postgres://…]',
  '  patchbay bundle import FILE|DIR [--dry-run] [--as-copy] [--data-dir D] [--database postgres://…]',
  '  patchbay bundle unpack FILE DIR | pack DIR --out FILE [--rehash] | inspect FILE|DIR',
].join('\n');

/** Plan items grouped the way a reviewer reads them. */
function grouped(items: readonly BundlePlanItem[]) {
  const pick = (action: BundlePlanItem['action']) => items.filter((i) => i.action === action).map(({ action: _, ...rest }) => rest);
  return { added: pick('add'), updated: pick('update'), unchanged: pick('unchanged'), conflicting: pick('conflict') };
}

export const bundleCommand: CliCommand = {
  name: 'bundle',
  summary: 'Export, import, unpack to a folder for git, pack, or inspect a workflow bundle',
  usage: USAGE,
  async run(argv, io) {
    const args = parseArgs(argv, ['dry-run', 'as-copy', 'rehash']);
    const [sub, first, second] = args.positionals;
    if (sub === 'unpack') return unpack(io, first, second);
    if (sub === 'pack') return pack(io, first, args);
    if (sub === 'inspect') return inspect(io, first);
    if (sub === 'import' && first) {
      // Read and check before opening the data folder: a bad bundle never touches it.
      const base64 = Buffer.from(bundleBytesAt(io, first)).toString('base64');
      const asCopy = args.flags['as-copy'] === true;
      return withCliEngine(args, io, async (engine) => {
        if (args.flags['dry-run'] === true) {
          const preview = await engine.call('bundles.preview', { base64, asCopy });
          printJson(io, { dryRun: true, formatVersion: preview.formatVersion, exportedAt: preview.exportedAt, ...grouped(preview.items) });
          return 0;
        }
        const result = await engine.call('bundles.import', { base64, asCopy });
        const { conflicting: _, ...rest } = grouped(result.items);
        printJson(io, { ...rest, integrations: result.integrations, workflows: result.workflows });
        return 0;
      });
    }
    if (sub === 'export') {
      const out = stringFlag(args, 'out');
      if (!out) throw new PatchbayError('bad_request', 'Give the bundle file to write with --out FILE.');
      const releases = stringFlag(args, 'releases');
      return withCliEngine(args, io, async (engine) => {
        const result = await engine.call('bundles.export', {
          workflowIds: list(stringFlag(args, 'workflows')),
          integrationIds: list(stringFlag(args, 'integrations')),
          ...(releases !== undefined ? { releaseIds: list(releases) } : {}),
          userVersionIds: list(stringFlag(args, 'custom')),
          installationIds: list(stringFlag(args, 'customers')),
        });
        writeFileSync(resolve(io.cwd, out), Buffer.from(result.base64, 'base64'));
        printJson(io, { file: out, bytes: result.bytes, counts: result.counts, scrubbed: result.scrubbed });
        return 0;
      });
    }
    throw new PatchbayError('bad_request', `Usage: ${USAGE}`);
  },
};
