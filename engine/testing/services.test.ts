import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, withClient, type TempPostgres } from './postgres';
import { redisCommand, startRedis, type TempRedis } from './redis';

describe('throwaway PostgreSQL', () => {
  let cluster: TempPostgres;
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('gives each test its own empty database on a real server', async () => {
    const a = await cluster.database();
    const b = await cluster.database();
    await withClient(a, (c) => c.query('CREATE TABLE only_in_a (x integer)'));
    const tables = async (url: string): Promise<string[]> =>
      withClient(url, async (c) => (await c.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)).rows.map((r) => r.table_name));
    expect(await tables(a)).toEqual(['only_in_a']);
    expect(await tables(b)).toEqual([]);
    const version = await withClient(a, async (c) => (await c.query<{ server_version_num: string }>('SHOW server_version_num')).rows[0]?.server_version_num);
    expect(Number(version)).toBeGreaterThanOrEqual(130000);
  });

  it('is gone once stopped', async () => {
    const other = await startPostgres();
    await other.stop();
    await expect(withClient(other.url, (c) => c.query('SELECT 1'))).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('without the servers installed', () => {
  it('fails saying what to install, rather than skipping', async () => {
    const advice = /sudo apt-get install -y --no-install-recommends postgresql redis-server` \(the install step of \.ci\/run\)/;
    await expect(startPostgres({ binDir: '/nonexistent/postgresql/bin' })).rejects.toThrow(advice);
    await expect(startRedis({ server: '/nonexistent/redis-server' })).rejects.toThrow(advice);
  });
});

describe('throwaway Redis', () => {
  let redis: TempRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('answers on its loopback port, and stops answering once stopped', async () => {
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await redisCommand(redis.port, 'SET queue ready')).toBe('+OK');
    expect(await redisCommand(redis.port, 'GET queue')).toBe('$5');
    await redis.stop();
    expect(await redisCommand(redis.port, 'PING')).toBeUndefined();
  });
});
