import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PatchbayError } from '../../errors/patchbay-error';
import type { RunRecord } from '../../api/records';
import { openBundlePath } from '../../bundle/open';
import { createEngine, type Engine } from '../engine';
import { defaultDataDir } from '../data-dir';
import { installationConfigSchema, runFromBundle } from '../headless-run';
import { intFlag, parseArgs, stringFlag, type ParsedArgs } from './args';
import type { CliCommand, CliIo } from './command';
import { parseJsonArg, printJson, readJsonFile } from './io';

async function printRun(engine: Engine, io: CliIo, run: RunRecord): Promise<number> {
  const steps = await engine.call('runs.steps', { runId: run.id });
  printJson(io, {
    run,
    steps: steps.map((s) => ({ blockId: s.blockId, kind: s.blockKind, iteration: s.iteration, status: s.status, durationMs: s.durationMs, output: s.output, error: s.error })),
  });
  return run.status === 'failed' || run.status === 'cancelled' ? 1 : 0;
}

function installationConfig(io: CliIo, args: ParsedArgs) {
  const file = stringFlag(args, 'installation-config');
  if (file === undefined) return installationConfigSchema.parse({});
  const parsed = installationConfigSchema.safeParse(readJsonFile(io, file, 'installation config'));
  if (!parsed.success) {
    throw new PatchbayError('bad_request', `Installation config "${file}" is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'} ${i.message}`).join('; ')}`, { path: file });
  }
  return parsed.data;
}

/** A bundled workflow on the given data folder, or on a throwaway one removed afterwards. */
async function runBundle(io: CliIo, args: ParsedArgs, input: unknown, mode: 'live' | 'test'): Promise<number> {
  const workflow = stringFlag(args, 'workflow');
  if (!workflow) throw new PatchbayError('bad_request', 'Name the workflow to run: --workflow NAME.');
  const content = openBundlePath(resolve(io.cwd, stringFlag(args, 'bundle') as string)).content;
  const config = installationConfig(io, args);
  const dataDirFlag = stringFlag(args, 'data-dir');
  const dataDir = dataDirFlag ? resolve(io.cwd, dataDirFlag) : mkdtempSync(join(tmpdir(), 'patchbay-bundle-run-'));
  const engine = await createEngine({ dataDir, resume: false });
  try {
    const run = await runFromBundle(engine, content, { workflow, config, env: io.env, input, mode, testLimit: intFlag(args, 'test-limit') });
    return await printRun(engine, io, run);
  } finally {
    await engine.close();
    if (!dataDirFlag) rmSync(dataDir, { recursive: true, force: true });
  }
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Run a workflow document, or a workflow of a bundle, and print the run with every step as JSON',
  usage: [
    'patchbay run <workflow.json> [--input JSON] [--mode live|test] [--data-dir D]',
    '  patchbay run --bundle FILE|DIR --workflow NAME [--installation-config FILE] [--input JSON] [--mode live|test] [--test-limit N] [--data-dir D]',
  ].join('\n'),
  async run(argv, io) {
    const args = parseArgs(argv);
    const input = stringFlag(args, 'input') !== undefined ? parseJsonArg(stringFlag(args, 'input') as string, '--input') : {};
    const mode = stringFlag(args, 'mode') ?? 'live';
    if (mode !== 'live' && mode !== 'test') throw new PatchbayError('bad_request', '--mode is live or test.');
    if (stringFlag(args, 'bundle') !== undefined) return runBundle(io, args, input, mode);
    const file = args.positionals[0];
    if (!file) throw new PatchbayError('bad_request', `Give the workflow file: ${this.usage}`);
    const doc = readJsonFile(io, file, 'workflow');
    const dataDirFlag = stringFlag(args, 'data-dir');
    const dataDir = dataDirFlag ? resolve(io.cwd, dataDirFlag) : io.env.PATCHBAY_DATA_DIR ? defaultDataDir(io.env) : mkdtempSync(join(tmpdir(), 'patchbay-run-'));
    const engine = await createEngine({ dataDir, resume: false, retention: false });
    try {
      const run = await engine.call('runs.start', { doc: doc as never, input, mode, wait: true });
      return await printRun(engine, io, run);
    } finally {
      await engine.close();
    }
  },
};
