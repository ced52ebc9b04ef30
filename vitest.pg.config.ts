import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// The engine suites that pass on PostgreSQL, run a second time on it (`npm test` runs this after
// the SQLite run): one throwaway cluster for the run, a fresh database per engine or store, and
// `withEngine` / `openTestDatabase` defaulting to it. To add a file: append its path here; it
// then runs on both dialects (its SQLite run stays in vitest.config.ts). A file qualifies once
// everything it exercises is async over Kysely (engine/host/not-yet-on-postgres.ts lists what
// is not yet); `npx vitest run --config vitest.pg.config.ts <file>` tries one.
export const postgresSuites = [
  'engine/connections/connections.test.ts',
  'engine/host/auth/api-keys.test.ts',
];

// Spread rather than mergeConfig, which would add these files to the base `include` instead of replacing it.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: postgresSuites,
    globalSetup: [...[base.test?.globalSetup ?? []].flat(), 'engine/testing/postgres-global-setup.ts'],
  },
});
