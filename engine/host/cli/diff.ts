import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isPatchbayError, PatchbayError, toErrorPayload } from '../../errors/patchbay-error';
import { parseJson } from '../../api/safe-json';
import { diffWorkflows } from '../../model/diff';
import { workflowDocSchema, type WorkflowDoc } from '../../model/workflow';
import { parseArgs, stringFlag, type ParsedArgs } from './args';
import type { CliCommand, CliIo } from './command';

// `patchbay diff <a> <b>`: the structural diff of two workflow documents as JSON on stdout.
// Arguments are resolved by a loader so the CLI entry can add version ids later; the default
// loader reads JSON files holding a workflow document, or a record/version with a `doc` field.
// `--data-dir D` (resolved against the working folder) and `--database postgres://…` (or
// PATCHBAY_DATABASE_URL) tell a loader that reads ids where to look.

/** Where a loader that reads ids looks: the data folder, and a server's PostgreSQL when given. */
export interface DataSource {
  readonly dataDir: string | undefined;
  /** As given (the loader that opens it checks it), so a diff of two files never looks at it. */
  readonly database: string | undefined;
}

export type WorkflowLoader = (ref: string, io: CliIo, source: DataSource) => Promise<WorkflowDoc>;

export const loadWorkflowFile: WorkflowLoader = async (ref, io) => {
  const file = resolve(io.cwd, ref);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const missing = e instanceof Error && 'code' in e && e.code === 'ENOENT';
    throw new PatchbayError(missing ? 'not_found' : 'bad_request', missing ? `No file at ${file}; check the path.` : `Could not read ${file}.`, { file });
  }
  let json: unknown;
  try {
    json = parseJson(text, file);
  } catch (e) {
    if (isPatchbayError(e)) throw e;
    throw new PatchbayError('bad_request', `${file} is not JSON; pass an exported workflow document.`, { file });
  }
  const candidate = typeof json === 'object' && json !== null && 'doc' in json && !('blocks' in json) ? json.doc : json;
  const parsed = workflowDocSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new PatchbayError('invalid_workflow', `${file} is not a workflow document; fix the listed fields.`, {
      file,
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  return parsed.data;
};

export function makeDiffCommand(load: WorkflowLoader = loadWorkflowFile, usage = 'patchbay diff <fileA.json> <fileB.json>'): CliCommand {
  return {
    name: 'diff',
    summary: 'Print the structural diff of two workflow versions as JSON',
    usage,
    async run(argv, io) {
      let args: ParsedArgs | undefined;
      try {
        args = parseArgs(argv.filter((a) => a !== '--'));
      } catch {
        // a flag without its value: answered with the usage below
      }
      const [a, b] = args?.positionals ?? [];
      const flagsOk = args !== undefined && Object.keys(args.flags).every((f) => f === 'data-dir' || f === 'database');
      if (!args || !flagsOk || args.positionals.length !== 2 || a === undefined || b === undefined || args.positionals.some((x) => x.startsWith('-'))) {
        const error = new PatchbayError('bad_request', `Usage: ${usage} (the older version first).`);
        io.stderr(JSON.stringify(error.toPayload()) + '\n');
        return 2;
      }
      const dataDirFlag = stringFlag(args, 'data-dir');
      const dataDir = dataDirFlag === undefined ? undefined : resolve(io.cwd, dataDirFlag);
      try {
        const source: DataSource = { dataDir, database: stringFlag(args, 'database') ?? io.env.PATCHBAY_DATABASE_URL };
        const [docA, docB] = await Promise.all([load(a, io, source), load(b, io, source)]);
        io.stdout(JSON.stringify(diffWorkflows(docA, docB), null, 2) + '\n');
        return 0;
      } catch (e) {
        io.stderr(JSON.stringify(toErrorPayload(e)) + '\n');
        return 1;
      }
    },
  };
}

export const diffCommand: CliCommand = makeDiffCommand();
