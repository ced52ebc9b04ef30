import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PatchbayError } from '../../errors/patchbay-error';
import { readBytes, readJson, readRulesFile } from '../../mapping/files';
import { validateMapping } from '../../mapping/preview';
import { targetFieldSchema } from '../../mapping/rules';
import { exportMapping, importMapping } from '../../mapping/spreadsheet';
import { suggestMappings } from '../../mapping/suggest';
import { customFieldsFromMetadata } from '../../mapping/suggest/metadata';
import { intFlag, parseArgs, stringFlag } from './args';
import type { CliCommand } from './command';
import { printJson } from './io';

const USAGE =
  'patchbay mapping import sheet.csv|sheet.xlsx [--existing rules.json]\n' +
  '  patchbay mapping export rules.json --format csv|xlsx --out FILE\n' +
  '  patchbay mapping suggest [--mapping rules.json] --sample records.json --targets targets.json [--metadata schema.json] [--limit N]\n' +
  '  patchbay mapping validate rules.json|sheet.csv';

async function importSheet(argv: readonly string[], cwd: string): Promise<unknown> {
  const args = parseArgs(argv);
  const file = args.positionals[0];
  if (!file) throw new PatchbayError('bad_request', `Give the sheet to import. Usage: ${USAGE}`);
  const existingFile = stringFlag(args, 'existing');
  const existing = existingFile ? await readRulesFile(cwd, existingFile) : undefined;
  const { rules } = await importMapping(readBytes(cwd, file, 'sheet'), { fileName: file, existing });
  return rules;
}

async function exportSheet(argv: readonly string[], cwd: string): Promise<unknown> {
  const args = parseArgs(argv);
  const file = args.positionals[0];
  const format = stringFlag(args, 'format');
  const out = stringFlag(args, 'out');
  if (!file || !out || (format !== 'csv' && format !== 'xlsx')) throw new PatchbayError('bad_request', `Give the rules file, --format csv|xlsx and --out. Usage: ${USAGE}`);
  const rules = await readRulesFile(cwd, file);
  writeFileSync(resolve(cwd, out), await exportMapping(rules, format));
  return { written: out, format, rules: rules.length };
}

async function suggest(argv: readonly string[], cwd: string): Promise<unknown> {
  const args = parseArgs(argv);
  const sampleFile = stringFlag(args, 'sample');
  const targetsFile = stringFlag(args, 'targets');
  if (!sampleFile || !targetsFile) throw new PatchbayError('bad_request', `Give --sample and --targets. Usage: ${USAGE}`);
  const mappingFile = stringFlag(args, 'mapping');
  const rules = mappingFile ? await readRulesFile(cwd, mappingFile) : [];
  const rawTargets = readJson(cwd, targetsFile, 'targets');
  const parsed = targetFieldSchema.or(targetFieldSchema.shape.path).array().safeParse(rawTargets);
  if (!parsed.success) {
    throw new PatchbayError('bad_request', `The targets file must be a list of paths or of { "path", "label", "type", "required" }: ${parsed.error.issues[0]?.message ?? ''}`);
  }
  // --metadata: the record's schema from NetSuite's metadata catalog, for custom field labels.
  const metadataFile = stringFlag(args, 'metadata');
  const sourceFields = metadataFile ? customFieldsFromMetadata(readJson(cwd, metadataFile, 'metadata')) : [];
  return suggestMappings({ rules, sample: readJson(cwd, sampleFile, 'sample'), targets: parsed.data, sourceFields, limit: intFlag(args, 'limit') });
}

/** `mapping import|export|suggest|validate`: spreadsheet round trip and help writing mappings. */
export const mappingCommand: CliCommand = {
  name: 'mapping',
  summary: 'Import or export a mapping sheet (CSV/XLSX), suggest sources for unmapped targets, validate rules',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'import':
        printJson(io, await importSheet(rest, io.cwd));
        return 0;
      case 'export':
        printJson(io, await exportSheet(rest, io.cwd));
        return 0;
      case 'suggest':
        printJson(io, await suggest(rest, io.cwd));
        return 0;
      case 'validate': {
        const file = parseArgs(rest).positionals[0];
        if (!file) throw new PatchbayError('bad_request', `Give the rules file. Usage: ${USAGE}`);
        let rules: unknown;
        try {
          rules = await readRulesFile(io.cwd, file);
        } catch (e) {
          const details = (e as { details?: { issues?: unknown } }).details;
          if (!details?.issues) throw e;
          printJson(io, { ok: false, issues: details.issues });
          return 1;
        }
        const res = validateMapping(rules);
        printJson(io, { ok: res.ok, issues: res.issues });
        return res.ok ? 0 : 1;
      }
      default:
        throw new PatchbayError('bad_request', `Unknown "mapping" sub-command "${sub ?? ''}". Usage: ${USAGE}`);
    }
  },
};
