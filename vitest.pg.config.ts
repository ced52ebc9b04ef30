import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// The engine suites that pass on PostgreSQL, run a second time on it (`npm test` runs this after
// the SQLite run): one throwaway cluster for the run, a fresh database per engine or store, and
// `withEngine` / `openTestDatabase` / `testDatabase` defaulting to it. To add a file: append its
// path here and try it with `npx vitest run --config vitest.pg.config.ts <file>` (a file not
// listed is filtered out); it then runs on both dialects (its SQLite run stays in vitest.config.ts).
export const postgresSuites = [
  'engine/connections/connections.test.ts',
  'engine/host/auth/api-keys.test.ts',
  'engine/bundle/bundle.test.ts',
  'engine/bundle/layout.test.ts',
  'engine/bundle/zip.test.ts',
  'engine/connectors/registry.test.ts',
  'engine/host/dispatch.test.ts',
  'engine/host/handlers/code.test.ts',
  'engine/host/handlers/mapping-fields.test.ts',
  'engine/host/handlers/mapping.test.ts',
  'engine/runtime/blocks/catalog.test.ts',
  'engine/runtime/blocks/custom-code/custom-code.engine.test.ts',
  'engine/runtime/blocks/map-fields/map-fields.run.test.ts',
  'engine/runtime/blocks/netsuite-suiteql/netsuite-suiteql.engine.test.ts',
  'engine/runtime/run-loop.test.ts',
  'engine/runtime/workflow-state.test.ts',
  'test/engine/connection-in-use.test.ts',
  'test/engine/idempotency-keys.test.ts',
  'test/engine/installations.test.ts',
  'test/engine/lifecycle.test.ts',
  'test/engine/order-sync.test.ts',
  'test/engine/regression.test.ts',
  'test/engine/shared-mappings.test.ts',
  'test/engine/test-sync.test.ts',
  'test/engine/upgrade-while-running.test.ts',
  'test/engine/write-back-echo.test.ts',
  'test/engine/paged-resume.test.ts',
  'test/engine/resume.test.ts',
  'test/engine/hidden-bodies.test.ts',
  'test/engine/run-volume.test.ts',
  'test/engine/fetch-failure-resume.test.ts',
  'test/engine/stream-cancel.test.ts',
  'test/engine/stream-rerun.test.ts',
  'test/engine/run-workers.test.ts',
  'test/engine/publish.test.ts',
  'engine/host/queue/queue.test.ts',
  'engine/runtime/blocks/netsuite/own-writes.test.ts',
  'engine/storage/retention.test.ts',
  'engine/runtime/journal.test.ts',
  'engine/installations/seed-watermarks.test.ts',
  // The CLI, the bridge, the run-worker pool and the NetSuite blocks (branch pg-cli). A command a
  // test runs gets the database with --database or PATCHBAY_DATABASE_URL, as an operator gives it.
  // Left out: engine/host/cli/migrate.test.ts already runs on PostgreSQL (its own cluster) in the base run.
  'engine/host/cli/bundle.test.ts',
  'engine/host/cli/diff-versions.test.ts',
  'engine/host/cli/installations.test.ts',
  'engine/host/cli/regress.test.ts',
  'engine/host/cli/serve.test.ts',
  'engine/host/bridge.test.ts',
  'engine/host/bridge-api-keys.test.ts',
  'engine/host/bridge-actor.test.ts',
  'engine/host/run-workers/pool.test.ts',
  'engine/runtime/blocks/netsuite/netsuite-blocks.test.ts',
  'engine/runtime/blocks/netsuite-suiteql/netsuite-suiteql.test.ts',
  // Users with passwords and roles (branch users): the store and sessions, the CLI, and the bridge's refusals.
  'engine/host/auth/users.test.ts',
  'engine/host/cli/users.test.ts',
  'engine/host/bridge-users.test.ts',
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
