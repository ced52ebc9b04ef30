import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isPatchbayError, PatchbayError, toErrorPayload } from '../../errors/patchbay-error';
import { parseJson } from '../../api/safe-json';
import type { CliIo } from './command';

export function readJsonFile(io: CliIo, path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), 'utf8');
  } catch {
    throw new PatchbayError('not_found', `Cannot read ${what} file "${path}".`, { path });
  }
  try {
    return parseJson(text, `The ${what} file "${path}"`);
  } catch (e) {
    if (isPatchbayError(e)) throw e;
    throw new PatchbayError('bad_request', `${what} file "${path}" is not valid JSON: ${(e as Error).message}`, { path });
  }
}

export function parseJsonArg(text: string, flag: string): unknown {
  try {
    return parseJson(text, flag);
  } catch (e) {
    if (isPatchbayError(e)) throw e;
    throw new PatchbayError('bad_request', `${flag} must be JSON, e.g. ${flag} '{"orderId": 42}'.`);
  }
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** Errors go to stderr as one JSON line with the contract's code; exit code 1. */
export function printError(io: CliIo, e: unknown): number {
  io.stderr(`${JSON.stringify(toErrorPayload(e))}\n`);
  return 1;
}
