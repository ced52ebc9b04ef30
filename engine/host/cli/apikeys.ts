import { PatchbayError } from '../../errors/patchbay-error';
import { isRole, roles } from '../../shared/roles';
import { parseArgs, stringFlag } from './args';
import type { CliCommand } from './command';
import { printJson } from './io';
import { withCliEngine } from './with-engine';

export const apikeysCommand: CliCommand = {
  name: 'apikeys',
  summary: 'Create, list or revoke the API keys a team signs in with when Patchbay serves with --auth api-keys',
  usage: 'patchbay apikeys create --name WHO [--role admin|operator|viewer] | list | revoke <id|name> [--data-dir D] [--database postgres://…]',
  async run(argv, io) {
    const args = parseArgs(argv);
    const [sub, which] = args.positionals;
    return withCliEngine(args, io, async (engine) => {
      if (sub === 'create') {
        const name = stringFlag(args, 'name');
        if (!name) throw new PatchbayError('bad_request', 'Name the key after who uses it: patchbay apikeys create --name <who>.');
        const role = stringFlag(args, 'role') ?? 'admin';
        if (!isRole(role)) throw new PatchbayError('bad_request', `--role takes ${roles.join(', ')} (default admin, which publishing needs), not "${role}".`);
        printJson(io, await engine.call('apiKeys.create', { name, role }));
        io.stderr('Copy the "key" now: it is shown only this once (Patchbay keeps only a digest of it).\n');
        return 0;
      }
      if (sub === 'list') {
        printJson(io, await engine.call('apiKeys.list', {}));
        return 0;
      }
      if (sub === 'revoke' && which) {
        printJson(io, await engine.call('apiKeys.revoke', { key: which }));
        return 0;
      }
      throw new PatchbayError('bad_request', `Usage: ${this.usage}`);
    });
  },
};
