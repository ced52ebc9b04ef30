import { authErrorCodes } from './codes/auth';
import { bundleErrorCodes } from './codes/bundle';
import { codeErrorCodes } from './codes/code';
import { connectionErrorCodes } from './codes/connections';
import { hostErrorCodes } from './codes/host';
import { lifecycleErrorCodes } from './codes/lifecycle';
import { mappingErrorCodes } from './codes/mapping';
import { goldenErrorCodes } from './codes/golden';
import { queueErrorCodes } from './codes/queue';
import { storageErrorCodes } from './codes/storage';
import { publishErrorCodes } from './codes/publish';
import { jsonTooDeepMessage, MAX_JSON_DEPTH } from '../shared/json-depth';

// One table of stable error codes. Hosts return `{ code, message, details }`; a code never changes
// meaning once shipped, so the renderer, CLI and tests may branch on it.
const coreErrorCodes = {
  bad_request: 'The request was malformed; check the arguments against the method schema.',
  unknown_method: 'No such engine method.',
  not_found: 'The requested item does not exist (it may have been deleted).',
  rev_conflict: 'The document changed since you opened it; reload and re-apply your edit.',
  invalid_workflow: 'The workflow has errors; fix the listed blocks and try again.',
  run_failed: 'The run failed; open the failed step for details.',
  step_failed: 'A block failed while running.',
  http_error: 'The remote server answered with an error status.',
  network_error: 'The remote host could not be reached.',
  timeout: 'The operation took longer than its time limit.',
  unauthorized: 'A valid session token is required.',
  forbidden: 'This request is not allowed from this origin.',
  origin_not_allowed: 'Patchbay answers only pages it served itself; open Patchbay at the address `patchbay serve` printed.',
  payload_too_large: 'The request body is too large.',
  json_too_deep: 'The JSON is nested deeper than Patchbay accepts; flatten the data.',
  invalid_config: 'A block setting is invalid; fix it in the inspector.',
  unknown_block_kind: 'The workflow uses a block this version of Patchbay does not know.',
  not_a_list: 'A For Each needs a list to iterate.',
  cancelled: 'The run was cancelled.',
  interrupted: 'Patchbay closed while the run was in progress; run it again.',
  run_step_limit: 'The run executed more steps than a run may; look for a loop that never ends, or split the work.',
  loop_nesting_limit: 'For Each blocks are nested deeper than a run allows; flatten the loops.',
  run_worker_failed: 'Patchbay could not start the worker that executes runs; restart Patchbay, and reinstall it if this persists.',
  run_crashed_engine: 'The run stopped Patchbay twice in a row without progress, so it was not resumed; open its last step, fix the cause and run it again.',
  released_immutable: 'Released versions cannot be changed; create a draft or a user-specific version.',
  connection_missing: 'A connection the integration needs is not set; connect it and try again.',
  connection_failed: 'A connection failed its test; check its credentials.',
  no_release: 'Release the integration before installing it.',
  not_installed: 'Install the integration first.',
  installation_uninstalled: 'The installation was uninstalled.',
  installation_disabled: 'The installation is disabled; enable it or run a test sync.',
  user_version_exists: 'This installation already has a user-specific version of that workflow.',
  rebase_backwards: 'A user-specific version cannot be rebased onto an older release.',
  unresolved_conflicts: "Decide every conflict (keep the customer's version, take the new release, or edit) before accepting the rebase.",
  bundle_invalid: 'The file is not a valid Patchbay bundle; nothing was imported.',
  bundle_too_large: 'The bundle is larger than Patchbay accepts; nothing was imported.',
  auth_failed: 'The remote system refused the credentials; check the connection.',
  rate_limited: 'The remote system asked us to slow down; Patchbay retried and gave up.',
  rejected: 'The remote system rejected the data; see the detail and the field it names.',
  server_error: 'The remote system failed; try again later.',
  invalid_response: 'The remote system answered with something that is not the expected JSON.',
  invalid_connection: 'The connection settings are not valid.',
  secret_unreadable: 'A stored secret cannot be decrypted with this machine\'s key.',
  insecure_key_file: 'The secrets key file is readable by other users.',
  invalid_key_file: 'The secrets key file is damaged.',
  invalid_key: 'The secrets key is not valid.',
  not_available: 'This is not available in this host.',
  internal: 'An unexpected error occurred inside the engine.',
} as const;

export const errorCodes = { ...coreErrorCodes, ...mappingErrorCodes, ...codeErrorCodes, ...hostErrorCodes, ...bundleErrorCodes, ...lifecycleErrorCodes, ...goldenErrorCodes, ...storageErrorCodes, ...authErrorCodes, ...connectionErrorCodes, ...queueErrorCodes, ...publishErrorCodes } as const;

export type ErrorCode = keyof typeof errorCodes | (string & {});

export interface ErrorPayload {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: unknown;
}

/** The one error type the engine throws on purpose; anything else maps to `internal`. */
export class PatchbayError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? (errorCodes as Record<string, string>)[code] ?? code);
    this.name = 'PatchbayError';
    this.code = code;
    this.details = details;
  }
  toPayload(): ErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** JSON nested beyond the limit, naming the input (see engine/shared/json-depth.ts). */
export function jsonTooDeep(what: string, maxDepth: number = MAX_JSON_DEPTH): PatchbayError {
  return new PatchbayError('json_too_deep', jsonTooDeepMessage(what, maxDepth), { maxDepth });
}

export function isPatchbayError(e: unknown): e is PatchbayError {
  return e instanceof PatchbayError;
}

export function toErrorPayload(e: unknown): ErrorPayload {
  if (isPatchbayError(e)) return e.toPayload();
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message };
}
