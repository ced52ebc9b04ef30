// Codes for the server's PostgreSQL database (`patchbay migrate`, later `patchbay server` and
// `patchbay worker`). The desktop's SQLite file reports through the host codes instead.
export const storageErrorCodes = {
  invalid_database_url: 'The database address is not a PostgreSQL URL; pass postgres://user:password@host:port/database.',
  database_unavailable: 'The PostgreSQL server could not be reached or refused the login; check the address, the user and password, and that PostgreSQL is running.',
} as const;
