import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PatchbayError } from '../../errors/patchbay-error';
import { mapMany, ERROR_POLICIES, type ErrorPolicy } from '../../mapping/apply';
import { compileMapping } from '../../mapping/compiled';
import { readJson, readRulesFile } from '../../mapping/files';
import { parseArgs, stringFlag } from './args';
import type { CliCommand } from './command';

const USAGE = 'patchbay map --mapping rules.json|sheet.csv|sheet.xlsx --input records.json [--output out.json] [--on-error fail_record|null_field]';

/**
 * Maps a record (or an array of records) with a mapping and prints the result JSON; the error
 * list goes to stderr as `{ code, message, details: { errors } }`, and the exit code is 1 when
 * any record had an error. With fail_record (the default) such records are left out.
 */
export const mapCommand: CliCommand = {
  name: 'map',
  summary: 'Apply a field mapping to a record or an array of records; prints the mapped JSON',
  usage: USAGE,
  async run(argv, io) {
    const args = parseArgs(argv);
    const mappingFile = stringFlag(args, 'mapping');
    const inputFile = stringFlag(args, 'input');
    if (!mappingFile || !inputFile) throw new PatchbayError('bad_request', `Give --mapping and --input. Usage: ${USAGE}`);
    const policy = (stringFlag(args, 'on-error') ?? 'fail_record') as ErrorPolicy;
    if (!ERROR_POLICIES.includes(policy)) throw new PatchbayError('bad_request', `--on-error is fail_record or null_field. Usage: ${USAGE}`);
    const compiled = compileMapping(await readRulesFile(io.cwd, mappingFile));
    const input = readJson(io.cwd, inputFile, 'input');
    const single = !Array.isArray(input);
    const result = await mapMany(compiled, single ? [input] : input, policy);
    const output = single ? (result.records[0] ?? null) : result.records;
    const text = `${JSON.stringify(output, null, 2)}\n`;
    const outFile = stringFlag(args, 'output');
    if (outFile) {
      writeFileSync(resolve(io.cwd, outFile), text);
      io.stdout(`${JSON.stringify({ written: outFile, records: single ? (output === null ? 0 : 1) : result.records.length, failed: result.failed.length })}\n`);
    } else {
      io.stdout(text);
    }
    if (result.errors.length === 0) return 0;
    const total = single ? 1 : input.length;
    io.stderr(
      `${JSON.stringify({
        code: 'mapping_record_failed',
        message: `${result.failed.length} of ${total} record(s) had mapping errors${policy === 'fail_record' ? ' and were left out' : '; the failed fields are null'}`,
        details: { errors: result.errors },
      })}\n`,
    );
    return 1;
  },
};
