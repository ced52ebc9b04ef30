import Database from 'better-sqlite3';
import { sql, type RawBuilder } from 'kysely';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, withClient, type TempPostgres } from '../testing/postgres';
import { postgresSchema, sqliteSchema } from '../testing/schema-snapshot';
import { tempDir } from '../testing/temp-engine';
import { openDatabase } from './db';
import { migrate, migratePg, migrations } from './migrations';
import { migrationContext } from './migrations/context';
import { migratePostgres } from './migrations/postgres';
import { migrateSqlite } from './migrations/sqlite';
import type { Dialect, Migration } from './migrations/types';

// The same numbered migrations on a real SQLite file and a real (throwaway) PostgreSQL cluster.

const latest = migrations[migrations.length - 1]?.version ?? 0;

let cluster: TempPostgres;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(async () => {
  await cluster?.stop();
});

/** One database of either dialect, driven the same way by the test; closed after each test. */
interface Target {
  migrate(upTo?: number): Promise<number>;
  /** Runs a migration list of the test's own (today's plus one more). */
  migrateWith(list: readonly Migration[]): Promise<number>;
  run(statement: RawBuilder<unknown>): Promise<void>;
  rows<T>(statement: RawBuilder<unknown>): Promise<T[]>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function open(dialect: Dialect): Promise<Target> {
  const compiler = migrationContext(dialect).db;
  if (dialect === 'sqlite') {
    const dir = tempDir();
    const file = join(dir.path, 'patchbay.db');
    let db = new Database(file);
    cleanups.push(async () => {
      db.close();
      dir.remove();
    });
    return {
      async migrate(upTo) {
        if (upTo !== undefined) return migrate(db, upTo);
        // To the latest as the engine does it: reopened through openDatabase.
        db.close();
        db = openDatabase(file);
        return db.pragma('user_version', { simple: true }) as number;
      },
      async migrateWith(list) {
        return migrateSqlite(db, list, Number.POSITIVE_INFINITY);
      },
      async run(statement) {
        const q = statement.compile(compiler);
        db.prepare(q.sql).run(...q.parameters);
      },
      async rows<T>(statement: RawBuilder<unknown>) {
        const q = statement.compile(compiler);
        return db.prepare(q.sql).all(...q.parameters) as T[];
      },
    };
  }
  const client = await connect(await cluster.database());
  return {
    migrate: async (upTo) => (await migratePg(client, upTo)).to,
    migrateWith: async (list) => (await migratePostgres(client, list, Number.POSITIVE_INFINITY)).to,
    async run(statement) {
      const q = statement.compile(compiler);
      await client.query(q.sql, [...q.parameters]);
    },
    async rows<T>(statement: RawBuilder<unknown>) {
      const q = statement.compile(compiler);
      return (await client.query(q.sql, [...q.parameters])).rows as T[];
    },
  };
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  cleanups.push(() => client.end());
  return client;
}

describe.each<Dialect>(['sqlite', 'postgres'])('every migration on %s', (dialect) => {
  it('carries rows written at old versions to the latest, transformed as each migration says', async () => {
    const db = await open(dialect);
    expect(await db.migrate(1)).toBe(1);
    await db.run(sql`INSERT INTO workflows (id, name, rev, doc, created_at, updated_at) VALUES ('w1', ${'Fetch Historical Orders'}, 1, ${'{"blocks":[],"edges":[]}'}, 'then', 'then')`);
    expect(await db.migrate(2)).toBe(2);
    await db.run(sql`INSERT INTO connections (id, name, kind, config, secrets, created_at, updated_at) VALUES ('c1', 'Acme NetSuite', 'netsuite', '{}', ${'{"tokenSecret":"sealed"}'}, 'then', 'then')`);
    expect(await db.migrate(9)).toBe(9);
    await db.run(sql`INSERT INTO integrations (id, name, created_at, updated_at) VALUES ('i', 'Order Sync', 'then', 'then')`);
    for (const [id, customer, status, enabled] of [['polling', 'Acme', 'installed', 1], ['disabled', 'Globex', 'installed', 0], ['draft', 'Initech', 'draft', 1]] as const) {
      await db.run(sql`INSERT INTO installations (id, integration_id, customer_name, status, enabled, created_at, updated_at) VALUES (${id}, 'i', ${customer}, ${status}, ${enabled}, 'then', '2026-01-01T00:00:00.000Z')`);
    }
    expect(await db.migrate(12)).toBe(12);
    await db.run(sql`INSERT INTO releases (id, integration_id, version, created_at) VALUES ('rel1', 'i', 1, 'then')`);
    await db.run(sql`INSERT INTO released_versions (id, release_id, workflow_id, name, doc) VALUES ('v1', 'rel1', 'w1', 'Fetch', '{}')`);
    await db.run(sql`INSERT INTO forks (id, installation_id, workflow_id, ancestor_version_id, rev, doc, created_at, updated_at) VALUES ('uv1', 'polling', 'w1', 'v1', 1, '{}', 'then', 'then')`);
    await db.run(sql`INSERT INTO fork_revisions (fork_id, rev, doc, ancestor_version_id, saved_at) VALUES ('uv1', 1, '{}', 'v1', 'then')`);
    await db.run(sql`INSERT INTO runs (id, workflow_name, doc, mode, status, started_at, version_ref) VALUES ('r0', 'Fetch', '{}', 'live', 'succeeded', 'then', 'fork:uv1')`);
    await db.run(sql`INSERT INTO activity (installation_id, at, actor, action) VALUES ('polling', 'then', 'user', 'fork_saved')`);
    expect(await db.migrate(15)).toBe(15);
    await db.run(sql`INSERT INTO api_keys (id, name, prefix, key_hash, created_at) VALUES ('k1', 'publisher', 'pb_000000000000', 'digest', 'then')`);

    expect(await db.migrate()).toBe(latest);
    // 016: a key made before roles existed could do everything, so it is an admin; publishing with it keeps working.
    expect(await db.rows(sql`SELECT name, role FROM api_keys`)).toEqual([{ name: 'publisher', role: 'admin' }]);
    // 013: user-specific versions keep their rows, revisions and references under the glossary's name.
    expect(await db.rows(sql`SELECT id, rev FROM user_versions`)).toEqual([{ id: 'uv1', rev: 1 }]);
    expect(await db.rows(sql`SELECT user_version_id, rev FROM user_version_revisions`)).toEqual([{ user_version_id: 'uv1', rev: 1 }]);
    expect(await db.rows(sql`SELECT version_ref FROM runs WHERE id = 'r0'`)).toEqual([{ version_ref: 'userVersion:uv1' }]);
    expect(await db.rows(sql`SELECT action FROM activity`)).toEqual([{ action: 'user_version_saved' }]);
    await db.run(sql`DELETE FROM runs WHERE id = 'r0'`);
    expect(await db.rows(sql`SELECT name, doc, integration_id FROM workflows`)).toEqual([{ name: 'Fetch Historical Orders', doc: '{"blocks":[],"edges":[]}', integration_id: null }]);
    // 009 added the setting with its default to the connection that already existed.
    expect(await db.rows(sql`SELECT secrets, hide_response_bodies FROM connections`)).toEqual([{ secrets: '{"tokenSecret":"sealed"}', hide_response_bodies: 0 }]);
    // 010: only the installation that was already polling counts as activated.
    expect(await db.rows(sql`SELECT id, activated_at FROM installations ORDER BY id`)).toEqual([
      { id: 'disabled', activated_at: null },
      { id: 'draft', activated_at: null },
      { id: 'polling', activated_at: '2026-01-01T00:00:00.000Z' },
    ]);
    // 012's columns arrive with their defaults on rows written before it.
    await db.run(sql`INSERT INTO runs (id, workflow_name, doc, mode, status, started_at) VALUES ('r1', 'Fetch', '{}', 'live', 'running', 'now')`);
    expect(await db.rows(sql`SELECT crash_count, resume_mark, step_count FROM runs`)).toEqual([{ crash_count: 0, resume_mark: null, step_count: 0 }]);
    // 015: an installation is published once per server; publishing again replaces the row.
    await db.run(sql`INSERT INTO servers (id, name, url, api_key, created_at, updated_at) VALUES ('s1', 'Production', 'https://pb.example.com', 'pb1:sealed', 'now', 'now')`);
    await db.run(sql`INSERT INTO sent_publications (installation_id, server_id, published_at) VALUES ('polling', 's1', 'first')`);
    await expect(db.run(sql`INSERT INTO sent_publications (installation_id, server_id, published_at) VALUES ('polling', 's1', 'again')`)).rejects.toThrow();
    await db.run(sql`INSERT INTO received_publications (installation_id, published_by, published_at) VALUES ('polling', 'ana@laptop', 'now')`);
    expect(await db.rows(sql`SELECT s.name, p.published_at, r.published_by FROM sent_publications p JOIN servers s ON s.id = p.server_id JOIN received_publications r ON r.installation_id = p.installation_id`))
      .toEqual([{ name: 'Production', published_at: 'first', published_by: 'ana@laptop' }]);
  });

  it('runs a data migration that reads rows and rewrites them in code', async () => {
    const db = await open(dialect);
    await db.migrate();
    for (const [id, doc] of [['w1', { name: 'Fetch', notes: 'old' }], ['w2', { name: 'Listen' }]] as const) {
      await db.run(sql`INSERT INTO workflows (id, name, rev, doc, created_at, updated_at) VALUES (${id}, ${doc.name}, 1, ${JSON.stringify(doc)}, 'then', 'then')`);
    }
    // The kind of migration a document change needs: read each row, transform it in JS, write it back.
    const renameNotes: Migration = {
      version: latest + 1,
      name: 'workflow documents call their notes a description',
      *up(m) {
        const rows = yield* m.rows<{ id: string; doc: string }>(m.db.selectFrom('workflows').select(['id', 'doc']).orderBy('id'));
        for (const row of rows) {
          const { notes, ...rest } = JSON.parse(row.doc) as { notes?: string };
          if (notes === undefined) continue;
          yield* m.exec(m.db.updateTable('workflows').set({ doc: JSON.stringify({ ...rest, description: notes }) }).where('id', '=', row.id));
        }
      },
    };
    expect(await db.migrateWith([...migrations, renameNotes])).toBe(latest + 1);
    expect(await db.rows(sql`SELECT id, doc FROM workflows ORDER BY id`)).toEqual([
      { id: 'w1', doc: '{"name":"Fetch","description":"old"}' },
      { id: 'w2', doc: '{"name":"Listen"}' },
    ]);
  });

  it('has the database itself refuse changes to a release', async () => {
    const db = await open(dialect);
    await db.migrate();
    await db.run(sql`INSERT INTO integrations (id, name, created_at, updated_at) VALUES ('i', 'Order Sync', 'now', 'now')`);
    await db.run(sql`INSERT INTO releases (id, integration_id, version, created_at) VALUES ('r1', 'i', 1, 'now')`);
    await db.run(sql`INSERT INTO released_versions (id, release_id, workflow_id, name, doc) VALUES ('v1', 'r1', 'w', 'Fetch', '{}')`);
    await expect(db.run(sql`UPDATE releases SET notes = 'edited' WHERE id = 'r1'`)).rejects.toThrow(/released_immutable/);
    await expect(db.run(sql`DELETE FROM released_versions WHERE id = 'v1'`)).rejects.toThrow(/released_immutable/);
    await expect(db.run(sql`INSERT INTO releases (id, integration_id, version, created_at) VALUES ('r2', 'i', 1, 'now')`)).rejects.toThrow(/unique/i);
    expect(await db.rows(sql`SELECT notes FROM releases`)).toEqual([{ notes: '' }]);
  });
});

describe('PostgreSQL schema', () => {
  it('has the same tables, columns, keys, indexes and triggers as SQLite, and records each migration', async () => {
    const client = await connect(await cluster.database());
    expect(await migratePg(client)).toEqual({ from: 0, to: latest });
    const sqlite = openDatabase(':memory:');
    const expected = sqliteSchema(sqlite).tables;
    sqlite.close();
    expect(await postgresSchema(client)).toEqual(expected);
    const ledger = await client.query<{ version: number; name: string }>('SELECT version, name FROM patchbay_migrations ORDER BY version');
    expect(ledger.rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
    expect(await migratePg(client)).toEqual({ from: latest, to: latest });
    expect((await client.query('SELECT version FROM patchbay_migrations')).rowCount).toBe(migrations.length);
  });

  it('migrates once when a server and workers start at the same moment', async () => {
    const url = await cluster.database();
    const clients = await Promise.all([connect(url), connect(url), connect(url)]);
    // One of them migrates from 0; the others wait for its lock and find nothing to do.
    const results = await Promise.all(clients.map((c) => migratePg(c)));
    expect(results.map((r) => r.to)).toEqual([latest, latest, latest]);
    expect(results.map((r) => r.from).sort((a, b) => a - b)).toEqual([0, latest, latest]);
    const ledger = await withClient(url, (c) => c.query('SELECT version FROM patchbay_migrations'));
    expect(ledger.rowCount).toBe(migrations.length);
  });

  it('leaves nothing of a migration that fails half-way, and says which version the database is at', async () => {
    const client = await connect(await cluster.database());
    await migratePg(client);
    const broken: Migration = {
      version: latest + 1,
      name: 'fails after its first statement',
      *up(m) {
        yield* m.exec(m.schema.createTable('half_written').addColumn('id', 'text'), sql`SELECT no_such_column FROM runs`);
      },
    };
    await expect(migratePostgres(client, [...migrations, broken], Number.POSITIVE_INFINITY)).rejects.toThrow(/no_such_column/);
    expect((await client.query(`SELECT to_regclass('half_written') AS t`)).rows).toEqual([{ t: null }]);
    expect((await client.query('SELECT max(version) AS v FROM patchbay_migrations')).rows).toEqual([{ v: latest }]);
  });

  it('refuses a database from a newer Patchbay', async () => {
    const client = await connect(await cluster.database());
    await migratePg(client);
    await client.query(`INSERT INTO patchbay_migrations (version, name, applied_at) VALUES ($1, 'from the future', 'later')`, [latest + 1]);
    await expect(migratePg(client)).rejects.toMatchObject({ code: 'database_too_new', message: expect.stringMatching(/newer than this Patchbay/) });
  });
});
