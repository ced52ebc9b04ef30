import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { errorCodes, PatchbayError } from '../../errors/patchbay-error';
import { serverBaseUrl } from '../../publish/server-client';
import { publishToServer } from '../publish-to-server';
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
    serverBaseUrl(url); // server_url_invalid before the key is read or the engine opened
    const apiKey = await apiKeyFrom(args, io);
    return withCliEngine(args, io, async (engine) => {
      const ctx = engine.context;
      const integrations = (await ctx.repos.integrations.list()).filter((i) => i.id === which || i.name === which);
      if (integrations.length !== 1) {
        throw new PatchbayError(integrations.length === 0 ? 'not_found' : 'bad_request', integrations.length === 0
          ? `No integration "${which}" here; \`patchbay bundle\` and the app list them by name and id.`
          : `Several integrations are named "${which}"; give its id instead.`);
      }
      const integration = integrations[0] as (typeof integrations)[number];
      // The app's path, so this desktop remembers the publication as the app does (Settings › Servers).
      const { result, server, added } = await publishToServer(ctx, { url, apiKey }, integration.id);
      printJson(io, result);
      io.stderr(`${publishedSummary(result, server.url)}\n`);
      if (added) {
        io.stderr(`Added ${server.url} to Settings › Servers as "${server.name}" (its API key sealed as the app seals it), so this desktop remembers what it published there.\n`);
      }
      if (result.installations.length > 0) {
        io.stderr(`The published installations run on the server from now on: this desktop refuses to activate them or run them live until one is taken back (Take back, on its installation page in the app).\n`);
      }
      return 0;
    });
  },
};
