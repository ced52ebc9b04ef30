import type { ErrorPayload } from '../errors/patchbay-error';

const statusByCode: Readonly<Record<string, number>> = {
  bad_request: 400,
  json_too_deep: 400,
  unauthorized: 401,
  auth_required: 401,
  api_key_invalid: 401,
  api_key_revoked: 401,
  sign_in_failed: 401,
  auth_rate_limited: 429,
  forbidden_for_role: 403,
  user_name_taken: 409,
  api_key_name_taken: 409,
  forbidden: 403,
  origin_not_allowed: 403,
  not_found: 404,
  unknown_method: 404,
  rev_conflict: 409,
  released_immutable: 409,
  payload_too_large: 413,
  mapping_import_too_large: 413,
  bundle_too_large: 413,
  bundle_conflict: 409,
  internal: 500,
};

/** HTTP status for an engine error; domain errors the user can fix are 422. */
export function httpStatusFor(error: ErrorPayload): number {
  return statusByCode[error.code] ?? 422;
}
