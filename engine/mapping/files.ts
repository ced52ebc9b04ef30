import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { mappingError } from './errors';
import { parseRules } from './compiled';
import type { Rule } from './rules';
import { importMapping } from './spreadsheet';
import { isPatchbayError, jsonTooDeep } from '../errors/patchbay-error';
import { parseJsonWithin } from '../shared/json-depth';

// Reading a mapping from a file for the CLI: rules JSON (a list, `{ "rules": [...] }` or a Map
// Fields block config), or a CSV/XLSX mapping sheet.

export const MAX_RULES_FILE_BYTES = 8 * 1024 * 1024;

export function readBytes(cwd: string, path: string, what: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(resolve(cwd, path)));
  } catch {
    throw mappingError('mapping_bad_input', `cannot read the ${what} file "${path}"`, { path });
  }
}

export function rulesFromJson(value: unknown): Rule[] {
  const list = Array.isArray(value) ? value : value !== null && typeof value === 'object' && 'rules' in value ? (value as { rules: unknown }).rules : value;
  return parseRules(list);
}

export async function readRulesFile(cwd: string, path: string): Promise<Rule[]> {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.xlsx') {
    return (await importMapping(readBytes(cwd, path, 'mapping'), { fileName: path })).rules;
  }
  const bytes = readBytes(cwd, path, 'mapping');
  if (bytes.length > MAX_RULES_FILE_BYTES) throw mappingError('mapping_import_too_large', `the mapping file "${path}" is larger than 8 MB`);
  let value: unknown;
  try {
    value = parseJsonWithin(new TextDecoder().decode(bytes), () => jsonTooDeep(`The mapping file "${path}"`));
  } catch (e) {
    if (isPatchbayError(e)) throw e;
    throw mappingError('mapping_invalid_rules', `the mapping file "${path}" is not JSON (${(e as Error).message}); give rules JSON or a .csv/.xlsx sheet`, { path });
  }
  return rulesFromJson(value);
}

export function readJson(cwd: string, path: string, what: string): unknown {
  const bytes = readBytes(cwd, path, what);
  try {
    return parseJsonWithin(new TextDecoder().decode(bytes), () => jsonTooDeep(`The ${what} file "${path}"`));
  } catch (e) {
    if (isPatchbayError(e)) throw e;
    throw mappingError('mapping_bad_input', `the ${what} file "${path}" is not valid JSON: ${(e as Error).message}`, { path });
  }
}
