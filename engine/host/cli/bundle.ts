import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PatchbayError } from '../../api/errors';
import { parseArgs, stringFlag } from './args';
import type { CliCommand } from './command';
import { printJson } from './io';
import { withCliEngine } from './with-engine';

const list = (v: string | undefined): string[] => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);

export const bundleCommand: CliCommand = {
  name: 'bundle',
  summary: 'Export workflows, integrations and user-specific versions to a bundle, or import one',
  usage: 'patchbay bundle export [--workflows ID,..] [--integrations ID,..] [--custom ID,..] --out FILE | import FILE [--data-dir D]',
  async run(argv, io) {
    const args = parseArgs(argv);
    const [sub, file] = args.positionals;
    return withCliEngine(args, io, async (engine) => {
      if (sub === 'export') {
        const out = stringFlag(args, 'out');
        if (!out) throw new PatchbayError('bad_request', 'Give the bundle file to write with --out FILE.');
        const result = await engine.call('bundles.export', {
          workflowIds: list(stringFlag(args, 'workflows')),
          integrationIds: list(stringFlag(args, 'integrations')),
          forkIds: list(stringFlag(args, 'custom')),
        });
        writeFileSync(resolve(io.cwd, out), Buffer.from(result.base64, 'base64'));
        printJson(io, { file: out, bytes: result.bytes, counts: result.counts, scrubbed: result.scrubbed });
        return 0;
      }
      if (sub === 'import' && file) {
        let bytes: Buffer;
        try {
          bytes = readFileSync(resolve(io.cwd, file));
        } catch {
          throw new PatchbayError('not_found', `Cannot read bundle file "${file}".`);
        }
        printJson(io, await engine.call('bundles.import', { base64: bytes.toString('base64') }));
        return 0;
      }
      throw new PatchbayError('bad_request', `Usage: ${this.usage}`);
    });
  },
};
