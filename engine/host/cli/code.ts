import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { PatchbayError } from '../../errors/patchbay-error';
import { MAX_MEMORY_MB, MAX_TIMEOUT_MS, MIN_MEMORY_MB, MIN_TIMEOUT_MS } from '../../sandbox/limits';
import { createSandbox } from '../../sandbox/sandbox';
import type { CodeLanguage } from '../../sandbox/types';
import { intFlag, parseArgs, stringFlag, type ParsedArgs } from './args';
import type { CliCommand, CliIo } from './command';
import { printJson, readJsonFile } from './io';

const USAGE =
  'patchbay code run --file code.ts [--input input.json] [--timeout-ms N] [--memory-mb N] [--batch] [--language js|ts]\n' +
  '  patchbay code check --file code.ts [--language js|ts]';

function readCode(io: CliIo, args: ParsedArgs): { code: string; language: CodeLanguage } {
  const file = stringFlag(args, 'file');
  if (!file) throw new PatchbayError('bad_request', `Give the code file with --file. Usage: ${USAGE}`);
  let code: string;
  try {
    code = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch {
    throw new PatchbayError('not_found', `Cannot read code file "${file}".`, { path: file });
  }
  const flag = stringFlag(args, 'language');
  if (flag !== undefined && flag !== 'js' && flag !== 'ts') throw new PatchbayError('bad_request', '--language is js or ts.');
  const ext = extname(file).toLowerCase();
  return { code, language: flag ?? (ext === '.ts' || ext === '.mts' || ext === '.cts' ? 'ts' : 'js') };
}

function limitFlag(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const v = intFlag(args, name);
  if (v !== undefined && (v < min || v > max)) throw new PatchbayError('bad_request', `--${name} must be between ${min} and ${max} (got ${v}).`);
  return v;
}

/**
 * `code run` runs a Custom Code function in the same sandbox as the engine and prints
 * `{ ok, output, console, error }`; it exits 1 when the code failed, so scripts can test code.
 * `code check` only transpiles and loads it.
 */
export const codeCommand: CliCommand = {
  name: 'code',
  summary: 'Run or check Custom Code in the sandbox; prints { ok, output, console, error }',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'run' && sub !== 'check') throw new PatchbayError('bad_request', `Unknown "code" sub-command "${sub ?? ''}". Usage: ${USAGE}`);
    const args = parseArgs(rest, ['batch']);
    const { code, language } = readCode(io, args);
    const sandbox = createSandbox({ maxIsolates: 1 });
    try {
      if (sub === 'check') {
        const error = await sandbox.check(code, language);
        printJson(io, { ok: error === null, error });
        return error === null ? 0 : 1;
      }
      const inputFile = stringFlag(args, 'input');
      const input = inputFile === undefined ? null : readJsonFile(io, inputFile, 'input');
      const r = await sandbox.run({
        code,
        language,
        input,
        timeoutMs: limitFlag(args, 'timeout-ms', MIN_TIMEOUT_MS, MAX_TIMEOUT_MS),
        memoryMb: limitFlag(args, 'memory-mb', MIN_MEMORY_MB, MAX_MEMORY_MB),
        batch: args.flags.batch === true,
      });
      printJson(io, r.ok ? { ok: true, output: r.output, console: r.console, error: null } : { ok: false, output: null, console: r.console, error: r.error });
      return r.ok ? 0 : 1;
    } finally {
      sandbox.dispose();
    }
  },
};
