import { PatchbayError } from '../../errors/patchbay-error';
import { migratePostgresUrl, redactDatabaseUrl } from '../../storage/postgres';
import { parseArgs, stringFlag } from './args';
import type { CliCommand } from './command';

// `patchbay migrate --database postgres://…`: brings a server database to this Patchbay's schema
// (the same numbered migrations the desktop's SQLite file gets when Patchbay opens it). Safe to run
// again, and while other Patchbay processes start: one migrates, the others wait.
export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Create or upgrade a PostgreSQL database to this Patchbay\'s schema (prints {"database","from","to"})',
  usage: 'patchbay migrate --database postgres://user:password@host:5432/patchbay   (or PATCHBAY_DATABASE_URL)',
  async run(argv, io) {
    const args = parseArgs(argv);
    const url = stringFlag(args, 'database') ?? io.env.PATCHBAY_DATABASE_URL;
    if (!url || args.positionals.length > 0) {
      throw new PatchbayError('bad_request', `Usage: ${this.usage}. SQLite data folders need no command: Patchbay migrates them when it opens them.`);
    }
    const { from, to } = await migratePostgresUrl(url);
    io.stdout(`${JSON.stringify({ database: redactDatabaseUrl(url), from, to })}\n`);
    io.stderr(from === to ? `The database is already at schema ${to}.\n` : `Migrated the database from schema ${from} to ${to}.\n`);
    return 0;
  },
};
