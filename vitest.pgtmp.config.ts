import { defineConfig } from 'vitest/config';
import pgConfig from './vitest.pg.config';
export default defineConfig({ ...pgConfig, test: { ...pgConfig.test, include: ['test/engine/install-races.test.ts', 'test/engine/upgrade-stranded.test.ts'] } });
