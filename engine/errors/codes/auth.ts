// Codes of the bridge's authentication when Patchbay serves a team (`--auth api-keys`), part of
// the one error table. Messages never carry a key, a password or a session token.
export const authErrorCodes = {
  auth_required: 'Sign in: with your name and password (or an API key) on the sign-in page, or send `Authorization: Bearer <key>`. An administrator creates users with `patchbay users add <name> --role <role>` and keys with `patchbay apikeys create --name <who>`.',
  api_key_invalid: 'That is not an API key this server issued; paste the whole key (it starts with pb_) or ask an administrator for a new one.',
  api_key_revoked: 'That API key was revoked; ask an administrator for a new one (`patchbay apikeys create --name <who>`).',
  auth_rate_limited: 'Too many failed sign-ins from this address; wait the seconds given in Retry-After, then try again.',
  api_key_name_taken: 'An API key that is not revoked already has this name; choose another name, or revoke the old key first.',
  listen_needs_auth: 'Listening beyond loopback needs authentication: add `--auth api-keys --public-url https://<address users open>`, or listen on 127.0.0.1 behind a reverse proxy.',
  public_url_required: 'Listening beyond loopback needs `--public-url https://<address users open>`, so Patchbay accepts requests addressed to it.',
  sign_in_failed: 'That name and password do not match a user of this server; check both and try again, or ask an administrator (`patchbay users passwd <name>`).',
  forbidden_for_role: 'Your role does not allow this; ask an administrator for a user or API key with the role named in the details.',
  user_name_taken: 'A user with this name already exists; choose another name, or change that user\'s password with `patchbay users passwd <name>`.',
  password_too_short: 'Passwords are at least 12 characters; choose a longer one (a passphrase of a few words is easy to type and hard to guess).',
  password_unreadable: 'The password could not be read; give it on a TTY prompt, in --password-file F, or on stdin.',
} as const;
