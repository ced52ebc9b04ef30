import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyLegacyMigrations, legacySqliteMigrations } from '../testing/legacy-sqlite-migrations';
import { sqliteSchema } from '../testing/schema-snapshot';
import { tempDir } from '../testing/temp-engine';
import { openDatabase } from './db';
import { migrate, migrations } from './migrations';

// The migrations were re-expressed once for two dialects (Kysely's schema builder). Users' SQLite
// databases were made by the SQL that shipped before: these tests hold the new definitions to it.

const lastLegacy = legacySqliteMigrations[legacySqliteMigrations.length - 1]?.version ?? 0;
const latest = migrations[migrations.length - 1]?.version ?? 0;

function withFile<T>(fn: (file: string) => T): T {
  const dir = tempDir();
  try {
    return fn(join(dir.path, 'patchbay.db'));
  } finally {
    dir.remove();
  }
}

describe('SQLite schema from the two-dialect migrations', () => {
  it('builds, from scratch, exactly the schema the shipped SQL migrations built', () => {
    withFile((file) => {
      const shipped = new Database(':memory:');
      applyLegacyMigrations(shipped, lastLegacy);
      const fresh = new Database(file);
      expect(migrate(fresh, lastLegacy)).toBe(lastLegacy);
      const expected = sqliteSchema(shipped);
      expect(Object.keys(expected.tables)).toHaveLength(21);
      expect(sqliteSchema(fresh)).toEqual(expected);
      // The shape above does not spell out every detail; the raw column lists must agree too.
      for (const table of Object.keys(expected.tables)) {
        expect(fresh.prepare('SELECT name, upper(type) AS type, "notnull", dflt_value, pk FROM pragma_table_info(?)').all(table)).toEqual(
          shipped.prepare('SELECT name, upper(type) AS type, "notnull", dflt_value, pk FROM pragma_table_info(?)').all(table),
        );
      }
      expect(fresh.pragma('user_version', { simple: true })).toBe(shipped.pragma('user_version', { simple: true }));
      shipped.close();
      fresh.close();
    });
  });

  it.each(legacySqliteMigrations.map((m) => m.version))('migrates on a database the shipped SQL left at version %i, to the same schema as a new one', (version) => {
    withFile((file) => {
      const old = new Database(file);
      applyLegacyMigrations(old, version);
      old.close();
      const upgraded = openDatabase(file);
      const fresh = openDatabase(':memory:');
      expect(upgraded.pragma('user_version', { simple: true })).toBe(latest);
      expect(sqliteSchema(upgraded)).toEqual(sqliteSchema(fresh));
      upgraded.close();
      fresh.close();
    });
  });

  it('keeps the database refusing changes to released versions (released_immutable)', () => {
    const db = openDatabase(':memory:');
    db.exec(`INSERT INTO integrations (id, name, created_at, updated_at) VALUES ('i', 'Order Sync', 'now', 'now');
      INSERT INTO releases (id, integration_id, version, created_at) VALUES ('r1', 'i', 1, 'now');`);
    expect(() => db.exec(`UPDATE releases SET notes = 'changed' WHERE id = 'r1'`)).toThrow(/released_immutable/);
    expect(() => db.exec(`DELETE FROM releases WHERE id = 'r1'`)).toThrow(/released_immutable/);
    db.close();
  });
});
