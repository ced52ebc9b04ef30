// Codes of the production runner (`patchbay server` / `patchbay worker` over Redis).
export const queueErrorCodes = {
  worker_too_old: 'A run was enqueued by a newer Patchbay than this worker; upgrade the worker (the run waits for one that can run it).',
} as const;
