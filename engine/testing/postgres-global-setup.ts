import { startPostgres, type TempPostgres } from './postgres';
import { TEST_DATABASE_ENV, TEST_POSTGRES_URL_ENV } from './test-database';

// vitest.pg.config.ts's globalSetup: one throwaway cluster for the whole run; every test database
// (`withEngine`, `openTestDatabase`) is a fresh database on it. The variables reach the test
// processes, which vitest starts after this.

let cluster: TempPostgres | undefined;

export async function setup(): Promise<void> {
  cluster = await startPostgres();
  process.env[TEST_DATABASE_ENV] = 'postgres';
  process.env[TEST_POSTGRES_URL_ENV] = cluster.url;
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
}
