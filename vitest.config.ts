import { defineConfig } from 'vitest/config';

// Unit and integration tests. isolated-vm needs --no-node-snapshot in every worker.
export default defineConfig({
  test: {
    include: ['engine/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'electron/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/package/**', 'node_modules/**'],
    pool: 'forks',
    execArgv: ['--no-node-snapshot'],
    globalSetup: ['test/setup/block-catalog.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
