import { defineConfig } from 'vitest/config';

// The packaging suite: runs `npm run package -- --dir` (a full build and electron-builder), so it
// is kept apart from the unit run; `npm test` runs it after the others.
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    pool: 'forks',
    execArgv: ['--no-node-snapshot'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
