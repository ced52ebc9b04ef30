import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TempPostgres } from '../testing/postgres';
import { sqliteSchema } from '../testing/schema-snapshot';
import { renderTables } from '../testing/tables-source';
import { openDatabase } from './db';
import { postgresKysely, sqliteKysely } from './kysely';
import { migratePg } from './migrations';

const tablesFile = fileURLToPath(new URL('./tables.ts', import.meta.url));

let cluster: TempPostgres;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  await cluster?.stop();
});

describe('the typed tables (engine/storage/tables.ts)', () => {
  it('match the schema the migrations build', () => {
    const db = openDatabase(':memory:');
    const expected = renderTables(sqliteSchema(db).tables);
    db.close();
    if (process.env.PATCHBAY_WRITE_TABLES === '1') writeFileSync(tablesFile, expected);
    // When this fails after a new migration, regenerate the file with the command at its top.
    expect(readFileSync(tablesFile, 'utf8')).toBe(expected);
  });

  it('type one query that runs the same on SQLite and PostgreSQL', async () => {
    const sqlite = openDatabase(':memory:');
    const pool = new pg.Pool({ connectionString: await cluster.database(), max: 2 });
    // An idle client told by the stopping test server to go away (57P01) must not fail the run.
    pool.on('error', () => undefined);
    const client = await pool.connect();
    await migratePg(client);
    client.release();
    for (const k of [sqliteKysely(sqlite), postgresKysely(pool)]) {
      const now = new Date().toISOString();
      await k.insertInto('workflow_state').values({ scope: 'inst_1:wf_1', key: 'watermark', value: JSON.stringify('2026-11-30T00:00:00Z'), updated_at: now }).execute();
      // The repositories' upsert, portable: both dialects know ON CONFLICT … DO UPDATE.
      await k.insertInto('workflow_state').values({ scope: 'inst_1:wf_1', key: 'watermark', value: JSON.stringify('2026-11-30T12:00:00Z'), updated_at: now })
        .onConflict((oc) => oc.columns(['scope', 'key']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: eb.ref('excluded.updated_at') })))
        .execute();
      const rows = await k.selectFrom('workflow_state').select(['key', 'value', 'updated_at']).where('scope', '=', 'inst_1:wf_1').execute();
      expect(rows).toEqual([{ key: 'watermark', value: '"2026-11-30T12:00:00Z"', updated_at: now }]);
      const activity = await k.insertInto('activity').values({ installation_id: 'inst_1', at: now, actor: 'analyst', action: 'activated' }).returning(['id', 'details']).executeTakeFirstOrThrow();
      expect(activity).toEqual({ id: 1, details: '{}' });
    }
    await pool.end();
    sqlite.close();
  });
});
