import type { CliCommand, CliIo } from './command';
import { apikeysCommand } from './apikeys';
import { usersCommand } from './users';
import { bundleCommand } from './bundle';
import { codeCommand } from './code';
import { diffCommand } from './diff-versions';
import { installationsCommand } from './installations';
import { mapCommand } from './map';
import { mappingCommand } from './mapping';
import { migrateCommand } from './migrate';
import { printError } from './io';
import { publishCommand } from './publish';
import { regressCommand } from './regress';
import { runCommand } from './run';
import { serveCommand } from './serve';
import { serverCommand } from './server';
import { workerCommand } from './worker';
import { simulatorCommand } from './simulator';

const commands: readonly CliCommand[] = [serveCommand, serverCommand, workerCommand, runCommand, mapCommand, mappingCommand, installationsCommand, bundleCommand, simulatorCommand, codeCommand, diffCommand, regressCommand, migrateCommand, apikeysCommand, usersCommand, publishCommand];

function help(io: CliIo): void {
  io.stdout(`Patchbay CLI\n\n${commands.map((c) => `  ${c.usage}\n      ${c.summary}`).join('\n')}\n`);
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    help(io);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`${JSON.stringify({ code: 'bad_request', message: `Unknown command "${name}". Run \`patchbay help\` for the list.` })}\n`);
    return 2;
  }
  // `patchbay server --help`: the command's own usage, before its flags are parsed (where --help
  // would be taken for a flag that needs a value).
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n    ${command.summary}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    return printError(io, e);
  }
}

const io: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  env: process.env,
};

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  void main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
