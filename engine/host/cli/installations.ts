import { PatchbayError } from '../../errors/patchbay-error';
import { parseArgs, stringFlag } from './args';
import type { CliCommand } from './command';
import { printJson } from './io';
import { withCliEngine } from './with-engine';

export const installationsCommand: CliCommand = {
  name: 'installations',
  summary: 'List installations, show one, activate or pause it, or upgrade it to a newer release',
  usage: 'patchbay installations list [--search TEXT] | show <id> | activate <id> [--preview] | pause <id> | upgrade <id> [--preview] [--release ID] [--data-dir D] [--database postgres://…]',
  async run(argv, io) {
    const args = parseArgs(argv, ['preview']);
    const [sub, id] = args.positionals;
    return withCliEngine(args, io, async (engine) => {
      if (sub === 'list') {
        const search = stringFlag(args, 'search');
        printJson(io, await engine.call('installations.list', search ? { search } : {}));
        return 0;
      }
      if (sub === 'show' && id) {
        const installation = await engine.call('installations.get', { id });
        const activity = await engine.call('installations.activity', { id });
        printJson(io, { ...installation, activity });
        return 0;
      }
      // The CLI waits for the runs these start (a backfill, on-upgrade workflows): it exits after.
      if (sub === 'activate' && id) {
        printJson(io, args.flags.preview ? await engine.call('installations.activationPreview', { id }) : await engine.call('installations.activate', { id, wait: true }));
        return 0;
      }
      if (sub === 'pause' && id) {
        printJson(io, await engine.call('installations.pause', { id }));
        return 0;
      }
      if (sub === 'upgrade' && id) {
        const releaseId = stringFlag(args, 'release');
        printJson(io, args.flags.preview ? await engine.call('installations.upgradePreview', { id, releaseId }) : await engine.call('installations.upgrade', { id, releaseId, wait: true }));
        return 0;
      }
      throw new PatchbayError('bad_request', `Usage: ${this.usage}`);
    });
  },
};
