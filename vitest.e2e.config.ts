import { defineConfig } from 'vitest/config';

// End-to-end tests: headless Debian Chromium (playwright-core) against browser mode, which the
// tests start in-process. `npm run test:e2e` builds the renderer first.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    pool: 'forks',
    execArgv: ['--no-node-snapshot'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
