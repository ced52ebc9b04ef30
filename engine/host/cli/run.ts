import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PatchbayError } from '../../api/errors';
import { createEngine } from '../engine';
import { defaultDataDir } from '../data-dir';
import { parseArgs, stringFlag } from './args';
import type { CliCommand } from './command';
import { parseJsonArg, printJson, readJsonFile } from './io';

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Run a workflow document and print the run with every step as JSON',
  usage: 'patchbay run <workflow.json> [--input JSON] [--mode live|test] [--data-dir D]',
  async run(argv, io) {
    const args = parseArgs(argv);
    const file = args.positionals[0];
    if (!file) throw new PatchbayError('bad_request', `Give the workflow file: ${this.usage}`);
    const doc = readJsonFile(io, file, 'workflow');
    const input = stringFlag(args, 'input') !== undefined ? parseJsonArg(stringFlag(args, 'input') as string, '--input') : {};
    const mode = stringFlag(args, 'mode') ?? 'live';
    if (mode !== 'live' && mode !== 'test') throw new PatchbayError('bad_request', '--mode is live or test.');
    const dataDirFlag = stringFlag(args, 'data-dir');
    const dataDir = dataDirFlag ? resolve(io.cwd, dataDirFlag) : io.env.PATCHBAY_DATA_DIR ? defaultDataDir(io.env) : mkdtempSync(join(tmpdir(), 'patchbay-run-'));
    const engine = await createEngine({ dataDir, resume: false, retention: false });
    try {
      const run = await engine.call('runs.start', { doc: doc as never, input, mode, wait: true });
      const steps = await engine.call('runs.steps', { runId: run.id });
      printJson(io, {
        run,
        steps: steps.map((s) => ({ blockId: s.blockId, kind: s.blockKind, iteration: s.iteration, status: s.status, durationMs: s.durationMs, output: s.output, error: s.error })),
      });
      return run.status === 'failed' || run.status === 'cancelled' ? 1 : 0;
    } finally {
      await engine.close();
    }
  },
};
