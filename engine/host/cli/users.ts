import { PatchbayError } from '../../errors/patchbay-error';
import { isRole, roles } from '../../shared/roles';
import { parseArgs, stringFlag } from './args';
import type { CliCommand } from './command';
import { printJson } from './io';
import { readPassword } from './password-input';
import { withCliEngine } from './with-engine';

function roleFlag(value: string | undefined) {
  if (value && isRole(value)) return value;
  throw new PatchbayError('bad_request', `Give the user's role with --role ${roles.join('|')} (viewer reads; operator also runs, activates and pauses; admin does everything).`);
}

export const usersCommand: CliCommand = {
  name: 'users',
  summary: 'Add, list or remove the users who sign in with a name and password when Patchbay serves with --auth api-keys, or set a password (read from a prompt, --password-file F or stdin)',
  usage: 'patchbay users add <name> --role admin|operator|viewer [--password-file F] | list | remove <name> | passwd <name> [--password-file F] [--data-dir D] [--database postgres://…]',
  async run(argv, io) {
    const args = parseArgs(argv);
    const [sub, name] = args.positionals;
    if ((sub === 'add' || sub === 'passwd' || sub === 'remove') && !name) throw new PatchbayError('bad_request', `Name the user: patchbay users ${sub} <name>.`);
    // Read before the engine opens, so a refused --password or a typo costs nothing.
    const role = sub === 'add' ? roleFlag(stringFlag(args, 'role')) : undefined;
    const password = sub === 'add' || sub === 'passwd' ? await readPassword(args, io, io.stdin ?? process.stdin) : '';
    return withCliEngine(args, io, async (engine) => {
      if (sub === 'add' && name && role) {
        printJson(io, await engine.call('users.add', { name, role, password }));
        return 0;
      }
      if (sub === 'passwd' && name) {
        printJson(io, await engine.call('users.passwd', { user: name, password }));
        io.stderr(`${name}'s browser sessions have ended; they sign in again with the new password.\n`);
        return 0;
      }
      if (sub === 'remove' && name) {
        printJson(io, await engine.call('users.remove', { user: name }));
        return 0;
      }
      if (sub === 'list') {
        printJson(io, await engine.call('users.list', {}));
        return 0;
      }
      throw new PatchbayError('bad_request', `Usage: ${this.usage}`);
    });
  },
};
