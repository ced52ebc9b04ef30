// Codes of the production runner (`patchbay server` / `patchbay worker` over Redis).
export const queueErrorCodes = {
  worker_too_old: 'A run was enqueued by a newer Patchbay than this worker; upgrade the worker (the run waits for one that can run it).',
  run_retries_exhausted: 'Queue workers tried this run as many times as they may (their processes or threads kept stopping under it); check the workers\' logs for why, then run it again.',
  redis_auth_failed: 'Redis refused the user name or password in the --redis URL; put the ones Redis expects in it (redis://:PASSWORD@HOST:6379) and start again.',
  secrets_key_missing: 'A worker has no copy of the server\'s secrets key (secrets.key); copy it into the worker\'s data dir (mode 0600) or point --secrets-key at it, then start the worker again.',
} as const;
