import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { errorCodes, PatchbayError } from '../../errors/patchbay-error';
import { publishIntegration } from '../../publish/publish';
import { serverBaseUrl, ServerClient } from '../../publish/server-client';
import { PublicationsStore } from '../../storage/publications-store';
import { ServersStore } from '../../storage/servers-store';
import { desktopName } from '../handlers/servers';
import { parseArgs, stringFlag, type ParsedArgs } from './args';
import type { CliCommand, CliIo } from './command';
import { printJson } from './io';
import { withCliEngine } from './with-engine';
import { publishedSummary } from '../../shared/publish-summary';

// `patchbay publish`: what Settings › Servers › Publish does, from a terminal or CI. The API key
// comes from a file or the environment, never from an argument (shell history, `ps`).

async function apiKeyFrom(args: ParsedArgs, io: CliIo): Promise<string> {
  if (args.flags['api-key'] !== undefined) {
    throw new PatchbayError('bad_request', 'An API key given as an argument lands in shell history; put it in a file (--api-key-file F) or in PATCHBAY_API_KEY.');
  }
  const file = stringFlag(args, 'api-key-file');
  if (file) {
    try {
      const key = (await readFile(resolve(io.cwd, file), 'utf8')).trim();
      if (key) return key;
    } catch {
      // Said below without the OS error, which could quote the path only.
    }
    throw new PatchbayError('api_key_file_unreadable', `${errorCodes.api_key_file_unreadable} (${file})`);
  }
  const fromEnv = io.env.PATCHBAY_API_KEY?.trim();
  if (fromEnv) return fromEnv;
  throw new PatchbayError('bad_request', 'Give the server\'s API key with --api-key-file F (a file holding only the key) or the PATCHBAY_API_KEY environment variable.');
}

export const publishCommand: CliCommand = {
  name: 'publish',
  summary: "Publish an integration (releases, installations, user-specific versions, mappings, connections sealed for the server's key) to a Patchbay server",
  usage: 'patchbay publish --server URL (--api-key-file F | env PATCHBAY_API_KEY) <integration id or name> [--data-dir D]',
  async run(argv, io) {
    const args = parseArgs(argv);
    const [which] = args.positionals;
    const url = stringFlag(args, 'server');
    if (!url || !which) throw new PatchbayError('bad_request', `Usage: ${this.usage}`);
    const client = new ServerClient(url, await apiKeyFrom(args, io));
    return withCliEngine(args, io, async (engine) => {
      const ctx = engine.context;
      const integrations = (await ctx.repos.integrations.list()).filter((i) => i.id === which || i.name === which);
      if (integrations.length !== 1) {
        throw new PatchbayError(integrations.length === 0 ? 'not_found' : 'bad_request', integrations.length === 0
          ? `No integration "${which}" here; \`patchbay bundle\` and the app list them by name and id.`
          : `Several integrations are named "${which}"; give its id instead.`);
      }
      const integration = integrations[0] as (typeof integrations)[number];
      const result = await publishIntegration({ repos: ctx.repos, connections: ctx.connections, database: ctx.database, secrets: ctx.secrets.secretValues() }, client, integration.id, desktopName());
      // The app's installation list says "Published to …" for a server it knows by this URL.
      const known = (await new ServersStore(ctx.database).list()).find((s) => s.url === serverBaseUrl(url).href);
      if (known) await new PublicationsStore(ctx.database).recordSent(known.id, result.installations.map((i) => i.id), result.publishedAt);
      printJson(io, result);
      io.stderr(`${publishedSummary(result, client.url)}\n`);
      if (!known && result.installations.length > 0) {
        // Without a server row there is nothing to remember the publication by, so nothing refuses to run them here.
        io.stderr(`This desktop does not know ${client.url} (Settings › Servers), so it does not remember this publication and will not refuse to activate these installations here; add the server there to have it remembered.\n`);
      }
      return 0;
    });
  },
};
