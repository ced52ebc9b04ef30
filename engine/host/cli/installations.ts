import { PatchbayError } from '../../api/errors';
import { parseArgs, stringFlag } from './args';
import type { CliCommand } from './command';
import { printJson } from './io';
import { withCliEngine } from './with-engine';

export const installationsCommand: CliCommand = {
  name: 'installations',
  summary: 'List installations, or show one with its connections, workflows and activity',
  usage: 'patchbay installations list [--search TEXT] | show <id> [--data-dir D]',
  async run(argv, io) {
    const args = parseArgs(argv);
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
      throw new PatchbayError('bad_request', `Usage: ${this.usage}`);
    });
  },
};
