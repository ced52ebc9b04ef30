// Codes of the bridge's authentication when Patchbay serves a team (`--auth api-keys`), part of
// the one error table. Messages never carry a key or a session token.
export const authErrorCodes = {
  auth_required: 'Sign in with an API key: paste it on the sign-in page, or send `Authorization: Bearer <key>`. An administrator creates one with `patchbay apikeys create --name <who>`.',
  api_key_invalid: 'That is not an API key this server issued; paste the whole key (it starts with pb_) or ask an administrator for a new one.',
  api_key_revoked: 'That API key was revoked; ask an administrator for a new one (`patchbay apikeys create --name <who>`).',
  auth_rate_limited: 'Too many failed sign-ins from this address; wait the seconds given in Retry-After, then try again.',
  api_key_name_taken: 'An API key that is not revoked already has this name; choose another name, or revoke the old key first.',
  listen_needs_auth: 'Listening beyond loopback needs authentication: add `--auth api-keys --public-url https://<address users open>`, or listen on 127.0.0.1 behind a reverse proxy.',
  public_url_required: 'Listening beyond loopback needs `--public-url https://<address users open>`, so Patchbay accepts requests addressed to it.',
} as const;
